package dev.etiquette.crm.api.interaction;

/**
 * Where a conversation stands. The host application sets it
 * ({@link Interactions#setConversationState}); the library only reopens a conversation when the party
 * writes again (see {@link Interactions#record}).
 */
public enum ConversationState {
  /** The business has the next move. */
  OPEN,
  /**
   * The business waits for the party (Zendesk's "pending"). Response deadlines pause while a conversation
   * is in this state.
   */
  WAITING_ON_CUSTOMER,
  /** Done (Zendesk's "solved"). */
  RESOLVED
}
