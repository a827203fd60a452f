package dev.etiquette.crm.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.notification.Delivery;
import dev.etiquette.crm.api.notification.Notification;
import dev.etiquette.crm.api.notification.NotificationKind;
import dev.etiquette.crm.api.notification.Stakeholder;
import dev.etiquette.crm.api.notification.Subscription;
import dev.etiquette.crm.api.obligation.AssignedTo;
import dev.etiquette.crm.api.obligation.ObligationId;
import dev.etiquette.crm.api.party.PartyId;
import dev.etiquette.crm.api.rules.RuleRef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RecordingNotificationPortTest {

  static Notification notification(String obligation, NotificationKind kind, String suffix, AssignedTo to) {
    return Notification.ofObligation(TenantId.of("test"), obligation + ":" + suffix, kind, ObligationId.of(obligation),
        PartyId.of("party-1"), new RuleRef("support-desk", 1, "first-response"), to, TestClock.DEFAULT_START,
        TestClock.DEFAULT_START, "a message");
  }

  /** The delivery of {@code n} to its addressee's stand-in, as the default directory makes it. */
  static Delivery d(Notification n) {
    Stakeholder to = Stakeholder.standIn(n.recipient());
    return new Delivery(n.key() + "/" + to.id() + "/default", n.tenantId(), to, "default", List.of(n),
        Optional.empty(), n.createdAt());
  }

  @Test
  void digestsAreDeliveriesButNotAmongTheNotificationsReadOneByOne() {
    RecordingNotificationPort port = new RecordingNotificationPort();
    Notification warning = notification("o-1", NotificationKind.OBLIGATION_WARNING, "warning", AssignedTo.role("q"));
    Notification breach = notification("o-2", NotificationKind.OBLIGATION_BREACHED, "breach", AssignedTo.role("q"));
    Stakeholder maria = Stakeholder.internal("maria", "Maria");
    Delivery digest = new Delivery("digest/maria/email/daily/x/1", TenantId.of("test"), maria, "email",
        List.of(warning, breach), Optional.of(new Delivery.Digest(Subscription.Cadence.DAILY,
            TestClock.DEFAULT_START.minusSeconds(86_400), TestClock.DEFAULT_START)), TestClock.DEFAULT_START);
    port.deliver(d(warning));
    port.deliver(digest);

    assertThat(port.deliveries()).containsExactly(d(warning), digest);
    assertThat(port.digests()).containsExactly(digest);
    assertThat(port.all()).containsExactly(warning);
    assertThat(port.toStakeholder("maria")).containsExactly(digest);
    assertThat(port.size()).isEqualTo(2);
  }

  @Test
  void keepsEveryDeliveryInOrderAndFiltersByKindObligationAndRecipient() {
    RecordingNotificationPort port = new RecordingNotificationPort();
    Notification warning = notification("o-1", NotificationKind.OBLIGATION_WARNING, "warning", AssignedTo.role("q"));
    Notification breach = notification("o-1", NotificationKind.OBLIGATION_BREACHED, "breach", AssignedTo.role("q"));
    Notification other = notification("o-2", NotificationKind.OBLIGATION_BREACHED, "breach", AssignedTo.owner("bob"));
    Notification escalation = notification("o-1", NotificationKind.OBLIGATION_ESCALATED, "escalation:1",
        AssignedTo.role("team_lead"));
    port.deliver(d(warning));
    port.deliver(d(breach));
    port.deliver(d(other));
    port.deliver(d(escalation));

    assertThat(port.all()).containsExactly(warning, breach, other, escalation);
    assertThat(port.size()).isEqualTo(4);
    assertThat(port.ofKind(NotificationKind.OBLIGATION_BREACHED)).containsExactly(breach, other);
    assertThat(port.ofObligation(ObligationId.of("o-1"))).containsExactly(warning, breach, escalation);
    assertThat(port.ofObligation(ObligationId.of("o-3"))).isEmpty();
    assertThat(port.to(AssignedTo.role("team_lead"))).containsExactly(escalation);
    assertThat(port.keys()).containsExactly("o-1:warning", "o-1:breach", "o-2:breach", "o-1:escalation:1");
  }

  @Test
  void snapshotsAreImmutableAndOutliveClear() {
    RecordingNotificationPort port = new RecordingNotificationPort();
    Notification warning = notification("o-1", NotificationKind.OBLIGATION_WARNING, "warning", AssignedTo.role("q"));
    port.deliver(d(warning));
    List<Notification> before = port.all();

    port.clear();
    port.deliver(d(notification("o-2", NotificationKind.OBLIGATION_BREACHED, "breach", AssignedTo.role("q"))));

    assertThat(before).containsExactly(warning);
    assertThatThrownBy(() -> before.add(warning)).isInstanceOf(UnsupportedOperationException.class);
    assertThat(port.keys()).containsExactly("o-2:breach");
  }

  @Test
  void aDeliveryTwiceIsRecordedTwiceAndNullIsRejected() {
    RecordingNotificationPort port = new RecordingNotificationPort();
    Notification warning = notification("o-1", NotificationKind.OBLIGATION_WARNING, "warning", AssignedTo.role("q"));
    port.deliver(d(warning));
    port.deliver(d(warning));
    assertThat(port.all()).containsExactly(warning, warning);
    assertThatThrownBy(() -> port.deliver(null)).isInstanceOf(NullPointerException.class);
    assertThat(port.size()).isEqualTo(2);
  }

  @Test
  void recordsEveryDeliveryFromConcurrentThreads() throws Exception {
    RecordingNotificationPort port = new RecordingNotificationPort();
    int threads = 4;
    int each = 2_000;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        done.add(pool.submit(() -> {
          start.await();
          for (int i = 0; i < each; i++) {
            port.deliver(d(notification("o-" + thread + "-" + i, NotificationKind.OBLIGATION_BREACHED, "breach",
                AssignedTo.role("q"))));
            if (i % 500 == 0) {
              port.all(); // reading while others deliver
            }
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> f : done) {
        f.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(port.size()).isEqualTo(threads * each);
    assertThat(port.keys()).doesNotHaveDuplicates();
    // each thread's deliveries keep their order
    for (int t = 0; t < threads; t++) {
      String prefix = "o-" + t + "-";
      assertThat(port.keys().stream().filter(k -> k.startsWith(prefix)).map(k -> Integer.parseInt(
          k.substring(prefix.length(), k.indexOf(':')))).toList()).isSorted();
    }
  }
}
