package dev.etiquette.crm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.etiquette.crm.api.PageRequest;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.notification.Delivery;
import dev.etiquette.crm.api.notification.DeliveryStatus;
import dev.etiquette.crm.api.notification.Notification;
import dev.etiquette.crm.api.notification.NotificationKind;
import dev.etiquette.crm.api.notification.OutboxEntry;
import dev.etiquette.crm.api.notification.OutboxStats;
import dev.etiquette.crm.api.notification.Stakeholder;
import dev.etiquette.crm.api.obligation.AssignedTo;
import dev.etiquette.crm.api.obligation.ObligationId;
import dev.etiquette.crm.api.party.PartyId;
import dev.etiquette.crm.api.rules.RuleRef;
import dev.etiquette.crm.api.spi.NotificationPort;
import dev.etiquette.crm.internal.InMemoryStorage;
import dev.etiquette.crm.notify.RelayPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * A model-based test of the relay over the in-memory outbox: random sequences of deliveries written for a few
 * recipients and channels, receivers that fail for a while, clock moves, relay runs and requeues. After every step:
 * <ul>
 *   <li>no delivery was accepted twice (one relay that never dies sends each once);</li>
 *   <li>each recipient's accepted deliveries on a channel came in the order they were written, leaving aside those
 *       that were dead-lettered at some point (a dead letter does not hold its group back, so once requeued it comes
 *       after what went out meanwhile);</li>
 *   <li>the outbox's counts add up to what was written, its DELIVERED count is what the port accepted, and no
 *       delivery stays IN_FLIGHT after a run;</li>
 *   <li>a delivery is DEAD only after {@code maxAttempts} failed attempts.</li>
 * </ul>
 * At the end, with healthy receivers, a requeue of the dead letters and enough time, everything is delivered.
 */
class OutboxRelayProperties {

  static final TenantId ACME = TenantId.of("acme");
  static final Instant START = Instant.parse("2026-05-04T09:00:00Z");
  static final int MAX_ATTEMPTS = 3;

  sealed interface Step {}

  record Write(int recipient, String channel) implements Step {}

  record Outage(int recipient, int failures) implements Step {}

  record Advance(int seconds) implements Step {}

  record Run() implements Step {}

  record Requeue() implements Step {}

  @Provide
  Arbitrary<List<Step>> steps() {
    Arbitrary<Step> write = Combinators.combine(Arbitraries.integers().between(0, 3), Arbitraries.of("a", "b"))
        .as(Write::new);
    Arbitrary<Step> outage = Combinators.combine(Arbitraries.integers().between(0, 3),
        Arbitraries.integers().between(1, 5)).as(Outage::new);
    Arbitrary<Step> advance = Arbitraries.integers().between(1, 90).map(Advance::new);
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(5, write), net.jqwik.api.Tuple.of(2, outage), net.jqwik.api.Tuple.of(3, advance),
        net.jqwik.api.Tuple.of(4, Arbitraries.just(new Run())), net.jqwik.api.Tuple.of(1,
            Arbitraries.just(new Requeue())))
        .list().ofMinSize(5).ofMaxSize(60);
  }

  /** Fails a recipient's deliveries as often as its outage says; records what it accepts. */
  static final class Receiver implements NotificationPort {
    final Map<String, Integer> failuresLeft = new HashMap<>();
    final List<Delivery> accepted = new ArrayList<>();

    @Override
    public synchronized void deliver(Delivery delivery) {
      int left = failuresLeft.getOrDefault(delivery.recipient().id(), 0);
      if (left > 0) {
        failuresLeft.put(delivery.recipient().id(), left - 1);
        throw new IllegalStateException("receiver of " + delivery.recipient().id() + " is down");
      }
      accepted.add(delivery);
    }
  }

  @Property(tries = 200)
  void theRelayDeliversEachOnceInOrderAndEverythingInTheEnd(@ForAll("steps") List<Step> steps) {
    MutableClock clock = new MutableClock(START);
    InMemoryStorage storage = new InMemoryStorage();
    Receiver receiver = new Receiver();
    Crm crm = Crm.builder().clock(clock).storage(storage).notifications(receiver)
        .relay(RelayPolicy.builder().maxAttempts(MAX_ATTEMPTS).firstRetryDelay(Duration.ofSeconds(10))
            .maxRetryDelay(Duration.ofSeconds(40)).batchSize(3).jitter(new SplittableRandom(11)).build())
        .build();
    Map<String, Long> seqOf = new HashMap<>();
    Set<String> everDead = new HashSet<>();
    int written = 0;
    for (Step step : steps) {
      if (step instanceof Write w) {
        Delivery d = delivery(written++, w.recipient(), w.channel(), clock.instant());
        storage.write(tx -> {
          tx.outbox().enqueue(d, DeliveryStatus.PENDING, clock.instant());
          return null;
        });
        seqOf.put(d.key(), storage.read(tx -> tx.outbox().find(ACME, d.key())).orElseThrow().seq());
      } else if (step instanceof Outage o) {
        synchronized (receiver) {
          receiver.failuresLeft.merge("r" + o.recipient(), o.failures(), Integer::sum);
        }
      } else if (step instanceof Advance a) {
        clock.advance(Duration.ofSeconds(a.seconds()));
      } else if (step instanceof Run) {
        crm.relay().deliverDue();
        assertThat(crm.relay().stats().inFlight()).isZero();
      } else {
        crm.tenant(ACME).notifications().requeueDead();
      }
      check(crm, receiver, seqOf, written, everDead);
    }

    synchronized (receiver) {
      receiver.failuresLeft.clear();
    }
    crm.tenant(ACME).notifications().requeueDead();
    for (int i = 0; i < 5; i++) {
      clock.advance(Duration.ofMinutes(5));
      crm.relay().deliverDue();
    }
    check(crm, receiver, seqOf, written, everDead);
    assertThat(receiver.accepted).hasSize(written);
    assertThat(crm.relay().stats()).isEqualTo(new OutboxStats(0, 0, 0, written, 0, 0));
  }

  private static void check(Crm crm, Receiver receiver, Map<String, Long> seqOf, int written, Set<String> everDead) {
    List<Delivery> accepted;
    synchronized (receiver) {
      accepted = List.copyOf(receiver.accepted);
    }
    assertThat(accepted).extracting(Delivery::key).doesNotHaveDuplicates();
    // a dead letter does not hold its group back, so a requeued one comes after what went out meanwhile: the order
    // holds among the deliveries that never died
    Map<String, Long> lastSeq = new HashMap<>();
    for (Delivery d : accepted) {
      if (everDead.contains(d.key())) {
        continue;
      }
      long seq = seqOf.get(d.key());
      Long before = lastSeq.put(d.orderKey(), seq);
      assertThat(before == null || before < seq).as("%s after seq %s", d.key(), before).isTrue();
    }
    OutboxStats stats = crm.relay().stats();
    assertThat(stats.pending() + stats.inFlight() + stats.delivered() + stats.dead()).isEqualTo(written);
    assertThat(stats.delivered()).isEqualTo(accepted.size());
    Set<String> dead = new HashSet<>();
    for (OutboxEntry entry : crm.tenant(ACME).notifications().deadLetters(PageRequest.first(1_000)).items()) {
      assertThat(entry.attempts()).isEqualTo(MAX_ATTEMPTS);
      assertThat(entry.lastError()).hasValueSatisfying(e -> assertThat(e).contains("is down"));
      dead.add(entry.key());
    }
    everDead.addAll(dead);
    assertThat(dead).hasSize((int) stats.dead());
  }

  private static Delivery delivery(int n, int recipient, String channel, Instant at) {
    Notification notification = Notification.ofObligation(ACME, "o-" + n + ":breach",
        NotificationKind.OBLIGATION_BREACHED, ObligationId.of("o-" + n), PartyId.of("party-1"),
        new RuleRef("desk", 1, "first"), AssignedTo.owner("r" + recipient), at, at, "breach " + n);
    Stakeholder to = Stakeholder.internal("r" + recipient, "R" + recipient);
    return new Delivery(notification.key() + "/" + to.id() + "/" + channel, ACME, to, channel,
        List.of(notification), Optional.empty(), at);
  }

}
