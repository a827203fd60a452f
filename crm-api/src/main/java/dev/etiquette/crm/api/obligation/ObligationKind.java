package dev.etiquette.crm.api.obligation;

/** Which kind of rule created an obligation, and so what it is about. */
public enum ObligationKind {
  /** A reply to the inbound interaction that opened a conversation ({@code ResponseRule}, first response). */
  FIRST_RESPONSE,
  /** A reply to a later inbound interaction, after the business had replied ({@code ResponseRule}, next response). */
  NEXT_RESPONSE,
  /** An action after a matching event ({@code FollowUpRule}). */
  FOLLOW_UP,
  /** A check-in with a party nobody has been in touch with ({@code DormancyRule}). */
  DORMANCY
}
