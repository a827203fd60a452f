package dev.etiquette.crm.api.notification;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * A delivery in the outbox, with its state.
 *
 * @param seq the order the outbox wrote it in: larger for later writes, unique within the storage
 * @param delivery what is sent
 * @param status where it is
 * @param attempts how many attempts failed so far (a relay that died mid-send does not count one)
 * @param dueAt when it may be sent next ({@link DeliveryStatus#PENDING}), when its digest is due
 *     ({@link DeliveryStatus#HELD}); for other states the last such instant
 * @param leaseOwner the relay that claimed it, while {@link DeliveryStatus#IN_FLIGHT}
 * @param leaseUntil when that claim expires
 * @param lastError the last failure, for people: at most 1,000 characters
 * @param deliveredAt when its port accepted it
 */
public record OutboxEntry(
    long seq,
    Delivery delivery,
    DeliveryStatus status,
    int attempts,
    Instant dueAt,
    Optional<String> leaseOwner,
    Optional<Instant> leaseUntil,
    Optional<String> lastError,
    Optional<Instant> deliveredAt) {

  public OutboxEntry {
    requireNonNull(delivery, "delivery");
    requireNonNull(status, "status");
    requireNonNull(dueAt, "dueAt");
    requireNonNull(leaseOwner, "leaseOwner");
    requireNonNull(leaseUntil, "leaseUntil");
    requireNonNull(lastError, "lastError");
    requireNonNull(deliveredAt, "deliveredAt");
  }

  /** The delivery's key. */
  public String key() {
    return delivery.key();
  }
}
