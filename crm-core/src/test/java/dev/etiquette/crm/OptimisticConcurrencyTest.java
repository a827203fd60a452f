package dev.etiquette.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.etiquette.crm.api.Actor;
import dev.etiquette.crm.api.Channel;
import dev.etiquette.crm.api.CrmTenant;
import dev.etiquette.crm.api.DuplicateKeyException;
import dev.etiquette.crm.api.Page;
import dev.etiquette.crm.api.PageRequest;
import dev.etiquette.crm.api.Purpose;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.VersionConflictException;
import dev.etiquette.crm.api.party.AttributeDefinition;
import dev.etiquette.crm.api.party.AttributeSchema;
import dev.etiquette.crm.api.party.AttributeValue;
import dev.etiquette.crm.api.party.AuditEntry;
import dev.etiquette.crm.api.party.ConsentDraft;
import dev.etiquette.crm.api.party.LifecycleStage;
import dev.etiquette.crm.api.party.Party;
import dev.etiquette.crm.api.party.PartyDraft;
import dev.etiquette.crm.api.party.PartyQuery;
import dev.etiquette.crm.api.party.PartyUpdate;
import dev.etiquette.crm.api.party.Relationship;
import dev.etiquette.crm.api.party.RelationshipDraft;
import dev.etiquette.crm.api.party.RelationshipType;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Optimistic concurrency: every change names the version it read; a stale version fails with a
 * {@link VersionConflictException} that says both versions, and changes nothing. Under contention, a
 * read-modify-retry loop loses no update.
 */
class OptimisticConcurrencyTest {

  static final Instant NOW = Instant.parse("2026-03-02T09:30:00Z");
  static final int THREADS = 8;
  static final int INCREMENTS_PER_THREAD = 250;

  CrmTenant acme;
  ExecutorService pool;

  @BeforeEach
  void setUp() {
    acme = Crm.builder().clock(Clock.fixed(NOW, ZoneOffset.UTC)).build().tenant(TenantId.of("acme"), Actor.user("alice"));
    acme.configure(acme.settings().withAttributes(AttributeSchema.of(AttributeDefinition.number("counter"))));
    pool = Executors.newFixedThreadPool(THREADS);
  }

  @AfterEach
  void tearDown() throws InterruptedException {
    pool.shutdownNow();
    assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
  }

  // ---------------------------------------------------------------------------------------------------
  // A stale version

  @Test
  void aStaleVersionConflictsNamesBothVersionsAndChangesNothing() {
    Party ada = acme.parties().create(PartyDraft.person("Ada").stage(LifecycleStage.LEAD).build());
    Party current = acme.parties().update(ada.id(), 1, PartyUpdate.builder().addTag("vip").build());
    List<AuditEntry> auditBefore = audit();

    List<Function<Long, Object>> changes = List.of(
        v -> acme.parties().update(ada.id(), v, PartyUpdate.builder().rename("Stale").build()),
        v -> acme.parties().moveStage(ada.id(), v, LifecycleStage.CUSTOMER),
        v -> acme.parties().forceStage(ada.id(), v, LifecycleStage.SUBSCRIBER, "stale"),
        v -> acme.parties().recordConsent(ada.id(), v, ConsentDraft.optIn(Channel.EMAIL, Purpose.MARKETING, "form")));
    for (Function<Long, Object> change : changes) {
      for (long stale : List.of(1L, 3L, 0L, -1L, Long.MAX_VALUE)) {
        assertThatThrownBy(() -> change.apply(stale))
            .isInstanceOfSatisfying(VersionConflictException.class, e -> {
              assertThat(e.recordType()).isEqualTo("party");
              assertThat(e.id()).isEqualTo(ada.id().value());
              assertThat(e.expectedVersion()).isEqualTo(stale);
              assertThat(e.actualVersion()).isEqualTo(2);
              assertThat(e.getMessage()).contains("version 2").contains("expected version " + stale);
            });
      }
    }

    assertThat(acme.parties().get(ada.id())).isEqualTo(current);
    assertThat(audit()).isEqualTo(auditBefore);
  }

  @Test
  void aConflictIsReportedEvenWhenTheChangeItselfIsInvalid() {
    Party ada = acme.parties().create(PartyDraft.person("Ada").build());
    acme.parties().update(ada.id(), 1, PartyUpdate.builder().addTag("vip").build());

    // the caller's view is outdated: re-reading comes first, whatever else is wrong with the change
    assertThatThrownBy(() -> acme.parties().update(ada.id(), 1, PartyUpdate.builder().rename("").build()))
        .isInstanceOf(VersionConflictException.class);
  }

  @Test
  void aRelationshipsVersionIsCheckedTheSameWay() {
    Party ada = acme.parties().create(PartyDraft.person("Ada").build());
    Party acmeCorp = acme.parties().create(PartyDraft.organization("Acme").build());
    Relationship r = acme.relationships().create(RelationshipDraft.of(ada.id(), RelationshipType.WORKS_FOR, acmeCorp.id()));
    Relationship ended = acme.relationships().end(r.id(), 1, NOW.plusSeconds(3600));

    assertThatThrownBy(() -> acme.relationships().end(r.id(), 1, NOW.plusSeconds(60)))
        .isInstanceOfSatisfying(VersionConflictException.class, e -> {
          assertThat(e.expectedVersion()).isEqualTo(1);
          assertThat(e.actualVersion()).isEqualTo(2);
        });
    assertThat(acme.relationships().get(r.id())).isEqualTo(ended);
  }

  @Test
  void versionsStartAtOneAndGrowByOnePerChange() {
    Party ada = acme.parties().create(PartyDraft.person("Ada").stage(LifecycleStage.LEAD).build());
    assertThat(ada.version()).isEqualTo(1);
    Party v2 = acme.parties().update(ada.id(), 1, PartyUpdate.builder().addTag("a").build());
    Party v3 = acme.parties().moveStage(ada.id(), 2, LifecycleStage.CUSTOMER);
    Party v4 = acme.parties().recordConsent(ada.id(), 3, ConsentDraft.optOut(Channel.SMS, Purpose.MARKETING, "call"));
    Party unchanged = acme.parties().update(ada.id(), 4, PartyUpdate.builder().addTag("a").build());

    assertThat(List.of(v2.version(), v3.version(), v4.version(), unchanged.version())).containsExactly(2L, 3L, 4L, 4L);
  }

  // ---------------------------------------------------------------------------------------------------
  // Contention

  @Test
  void eightThreadsIncrementingOneCounterLoseNoUpdate() throws Exception {
    Party counter = acme.parties().create(PartyDraft.person("Counter").attribute("counter", AttributeValue.of(0)).build());
    AtomicInteger conflicts = new AtomicInteger();
    AtomicInteger attempts = new AtomicInteger();
    Set<Long> versionsWritten = ConcurrentHashMap.newKeySet();
    CountDownLatch start = new CountDownLatch(1);

    List<Future<Integer>> workers = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      workers.add(pool.submit(() -> {
        start.await();
        int done = 0;
        while (done < INCREMENTS_PER_THREAD) {
          Party read = acme.parties().get(counter.id());
          BigDecimal value = ((AttributeValue.NumberValue) read.attributes().get("counter")).value();
          attempts.incrementAndGet();
          try {
            Party written = acme.parties().update(read.id(), read.version(),
                PartyUpdate.builder().attribute("counter", AttributeValue.of(value.add(BigDecimal.ONE))).build());
            assertThat(versionsWritten.add(written.version())).as("version %s written twice", written.version()).isTrue();
            done++;
          } catch (VersionConflictException e) {
            assertThat(e.actualVersion()).isGreaterThan(e.expectedVersion());
            conflicts.incrementAndGet();
          }
        }
        return done;
      }));
    }
    start.countDown();
    int successes = 0;
    for (Future<Integer> worker : workers) {
      successes += worker.get(60, TimeUnit.SECONDS);
    }

    int expected = THREADS * INCREMENTS_PER_THREAD;
    Party last = acme.parties().get(counter.id());
    assertThat(successes).isEqualTo(expected);
    assertThat(last.attributes().get("counter")).isEqualTo(AttributeValue.of(expected));
    assertThat(last.version()).isEqualTo(1 + expected);
    assertThat(versionsWritten).hasSize(expected).allSatisfy(v -> assertThat(v).isBetween(2L, 1L + expected));
    assertThat(attempts.get()).isEqualTo(successes + conflicts.get());
    List<AuditEntry> trail = audit(p -> acme.audit().ofParty(counter.id(), p));
    assertThat(trail).hasSize(1 + expected);
    assertThat(trail.subList(1, trail.size())).extracting(e -> e.changes().get(0).after().orElseThrow())
        .as("each increment audited once, in order")
        .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, expected).mapToObj(Integer::toString).toList());
  }

  @Test
  void whenEightWritersReadTheSameVersionExactlyOneWinsEachRound() throws Exception {
    int rounds = 100;
    Party counter = acme.parties().create(PartyDraft.person("Counter").attribute("counter", AttributeValue.of(0)).build());
    AtomicInteger successes = new AtomicInteger();
    AtomicInteger conflicts = new AtomicInteger();
    // everyone reads, then everyone writes: every round all writers hold the same version
    java.util.concurrent.CyclicBarrier afterRead = new java.util.concurrent.CyclicBarrier(THREADS);
    java.util.concurrent.CyclicBarrier afterWrite = new java.util.concurrent.CyclicBarrier(THREADS);

    List<Future<?>> workers = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      workers.add(pool.submit(() -> {
        for (int round = 0; round < rounds; round++) {
          Party read = acme.parties().get(counter.id());
          BigDecimal value = ((AttributeValue.NumberValue) read.attributes().get("counter")).value();
          afterRead.await(30, TimeUnit.SECONDS);
          try {
            acme.parties().update(read.id(), read.version(),
                PartyUpdate.builder().attribute("counter", AttributeValue.of(value.add(BigDecimal.ONE))).build());
            successes.incrementAndGet();
          } catch (VersionConflictException e) {
            conflicts.incrementAndGet();
          }
          afterWrite.await(30, TimeUnit.SECONDS);
        }
        return null;
      }));
    }
    for (Future<?> worker : workers) {
      worker.get(60, TimeUnit.SECONDS);
    }

    assertThat(successes.get()).isEqualTo(rounds);
    assertThat(conflicts.get()).isEqualTo(rounds * (THREADS - 1));
    Party last = acme.parties().get(counter.id());
    assertThat(last.attributes().get("counter")).isEqualTo(AttributeValue.of(rounds));
    assertThat(last.version()).isEqualTo(1 + rounds);
  }

  @Test
  void racingCreatesWithOneExternalIdCreateExactlyOneParty() throws Exception {
    List<Object> outcomes = race(i -> acme.parties().create(PartyDraft.person("Racer " + i).externalId("billing", "42")
        .build()));

    assertThat(outcomes).filteredOn(Party.class::isInstance).hasSize(1);
    assertThat(outcomes).filteredOn(o -> !(o instanceof Party)).hasSize(THREADS - 1)
        .allSatisfy(o -> assertThat(o).isInstanceOf(DuplicateKeyException.class));
    assertThat(acme.parties().search(PartyQuery.all(), PageRequest.first(100)).items()).hasSize(1);
    assertThat(audit()).filteredOn(e -> e.recordType().equals("party")).hasSize(1);
  }

  @Test
  void racingCreatesWithOneIdempotencyKeyCreateExactlyOneParty() throws Exception {
    List<Object> outcomes = race(i -> acme.parties().create(PartyDraft.person("Retried").build(), "request-7"));

    Party created = acme.parties().search(PartyQuery.all(), PageRequest.first(100)).items().get(0);
    assertThat(acme.parties().search(PartyQuery.all(), PageRequest.first(100)).items()).hasSize(1);
    assertThat(outcomes).allSatisfy(o -> {
      if (o instanceof Party p) {
        assertThat(p).isEqualTo(created);
      } else {
        assertThat(o).isInstanceOf(DuplicateKeyException.class);
      }
    });
  }

  @Test
  void racingStageMovesFromOneVersionLetExactlyOneWin() throws Exception {
    Party ada = acme.parties().create(PartyDraft.person("Ada").stage(LifecycleStage.LEAD).build());
    List<LifecycleStage> targets = List.of(LifecycleStage.QUALIFIED_LEAD, LifecycleStage.OPPORTUNITY,
        LifecycleStage.CUSTOMER, LifecycleStage.EVANGELIST, LifecycleStage.OTHER, LifecycleStage.CHURNED,
        LifecycleStage.QUALIFIED_LEAD, LifecycleStage.CUSTOMER);

    List<Object> outcomes = race(i -> acme.parties().moveStage(ada.id(), 1, targets.get(i)));

    List<Party> winners = outcomes.stream().filter(Party.class::isInstance).map(Party.class::cast).toList();
    assertThat(winners).hasSize(1);
    assertThat(outcomes).filteredOn(o -> !(o instanceof Party))
        .allSatisfy(o -> assertThat(o).isInstanceOf(VersionConflictException.class));
    Party now = acme.parties().get(ada.id());
    assertThat(now).isEqualTo(winners.get(0));
    assertThat(now.version()).isEqualTo(2);
    assertThat(now.lifecycle().history()).hasSize(2);
  }

  // ---------------------------------------------------------------------------------------------------

  /** Runs {@code action} on every thread at once; returns what each returned or threw, by thread. */
  private List<Object> race(Function<Integer, Object> action) throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Object>> futures = new ArrayList<>();
    for (int i = 0; i < THREADS; i++) {
      int index = i;
      Callable<Object> task = () -> {
        start.await();
        try {
          return action.apply(index);
        } catch (RuntimeException e) {
          return e;
        }
      };
      futures.add(pool.submit(task));
    }
    start.countDown();
    List<Object> outcomes = new ArrayList<>();
    for (Future<Object> future : futures) {
      outcomes.add(future.get(30, TimeUnit.SECONDS));
    }
    return outcomes;
  }

  private List<AuditEntry> audit() {
    return audit(p -> acme.audit().all(p));
  }

  private static List<AuditEntry> audit(Function<PageRequest, Page<AuditEntry>> query) {
    List<AuditEntry> entries = new ArrayList<>();
    Optional<PageRequest> page = Optional.of(PageRequest.first(PageRequest.MAX_LIMIT));
    while (page.isPresent()) {
      Page<AuditEntry> result = query.apply(page.get());
      entries.addAll(result.items());
      page = page.get().next(result);
    }
    return entries;
  }
}
