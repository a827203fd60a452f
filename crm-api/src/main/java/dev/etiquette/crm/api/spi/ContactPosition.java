package dev.etiquette.crm.api.spi;

import static java.util.Objects.requireNonNull;

import dev.etiquette.crm.api.contact.ContactId;
import java.time.Instant;

/**
 * A place in a party's contact ledger, for keyset paging: entries come ordered by instant, then id, and a page
 * starts after the position of the previous page's last entry.
 *
 * @param at the entry's contact instant
 * @param id the entry's id
 */
public record ContactPosition(Instant at, ContactId id) {

  public ContactPosition {
    requireNonNull(at, "at");
    requireNonNull(id, "id");
  }
}
