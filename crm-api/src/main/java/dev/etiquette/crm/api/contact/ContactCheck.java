package dev.etiquette.crm.api.contact;

/** The kinds of rule a contact decision evaluates, in the order a receipt lists them. */
public enum ContactCheck {
  /** The purpose is exempt (transactional, service, legal): consent, do-not-contact and caps do not apply. */
  EXEMPTION,
  /** The party's do-not-contact flag. */
  DO_NOT_CONTACT,
  /** Consent for the (channel, purpose) under the purpose's regime. */
  CONSENT,
  /** One frequency cap. */
  FREQUENCY_CAP,
  /** The quiet hours of the channel in the customer's local time. */
  QUIET_HOURS
}
