package dev.etiquette.crm.internal;

import dev.etiquette.crm.api.party.Party;
import dev.etiquette.crm.api.spi.StorageTransaction;
import java.time.Instant;
import java.util.List;

/**
 * What runs inside the transaction that creates or changes parties, after they are written: the dormancy rules
 * start or stop watching them. Whatever it writes commits with the parties, or not at all.
 */
interface PartyHook {

  /** The hook that does nothing. */
  PartyHook NONE = (tx, parties, created, now, outbox) -> {};

  /**
   * {@code parties} were created ({@code created}: they hold no obligations yet) or changed, as stored, at
   * {@code now}.
   */
  void changed(StorageTransaction tx, List<Party> parties, boolean created, Instant now, Outbox outbox);
}
