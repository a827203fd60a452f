package dev.etiquette.crm.testkit;

import static java.util.Objects.requireNonNull;

import dev.etiquette.crm.api.notification.Notification;
import dev.etiquette.crm.api.notification.NotificationKind;
import dev.etiquette.crm.api.obligation.AssignedTo;
import dev.etiquette.crm.api.obligation.ObligationId;
import dev.etiquette.crm.api.spi.NotificationPort;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A {@link NotificationPort} that keeps every notification delivered to it, for a test to assert on: plug it into
 * {@code Crm.builder().notifications(port)}, or declare a parameter of this type in a test run by
 * {@link CrmExtension}, whose {@code Crm} delivers to it.
 *
 * <pre>{@code
 * clock.set(deadline);
 * crm.processDue();
 * assertThat(notifications.ofKind(NotificationKind.OBLIGATION_BREACHED))
 *     .extracting(Notification::obligation).containsExactly(obligation.id());
 * }</pre>
 *
 * <p>The contract:
 * <ul>
 *   <li>Every call of {@link #deliver} is recorded exactly once, in the order the calls happened; a notification
 *       delivered twice (the library never does that) is recorded twice. The library delivers a notification only
 *       after the transaction that wrote it committed, on the thread that processed the event, so what this port
 *       holds once {@code processDue()} or {@code record(...)} returned is everything that call delivered.</li>
 *   <li>Thread-safe: deliveries from any number of threads (several due-work schedulers, concurrent recordings) are
 *       all recorded; each reading method returns an immutable snapshot, in delivery order, that later deliveries
 *       and {@link #clear()} do not change.</li>
 *   <li>It never throws from {@link #deliver} for a notification (a {@code null} one is a programming error and
 *       throws {@link NullPointerException}), so it never makes the library log a failed delivery.</li>
 *   <li>It keeps everything until {@link #clear()}: meant for tests, not for long-running processes.</li>
 * </ul>
 */
public final class RecordingNotificationPort implements NotificationPort {

  private final List<Notification> delivered = new ArrayList<>();

  /** An empty port. */
  public RecordingNotificationPort() {}

  /**
   * Records {@code notification}.
   *
   * @throws NullPointerException if {@code notification} is null
   */
  @Override
  public void deliver(Notification notification) {
    requireNonNull(notification, "notification");
    synchronized (delivered) {
      delivered.add(notification);
    }
  }

  /** Every notification delivered since this port was made or last cleared, in delivery order. */
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
    return matching(n -> n.obligation().equals(obligation));
  }

  /** The notifications addressed to {@code recipient}, in delivery order. */
  public List<Notification> to(AssignedTo recipient) {
    requireNonNull(recipient, "recipient");
    return matching(n -> n.recipient().equals(recipient));
  }

  /** The {@linkplain Notification#key() keys} of every notification delivered, in delivery order. */
  public List<String> keys() {
    synchronized (delivered) {
      return delivered.stream().map(Notification::key).toList();
    }
  }

  /** How many notifications were delivered since this port was made or last cleared. */
  public int size() {
    synchronized (delivered) {
      return delivered.size();
    }
  }

  /** Forgets every notification delivered so far; snapshots returned before are unchanged. */
  public void clear() {
    synchronized (delivered) {
      delivered.clear();
    }
  }

  private List<Notification> matching(Predicate<Notification> filter) {
    synchronized (delivered) {
      return delivered.stream().filter(filter).toList();
    }
  }

  @Override
  public String toString() {
    return "RecordingNotificationPort" + keys();
  }
}
