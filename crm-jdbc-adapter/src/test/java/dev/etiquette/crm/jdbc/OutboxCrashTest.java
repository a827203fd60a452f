package dev.etiquette.crm.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.zaxxer.hikari.HikariDataSource;
import dev.etiquette.crm.Crm;
import dev.etiquette.crm.api.Actor;
import dev.etiquette.crm.api.Channel;
import dev.etiquette.crm.api.CrmTenant;
import dev.etiquette.crm.api.Purpose;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.contact.ContactRequest;
import dev.etiquette.crm.api.contact.ContactStatus;
import dev.etiquette.crm.api.notification.DeliveryStatus;
import dev.etiquette.crm.api.notification.Directory;
import dev.etiquette.crm.api.notification.NotificationKind;
import dev.etiquette.crm.api.notification.OutboxEntry;
import dev.etiquette.crm.api.notification.OutboxStats;
import dev.etiquette.crm.api.notification.Subscription;
import dev.etiquette.crm.api.party.PartyDraft;
import dev.etiquette.crm.api.party.PartyId;
import dev.etiquette.crm.api.rules.ConsentRegime;
import dev.etiquette.crm.api.rules.ContactRules;
import dev.etiquette.crm.api.rules.RuleSet;
import dev.etiquette.crm.api.spi.OutboxStore;
import dev.etiquette.crm.api.spi.Storage;
import dev.etiquette.crm.api.spi.StorageTransaction;
import dev.etiquette.crm.notify.RelayPolicy;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * Relay processes killed with SIGKILL at random moments lose no committed delivery and never send one of a
 * transaction that rolled back; what they send twice is the same delivery again, with the same key and body.
 *
 * <p>On PostgreSQL, in a schema of its own: this JVM produces notifications through its own {@code Crm} (the
 * library's real path: reservations refused by the consent rules write a {@code CONTACT_DENIED} notification and
 * one delivery to the party owner's stand-in, in the reservation's transaction), a fifth of them in transactions
 * that roll back (the storage throws after the work ran, before the commit). Two child JVMs relay all the while
 * ({@code crm.relay().start(25 ms)}, lease {@value #LEASE_MILLIS} ms, each child its own relay id) to a receiver
 * in this JVM that checks each request's signature. {@value #KILLS} times, the test writes a burst of
 * {@value #BURST} reservations, waits (at most 1 s) until one child's relay has sent a random 1 to 16 requests
 * more (so that it is likely killed mid-batch, between a send and the recording of its outcome), kills it with
 * SIGKILL, and starts another. At the end a relay in this JVM, whose clock runs past every lease, drains the
 * outbox. Besides the keys, it checks that each recipient's deliveries first arrived in seq order. About 35-45 s,
 * mostly the children's start-up (20-odd JVMs on two cores).
 */
class OutboxCrashTest {

  static final int KILLS = 20;
  static final int BURST = 30;
  static final long LEASE_MILLIS = 1_000;
  static final Duration STARTUP = Duration.ofSeconds(60);

  @Test
  void relaysKilledAtRandomMomentsLoseNoCommittedDeliveryAndSendNoRolledBackOne() throws Exception {
    long started = System.nanoTime();
    Random random = new Random();
    long seed = random.nextLong();
    random.setSeed(seed);
    try (OutboxSchema schema = OutboxSchema.create(Dialect.POSTGRESQL);
        OutboxReceiver receiver = new OutboxReceiver();
        HikariDataSource pool = schema.pool("crm-outbox-producer", 4)) {
      RecordingStorage storage = new RecordingStorage(JdbcStorage.builder(pool).migrate(false).build());
      Crm producer = Crm.builder().storage(storage)
          .notifications(d -> {
            throw new IllegalStateException("the producing Crm never delivers");
          })
          .relay(RelayPolicy.builder().relayId("producer").deliverAfterCommit(false).build())
          .stakeholders(new Directory(List.of(), List.of(Subscription.addressed(
              Set.of(NotificationKind.CONTACT_DENIED), "default", Subscription.Cadence.IMMEDIATE))))
          .build();
      TenantId tenantId = TenantId.of("crash-" + UUID.randomUUID().toString().substring(0, 8));
      CrmTenant tenant = producer.tenant(tenantId, Actor.user("crash-test"));
      tenant.rules().publish(RuleSet.builder("consent-only", 1,
              producer.clock().instant().minus(Duration.ofDays(1)))
          .contact(ContactRules.builder(ConsentRegime.OPT_IN).build()).build());
      List<PartyId> parties = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        parties.add(tenant.parties().create(PartyDraft.person("Customer " + i).owner("owner-" + i).build()).id());
      }

      Map<String, String> env = schema.workerEnvironment();
      OutboxRelayChild[] children = new OutboxRelayChild[2];
      int launched = 0;
      int kills = 0;
      List<Long> startups = new ArrayList<>();
      int killsMidBatch = 0;
      try {
        for (int slot = 0; slot < 2; slot++) {
          String id = "child-" + launched++;
          children[slot] = OutboxRelayChild.start(id, receiver.endpoint(id), Duration.ofMillis(LEASE_MILLIS),
              Duration.ofMillis(25), env);
        }
        for (int round = 0; round < KILLS; round++) {
          for (int j = 0; j < BURST; j++) {
            PartyId party = parties.get(random.nextInt(parties.size()));
            ContactRequest request = ContactRequest.of(party, Channel.EMAIL, Purpose.MARKETING,
                producer.clock().instant());
            if (j % 5 == 4) {
              Throwable thrown = catchThrowable(() -> storage.rollingBack(() -> tenant.contacts().reserve(request)));
              assertThat(thrown).as("a reservation whose transaction rolls back").isInstanceOf(RolledBack.class);
            } else {
              assertThat(tenant.contacts().reserve(request).status()).isEqualTo(ContactStatus.DENIED);
            }
          }
          OutboxRelayChild victim = children[round % 2];
          victim.awaitReady(STARTUP);
          int more = 1 + random.nextInt(16);
          int target = receiver.count(victim.relayId()) + more;
          if (receiver.awaitCount(victim.relayId(), target, Duration.ofSeconds(1))) {
            killsMidBatch++;
          }
          assertThat(victim.diedByItself()).as("%s died before it was killed:\n%s", victim.relayId(),
              victim.stderrTail()).isFalse();
          startups.add(victim.readyAfterMillis());
          victim.kill();
          kills++;
          String id = "child-" + launched++;
          children[round % 2] = OutboxRelayChild.start(id, receiver.endpoint(id), Duration.ofMillis(LEASE_MILLIS),
              Duration.ofMillis(25), env);
        }
        for (OutboxRelayChild child : children) {
          child.kill();
        }
      } finally {
        for (OutboxRelayChild child : children) {
          if (child != null) {
            child.destroy(); // a failed assertion must not leave relays running (and holding connections)
          }
        }
      }
      long killedAt = System.nanoTime();

      // a relay whose clock is past every lease (and every retry, at most 1 s away) drains what is left
      Crm drainer = Crm.builder().storage(JdbcStorage.builder(pool).migrate(false).build())
          .clock(Clock.offset(Clock.systemUTC(), Duration.ofMillis(LEASE_MILLIS + 2_000)))
          .notifications(receiver.port("drain"))
          .relay(RelayPolicy.builder().relayId("drain").deliverAfterCommit(false).build()).build();
      OutboxStats stats = tenant.notifications().stats();
      for (int run = 0; run < 20 && (stats.pending() > 0 || stats.inFlight() > 0); run++) {
        drainer.relay().deliverDue();
        stats = tenant.notifications().stats();
      }
      long seconds = (System.nanoTime() - started) / 1_000_000_000L;

      Set<String> committed = storage.committed();
      Set<String> rolledBack = storage.rolledBack();
      List<OutboxReceiver.Received> accepted = receiver.accepted();
      Map<String, List<OutboxReceiver.Received>> byKey = receiver.byKey();
      int duplicates = accepted.size() - byKey.size();
      Map<String, Integer> bySender = new LinkedHashMap<>();
      accepted.forEach(r -> bySender.merge(r.sender(), 1, Integer::sum));
      System.out.printf("[outbox crash] seed %d: %d kills (%d right after the victim sent 1-16 more), %d deliveries"
          + " committed, %d rolled back; %d requests accepted, %d keys, %d duplicates; drained in %d ms after the"
          + " last kill, %d s in all; children ready after %s ms; by sender %s%n", seed, kills, killsMidBatch, committed.size(),
          rolledBack.size(), accepted.size(), byKey.size(), duplicates,
          (System.nanoTime() - killedAt) / 1_000_000, seconds, startups, bySender);

      assertThat(kills).isGreaterThanOrEqualTo(20);
      assertThat(receiver.rejected()).as("requests whose signature failed").isEmpty();
      assertThat(committed).as("committed deliveries").hasSizeGreaterThan(KILLS * BURST / 2);
      assertThat(rolledBack).as("deliveries of rolled-back transactions").isNotEmpty();
      assertThat(accepted).extracting(OutboxReceiver.Received::tenant).containsOnly(tenantId.value());
      assertThat(stats).as("the tenant's outbox after the drain (seed %d)", seed)
          .isEqualTo(new OutboxStats(0, 0, 0, committed.size(), 0, 0));
      Set<String> missing = new HashSet<>(committed);
      missing.removeAll(byKey.keySet());
      assertThat(missing).as("committed deliveries never received (seed %d)", seed).isEmpty();
      assertThat(byKey.keySet()).as("received keys that no committed transaction wrote (seed %d)", seed)
          .isSubsetOf(committed).doesNotContainAnyElementsOf(rolledBack);
      for (String key : rolledBack) {
        assertThat(tenant.notifications().find(key)).as("the outbox entry of rolled-back %s", key).isEmpty();
      }
      byKey.forEach((key, copies) -> assertThat(copies).as("the copies of %s", key)
          .allSatisfy(c -> assertThat(Arrays.equals(c.body(), copies.get(0).body()))
              .as("a copy of %s has the first copy's body", key).isTrue()));

      // each recipient's deliveries first arrived in the order they were written, kills or not
      Map<String, Long> seqs = new HashMap<>();
      Map<String, String> orderKeys = new HashMap<>();
      for (String key : committed) {
        OutboxEntry entry = tenant.notifications().find(key).orElseThrow();
        assertThat(entry.status()).as(key).isEqualTo(DeliveryStatus.DELIVERED);
        seqs.put(key, entry.seq());
        orderKeys.put(key, entry.delivery().orderKey());
      }
      Map<String, List<Long>> firstArrivals = new HashMap<>();
      for (String key : byKey.keySet()) { // in the order of first arrival
        firstArrivals.computeIfAbsent(orderKeys.get(key), k -> new ArrayList<>()).add(seqs.get(key));
      }
      firstArrivals.forEach((orderKey, arrived) -> assertThat(arrived)
          .as("the seqs of %s's deliveries in the order they first arrived (seed %d)", orderKey, seed).isSorted());
      drainer.close();
      producer.close();
    }
  }

  /** What the storage throws to roll a transaction back after its work ran. */
  static final class RolledBack extends RuntimeException {
    RolledBack() {
      super("rolled back by the test after the work ran");
    }
  }

  /**
   * A storage that remembers the keys of the deliveries each write transaction enqueued, as committed (the write
   * returned) or rolled back; inside {@link #rollingBack}, a write throws {@link RolledBack} once its work has run,
   * so that its transaction rolls back with everything it wrote.
   */
  static final class RecordingStorage implements Storage {
    private final Storage delegate;
    private final ThreadLocal<Boolean> rollBack = ThreadLocal.withInitial(() -> false);
    private final Set<String> committed = ConcurrentHashMap.newKeySet();
    private final Set<String> rolledBack = ConcurrentHashMap.newKeySet();

    RecordingStorage(Storage delegate) {
      this.delegate = delegate;
    }

    void rollingBack(Runnable work) {
      rollBack.set(true);
      try {
        work.run();
      } finally {
        rollBack.set(false);
      }
    }

    Set<String> committed() {
      return Set.copyOf(committed);
    }

    Set<String> rolledBack() {
      return Set.copyOf(rolledBack);
    }

    @Override
    public <T> T write(Work<T> work) {
      List<String> keys = new ArrayList<>();
      try {
        T result = delegate.write(tx -> {
          keys.clear();
          T r = work.run(recording(tx, keys));
          if (rollBack.get()) {
            throw new RolledBack();
          }
          return r;
        });
        committed.addAll(keys);
        return result;
      } catch (RuntimeException e) {
        rolledBack.addAll(keys);
        throw e;
      }
    }

    @Override
    public <T> T read(Work<T> work) {
      return delegate.read(work);
    }

    @Override
    public void close() {
      delegate.close();
    }

    /** {@code tx}, whose outbox adds the key of every delivery it enqueues to {@code keys}. */
    private static StorageTransaction recording(StorageTransaction tx, List<String> keys) {
      OutboxStore outbox = (OutboxStore) Proxy.newProxyInstance(OutboxStore.class.getClassLoader(),
          new Class<?>[] {OutboxStore.class}, (proxy, method, args) -> {
            Object result = invoke(method, tx.outbox(), args);
            if (method.getName().equals("enqueue")) {
              keys.add(((dev.etiquette.crm.api.notification.Delivery) args[0]).key());
            }
            return result;
          });
      return (StorageTransaction) Proxy.newProxyInstance(StorageTransaction.class.getClassLoader(),
          new Class<?>[] {StorageTransaction.class},
          (proxy, method, args) -> method.getName().equals("outbox") ? outbox : invoke(method, tx, args));
    }

    private static Object invoke(java.lang.reflect.Method method, Object target, Object[] args) throws Throwable {
      try {
        return method.invoke(target, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    }
  }
}
