package dev.etiquette.crm.api.rules;

/** Which reply a {@link ResponseRule} asks for. */
public enum ResponseKind {
  /**
   * The first reply of a conversation: owed for the inbound {@code CONTACT} interaction that opens a conversation
   * (the first interaction recorded in it).
   */
  FIRST_RESPONSE,
  /**
   * Every later reply: owed for an inbound {@code CONTACT} interaction whose conversation's latest earlier
   * {@code CONTACT} interaction is outbound (the business had the last word, and the party wrote again).
   */
  NEXT_RESPONSE
}
