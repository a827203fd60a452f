package dev.etiquette.crm.api.interaction;

/**
 * What an interaction is. Every kind also has a {@link dev.etiquette.crm.api.Channel} (where it happened)
 * and a {@link dev.etiquette.crm.api.Purpose} (why).
 */
public enum InteractionKind {
  /**
   * A touch between the business and the party on a channel: an e-mail, a call, an SMS, a chat message, a
   * meeting, a letter, a social message, an in-app message. Either direction.
   */
  CONTACT,
  /**
   * The party answered a survey. Always {@link Direction#INBOUND}. By convention the score is the number
   * attribute {@code score} (0 to 10 for NPS, 1 to 5 for CSAT), and the survey's name the string attribute
   * {@code survey}.
   */
  SURVEY_ANSWER,
  /**
   * The party bought something. Always {@link Direction#INBOUND}. By convention the amount is the number
   * attribute {@code amount} and its ISO 4217 currency the string attribute {@code currency}.
   */
  PURCHASE,
  /**
   * Something happened to a support case (opened, escalated, solved by the helpdesk). The direction says
   * who acted: inbound when the party did, outbound when the business did.
   */
  SUPPORT_CASE_EVENT;

  /** Whether interactions of this kind are always made by the party. */
  public boolean alwaysInbound() {
    return this == SURVEY_ANSWER || this == PURCHASE;
  }
}
