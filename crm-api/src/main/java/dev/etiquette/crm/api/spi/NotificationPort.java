package dev.etiquette.crm.api.spi;

import dev.etiquette.crm.api.notification.Delivery;

/**
 * Where deliveries go: e-mail, chat, a message queue, a webhook, the host's own inbox. The library's relay calls
 * {@link #deliver} for each delivery in the outbox, outside any transaction, and records the outcome:
 *
 * <ul>
 *   <li>returning normally means the delivery was accepted; it is not sent again in normal operation;</li>
 *   <li>throwing {@link dev.etiquette.crm.api.notification.DeliveryException} with {@code retryable() == false}
 *       dead-letters it at once;</li>
 *   <li>any other {@link RuntimeException} is a failure that may pass: the delivery is tried again after a
 *       backoff, until its attempts run out.</li>
 * </ul>
 *
 * <p>Delivery is at least once: after a crash or a failure whose outcome was unknown, the same delivery may come
 * again, with the same {@link Delivery#key()}. A port passes the key on so that the final receiver can drop
 * repeats. A port must be thread-safe, and should bound the time a call may block (a timeout).
 */
@FunctionalInterface
public interface NotificationPort {

  /** The port that accepts and drops every delivery. */
  NotificationPort NONE = delivery -> {};

  /** Delivers one delivery; see the class documentation for what its outcome means. */
  void deliver(Delivery delivery);
}
