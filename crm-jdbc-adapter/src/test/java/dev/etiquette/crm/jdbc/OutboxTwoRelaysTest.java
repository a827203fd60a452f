package dev.etiquette.crm.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.etiquette.crm.Crm;
import dev.etiquette.crm.DueWorkScheduler;
import dev.etiquette.crm.api.Page;
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
import dev.etiquette.crm.api.party.PartyId;
import dev.etiquette.crm.api.spi.Storage;
import dev.etiquette.crm.notify.RelayPolicy;
import dev.etiquette.crm.notify.RelayRun;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Two relays with different relay ids, each in a {@code Crm} of its own over a pool of its own (as two processes
 * would have), each started with {@code crm.relay().start(10 ms)}, deliver {@value #DELIVERIES} deliveries from one outbox at the same time to a receiver that checks
 * signatures: while both are healthy (a lease far longer than the test) no key is delivered twice, every
 * delivery is delivered, and each recipient's deliveries arrive in the order of their seq. {@value #RECIPIENTS}
 * recipients; a third of the deliveries follow one to the same recipient, so many recipients have several in a
 * row. The deliveries are written straight to the outbox, in transactions of 250, before the relays start.
 *
 * <p>PostgreSQL and MariaDB, in a schema of the test's own. (H2 passes too, with both {@code Crm}s over one embedded
 * file: add it to the dialects to run it; it is left out to keep the build's time.)
 */
class OutboxTwoRelaysTest {

  static final int DELIVERIES = 2_000;
  static final int RECIPIENTS = 150;
  static final Duration PERIOD = Duration.ofMillis(10);

  @ParameterizedTest
  @EnumSource(value = Dialect.class, names = {"POSTGRESQL", "MARIADB"})
  void twoHealthyRelaysDeliverEveryKeyOnceAndEachRecipientsDeliveriesInOrder(Dialect dialect, @TempDir Path dir)
      throws Exception {
    long seed = new Random().nextLong();
    Random random = new Random(seed);
    TenantId tenantId = TenantId.of("two-" + UUID.randomUUID().toString().substring(0, 8));
    List<AutoCloseable> cleanup = new ArrayList<>();
    try (OutboxReceiver receiver = new OutboxReceiver()) {
      Storage storageA;
      Storage storageB;
      if (dialect == Dialect.H2) {
        JdbcStorage shared = JdbcStorage.embeddedH2(dir.resolve("crm"));
        cleanup.add(shared);
        storageA = shared;
        storageB = shared;
      } else {
        OutboxSchema schema = OutboxSchema.create(dialect);
        cleanup.add(schema);
        HikariDataSource poolA = schema.pool("crm-outbox-relay-a", 4);
        HikariDataSource poolB = schema.pool("crm-outbox-relay-b", 4);
        cleanup.add(0, poolA);
        cleanup.add(0, poolB);
        storageA = JdbcStorage.builder(poolA).migrate(false).build();
        storageB = JdbcStorage.builder(poolB).migrate(false).build();
      }

      Instant now = Clock.systemUTC().instant();
      List<Delivery> written = deliveries(tenantId, random, now);
      for (int from = 0; from < written.size(); from += 250) {
        List<Delivery> batch = written.subList(from, Math.min(written.size(), from + 250));
        storageA.write(tx -> {
          batch.forEach(d -> tx.outbox().enqueue(d, DeliveryStatus.PENDING, now));
          return null;
        });
      }

      java.util.concurrent.atomic.AtomicLong inPort = new java.util.concurrent.atomic.AtomicLong();
      Crm a = relayCrm(storageA, receiver, "relay-a", inPort);
      Crm b = relayCrm(storageB, receiver, "relay-b", inPort);
      long started = System.nanoTime();
      boolean all;
      try (DueWorkScheduler relayA = a.relay().start(PERIOD); DueWorkScheduler relayB = b.relay().start(PERIOD)) {
        all = receiver.awaitDistinctKeys(DELIVERIES, Duration.ofSeconds(60));
      }
      long millis = (System.nanoTime() - started) / 1_000_000;
      RelayRun after = a.relay().deliverDue().plus(b.relay().deliverDue());

      List<OutboxReceiver.Received> accepted = receiver.accepted();
      Map<String, List<OutboxReceiver.Received>> byKey = receiver.byKey();
      Map<String, Integer> bySender = new HashMap<>();
      accepted.forEach(r -> bySender.merge(r.sender(), 1, Integer::sum));
      System.out.printf("[outbox two relays] %s, seed %d: %d deliveries to %d recipients in %d ms, by relay %s;"
          + " %d requests accepted, %d keys; %d ms in the ports%n", dialect, seed, DELIVERIES, RECIPIENTS, millis,
          bySender, accepted.size(), byKey.size(), inPort.get() / 1_000_000);

      assertThat(all).as("every delivery arrived within 60 s").isTrue();
      assertThat(receiver.rejected()).isEmpty();
      assertThat(byKey).as("keys received more than once").allSatisfy((key, copies) ->
          assertThat(copies).as(key).hasSize(1));
      assertThat(accepted).hasSize(DELIVERIES);
      assertThat(after).as("runs once everything arrived").isEqualTo(new RelayRun(0, 0, 0, 0, 0, 0));
      assertThat(bySender).as("deliveries by each relay").containsOnlyKeys("relay-a", "relay-b")
          .allSatisfy((relay, n) -> assertThat(n).as(relay).isPositive());
      OutboxStats stats = a.tenant(tenantId).notifications().stats();
      assertThat(stats).isEqualTo(new OutboxStats(0, 0, 0, DELIVERIES, 0, 0));

      Map<String, Long> seqs = new HashMap<>();
      Optional<PageRequest> page = Optional.of(PageRequest.first(PageRequest.MAX_LIMIT));
      while (page.isPresent()) {
        Page<OutboxEntry> delivered = a.tenant(tenantId).notifications().list(DeliveryStatus.DELIVERED, page.get());
        delivered.items().forEach(e -> seqs.put(e.key(), e.seq()));
        page = page.get().next(delivered);
      }
      assertThat(seqs).hasSize(DELIVERIES);
      Map<String, List<Long>> arrivals = new HashMap<>();
      Map<String, String> orderKeys = new HashMap<>();
      written.forEach(d -> orderKeys.put(d.key(), d.orderKey()));
      for (OutboxReceiver.Received r : accepted) {
        arrivals.computeIfAbsent(orderKeys.get(r.key()), k -> new ArrayList<>()).add(seqs.get(r.key()));
      }
      assertThat(arrivals).as("the seqs of each recipient's deliveries in the order they arrived (seed %d)", seed)
          .allSatisfy((orderKey, arrived) -> assertThat(arrived).as(orderKey).isSorted());
      // the Crms are not closed: closing one closes its storage, which the cleanup closes (H2's once)
    } finally {
      for (AutoCloseable c : cleanup) {
        c.close();
      }
    }
  }

  private static Crm relayCrm(Storage storage, OutboxReceiver receiver, String relayId,
      java.util.concurrent.atomic.AtomicLong inPort) {
    dev.etiquette.crm.api.spi.NotificationPort port = receiver.port(relayId);
    return Crm.builder().storage(storage).notifications(d -> {
      long t = System.nanoTime();
      try {
        port.deliver(d);
      } finally {
        inPort.addAndGet(System.nanoTime() - t);
      }
    })
        .relay(RelayPolicy.builder().relayId(relayId).batchSize(50).lease(Duration.ofMinutes(10))
            .deliverAfterCommit(false).build())
        .build();
  }

  /**
   * {@link #DELIVERIES} deliveries of {@code CONTACT_DENIED} notifications: a third to the recipient of the one
   * before, the others to a recipient drawn at random.
   */
  private static List<Delivery> deliveries(TenantId tenant, Random random, Instant now) {
    List<Delivery> deliveries = new ArrayList<>();
    int recipient = 0;
    for (int n = 0; n < DELIVERIES; n++) {
      if (n == 0 || random.nextInt(3) != 0) {
        recipient = random.nextInt(RECIPIENTS);
      }
      String owner = "owner-" + recipient;
      Notification notification = new Notification(tenant, "contact-" + n + ":denied",
          NotificationKind.CONTACT_DENIED, Optional.empty(), Optional.empty(), Optional.of(PartyId.of("party-" + n)),
          Optional.empty(), Optional.empty(), AssignedTo.owner(owner), now, now, "contact " + n + " was refused");
      Stakeholder to = Stakeholder.standIn(AssignedTo.owner(owner));
      deliveries.add(new Delivery(notification.key() + "/" + to.id() + "/webhook", tenant, to, "webhook",
          List.of(notification), Optional.empty(), now));
    }
    return deliveries;
  }
}
