package dev.etiquette.crm.api.party;

/** What a party said about being contacted on one channel for one purpose. */
public enum ConsentStatus {
  OPTED_IN,
  OPTED_OUT,
  /** Nothing is known; the tenant's regime decides what that allows. */
  UNKNOWN
}
