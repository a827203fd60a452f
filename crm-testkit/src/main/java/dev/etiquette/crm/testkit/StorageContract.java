package dev.etiquette.crm.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.etiquette.crm.api.Actor;
import dev.etiquette.crm.api.DuplicateKeyException;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.TenantSettings;
import dev.etiquette.crm.api.VersionConflictException;
import dev.etiquette.crm.api.party.AttributeValue;
import dev.etiquette.crm.api.party.AuditAction;
import dev.etiquette.crm.api.party.AuditEntry;
import dev.etiquette.crm.api.party.ExternalId;
import dev.etiquette.crm.api.party.FieldChange;
import dev.etiquette.crm.api.party.LifecycleStage;
import dev.etiquette.crm.api.party.Party;
import dev.etiquette.crm.api.party.PartyId;
import dev.etiquette.crm.api.party.PartyKind;
import dev.etiquette.crm.api.party.PartyQuery;
import dev.etiquette.crm.api.party.Relationship;
import dev.etiquette.crm.api.party.RelationshipId;
import dev.etiquette.crm.api.party.RelationshipType;
import dev.etiquette.crm.api.party.Role;
import dev.etiquette.crm.api.spi.IdempotencyRecord;
import dev.etiquette.crm.api.spi.Storage;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link Storage} keeps, as tests. An adapter proves itself by a subclass that
 * provides the storage:
 *
 * <pre>{@code
 * class MyStorageContractTest extends StorageContract {
 *   static final MyStorage STORAGE = new MyStorage(...);
 *   protected Storage storage() { return STORAGE; }
 *   protected void reset() { STORAGE.deleteEverything(); }
 * }
 * }</pre>
 *
 * <p>The tests are {@code final}: an adapter cannot quietly switch one off. An adapter that cannot do
 * something declares it in {@link #unsupported()}; the tests that need it are then reported as skipped,
 * naming the capability. Each test works in tenants of its own with random ids, so a storage shared
 * between tests (one database) does not make them depend on each other. Time is fixed
 * ({@link Samples#T0}); nothing waits for time to pass.
 *
 * <p>Each test checks one rule of the storage port's documentation ({@code dev.etiquette.crm.api.spi}).
 */
public abstract class StorageContract {

  private TenantId tenant;
  private TenantId otherTenant;

  /** The storage under test. Called before each test; may return the same instance every time. */
  protected abstract Storage storage();

  /** Brings the storage back to empty, or at least to a state the next test cannot see. */
  protected abstract void reset();

  /** What this storage cannot do; the tests that need it are skipped. None by default. */
  protected Set<Capability> unsupported() {
    return Set.of();
  }

  @BeforeEach
  final void setUpContract() {
    reset();
    String run = UUID.randomUUID().toString().substring(0, 8);
    tenant = TenantId.of("t-" + run);
    otherTenant = TenantId.of("u-" + run);
  }

  /** The tenant this test works in. */
  protected final TenantId tenant() {
    return tenant;
  }

  private void require(Capability capability) {
    Assumptions.assumeFalse(unsupported().contains(capability),
        "skipped: the storage declares it does not support " + capability);
  }

  private Party insert(Party party) {
    storage().write(tx -> {
      tx.parties().insert(party);
      return null;
    });
    return party;
  }

  private Optional<Party> find(TenantId tenant, PartyId id) {
    return storage().read(tx -> tx.parties().find(tenant, id));
  }

  private List<Party> byEmail(TenantId tenant, String email) {
    return storage().read(tx -> tx.parties().findByEmail(tenant, email));
  }

  private List<Party> byPhone(TenantId tenant, String phone) {
    return storage().read(tx -> tx.parties().findByPhone(tenant, phone));
  }

  private Optional<Party> byExternalId(TenantId tenant, ExternalId id) {
    return storage().read(tx -> tx.parties().findByExternalId(tenant, id));
  }

  private List<AuditEntry> auditList(TenantId tenant, Optional<String> type, Optional<String> id, long after,
      int limit) {
    return storage().read(tx -> tx.audit().list(tenant, type, id, after, limit));
  }

  private List<Relationship> relationshipsOf(TenantId tenant, PartyId party) {
    return storage().read(tx -> tx.relationships().ofParty(tenant, party));
  }

  private Optional<Relationship> relationship(TenantId tenant, RelationshipId id) {
    return storage().read(tx -> tx.relationships().find(tenant, id));
  }

  private Optional<TenantSettings> settings(TenantId tenant) {
    return storage().read(tx -> tx.settings().find(tenant));
  }

  private Optional<IdempotencyRecord> idempotency(TenantId tenant, String type, String key) {
    return storage().read(tx -> tx.idempotency().find(tenant, type, key));
  }

  private List<PartyId> search(PartyQuery query, Optional<PartyId> after, int limit) {
    return storage().read(tx -> tx.parties().search(tenant, query, after, limit)).stream().map(Party::id).toList();
  }

  // ------------------------------------------------------------------ parties: identity and keys

  @Test
  public final void aPartyReadBackEqualsThePartyStored() {
    Party full = insert(Samples.party(tenant, "p1", "Ada Lovelace"));
    Party bare = insert(Samples.organization(tenant, "p2", "Initech"));
    assertThat(find(tenant, full.id())).contains(full);
    assertThat(find(tenant, bare.id())).contains(bare);
  }

  @Test
  public final void awkwardTextIsStoredVerbatim() {
    List<Party> parties = new ArrayList<>();
    for (int i = 0; i < Samples.AWKWARD_TEXT.size(); i++) {
      parties.add(insert(Samples.party(tenant, "awk" + i, Samples.AWKWARD_TEXT.get(i))));
    }
    for (Party party : parties) {
      assertThat(find(tenant, party.id())).contains(party);
    }
  }

  @Test
  public final void aMissingPartyIsEmptyNotAnError() {
    assertThat(find(tenant, PartyId.of("missing"))).isEmpty();
    assertThat(byExternalId(tenant, ExternalId.of("billing", "none"))).isEmpty();
    assertThat(byEmail(tenant, "nobody@example.com")).isEmpty();
    assertThat(byPhone(tenant, "+14155550000")).isEmpty();
  }

  @Test
  public final void insertingATakenIdFailsAndChangesNothing() {
    Party ada = insert(Samples.party(tenant, "p1", "Ada"));
    Party other = Samples.organization(tenant, "p1", "Impostor");
    assertThatThrownBy(() -> insert(other)).isInstanceOf(DuplicateKeyException.class);
    assertThat(find(tenant, ada.id())).contains(ada);
  }

  @Test
  public final void insertingATakenExternalIdFailsAndChangesNothing() {
    Party ada = insert(Samples.party(tenant, "p1", "Ada"));
    Party copy = Samples.party(tenant, "p2", "Copy");
    Party clash = new Party(copy.tenantId(), copy.id(), copy.kind(), copy.displayName(), copy.roles(),
        ada.externalIds(), copy.contactPoints(), copy.preferences(), copy.consents(), copy.doNotContact(),
        copy.lifecycle(), copy.owner(), copy.team(), copy.tags(), copy.attributes(), 1, copy.createdAt(),
        copy.updatedAt());
    assertThatThrownBy(() -> insert(clash)).isInstanceOf(DuplicateKeyException.class);
    assertThat(find(tenant, copy.id())).isEmpty();
    assertThat(byExternalId(tenant, ada.externalIds().iterator().next()))
        .contains(ada);
  }

  // ------------------------------------------------------------------ parties: optimistic concurrency

  @Test
  public final void anUpdateAtTheExpectedVersionReplacesTheParty() {
    Party ada = insert(Samples.party(tenant, "p1", "Ada"));
    Party next = Samples.changed(ada, Samples.T0.plusSeconds(60));
    storage().write(tx -> {
      tx.parties().update(next, 1);
      return null;
    });
    assertThat(find(tenant, ada.id())).contains(next);
  }

  @Test
  public final void anUpdateAtAStaleVersionFailsAndChangesNothing() {
    Party ada = insert(Samples.party(tenant, "p1", "Ada"));
    Party v2 = Samples.changed(ada, Samples.T0.plusSeconds(60));
    storage().write(tx -> {
      tx.parties().update(v2, 1);
      return null;
    });
    Party stale = Samples.changed(ada, Samples.T0.plusSeconds(120));
    assertThatThrownBy(() -> storage().write(tx -> {
      tx.parties().update(stale, 1);
      return null;
    })).isInstanceOfSatisfying(VersionConflictException.class, e -> {
      assertThat(e.expectedVersion()).isEqualTo(1);
      assertThat(e.actualVersion()).isEqualTo(2);
    });
    assertThat(find(tenant, ada.id())).contains(v2);
  }

  @Test
  public final void anUpdateOfAMissingPartyIsAConflictWithVersionZero() {
    Party ghost = Samples.party(tenant, "ghost", "Ghost");
    assertThatThrownBy(() -> storage().write(tx -> {
      tx.parties().update(Samples.changed(ghost, Samples.T0), 1);
      return null;
    })).isInstanceOfSatisfying(VersionConflictException.class, e -> assertThat(e.actualVersion()).isZero());
    assertThat(find(tenant, ghost.id())).isEmpty();
  }

  @Test
  public final void anUpdateThatTakesAnotherPartysExternalIdFails() {
    Party ada = insert(Samples.party(tenant, "p1", "Ada"));
    Party bo = insert(Samples.party(tenant, "p2", "Bo"));
    Party clash = new Party(bo.tenantId(), bo.id(), bo.kind(), bo.displayName(), bo.roles(), ada.externalIds(),
        bo.contactPoints(), bo.preferences(), bo.consents(), bo.doNotContact(), bo.lifecycle(), bo.owner(),
        bo.team(), bo.tags(), bo.attributes(), 2, bo.createdAt(), bo.updatedAt());
    assertThatThrownBy(() -> storage().write(tx -> {
      tx.parties().update(clash, 1);
      return null;
    })).isInstanceOf(DuplicateKeyException.class);
    assertThat(find(tenant, bo.id())).contains(bo);
  }

  @Test
  public final void concurrentUpdatesNeverLoseOne() throws Exception {
    require(Capability.CONCURRENT_WRITES);
    Party start = insert(Samples.organization(tenant, "counter", "Counter"));
    int threads = 8;
    int attemptsEach = 25;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<int[]>> results = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      results.add(pool.submit(() -> {
        go.await();
        int won = 0;
        int conflicts = 0;
        for (int i = 0; i < attemptsEach; i++) {
          try {
            storage().write(tx -> {
              Party current = tx.parties().find(tenant, start.id()).orElseThrow();
              tx.parties().update(withVersion(current, current.version() + 1), current.version());
              return null;
            });
            won++;
          } catch (VersionConflictException e) {
            conflicts++;
          }
        }
        return new int[] {won, conflicts};
      }));
    }
    go.countDown();
    int won = 0;
    int conflicts = 0;
    for (Future<int[]> result : results) {
      int[] r = result.get(2, TimeUnit.MINUTES);
      won += r[0];
      conflicts += r[1];
    }
    pool.shutdown();
    assertThat(won + conflicts).isEqualTo(threads * attemptsEach);
    assertThat(find(tenant, start.id()).orElseThrow().version()).isEqualTo(1 + won);
  }

  private static Party withVersion(Party p, long version) {
    return new Party(p.tenantId(), p.id(), p.kind(), p.displayName(), p.roles(), p.externalIds(), p.contactPoints(),
        p.preferences(), p.consents(), p.doNotContact(), p.lifecycle(), p.owner(), p.team(), p.tags(), p.attributes(),
        version, p.createdAt(), p.updatedAt().plus(Duration.ofSeconds(version)));
  }

  // ------------------------------------------------------------------ parties: lookups and search

  @Test
  public final void lookupsFollowTheCurrentVersion() {
    Party ada = insert(Samples.party(tenant, "p1", "Ada"));
    String email = "p1.Mail@example.com";
    String phone = ada.primaryPhone().orElseThrow();
    assertThat(byEmail(tenant, email.toUpperCase())).containsExactly(ada);
    assertThat(byPhone(tenant, phone)).containsExactly(ada);
    Party next = Samples.changed(ada, Samples.T0.plusSeconds(1));
    storage().write(tx -> {
      tx.parties().update(next, 1);
      return null;
    });
    assertThat(byEmail(tenant, email)).isEmpty();
    assertThat(byPhone(tenant, phone)).isEmpty();
    assertThat(byExternalId(tenant, ExternalId.of("billing", "B-p1"))).isEmpty();
    assertThat(byExternalId(tenant, ExternalId.of("billing", "B2-p1")))
        .contains(next);
    assertThat(byEmail(tenant, "NEW.p1@example.org")).containsExactly(next);
  }

  @Test
  public final void severalPartiesMayShareAnEmailAndComeBackInIdOrder() {
    Party b = insert(Samples.party(tenant, "b", "B"));
    Party a = insert(withEmail(Samples.party(tenant, "a", "A"), "b.Mail@example.com"));
    assertThat(byEmail(tenant, "b.mail@example.com")).containsExactly(a, b);
  }

  private static Party withEmail(Party p, String email) {
    return new Party(p.tenantId(), p.id(), p.kind(), p.displayName(), p.roles(), p.externalIds(),
        List.of(dev.etiquette.crm.api.party.ContactPoint.email(email).withPrimary(true)), p.preferences(),
        p.consents(), p.doNotContact(), p.lifecycle(), p.owner(), p.team(), p.tags(), p.attributes(), p.version(),
        p.createdAt(), p.updatedAt());
  }

  @Test
  public final void searchFiltersOnEveryCriterion() {
    Party ada = insert(Samples.party(tenant, "p1", "Ada Lovelace"));
    Party org = insert(Samples.organization(tenant, "p2", "ADAMANT Corp"));
    Party zoe = insert(Samples.party(tenant, "p3", "Zoë"));
    List<PartyId> all = List.of(ada.id(), org.id(), zoe.id());
    assertThat(search(PartyQuery.all(), Optional.empty(), 10)).isEqualTo(all);
    assertThat(search(PartyQuery.all().withKind(PartyKind.ORGANIZATION), Optional.empty(), 10)).containsExactly(org.id());
    assertThat(search(PartyQuery.all().withRole(Role.PARTNER), Optional.empty(), 10)).containsExactly(ada.id(), zoe.id());
    assertThat(search(PartyQuery.all().withRole(Role.VENDOR), Optional.empty(), 10)).isEmpty();
    assertThat(search(PartyQuery.all().withStage(LifecycleStage.LEAD), Optional.empty(), 10)).containsExactly(ada.id(), zoe.id());
    assertThat(search(PartyQuery.all().withTag("vip"), Optional.empty(), 10)).containsExactly(ada.id(), zoe.id());
    assertThat(search(PartyQuery.all().withTag("VIP"), Optional.empty(), 10)).isEmpty();
    assertThat(search(PartyQuery.all().withOwner("owner-1"), Optional.empty(), 10)).containsExactly(ada.id(), zoe.id());
    assertThat(search(PartyQuery.all().withAttribute("tier", AttributeValue.choice("gold")), Optional.empty(), 10))
        .containsExactly(ada.id(), zoe.id());
    assertThat(search(PartyQuery.all().withAttribute("tier", AttributeValue.of("gold")), Optional.empty(), 10))
        .as("a string is not an enum value").isEmpty();
    assertThat(search(PartyQuery.all().withAttribute("revenue", AttributeValue.of(new java.math.BigDecimal("12.50"))),
        Optional.empty(), 10)).as("numbers compare by value").containsExactly(ada.id(), zoe.id());
    assertThat(search(PartyQuery.all().withNamePrefix("ada"), Optional.empty(), 10)).containsExactly(ada.id(), org.id());
    assertThat(search(PartyQuery.all().withNamePrefix("ZOË"), Optional.empty(), 10)).containsExactly(zoe.id());
    assertThat(search(PartyQuery.all().withNamePrefix("zoe"), Optional.empty(), 10)).isEmpty();
    assertThat(search(PartyQuery.all().withRole(Role.CUSTOMER).withNamePrefix("z"), Optional.empty(), 10))
        .containsExactly(zoe.id());
  }

  @Test
  public final void namePrefixesTakeWildcardsLiterally() {
    Party percent = insert(Samples.organization(tenant, "p1", "100%_sure!"));
    insert(Samples.organization(tenant, "p2", "100 sure"));
    insert(Samples.organization(tenant, "p3", "1000"));
    assertThat(search(PartyQuery.all().withNamePrefix("100%"), Optional.empty(), 10)).containsExactly(percent.id());
    assertThat(search(PartyQuery.all().withNamePrefix("100%_"), Optional.empty(), 10)).containsExactly(percent.id());
    assertThat(search(PartyQuery.all().withNamePrefix("100%_sure!"), Optional.empty(), 10)).containsExactly(percent.id());
    assertThat(search(PartyQuery.all().withNamePrefix("10_"), Optional.empty(), 10)).isEmpty();
  }

  @Test
  public final void searchPagesByIdAfterTheGivenOne() {
    List<PartyId> ids = new ArrayList<>();
    for (String id : List.of("a", "B", "c", "D-1", "d_2", "Z9", "z9")) {
      ids.add(insert(Samples.organization(tenant, id, "Org " + id)).id());
    }
    List<PartyId> sorted = ids.stream().sorted().toList();
    assertThat(search(PartyQuery.all(), Optional.empty(), 100)).as("ordered as String.compareTo orders ids")
        .isEqualTo(sorted);
    assertThat(search(PartyQuery.all(), Optional.empty(), 3)).isEqualTo(sorted.subList(0, 3));
    assertThat(search(PartyQuery.all(), Optional.of(sorted.get(2)), 3)).isEqualTo(sorted.subList(3, 6));
    assertThat(search(PartyQuery.all(), Optional.of(sorted.get(6)), 3)).isEmpty();
  }

  // ------------------------------------------------------------------ tenants

  @Test
  public final void tenantsAreIsolated() {
    Party mine = insert(Samples.party(tenant, "p1", "Mine"));
    Party theirs = insert(Samples.party(otherTenant, "p1", "Theirs"));
    assertThat(find(tenant, mine.id())).contains(mine);
    assertThat(find(otherTenant, mine.id())).contains(theirs);
    assertThat(search(PartyQuery.all(), Optional.empty(), 10)).containsExactly(mine.id());
    assertThat(byEmail(tenant, "p1.mail@example.com")).containsExactly(mine);
    assertThat(byExternalId(otherTenant, ExternalId.of("billing", "B-p1")))
        .contains(theirs);
    storage().write(tx -> {
      tx.parties().update(Samples.changed(mine, Samples.T0.plusSeconds(5)), 1);
      return null;
    });
    assertThat(find(otherTenant, theirs.id())).contains(theirs);
    storage().write(tx -> {
      tx.settings().save(TenantSettings.defaults(tenant).withZone(ZoneId.of("Asia/Tokyo")));
      return null;
    });
    assertThat(settings(otherTenant)).isEmpty();
    appendAudit(tenant, "party", "p1");
    assertThat(auditList(otherTenant, Optional.empty(), Optional.empty(), 0, 10)).isEmpty();
  }

  // ------------------------------------------------------------------ atomicity

  @Test
  public final void aFailedWriteLeavesNothingBehind() {
    require(Capability.ROLLBACK);
    Party kept = insert(Samples.party(tenant, "kept", "Kept"));
    RuntimeException boom = new IllegalStateException("boom");
    assertThatThrownBy(() -> storage().write(tx -> {
      tx.parties().insert(Samples.party(tenant, "lost", "Lost"));
      tx.parties().update(Samples.changed(kept, Samples.T0.plusSeconds(1)), 1);
      tx.audit().append(auditEntry(tenant, "party", "lost"));
      tx.settings().save(TenantSettings.defaults(tenant).withZone(ZoneId.of("Asia/Tokyo")));
      throw boom;
    })).isSameAs(boom);
    assertThat(find(tenant, PartyId.of("lost"))).isEmpty();
    assertThat(find(tenant, kept.id())).contains(kept);
    assertThat(byEmail(tenant, "lost.mail@example.com")).isEmpty();
    assertThat(auditList(tenant, Optional.empty(), Optional.empty(), 0, 10)).isEmpty();
    assertThat(settings(tenant)).isEmpty();
  }

  @Test
  public final void aWriteSeesItsOwnChanges() {
    Party seen = storage().write(tx -> {
      tx.parties().insert(Samples.party(tenant, "p1", "Ada"));
      return tx.parties().find(tenant, PartyId.of("p1")).orElseThrow();
    });
    assertThat(seen.displayName()).isEqualTo("Ada");
  }

  // ------------------------------------------------------------------ relationships

  @Test
  public final void relationshipsAreStoredFoundFromBothEndsAndVersioned() {
    Relationship r = new Relationship(tenant, RelationshipId.of("r1"), RelationshipType.WORKS_FOR, PartyId.of("ada"),
        PartyId.of("acme"), Samples.T0, Optional.empty(), 1, Samples.T0, Samples.T0);
    Relationship s = new Relationship(tenant, RelationshipId.of("r0"), RelationshipType.of("mentor_of"),
        PartyId.of("bo"), PartyId.of("ada"), Samples.T0, Optional.of(Samples.T0.plusSeconds(3600)), 1, Samples.T0,
        Samples.T0);
    storage().write(tx -> {
      tx.relationships().insert(r);
      tx.relationships().insert(s);
      return null;
    });
    assertThat(relationship(tenant, r.id())).contains(r);
    assertThat(relationshipsOf(tenant, PartyId.of("ada"))).containsExactly(s, r);
    assertThat(relationshipsOf(tenant, PartyId.of("acme"))).containsExactly(r);
    assertThat(relationshipsOf(otherTenant, PartyId.of("ada"))).isEmpty();
    assertThatThrownBy(() -> storage().write(tx -> {
      tx.relationships().insert(r);
      return null;
    })).isInstanceOf(DuplicateKeyException.class);

    Relationship ended = new Relationship(tenant, r.id(), r.type(), r.from(), r.to(), r.validFrom(),
        Optional.of(Samples.T0.plusSeconds(60)), 2, r.createdAt(), Samples.T0.plusSeconds(60));
    storage().write(tx -> {
      tx.relationships().update(ended, 1);
      return null;
    });
    assertThat(relationship(tenant, r.id())).contains(ended);
    assertThatThrownBy(() -> storage().write(tx -> {
      tx.relationships().update(ended, 1);
      return null;
    })).isInstanceOfSatisfying(VersionConflictException.class, e -> assertThat(e.actualVersion()).isEqualTo(2));
    assertThat(relationship(tenant, RelationshipId.of("none"))).isEmpty();
  }

  // ------------------------------------------------------------------ audit

  private AuditEntry appendAudit(TenantId tenant, String type, String id) {
    return storage().write(tx -> tx.audit().append(auditEntry(tenant, type, id)));
  }

  private static AuditEntry auditEntry(TenantId tenant, String type, String id) {
    return new AuditEntry(tenant, 0, type, id, AuditAction.UPDATED, Actor.user("auditor"), Samples.T0,
        List.of(new FieldChange("displayName", Optional.of("Before ' %"), Optional.of("After \u202E")),
            new FieldChange("owner", Optional.empty(), Optional.of("u1"))));
  }

  @Test
  public final void auditEntriesGetIncreasingSequencesAndAreListedInOrder() {
    AuditEntry first = appendAudit(tenant, "party", "p1");
    AuditEntry second = appendAudit(tenant, "relationship", "r1");
    AuditEntry third = appendAudit(tenant, "party", "p1");
    assertThat(second.sequence()).isGreaterThan(first.sequence());
    assertThat(third.sequence()).isGreaterThan(second.sequence());
    assertThat(third.changes()).isEqualTo(auditEntry(tenant, "party", "p1").changes());

    assertThat(auditList(tenant, Optional.empty(), Optional.empty(), 0, 10))
        .containsExactly(first, second, third);
    assertThat(auditList(tenant, Optional.of("party"), Optional.of("p1"), 0, 10))
        .containsExactly(first, third);
    assertThat(auditList(tenant, Optional.of("party"), Optional.of("p1"),
        first.sequence(), 10)).containsExactly(third);
    assertThat(auditList(tenant, Optional.empty(), Optional.empty(), 0, 2))
        .containsExactly(first, second);
    assertThat(appendAudit(otherTenant, "party", "p1").tenantId()).isEqualTo(otherTenant);
  }

  @Test
  public final void concurrentAuditAppendsGetDistinctSequences() throws Exception {
    require(Capability.CONCURRENT_WRITES);
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<List<Long>>> results = new ArrayList<>();
    CountDownLatch go = new CountDownLatch(1);
    for (int t = 0; t < threads; t++) {
      results.add(pool.submit(() -> {
        go.await();
        List<Long> sequences = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
          sequences.add(appendAudit(tenant, "party", "p").sequence());
        }
        return sequences;
      }));
    }
    go.countDown();
    List<Long> all = new ArrayList<>();
    for (Future<List<Long>> result : results) {
      all.addAll(result.get(2, TimeUnit.MINUTES));
    }
    pool.shutdown();
    assertThat(all).hasSize(threads * 10).doesNotHaveDuplicates();
    assertThat(auditList(tenant, Optional.empty(), Optional.empty(), 0, 1000))
        .extracting(AuditEntry::sequence).containsExactlyElementsOf(all.stream().sorted().toList());
  }

  // ------------------------------------------------------------------ settings and idempotency keys

  @Test
  public final void settingsAreSavedAndReplaced() {
    assertThat(settings(tenant)).isEmpty();
    TenantSettings first = TenantSettings.defaults(tenant).withDefaultRegion("DE");
    TenantSettings second = first.withZone(ZoneId.of("America/New_York"))
        .withRelationshipTypes(Set.of(RelationshipType.of("mentor_of")));
    storage().write(tx -> {
      tx.settings().save(first);
      return null;
    });
    assertThat(settings(tenant)).contains(first);
    storage().write(tx -> {
      tx.settings().save(second);
      return null;
    });
    assertThat(settings(tenant)).contains(second);
  }

  @Test
  public final void idempotencyKeysAreUniquePerTenantAndType() {
    IdempotencyRecord record = new IdempotencyRecord(tenant, "key-1", "party", "p1", "abc", Samples.T0);
    storage().write(tx -> {
      tx.idempotency().insert(record);
      return null;
    });
    assertThat(idempotency(tenant, "party", "key-1")).contains(record);
    assertThat(idempotency(tenant, "relationship", "key-1")).isEmpty();
    assertThat(idempotency(otherTenant, "party", "key-1")).isEmpty();
    assertThatThrownBy(() -> storage().write(tx -> {
      tx.idempotency().insert(new IdempotencyRecord(tenant, "key-1", "party", "p2", "def", Samples.T0));
      return null;
    })).isInstanceOf(DuplicateKeyException.class);
    assertThat(idempotency(tenant, "party", "key-1")).contains(record);
  }
}
