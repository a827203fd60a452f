package dev.etiquette.crm.testkit;

import static java.util.Objects.requireNonNull;

import dev.etiquette.crm.api.notification.Delivery;
import dev.etiquette.crm.api.notification.Notification;
import dev.etiquette.crm.api.notification.NotificationKind;
import dev.etiquette.crm.api.obligation.AssignedTo;
import dev.etiquette.crm.api.obligation.ObligationId;
import dev.etiquette.crm.api.spi.NotificationPort;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A {@link NotificationPort} that keeps every delivery handed to it, for a test to assert on: plug it into
 * {@code Crm.builder().notifications(port)}, or declare a parameter of this type in a test run by
 * {@link CrmExtension}, whose {@code Crm} delivers to it.
 *
 * <pre>{@code
 * clock.set(deadline);
 * crm.processDue();
 * assertThat(notifications.ofKind(NotificationKind.OBLIGATION_BREACHED))
 *     .extracting(n -> n.obligation().orElseThrow()).containsExactly(obligation.id());
 * }</pre>
 *
 * <p>The contract:
 * <ul>
 *   <li>Every call of {@link #deliver} is recorded exactly once, in the order the calls happened; a delivery
 *       handed over twice (after a retry, say) is recorded twice. With the default relay policy the library sends
 *       deliveries due at once right after the transaction that wrote them committed, on the thread that made
 *       the change, so what this port holds once {@code processDue()} or {@code record(...)} returned is
 *       everything that call delivered; what failed or was held for a digest comes with the relay's runs.</li>
 *   <li>{@link #all()}, {@link #ofKind}, {@link #ofObligation}, {@link #to} and {@link #keys()} read the
 *       notifications of the deliveries that are not digests; {@link #deliveries()} and {@link #digests()} read
 *       the deliveries themselves.</li>
 *   <li>Thread-safe: deliveries from any number of threads are all recorded; each reading method returns an
 *       immutable snapshot, in delivery order, that later deliveries and {@link #clear()} do not change.</li>
 *   <li>It never throws from {@link #deliver} for a delivery (a {@code null} one is a programming error and
 *       throws {@link NullPointerException}), so it never makes the library retry.</li>
 *   <li>It keeps everything until {@link #clear()}: meant for tests, not for long-running processes.</li>
 * </ul>
 */
public final class RecordingNotificationPort implements NotificationPort {

  private final List<Delivery> delivered = new ArrayList<>();

  /** An empty port. */
  public RecordingNotificationPort() {}

  /**
   * Records {@code delivery}.
   *
   * @throws NullPointerException if {@code delivery} is null
   */
  @Override
  public void deliver(Delivery delivery) {
    requireNonNull(delivery, "delivery");
    synchronized (delivered) {
      delivered.add(delivery);
    }
  }

  /** Every delivery handed over since this port was made or last cleared, digests included, in delivery order. */
  public List<Delivery> deliveries() {
    synchronized (delivered) {
      return List.copyOf(delivered);
    }
  }

  /** The digests delivered, in delivery order. */
  public List<Delivery> digests() {
    return deliveries().stream().filter(Delivery::isDigest).toList();
  }

  /** The deliveries to the stakeholder {@code stakeholderId}, digests included, in delivery order. */
  public List<Delivery> toStakeholder(String stakeholderId) {
    requireNonNull(stakeholderId, "stakeholderId");
    return deliveries().stream().filter(d -> d.recipient().id().equals(stakeholderId)).toList();
  }

  /** The notification of every delivery that is not a digest, in delivery order. */
  public List<Notification> all() {
    return matching(n -> true);
  }

  /** The notifications of {@code kind}, in delivery order. */
  public List<Notification> ofKind(NotificationKind kind) {
    requireNonNull(kind, "kind");
    return matching(n -> n.kind() == kind);
  }

  /** The notifications about the obligation {@code obligation} (of any tenant), in delivery order. */
  public List<Notification> ofObligation(ObligationId obligation) {
    requireNonNull(obligation, "obligation");
    return matching(n -> n.obligation().equals(Optional.of(obligation)));
  }

  /** The notifications addressed to {@code recipient}, in delivery order. */
  public List<Notification> to(AssignedTo recipient) {
    requireNonNull(recipient, "recipient");
    return matching(n -> n.recipient().equals(recipient));
  }

  /** The {@linkplain Notification#key() notification keys} of {@link #all()}, in delivery order. */
  public List<String> keys() {
    return all().stream().map(Notification::key).toList();
  }

  /** How many deliveries were handed over since this port was made or last cleared, digests included. */
  public int size() {
    synchronized (delivered) {
      return delivered.size();
    }
  }

  /** Forgets every delivery so far; snapshots returned before are unchanged. */
  public void clear() {
    synchronized (delivered) {
      delivered.clear();
    }
  }

  private List<Notification> matching(Predicate<Notification> filter) {
    synchronized (delivered) {
      return delivered.stream().filter(d -> !d.isDigest()).map(Delivery::notification).filter(filter).toList();
    }
  }

  @Override
  public String toString() {
    return "RecordingNotificationPort" + keys();
  }
}
