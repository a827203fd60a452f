package dev.etiquette.crm.api;

/**
 * A way of reaching a party, or of being reached by one. Consent, quiet hours and preferences are kept
 * per channel.
 */
public enum Channel {
  EMAIL,
  PHONE,
  SMS,
  CHAT,
  MEETING,
  LETTER,
  SOCIAL,
  IN_APP
}
