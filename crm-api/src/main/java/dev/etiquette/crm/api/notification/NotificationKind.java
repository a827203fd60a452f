package dev.etiquette.crm.api.notification;

/** What a notification tells. */
public enum NotificationKind {
  /** An obligation's deadline is near: its warning fell. */
  OBLIGATION_WARNING,
  /** An obligation's deadline passed before it was satisfied. */
  OBLIGATION_BREACHED,
  /** A breached obligation escalated to a role. */
  OBLIGATION_ESCALATED
}
