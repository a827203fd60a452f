package dev.etiquette.crm.internal;

import dev.etiquette.crm.api.notification.Notification;
import dev.etiquette.crm.api.spi.NotificationPort;
import dev.etiquette.crm.api.spi.StorageTransaction;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The notifications one write transaction produced: each is appended to the storage's notification log in the
 * transaction, and kept here to be handed to the {@link NotificationPort} once the transaction has committed. A
 * transaction that runs again (a retry) starts from {@link #clear()}.
 */
final class Outbox {

  private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);

  private final List<Notification> pending = new ArrayList<>();

  /** Writes {@code notification} in {@code tx} and keeps it for delivery after the commit. */
  void add(StorageTransaction tx, Notification notification) {
    tx.notifications().append(notification);
    pending.add(notification);
  }

  /** Forgets what an earlier, rolled-back run of the transaction produced. */
  void clear() {
    pending.clear();
  }

  /**
   * Hands every kept notification to {@code port}, in order. A port that throws is logged and the next
   * notification is still delivered: the change the notification tells of is committed already.
   */
  void deliver(NotificationPort port) {
    for (Notification notification : pending) {
      try {
        port.deliver(notification);
      } catch (RuntimeException e) {
        LOG.warn("the notification port failed to deliver {} (tenant {}); it stays in the notification log",
            notification.key(), notification.tenantId(), e);
      }
    }
    pending.clear();
  }
}
