package dev.etiquette.crm;

import dev.etiquette.crm.api.notification.Delivery;
import dev.etiquette.crm.api.notification.Notification;
import dev.etiquette.crm.api.spi.NotificationPort;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default {@link NotificationPort}: logs each delivery at INFO through SLF4J, under the logger
 * {@code dev.etiquette.crm.notifications}, with its tenant, key, channel, recipient and, for each notification it
 * carries, its kind and message. Messages name ids only, never a customer's personal data. It never fails.
 * Thread-safe.
 */
public final class LoggingNotificationPort implements NotificationPort {

  private static final Logger LOG = LoggerFactory.getLogger("dev.etiquette.crm.notifications");

  @Override
  public void deliver(Delivery delivery) {
    if (!LOG.isInfoEnabled()) {
      return;
    }
    if (delivery.isDigest()) {
      LOG.info("[{}] digest {} to {} on {}: {} notification(s)", delivery.tenantId(), delivery.key(),
          delivery.recipient().id(), delivery.channel(), delivery.notifications().size());
    }
    for (Notification notification : delivery.notifications()) {
      LOG.info("[{}] {} {} to {} on {}: {}", delivery.tenantId(), notification.kind(), delivery.key(),
          delivery.recipient().id(), delivery.channel(), notification.message());
    }
  }
}
