package dev.etiquette.crm.api.party;

/** What kind of change an {@link AuditEntry} records. */
public enum AuditAction {
  CREATED,
  UPDATED,
  STAGE_MOVED,
  CONSENT_RECORDED,
  ENDED,
  CONFIGURED,
  /** A conversation's state changed (set by the host, or reopened by the party's message). */
  STATE_CHANGED
}
