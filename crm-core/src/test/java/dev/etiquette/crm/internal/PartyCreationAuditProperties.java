package dev.etiquette.crm.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.etiquette.crm.Crm;
import dev.etiquette.crm.api.Actor;
import dev.etiquette.crm.api.Channel;
import dev.etiquette.crm.api.CrmTenant;
import dev.etiquette.crm.api.Page;
import dev.etiquette.crm.api.PageRequest;
import dev.etiquette.crm.api.Purpose;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.party.AuditAction;
import dev.etiquette.crm.api.party.AuditEntry;
import dev.etiquette.crm.api.party.ConsentDraft;
import dev.etiquette.crm.api.party.Party;
import dev.etiquette.crm.api.party.PartyDraft;
import dev.etiquette.crm.api.party.PartyId;
import dev.etiquette.crm.api.party.PartyUpdate;
import dev.etiquette.crm.api.spi.AuditStore;
import dev.etiquette.crm.api.spi.IdempotencyStore;
import dev.etiquette.crm.api.spi.PartyStore;
import dev.etiquette.crm.api.spi.RelationshipStore;
import dev.etiquette.crm.api.spi.Storage;
import dev.etiquette.crm.api.spi.StorageTransaction;
import dev.etiquette.crm.api.spi.TenantSettingsStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.Transformer;

/**
 * The audit entries of creations, through the library on the in-memory storage: parties created by
 * {@code create}, {@code createAll} and {@code create} with an idempotency key, updated, and writes that
 * fail after their work ran (so are rolled back), in random sequences. The model is what the library
 * appended: a storage wrapper records every entry {@code append} and {@code appendAll} returned, keeping
 * those of committed transactions. After each step the trail (read from the storage, and paged through
 * the audit API) equals the model, and the entry of every creation is kept as a reference to the very
 * party object the create returned.
 */
class PartyCreationAuditProperties {

  static final TenantId TENANT = TenantId.of("t");
  static final List<String> LOCAL_PARTS = List.of("Ada", "ada", "İlk", "ılk", "ΣΟΦΙΑΣ", "σοφιας", "\u212Aarl",
      "karl", "Zoë");
  static final List<String> KEYS = List.of("k1", "k2", "k3");

  @Property(tries = 100)
  void theTrailHoldsExactlyWhatTheLibraryAppended(@ForAll("chains") ActionChain<Harness> chain) {
    chain.run();
  }

  @Provide
  Arbitrary<ActionChain<Harness>> chains() {
    return ActionChain.<Harness>startWith(Harness::new)
        .withAction(3, new Create())
        .withAction(2, new CreateAll())
        .withAction(2, new CreateWithKey())
        .withAction(3, new Update())
        .withMaxTransformations(20);
  }

  @Example
  void createThenUpdateThenARolledBackCreate() {
    Harness h = new Harness();
    Party ada = h.tenant.parties().create(draft("Ada", "Ada@Example.com", true));
    h.created(ada);
    Party renamed = h.tenant.parties().update(ada.id(), 1, PartyUpdate.builder().rename("Ada Lovelace").build());
    h.current.put(ada.id(), renamed);
    h.storage.failNextWrite = true;
    assertThatThrownBy(() -> h.tenant.parties().create(draft("Bob", "bob@example.com", false)))
        .isInstanceOf(Injected.class);
    PartyId lost = PartyId.of(h.lastId());

    List<AuditEntry> trail = h.storage.read(tx -> tx.audit().list(TENANT, Optional.empty(), Optional.empty(), 0, 10));
    assertThat(trail).extracting(AuditEntry::sequence).containsExactly(1L, 2L);
    assertThat(trail).extracting(AuditEntry::action).containsExactly(AuditAction.CREATED, AuditAction.UPDATED);
    assertThat(trail).containsExactlyElementsOf(h.storage.committed);
    assertThat(trail.get(0).changes()).isEqualTo(AuditDiff.diff(Map.of(), AuditDiff.fields(ada)));
    assertThat(h.storage.delegate.storedAuditEntry(TENANT, 1)).get()
        .isInstanceOfSatisfying(PartyCreatedAuditEntry.class, e -> assertThat(e.party()).isSameAs(ada));
    assertThat(h.storage.delegate.storedAuditEntry(TENANT, 2)).get().isInstanceOf(CompactAuditEntry.class);
    assertThat(h.storage.delegate.storedAuditEntry(TENANT, 3)).isEmpty();
    assertThat(h.tenant.parties().find(lost)).isEmpty();
    assertThat(h.tenant.parties().findByEmail("BOB@example.com")).isEmpty();
    assertThat(h.tenant.parties().get(ada.id())).isEqualTo(renamed);

    Party carl = h.tenant.parties().create(draft("Carl", "bob@example.com", false));
    h.created(carl);
    AuditEntry third = h.storage.read(tx -> tx.audit().list(TENANT, Optional.empty(), Optional.empty(), 2, 10)).get(0);
    assertThat(third.sequence()).as("the rolled-back create used no sequence").isEqualTo(3L);
    assertThat(third.recordId()).isEqualTo(carl.id().value());
    assertThat(h.tenant.parties().findByEmail("Bob@Example.com")).containsExactly(carl);
    h.check();
  }

  static PartyDraft draft(String name, String email, boolean consents) {
    PartyDraft.Builder draft = PartyDraft.person(name).email(email).tags("t-" + name.length());
    if (consents) {
      draft.consent(ConsentDraft.optIn(Channel.EMAIL, Purpose.MARKETING, "form"))
          .consent(ConsentDraft.optOut(Channel.SMS, Purpose.MARKETING, "form"));
    }
    return draft.build();
  }

  static final class Injected extends RuntimeException {
    Injected() {
      super("injected failure after the work ran");
    }
  }

  /** The in-memory storage, recording the audit entries that committed transactions appended. */
  static final class RecordingStorage implements Storage {
    final InMemoryStorage delegate = new InMemoryStorage();
    final List<AuditEntry> committed = new ArrayList<>();
    boolean failNextWrite;

    @Override
    public <T> T write(Work<T> work) {
      boolean fail = failNextWrite;
      failNextWrite = false;
      List<AuditEntry> appended = new ArrayList<>();
      T result = delegate.write(tx -> {
        T r = work.run(new RecordingTransaction(tx, appended));
        if (fail) {
          throw new Injected();
        }
        return r;
      });
      committed.addAll(appended);
      return result;
    }

    @Override
    public <T> T read(Work<T> work) {
      return delegate.read(work);
    }
  }

  record RecordingTransaction(StorageTransaction tx, List<AuditEntry> appended) implements StorageTransaction {
    @Override
    public PartyStore parties() {
      return tx.parties();
    }

    @Override
    public RelationshipStore relationships() {
      return tx.relationships();
    }

    @Override
    public TenantSettingsStore settings() {
      return tx.settings();
    }

    @Override
    public IdempotencyStore idempotency() {
      return tx.idempotency();
    }

    @Override
    public dev.etiquette.crm.api.spi.InteractionStore interactions() {
      return tx.interactions();
    }

    @Override
    public dev.etiquette.crm.api.spi.ConversationStore conversations() {
      return tx.conversations();
    }

    @Override
    public dev.etiquette.crm.api.spi.ObligationStore obligations() {
      return tx.obligations();
    }

    @Override
    public dev.etiquette.crm.api.spi.RuleSetStore ruleSets() {
      return tx.ruleSets();
    }

    @Override
    public dev.etiquette.crm.api.spi.NotificationStore notifications() {
      return tx.notifications();
    }

    @Override
    public dev.etiquette.crm.api.spi.ContactLedgerStore contacts() {
      return tx.contacts();
    }

    @Override
    public dev.etiquette.crm.api.spi.OutboxStore outbox() {
      return tx.outbox();
    }

    @Override
    public dev.etiquette.crm.api.spi.MeasurementStore measurements() {
      return tx.measurements();
    }

    @Override
    public dev.etiquette.crm.api.spi.FactStore facts() {
      return tx.facts();
    }

    @Override
    public AuditStore audit() {
      AuditStore audit = tx.audit();
      return new AuditStore() {
        @Override
        public AuditEntry append(AuditEntry entry) {
          AuditEntry stored = audit.append(entry);
          appended.add(stored);
          return stored;
        }

        @Override
        public List<AuditEntry> appendAll(List<AuditEntry> entries) {
          List<AuditEntry> stored = audit.appendAll(entries);
          appended.addAll(stored);
          return stored;
        }

        @Override
        public List<AuditEntry> list(TenantId tenant, Optional<String> recordType, Optional<String> recordId,
            long afterSequence, int limit) {
          return audit.list(tenant, recordType, recordId, afterSequence, limit);
        }
      };
    }
  }

  /** A clock that moves a millisecond and a microsecond on every reading. */
  static final class TickingClock extends Clock {
    private Instant now = Instant.parse("2026-02-01T10:00:00.000001Z");

    @Override
    public synchronized Instant instant() {
      now = now.plus(Duration.ofNanos(1_001_000));
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException();
    }
  }

  static final class Harness {
    final RecordingStorage storage = new RecordingStorage();
    final List<String> ids = new ArrayList<>();
    final CrmTenant tenant;
    /** Each created party as its create returned it (its version 1), by id. */
    final Map<PartyId, Party> created = new LinkedHashMap<>();
    final Map<PartyId, Party> current = new HashMap<>();
    final Map<String, PartyId> byKey = new HashMap<>();

    Harness() {
      AtomicInteger next = new AtomicInteger();
      Crm crm = Crm.builder().storage(storage).clock(new TickingClock()).idGenerator(type -> {
        String id = type + "-" + next.incrementAndGet();
        ids.add(id);
        return id;
      }).build();
      tenant = crm.tenant(TENANT, Actor.user("importer"));
    }

    String lastId() {
      return ids.stream().filter(i -> i.startsWith("party-")).reduce((a, b) -> b).orElseThrow();
    }

    /** Runs a write that may be made to fail; checks that a failed one left no party behind. */
    void write(boolean fail, Runnable write) {
      storage.failNextWrite = fail;
      int before = ids.size();
      if (fail) {
        assertThatThrownBy(write::run).isInstanceOf(Injected.class);
        for (String id : ids.subList(before, ids.size())) {
          if (id.startsWith("party-")) {
            assertThat(tenant.parties().find(PartyId.of(id))).isEmpty();
          }
        }
      } else {
        write.run();
      }
      check();
    }

    void created(Party party) {
      assertThat(party.version()).isOne();
      created.put(party.id(), party);
      current.put(party.id(), party);
    }

    void create(PartyDraft draft, boolean fail) {
      write(fail, () -> created(tenant.parties().create(draft)));
    }

    void createAll(List<PartyDraft> drafts, boolean fail) {
      write(fail, () -> tenant.parties().createAll(drafts).forEach(this::created));
    }

    void createWithKey(String key, boolean fail) {
      PartyDraft draft = draft("Keyed " + key, key + "@Example.com", true);
      write(fail, () -> {
        Party party = tenant.parties().create(draft, key);
        PartyId earlier = byKey.putIfAbsent(key, party.id());
        if (earlier == null) {
          created(party);
        } else {
          assertThat(party).isEqualTo(current.get(earlier));
        }
      });
    }

    void update(int pick, String name, boolean fail) {
      if (current.isEmpty()) {
        return;
      }
      Party party = new ArrayList<>(created.keySet()).stream().map(current::get).toList().get(pick % current.size());
      write(fail, () -> current.put(party.id(), tenant.parties().update(party.id(), party.version(),
          PartyUpdate.builder().rename(name).addTag("updated").build())));
    }

    void check() {
      List<AuditEntry> trail = storage.read(tx -> tx.audit().list(TENANT, Optional.empty(), Optional.empty(), 0, 1000));
      assertThat(trail).containsExactlyElementsOf(storage.committed);
      List<AuditEntry> paged = new ArrayList<>();
      PageRequest request = PageRequest.first(3);
      while (true) {
        Page<AuditEntry> page = tenant.audit().all(request);
        paged.addAll(page.items());
        Optional<PageRequest> next = request.next(page);
        if (next.isEmpty()) {
          break;
        }
        request = next.get();
      }
      assertThat(paged).containsExactlyElementsOf(storage.committed);

      for (AuditEntry entry : storage.committed) {
        StoredAuditEntry kept = storage.delegate.storedAuditEntry(TENANT, entry.sequence()).orElseThrow();
        if (entry.action() == AuditAction.CREATED && entry.recordType().equals("party")) {
          Party v1 = created.get(PartyId.of(entry.recordId()));
          assertThat(kept).isInstanceOfSatisfying(PartyCreatedAuditEntry.class,
              e -> assertThat(e.party()).as("the party object the create returned").isSameAs(v1));
          if (current.get(v1.id()).version() == 1) {
            Party stored = storage.read(tx -> tx.parties().find(TENANT, v1.id())).orElseThrow();
            assertThat(stored).as("the current party, shared with the entry").isSameAs(v1);
          }
        } else {
          assertThat(kept).isInstanceOf(CompactAuditEntry.class);
        }
      }

      for (Party party : current.values()) {
        String email = party.primaryEmail().orElseThrow();
        assertThat(tenant.parties().findByEmail(email)).as("findByEmail(%s)", email).contains(party);
        for (String probe : List.of(email, email.toUpperCase(Locale.ROOT), email.toLowerCase(Locale.ROOT))) {
          // the library looks up the lower case (Locale.ROOT) of what it is given: "ılk" and "ILK" differ
          List<Party> expected = current.values().stream()
              .filter(p -> p.primaryEmail().orElseThrow().toLowerCase(Locale.ROOT).equals(probe.toLowerCase(Locale.ROOT)))
              .sorted((a, b) -> a.id().compareTo(b.id())).toList();
          assertThat(tenant.parties().findByEmail(probe)).as("findByEmail(%s)", probe).containsExactlyElementsOf(expected);
        }
      }
    }

    @Override
    public String toString() {
      return "Harness" + current.keySet();
    }
  }

  static Arbitrary<PartyDraft> drafts() {
    return Combinators.combine(Arbitraries.of("Ada", "Bob", "Zoë"), Arbitraries.of(LOCAL_PARTS),
        Arbitraries.of("Example.com", "example.COM"), Arbitraries.of(true, false))
        .as((name, local, domain, consents) -> draft(name, local + "@" + domain, consents));
  }

  static Arbitrary<Boolean> failing() {
    return Arbitraries.of(true, false, false, false);
  }

  static final class Create implements Action.Independent<Harness> {
    @Override
    public Arbitrary<Transformer<Harness>> transformer() {
      return Combinators.combine(drafts(), failing()).as((draft, fail) -> Transformer.mutate(
          "create " + draft.displayName() + " " + draft.contactPoints() + (fail ? " FAIL" : ""),
          h -> h.create(draft, fail)));
    }
  }

  static final class CreateAll implements Action.Independent<Harness> {
    @Override
    public Arbitrary<Transformer<Harness>> transformer() {
      return Combinators.combine(drafts().list().ofMinSize(1).ofMaxSize(4), failing()).as((drafts, fail) ->
          Transformer.mutate("createAll " + drafts.size() + (fail ? " FAIL" : ""), h -> h.createAll(drafts, fail)));
    }
  }

  static final class CreateWithKey implements Action.Independent<Harness> {
    @Override
    public Arbitrary<Transformer<Harness>> transformer() {
      return Combinators.combine(Arbitraries.of(KEYS), failing()).as((key, fail) -> Transformer.mutate(
          "create with key " + key + (fail ? " FAIL" : ""), h -> h.createWithKey(key, fail)));
    }
  }

  static final class Update implements Action.Independent<Harness> {
    @Override
    public Arbitrary<Transformer<Harness>> transformer() {
      return Combinators.combine(Arbitraries.integers().between(0, 100), Arbitraries.of("Ann", "Ben", "Cy"), failing())
          .as((pick, name, fail) -> Transformer.mutate("update #" + pick + " to " + name + (fail ? " FAIL" : ""),
              h -> h.update(pick, name, fail)));
    }
  }
}
