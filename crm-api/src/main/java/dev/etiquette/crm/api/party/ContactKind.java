package dev.etiquette.crm.api.party;

/** The kinds of contact point. At most one contact point of each kind is primary on a party. */
public enum ContactKind {
  EMAIL,
  PHONE,
  POSTAL,
  WEBSITE,
  SOCIAL
}
