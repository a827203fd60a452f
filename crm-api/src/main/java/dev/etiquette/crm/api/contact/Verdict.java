package dev.etiquette.crm.api.contact;

/** What a contact decision, or one rule of it, says. A decision is {@code DENY} when any rule denies. */
public enum Verdict {
  ALLOW,
  DENY
}
