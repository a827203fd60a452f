package dev.etiquette.crm.api.interaction;

/** Who made an interaction: the party, or the business. */
public enum Direction {
  /** From the party to the business: the customer wrote, called, answered a survey, bought. */
  INBOUND,
  /** From the business to the party: an agent replied, a campaign e-mail was sent, a rep called. */
  OUTBOUND
}
