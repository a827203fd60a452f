package dev.etiquette.crm.internal;

import dev.etiquette.crm.api.Actor;
import dev.etiquette.crm.api.interaction.Conversation;
import dev.etiquette.crm.api.interaction.Interaction;
import dev.etiquette.crm.api.spi.StorageTransaction;
import java.time.Instant;
import java.util.Optional;

/**
 * What runs inside the transaction that records an interaction or changes a conversation's state, after
 * the interaction and the conversation are written and before the commit. This is where the etiquette
 * rules (part 2 of the issue) evaluate obligations: a first or next response obligation when an inbound
 * interaction arrives, its satisfaction by an outbound reply, the pause while a conversation waits on the
 * customer, the dormancy check-in (a party's last contact per channel is in {@code tx.interactions()}), the
 * follow-up after a purchase. Whatever a hook writes through {@code tx} commits with the interaction, or not
 * at all; a hook that throws rolls the whole recording back.
 *
 * <p>A hook must not read a party's or a tenant's history: everything it needs about a conversation is in
 * {@link Recorded#before()} and {@link Recorded#after()}.
 */
interface InteractionHook {

  /** The hook that does nothing: the library before obligations exist. */
  InteractionHook NONE = new InteractionHook() {};

  /** An interaction was recorded. */
  default void recorded(StorageTransaction tx, Recorded recorded) {}

  /** The host set a conversation's state (reopenings by an inbound interaction come to {@link #recorded}). */
  default void stateChanged(StorageTransaction tx, StateChanged changed) {}

  /**
   * An interaction as recorded, with its conversation before and after.
   *
   * @param interaction the interaction as stored
   * @param before its conversation before it was recorded; empty when it opened one, or has none
   * @param after its conversation as stored; empty when it has none
   * @param actor who recorded it
   * @param now the library's now of the transaction
   */
  record Recorded(Interaction interaction, Optional<Conversation> before, Optional<Conversation> after,
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

  /** A conversation's state as the host changed it, by {@code actor} at {@code now}. */
  record StateChanged(Conversation before, Conversation after, Actor actor, Instant now) {}
}
