package dev.etiquette.crm.api.notification;

/** What a notification tells. Subscriptions choose the kinds a stakeholder receives. */
public enum NotificationKind {
  /** An obligation's deadline is near: its warning fell (the obligation is due soon). */
  OBLIGATION_WARNING,
  /** An obligation's deadline passed before it was satisfied. */
  OBLIGATION_BREACHED,
  /** A breached obligation escalated to a role. */
  OBLIGATION_ESCALATED,
  /**
   * A reservation was refused by the etiquette rules (consent, do-not-contact, a cap, quiet hours). Only
   * subscriptions that name this kind receive it: the default subscriptions do not.
   */
  CONTACT_DENIED,
  /** A KPI's measurement is overdue: its cadence's period closed and no measurement was taken. To its owner. */
  KPI_STALE,
  /** A measurement left a KPI off track: its trend misses the target by the deadline. To its owner. */
  KPI_OFF_TRACK
}
