package dev.etiquette.crm.api.party;

/** Whether a party is a natural person or an organization. It is fixed when the party is created. */
public enum PartyKind {
  PERSON,
  ORGANIZATION
}
