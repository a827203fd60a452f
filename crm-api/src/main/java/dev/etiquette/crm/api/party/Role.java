package dev.etiquette.crm.api.party;

/** A role a party plays for the business. A party may hold several at once, or none. */
public enum Role {
  CUSTOMER,
  PROSPECT,
  PARTNER,
  VENDOR,
  EMPLOYEE,
  /** An investor or another stakeholder in the business. */
  STAKEHOLDER
}
