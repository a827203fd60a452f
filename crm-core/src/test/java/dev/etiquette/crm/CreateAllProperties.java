package dev.etiquette.crm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.etiquette.crm.api.Actor;
import dev.etiquette.crm.api.CrmException;
import dev.etiquette.crm.api.CrmTenant;
import dev.etiquette.crm.api.Page;
import dev.etiquette.crm.api.PageRequest;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.party.AuditEntry;
import dev.etiquette.crm.api.party.ConsentDraft;
import dev.etiquette.crm.api.party.Party;
import dev.etiquette.crm.api.party.PartyDraft;
import dev.etiquette.crm.api.party.PartyQuery;
import dev.etiquette.crm.api.party.Role;
import dev.etiquette.crm.api.Channel;
import dev.etiquette.crm.api.Purpose;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.constraints.IntRange;

/**
 * The law of {@code createAll}: its outcome (the parties, their ids, the exception, what is stored and
 * audited) does not depend on the executor that prepares the drafts ahead of the writes.
 */
class CreateAllProperties {

  static final Instant NOW = Instant.parse("2026-05-04T10:00:00Z");
  static final ExecutorService POOL = Executors.newFixedThreadPool(2);

  @AfterContainer
  static void shutDown() throws InterruptedException {
    POOL.shutdownNow();
    POOL.awaitTermination(10, TimeUnit.SECONDS);
  }

  @Property(tries = 60)
  void theOutcomeDoesNotDependOnTheExecutor(@ForAll @IntRange(min = 1, max = 1200) int size,
      @ForAll("invalidIndexes") Set<Integer> invalid, @ForAll("duplicateAt") int duplicateAt) {
    List<PartyDraft> drafts = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      PartyDraft.Builder draft = PartyDraft.person(invalid.contains(i) ? " " : "Person " + i).roles(Role.CUSTOMER)
          .email("p" + i + "@Example.com")
          .phone("+44 20 7946 " + String.format("%04d", i % 10_000))
          .externalId("shop", Integer.toString(i == duplicateAt ? 0 : i))
          .consent(ConsentDraft.optIn(Channel.EMAIL, Purpose.MARKETING, "import"));
      if (invalid.contains(i + 1)) { // a second kind of problem, on the draft before
        draft.email("not an address");
      }
      drafts.add(draft.build());
    }
    Outcome alone = outcome(Runnable::run, drafts);
    assertThat(outcome(POOL, drafts)).isEqualTo(alone);
    assertThat(outcome(task -> {}, drafts)).as("an executor that never runs the task").isEqualTo(alone);
    if (invalid.stream().anyMatch(i -> i <= size) || (duplicateAt > 0 && duplicateAt < size)) {
      assertThat(alone.failure()).isNotNull();
      assertThat(alone.stored()).isEmpty();
      assertThat(alone.audit()).isEmpty();
    } else {
      assertThat(alone.failure()).isNull();
      assertThat(alone.created()).hasSize(size);
      assertThat(alone.stored()).containsExactlyInAnyOrderElementsOf(alone.created());
      assertThat(alone.audit()).hasSize(size);
      assertThat(alone.created()).extracting(p -> p.id().value())
          .as("ids are drawn in the order of the drafts")
          .containsExactlyElementsOf(() -> java.util.stream.IntStream.rangeClosed(1, size)
              .mapToObj(n -> "party-" + n).iterator());
    }
  }

  @Provide
  Arbitrary<Set<Integer>> invalidIndexes() {
    return Arbitraries.oneOf(Arbitraries.just(Set.of()),
        Arbitraries.integers().between(0, 1200).set().ofMaxSize(4));
  }

  @Provide
  Arbitrary<Integer> duplicateAt() {
    return Arbitraries.oneOf(Arbitraries.just(0), Arbitraries.integers().between(1, 1200));
  }

  record Outcome(List<Party> created, String failure, List<Party> stored, List<AuditEntry> audit) {}

  static Outcome outcome(Executor executor, List<PartyDraft> drafts) {
    AtomicInteger ids = new AtomicInteger();
    Crm crm = Crm.builder().clock(Clock.fixed(NOW, ZoneOffset.UTC)).executor(executor)
        .idGenerator(type -> type + "-" + ids.incrementAndGet()).build();
    CrmTenant tenant = crm.tenant(TenantId.of("acme"), Actor.user("importer"));
    tenant.configure(tenant.settings().withDefaultRegion("GB"));
    List<Party> created = List.of();
    String failure = null;
    try {
      created = tenant.parties().createAll(drafts);
    } catch (CrmException e) {
      failure = e.getClass().getSimpleName() + ": " + e.getMessage();
    }
    Page<Party> stored = tenant.parties().search(PartyQuery.all(), PageRequest.first(1000));
    List<Party> all = new ArrayList<>(stored.items());
    while (stored.nextCursor().isPresent()) {
      stored = tenant.parties().search(PartyQuery.all(), PageRequest.after(stored.nextCursor().get(), 1000));
      all.addAll(stored.items());
    }
    List<AuditEntry> audit = new ArrayList<>();
    Page<AuditEntry> entries = tenant.audit().all(PageRequest.first(1000));
    audit.addAll(entries.items());
    while (entries.nextCursor().isPresent()) {
      entries = tenant.audit().all(PageRequest.after(entries.nextCursor().get(), 1000));
      audit.addAll(entries.items());
    }
    audit.removeIf(e -> !e.recordType().equals("party"));
    return new Outcome(created, failure, all, audit);
  }
}
