package dev.etiquette.crm.api.notification;

import dev.etiquette.crm.api.NotFoundException;
import dev.etiquette.crm.api.Page;
import dev.etiquette.crm.api.PageRequest;
import dev.etiquette.crm.api.ValidationException;
import dev.etiquette.crm.api.obligation.ObligationId;
import java.util.List;
import java.util.Optional;

/**
 * One tenant's notifications and their outbox: what was notified, what is waiting, what was delivered, and the
 * dead letters to requeue. Delivery itself is the relay's work ({@code Crm.relay()}).
 */
public interface Notifications {

  /** The notifications about {@code obligation}, in the order they were written. */
  List<Notification> ofObligation(ObligationId obligation);

  /** The deliveries in {@code status}, in the order they were written. */
  Page<OutboxEntry> list(DeliveryStatus status, PageRequest page);

  /** The dead letters, in the order they were written. */
  default Page<OutboxEntry> deadLetters(PageRequest page) {
    return list(DeliveryStatus.DEAD, page);
  }

  /** The delivery with this key. */
  Optional<OutboxEntry> find(String key);

  /**
   * Puts a dead letter back to be sent at once, with its attempts counted from zero; its last error stays until
   * the next attempt. Requeueing a delivery that is already pending returns it unchanged.
   *
   * @throws NotFoundException if there is no delivery with this key
   * @throws ValidationException if the delivery is neither dead nor pending
   */
  OutboxEntry requeue(String key);

  /** Requeues every dead letter of the tenant; returns how many. */
  int requeueDead();

  /** How many deliveries of the tenant are in each state. */
  OutboxStats stats();
}
