package dev.etiquette.crm.internal;

import dev.etiquette.crm.api.Actor;
import dev.etiquette.crm.api.interaction.Conversation;
import dev.etiquette.crm.api.interaction.Interaction;
import dev.etiquette.crm.api.party.Party;
import java.time.Instant;
import java.util.Optional;

/**
 * An interaction as recorded, with its conversation before and after, for the {@link InteractionHook}.
 *
 * @param interaction the interaction as stored
 * @param party the party it is with, as stored
 * @param before its conversation before it was recorded; empty when it opened one, or has none
 * @param after its conversation as stored; empty when it has none
 * @param actor who recorded it
 * @param now the library's now of the transaction
 */
record InteractionRecorded(Interaction interaction, Party party, Optional<Conversation> before, Optional<Conversation> after,
    Actor actor, Instant now) {

  /** Whether this interaction opened its conversation. */
  boolean opened() {
    return before.isEmpty() && after.isPresent();
  }

  /** Whether this interaction reopened its conversation (an inbound one after waiting or resolution). */
  boolean reopened() {
    return before.isPresent() && after.isPresent() && before.get().state() != after.get().state();
  }
}
