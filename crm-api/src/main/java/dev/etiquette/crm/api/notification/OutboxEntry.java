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

  /** The longest last error an entry keeps. */
  public static final int MAX_ERROR = 1_000;

  /**
   * A new entry as {@link dev.etiquette.crm.api.spi.OutboxStore#enqueue} writes it: no attempts, no lease.
   *
   * @throws IllegalArgumentException if {@code status} is neither PENDING nor HELD
   */
  public static OutboxEntry enqueued(long seq, Delivery delivery, DeliveryStatus status, Instant dueAt) {
    checkEnqueued(status);
    return new OutboxEntry(seq, delivery, status, 0, dueAt, Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty());
  }

  /** @throws IllegalArgumentException if {@code status} is neither PENDING nor HELD */
  public static void checkEnqueued(DeliveryStatus status) {
    if (status != DeliveryStatus.PENDING && status != DeliveryStatus.HELD) {
      throw new IllegalArgumentException("an entry is enqueued PENDING or HELD, not " + status);
    }
  }

  /** @throws IllegalArgumentException if {@code next} is neither PENDING nor DEAD */
  public static void checkFailed(DeliveryStatus next) {
    if (next != DeliveryStatus.PENDING && next != DeliveryStatus.DEAD) {
      throw new IllegalArgumentException("a failed entry becomes PENDING or DEAD, not " + next);
    }
  }

  /** {@code error} cut to {@link #MAX_ERROR} characters. */
  public static String cutError(String error) {
    return error.length() > MAX_ERROR ? error.substring(0, MAX_ERROR) : error;
  }

  /** This entry {@link DeliveryStatus#IN_FLIGHT} under {@code owner}'s lease until {@code leaseUntil}. */
  public OutboxEntry claimed(String owner, Instant leaseUntil) {
    return new OutboxEntry(seq, delivery, DeliveryStatus.IN_FLIGHT, attempts, dueAt, Optional.of(owner),
        Optional.of(leaseUntil), lastError, deliveredAt);
  }

  /** This entry {@link DeliveryStatus#DELIVERED} at {@code at}, without its lease. */
  public OutboxEntry delivered(Instant at) {
    return new OutboxEntry(seq, delivery, DeliveryStatus.DELIVERED, attempts, dueAt, Optional.empty(),
        Optional.empty(), lastError, Optional.of(at));
  }

  /**
   * This entry after a failed attempt: {@code next} with {@code attempts}, due at {@code dueAt}, {@code error} (cut
   * to {@link #MAX_ERROR}) as its last error, without its lease.
   *
   * @throws IllegalArgumentException if {@code next} is neither PENDING nor DEAD
   */
  public OutboxEntry failed(DeliveryStatus next, int attempts, Instant dueAt, String error) {
    checkFailed(next);
    return new OutboxEntry(seq, delivery, next, attempts, dueAt, Optional.empty(), Optional.empty(),
        Optional.of(cutError(error)), Optional.empty());
  }

  /** This entry given back unsent: {@link DeliveryStatus#PENDING}, without its lease, the rest unchanged. */
  public OutboxEntry released() {
    return in(DeliveryStatus.PENDING, attempts, dueAt);
  }

  /** This entry requeued: {@link DeliveryStatus#PENDING}, due at {@code now}, no attempts, its last error kept. */
  public OutboxEntry requeued(Instant now) {
    return in(DeliveryStatus.PENDING, 0, now);
  }

  /** This entry sent in a digest: {@link DeliveryStatus#DIGESTED}. */
  public OutboxEntry digested() {
    return in(DeliveryStatus.DIGESTED, attempts, dueAt);
  }

  private OutboxEntry in(DeliveryStatus status, int attempts, Instant dueAt) {
    return new OutboxEntry(seq, delivery, status, attempts, dueAt, Optional.empty(), Optional.empty(), lastError,
        deliveredAt);
  }
}
