package dev.etiquette.crm;

import dev.etiquette.crm.api.notification.Notification;
import dev.etiquette.crm.api.spi.NotificationPort;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default {@link NotificationPort}: logs each notification at INFO through SLF4J, under the logger
 * {@code dev.etiquette.crm.notifications}, with its tenant, key, kind, recipient and message. The message names
 * ids only, never a customer's personal data. Thread-safe.
 */
public final class LoggingNotificationPort implements NotificationPort {

  private static final Logger LOG = LoggerFactory.getLogger("dev.etiquette.crm.notifications");

  @Override
  public void deliver(Notification notification) {
    LOG.info("[{}] {} {} to {}: {}", notification.tenantId(), notification.kind(), notification.key(),
        notification.recipient(), notification.message());
  }
}
