package dev.etiquette.crm.api.rules;

/**
 * What a contact for a purpose that needs consent requires of the party's consent record for the (channel,
 * purpose) at the contact's instant.
 */
public enum ConsentRegime {
  /** An effective opt-in is required (and, where the rules require double opt-in, its confirmation). */
  OPT_IN,
  /** Anything but an effective opt-out allows: no record, or an {@code UNKNOWN} one, is enough. */
  OPT_OUT
}
