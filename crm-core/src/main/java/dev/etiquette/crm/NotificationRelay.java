package dev.etiquette.crm;

import static java.util.Objects.requireNonNull;

import dev.etiquette.crm.api.notification.OutboxStats;
import dev.etiquette.crm.internal.CrmRuntime;
import dev.etiquette.crm.notify.RelayPolicy;
import dev.etiquette.crm.notify.RelayRun;
import dev.etiquette.crm.internal.Relay;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Delivers notifications from the outbox to the {@link dev.etiquette.crm.api.spi.NotificationPort}, at least once:
 * obtained from {@link Crm#relay()}. A run gathers the digests that are due, then claims the deliveries that are
 * due (a batch at a time, each under a lease of {@link RelayPolicy#lease()}), sends each outside any
 * transaction, and records the outcome: delivered; failed and due again after a backoff; or dead-lettered.
 *
 * <p>The guarantees, on every storage:
 * <ul>
 *   <li>A delivery is written in the transaction of the change it tells of: a change that rolled back is never
 *       notified, and a committed one is delivered at least once, even if the process dies.</li>
 *   <li>Each recipient's deliveries on one channel go out in the order they were written; a later one waits until
 *       every earlier one was delivered or dead-lettered.</li>
 *   <li>Several relays (threads, processes) may run against one storage: claims are exclusive, so while they are
 *       healthy no delivery is sent twice. A relay that dies loses its claims when their lease expires, and those
 *       deliveries are sent again, with the same key.</li>
 * </ul>
 *
 * <p>Thread-safe. Call {@link #deliverDue()} from the host's scheduler, or let {@link #start} call it.
 */
public final class NotificationRelay {

  private final CrmRuntime runtime;
  private final Relay relay;

  NotificationRelay(CrmRuntime runtime, Relay relay) {
    this.runtime = runtime;
    this.relay = relay;
  }

  /**
   * Runs the relay once: gathers due digests, then sends due deliveries until none is left (at most 100 claim
   * rounds).
   *
   * @return what it did
   * @throws dev.etiquette.crm.api.StorageException if the storage fails; what was recorded stays recorded, and
   *     deliveries claimed but not recorded are sent again once their lease expires
   */
  public RelayRun deliverDue() {
    return relay.deliverDue();
  }

  /**
   * Starts calling {@link #deliverDue()} every {@code period} on a daemon thread of its own, the first time at once.
   * A failing run (the storage is away) is logged and the next one runs on schedule, so the relay resumes by itself
   * when the storage is back. Close the returned scheduler to stop it; closing the {@code Crm} does not.
   *
   * @throws IllegalArgumentException if {@code period} is not positive
   */
  public DueWorkScheduler start(Duration period) {
    requireNonNull(period, "period");
    if (period.isNegative() || period.isZero()) {
      throw new IllegalArgumentException("period must be positive, was " + period);
    }
    return DueWorkScheduler.start(this::deliverDue, period, "crm-notification-relay", "delivering notifications");
  }

  /** How many deliveries of every tenant are in each state. */
  public OutboxStats stats() {
    return runtime.storage().read(tx -> tx.outbox().counts(Optional.empty()));
  }

  /** Since when the storage has failed this relay's runs; empty while it answers. */
  public Optional<Instant> storageFailingSince() {
    return relay.storageFailingSince();
  }

  /** The policy it follows. */
  public RelayPolicy policy() {
    return relay.policy();
  }
}
