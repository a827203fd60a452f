package dev.etiquette.crm.internal;

import dev.etiquette.crm.api.spi.StorageTransaction;

/**
 * What runs inside the transaction that records an interaction or changes a conversation's state, after
 * the interaction and the conversation are written and before the commit. This is where the etiquette
 * rules (part 2 of the issue) evaluate obligations: a first or next response obligation when an inbound
 * interaction arrives, its satisfaction by an outbound reply, the pause while a conversation waits on the
 * customer, the dormancy check-in (a party's last contact per channel is in {@code tx.interactions()}), the
 * follow-up after a purchase. Notifications go to the {@link Outbox}, which writes them in {@code tx} and delivers
 * them after the commit. Whatever a hook writes through {@code tx} commits with the interaction, or not
 * at all; a hook that throws rolls the whole recording back.
 *
 * <p>A hook must not read a party's or a tenant's history: everything it needs about a conversation is in
 * {@link InteractionRecorded#before()} and {@link InteractionRecorded#after()}.
 */
interface InteractionHook {

  /** The hook that does nothing: the library before obligations exist. */
  InteractionHook NONE = new InteractionHook() {};

  /** An interaction was recorded. */
  default void recorded(StorageTransaction tx, InteractionRecorded recorded, Outbox outbox) {}

  /** The host set a conversation's state (reopenings by an inbound interaction come to {@link #recorded}). */
  default void stateChanged(StorageTransaction tx, ConversationStateChanged changed, Outbox outbox) {}
}
