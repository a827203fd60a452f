package dev.etiquette.crm.api.party;

/** The legal basis for processing a party's data for a purpose, as data-protection law names them. */
public enum LegalBasis {
  CONSENT,
  CONTRACT,
  LEGAL_OBLIGATION,
  VITAL_INTERESTS,
  PUBLIC_TASK,
  LEGITIMATE_INTERESTS
}
