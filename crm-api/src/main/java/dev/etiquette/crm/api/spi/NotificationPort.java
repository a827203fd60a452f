package dev.etiquette.crm.api.spi;

import dev.etiquette.crm.api.notification.Notification;

/**
 * Where notifications go: e-mail, chat, a message queue, the host's own inbox. The library calls
 * {@link #deliver} once for each notification, after the transaction that wrote it committed, on the thread
 * that processed the event. Delivery in this version is at most once: a notification whose delivery throws, or
 * that was written just before the process died, stays in the storage's notification log
 * ({@link NotificationStore}) and is not retried. A port must be thread-safe; it should not block for long.
 */
@FunctionalInterface
public interface NotificationPort {

  /** The port that drops every notification. */
  NotificationPort NONE = notification -> {};

  /**
   * Delivers one notification. An exception is logged by the library and does not undo the change the
   * notification tells of.
   */
  void deliver(Notification notification);
}
