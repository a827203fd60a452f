package dev.etiquette.crm.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.etiquette.crm.Crm;
import dev.etiquette.crm.api.Actor;
import dev.etiquette.crm.api.Channel;
import dev.etiquette.crm.api.CrmTenant;
import dev.etiquette.crm.api.DuplicateKeyException;
import dev.etiquette.crm.api.NotFoundException;
import dev.etiquette.crm.api.Page;
import dev.etiquette.crm.api.PageRequest;
import dev.etiquette.crm.api.Purpose;
import dev.etiquette.crm.api.StorageException;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.TenantSettings;
import dev.etiquette.crm.api.ValidationException;
import dev.etiquette.crm.api.VersionConflictException;
import dev.etiquette.crm.api.contact.ContactCheck;
import dev.etiquette.crm.api.contact.ContactEntry;
import dev.etiquette.crm.api.contact.ContactId;
import dev.etiquette.crm.api.contact.ContactReceipt;
import dev.etiquette.crm.api.contact.ContactRequest;
import dev.etiquette.crm.api.contact.ContactStatus;
import dev.etiquette.crm.api.contact.RuleVerdict;
import dev.etiquette.crm.api.contact.Verdict;
import dev.etiquette.crm.api.interaction.Conversation;
import dev.etiquette.crm.api.interaction.ConversationId;
import dev.etiquette.crm.api.interaction.Direction;
import dev.etiquette.crm.api.interaction.Interaction;
import dev.etiquette.crm.api.interaction.InteractionId;
import dev.etiquette.crm.api.notification.Delivery;
import dev.etiquette.crm.api.notification.DeliveryStatus;
import dev.etiquette.crm.api.notification.Notification;
import dev.etiquette.crm.api.notification.NotificationKind;
import dev.etiquette.crm.api.notification.OutboxEntry;
import dev.etiquette.crm.api.notification.OutboxStats;
import dev.etiquette.crm.api.obligation.AssignedTo;
import dev.etiquette.crm.api.obligation.Obligation;
import dev.etiquette.crm.api.obligation.ObligationId;
import dev.etiquette.crm.api.obligation.ObligationKind;
import dev.etiquette.crm.api.obligation.ObligationQuery;
import dev.etiquette.crm.api.obligation.ObligationState;
import dev.etiquette.crm.api.party.AttributeValue;
import dev.etiquette.crm.api.party.AuditAction;
import dev.etiquette.crm.api.party.AuditEntry;
import dev.etiquette.crm.api.party.ConsentDraft;
import dev.etiquette.crm.api.party.ContactPoint;
import dev.etiquette.crm.api.party.EmailAddress;
import dev.etiquette.crm.api.party.ExternalId;
import dev.etiquette.crm.api.party.FieldChange;
import dev.etiquette.crm.api.party.LifecycleStage;
import dev.etiquette.crm.api.party.Party;
import dev.etiquette.crm.api.party.PartyDraft;
import dev.etiquette.crm.api.party.PartyId;
import dev.etiquette.crm.api.party.PartyKind;
import dev.etiquette.crm.api.party.PartyQuery;
import dev.etiquette.crm.api.party.PhoneNumber;
import dev.etiquette.crm.api.party.Relationship;
import dev.etiquette.crm.api.party.RelationshipId;
import dev.etiquette.crm.api.party.RelationshipType;
import dev.etiquette.crm.api.party.Role;
import dev.etiquette.crm.api.rules.CapWindow;
import dev.etiquette.crm.api.rules.ConsentRegime;
import dev.etiquette.crm.api.rules.ContactRules;
import dev.etiquette.crm.api.rules.FrequencyCap;
import dev.etiquette.crm.api.rules.RuleSet;
import dev.etiquette.crm.api.spi.ContactPosition;
import dev.etiquette.crm.api.spi.IdempotencyRecord;
import dev.etiquette.crm.api.spi.ObligationPosition;
import dev.etiquette.crm.api.spi.Prepared;
import dev.etiquette.crm.api.spi.Storage;
import dev.etiquette.crm.api.spi.TimelinePosition;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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
 * ({@link Samples#T0}); nothing waits for time to pass, except that the test of concurrent claims gives a second
 * transaction one second to start beside the first (a store that runs one write transaction at a time never lets
 * it, and the test then has nothing to compare). The test of racing reservations runs a {@link Crm} over the
 * storage, which it does not close (closing a {@code Crm} closes its storage).
 *
 * <p>Each test checks one rule of the storage port's documentation ({@code dev.etiquette.crm.api.spi}). The
 * hooks ({@link #storage()}, {@link #reset()}, {@link #unsupported()}) and the tests of the measurement stores
 * come from {@link MeasurementContract}, which this class extends: a subclass keeps both.
 */
public abstract class StorageContract extends MeasurementContract {

  private TenantId tenant;
  private TenantId otherTenant;

  /** The tenants of the test, which {@link MeasurementContract} chose after resetting the storage. */
  @BeforeEach
  final void setUpContract() {
    tenant = tenant();
    otherTenant = otherTenant();
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
    int won = race(() -> storage().write(tx -> {
      Party current = tx.parties().find(tenant, start.id()).orElseThrow();
      tx.parties().update(withVersion(current, current.version() + 1), current.version());
      return null;
    }));
    assertThat(find(tenant, start.id()).orElseThrow().version()).isEqualTo(1 + won);
  }

  /**
   * Runs {@code update} 25 times in each of 8 threads at once, and checks that every attempt either won or
   * failed with {@link VersionConflictException}, nothing else.
   *
   * @return how many attempts won
   */
  private static int race(Runnable update) throws Exception {
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
            update.run();
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
    return won;
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

  // ------------------------------------------------------------------ parties: bulk and prepared inserts

  /** A few parties of every shape the samples know, awkward text included, with ids of their own. */
  private List<Party> bulkParties(String prefix) {
    List<Party> parties = new ArrayList<>();
    parties.add(Samples.party(tenant, prefix + "full", "Ada Lovelace"));
    parties.add(Samples.organization(tenant, prefix + "bare", "Initech"));
    for (int i = 0; i < Samples.AWKWARD_TEXT.size(); i++) {
      parties.add(Samples.party(tenant, prefix + "awk" + i, Samples.AWKWARD_TEXT.get(i)));
    }
    return parties;
  }

  /** Each party reads back equal, and each of its e-mail addresses, phone numbers and external ids finds it. */
  private void assertStoredAndIndexed(List<Party> parties) {
    for (Party party : parties) {
      assertThat(find(tenant, party.id())).contains(party);
      for (ContactPoint point : party.contactPoints()) {
        if (point instanceof EmailAddress email) {
          assertThat(byEmail(tenant, email.address())).contains(party);
        } else if (point instanceof PhoneNumber phone) {
          assertThat(byPhone(tenant, phone.number())).contains(party);
        }
      }
      for (ExternalId externalId : party.externalIds()) {
        assertThat(byExternalId(tenant, externalId)).contains(party);
      }
    }
  }

  @Test
  public final void partiesInsertedTogetherAreStoredAsEachWouldBeAlone() {
    List<Party> parties = bulkParties("b");
    storage().write(tx -> {
      tx.parties().insertAll(parties);
      return null;
    });
    assertStoredAndIndexed(parties);
  }

  @Test
  public final void preparedPartiesAreStoredAsGiven() throws Exception {
    List<Party> parties = bulkParties("pr");
    ExecutorService other = Executors.newSingleThreadExecutor();
    Prepared<Party> prepared;
    try {
      // prepared outside any transaction, on another thread, as a bulk create does
      prepared = other.submit(() -> storage().prepareParties(parties)).get(10, TimeUnit.SECONDS);
    } finally {
      other.shutdownNow();
    }
    assertThat(prepared.values()).containsExactlyElementsOf(parties);
    storage().write(tx -> {
      tx.parties().insertAll(prepared);
      return null;
    });
    assertStoredAndIndexed(parties);
  }

  @Test
  public final void preparingWritesNothing() {
    List<Party> parties = bulkParties("nw");
    storage().prepareParties(parties);
    storage().prepareAudit(List.of(auditEntry(tenant, "party", "nw")));
    for (Party party : parties) {
      assertThat(find(tenant, party.id())).isEmpty();
    }
    assertThat(byEmail(tenant, "nwfull.mail@example.com")).isEmpty();
    assertThat(auditList(tenant, Optional.empty(), Optional.empty(), 0, 10)).isEmpty();
  }

  @Test
  public final void recordsPreparedElsewhereAreStoredToo() {
    List<Party> parties = bulkParties("of");
    List<AuditEntry> appended = storage().write(tx -> {
      tx.parties().insertAll(Prepared.of(parties));
      return tx.audit().appendAll(Prepared.of(List.of(auditEntry(tenant, "party", "of1"))));
    });
    assertStoredAndIndexed(parties);
    assertThat(auditList(tenant, Optional.empty(), Optional.empty(), 0, 10)).containsExactlyElementsOf(appended);
  }

  @Test
  public final void aWriteSeesWhatItsBulkInsertsWrote() {
    List<Party> parties = bulkParties("sw");
    Party full = parties.get(0);
    Prepared<Party> prepared = storage().prepareParties(parties);
    Prepared<AuditEntry> entries = storage().prepareAudit(List.of(auditEntry(tenant, "party", full.id().value())));
    storage().write(tx -> {
      tx.parties().insertAll(prepared);
      List<AuditEntry> appended = tx.audit().appendAll(entries);
      assertThat(tx.parties().findByEmail(tenant, "swfull.mail@example.com")).containsExactly(full);
      assertThat(tx.parties().search(tenant, PartyQuery.all().withTag("vip"), Optional.empty(), 100))
          .contains(full);
      assertThat(tx.audit().list(tenant, Optional.empty(), Optional.empty(), 0, 10)).containsExactlyElementsOf(appended);
      return null;
    });
    assertStoredAndIndexed(parties);
  }

  @Test
  public final void aPreparedInsertOfATakenIdFailsAndTheWriteLeavesNothing() {
    require(Capability.ROLLBACK);
    Party ada = insert(Samples.party(tenant, "p1", "Ada"));
    Party fresh = Samples.party(tenant, "p2", "Fresh");
    Party clash = Samples.organization(tenant, "p1", "Impostor");
    Prepared<Party> prepared = storage().prepareParties(List.of(fresh, clash));
    assertThatThrownBy(() -> storage().write(tx -> {
      tx.parties().insertAll(prepared);
      return null;
    })).isInstanceOf(DuplicateKeyException.class);
    assertThat(find(tenant, ada.id())).contains(ada);
    assertThat(find(tenant, fresh.id())).isEmpty();
    assertThat(byEmail(tenant, "p2.mail@example.com")).isEmpty();
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

  // ------------------------------------------------------------------ interactions

  private Interaction insert(Interaction interaction) {
    storage().write(tx -> {
      tx.interactions().insert(interaction);
      return null;
    });
    return interaction;
  }

  private Optional<Interaction> find(TenantId tenant, InteractionId id) {
    return storage().read(tx -> tx.interactions().find(tenant, id));
  }

  private List<String> ofParty(TenantId tenant, String party, Optional<TimelinePosition> before, int limit) {
    return storage().read(tx -> tx.interactions().ofParty(tenant, PartyId.of(party), before, limit)).stream()
        .map(i -> i.id().value()).toList();
  }

  private List<String> ofConversation(TenantId tenant, String conversation, Optional<TimelinePosition> after,
      int limit) {
    return storage().read(tx -> tx.interactions().ofConversation(tenant, ConversationId.of(conversation), after,
        limit)).stream().map(i -> i.id().value()).toList();
  }

  private List<Interaction> lastContacts(TenantId tenant, String party) {
    return storage().read(tx -> tx.interactions().lastContacts(tenant, PartyId.of(party)));
  }

  private Conversation insert(Conversation conversation) {
    storage().write(tx -> {
      tx.conversations().insert(conversation);
      return null;
    });
    return conversation;
  }

  private Optional<Conversation> conversation(TenantId tenant, String id) {
    return storage().read(tx -> tx.conversations().find(tenant, ConversationId.of(id)));
  }

  private static Optional<TimelinePosition> at(Instant occurredAt, String id) {
    return Optional.of(new TimelinePosition(occurredAt, InteractionId.of(id)));
  }

  @Test
  public final void anInteractionReadBackEqualsTheInteractionStored() {
    Interaction full = insert(Samples.interaction(tenant, "i1", "p1", Samples.T0, Optional.of("T-1")));
    Interaction bare = insert(Samples.bareInteraction(tenant, "i2", "p1", Instant.parse("1965-07-01T12:00:00.000001Z")));
    assertThat(find(tenant, full.id())).contains(full);
    assertThat(find(tenant, bare.id())).contains(bare);
  }

  @Test
  public final void awkwardTextInInteractionsIsStoredVerbatim() {
    List<Interaction> stored = new ArrayList<>();
    List<String> conversationIds = List.of("<CAF=x7q'%_\\@mail.example.com>", "x".repeat(ConversationId.MAX_LENGTH),
        "T-1", "t-1", "\"';--", "a%_b");
    for (int i = 0; i < Samples.AWKWARD_TEXT.size(); i++) {
      String text = Samples.AWKWARD_TEXT.get(i);
      Interaction sample = Samples.interaction(tenant, "awk" + i, "p1", Samples.T0.plusSeconds(i),
          Optional.of(conversationIds.get(i % conversationIds.size())));
      stored.add(insert(new Interaction(tenant, sample.id(), sample.party(), sample.kind(), sample.channel(),
          sample.purpose(), sample.direction(), Actor.user("agent " + text.substring(0, Math.min(100, text.length()))
              .strip() + "x"), sample.conversation(), sample.occurredAt(), sample.recordedAt(), Optional.of(text),
          Map.of("note", dev.etiquette.crm.api.party.AttributeValue.of(text),
              "choice", dev.etiquette.crm.api.party.AttributeValue.choice(text)))));
    }
    for (Interaction interaction : stored) {
      assertThat(find(tenant, interaction.id())).contains(interaction);
    }
    for (String id : conversationIds) {
      Conversation c = insert(Samples.conversation(tenant, id, "p1"));
      assertThat(conversation(tenant, id)).contains(c);
    }
    assertThat(ofConversation(tenant, "T-1", Optional.empty(), 100)).as("conversation ids compare exactly")
        .containsExactly("awk2", "awk8");
    assertThat(ofConversation(tenant, "t-1", Optional.empty(), 100)).containsExactly("awk3", "awk9");
  }

  @Test
  public final void aMissingInteractionOrConversationIsEmptyNotAnError() {
    assertThat(find(tenant, InteractionId.of("missing"))).isEmpty();
    assertThat(ofParty(tenant, "nobody", Optional.empty(), 10)).isEmpty();
    assertThat(ofConversation(tenant, "none", Optional.empty(), 10)).isEmpty();
    assertThat(lastContacts(tenant, "nobody")).isEmpty();
    assertThat(conversation(tenant, "none")).isEmpty();
  }

  @Test
  public final void insertingATakenInteractionIdFailsAndChangesNothing() {
    Interaction first = insert(Samples.interaction(tenant, "i1", "p1", Samples.T0, Optional.of("T-1")));
    Interaction clash = Samples.interaction(tenant, "i1", "p2", Samples.T0.plusSeconds(5), Optional.of("T-2"));
    assertThatThrownBy(() -> insert(clash)).isInstanceOf(DuplicateKeyException.class);
    assertThat(find(tenant, first.id())).contains(first);
    assertThat(ofParty(tenant, "p2", Optional.empty(), 10)).isEmpty();
    assertThat(ofConversation(tenant, "T-2", Optional.empty(), 10)).isEmpty();
    assertThat(lastContacts(tenant, "p2")).isEmpty();
  }

  @Test
  public final void aPartysInteractionsComeNewestFirstAndPageBeforeAPosition() {
    Instant t = Samples.T0;
    Instant old = Instant.parse("1965-07-01T12:00:00.000001Z");
    for (Interaction i : List.of(
        Samples.interaction(tenant, "a", "p1", t, Optional.empty()),
        Samples.interaction(tenant, "B", "p1", t, Optional.of("T-1")),
        Samples.interaction(tenant, "_x", "p1", t, Optional.empty()),
        Samples.interaction(tenant, "-y", "p1", t.minusNanos(1_000), Optional.empty()),
        Samples.interaction(tenant, "Z9", "p1", t.plusSeconds(1), Optional.empty()),
        Samples.interaction(tenant, "z9", "p1", old, Optional.empty()),
        Samples.interaction(tenant, "other", "p2", t, Optional.empty()))) {
      insert(i);
    }
    assertThat(ofParty(tenant, "p1", Optional.empty(), 100))
        .as("by occurredAt, latest first; ties by id as String.compareTo orders them, greatest first")
        .containsExactly("Z9", "a", "_x", "B", "-y", "z9");
    assertThat(ofParty(tenant, "p1", Optional.empty(), 3)).containsExactly("Z9", "a", "_x");
    assertThat(ofParty(tenant, "p1", at(t, "_x"), 3)).containsExactly("B", "-y", "z9");
    assertThat(ofParty(tenant, "p1", at(t, "b"), 2)).as("a position between two interactions").containsExactly("a", "_x");
    assertThat(ofParty(tenant, "p1", at(old, "z9"), 3)).isEmpty();
    assertThat(ofParty(tenant, "p2", Optional.empty(), 3)).containsExactly("other");
  }

  @Test
  public final void aConversationsInteractionsComeOldestFirstAndPageAfterAPosition() {
    Instant t = Samples.T0;
    for (Interaction i : List.of(
        Samples.interaction(tenant, "c", "p1", t, Optional.of("T-1")),
        Samples.interaction(tenant, "A", "p1", Channel.EMAIL, Direction.OUTBOUND, t, Optional.of("T-1")),
        Samples.interaction(tenant, "b", "p1", t.minusSeconds(30), Optional.of("T-1")),
        Samples.interaction(tenant, "d", "p1", t.plusNanos(1_000), Optional.of("T-1")),
        Samples.interaction(tenant, "e", "p1", t, Optional.of("T-2")),
        Samples.interaction(tenant, "f", "p1", t, Optional.empty()))) {
      insert(i);
    }
    assertThat(ofConversation(tenant, "T-1", Optional.empty(), 100)).containsExactly("b", "A", "c", "d");
    assertThat(ofConversation(tenant, "T-1", Optional.empty(), 2)).containsExactly("b", "A");
    assertThat(ofConversation(tenant, "T-1", at(t, "A"), 2)).containsExactly("c", "d");
    assertThat(ofConversation(tenant, "T-1", at(t, "B"), 5)).as("a position between two interactions")
        .containsExactly("c", "d");
    assertThat(ofConversation(tenant, "T-1", at(t.plusNanos(1_000), "d"), 5)).isEmpty();
    assertThat(ofConversation(tenant, "T-2", Optional.empty(), 5)).containsExactly("e");
  }

  @Test
  public final void theLastContactPerChannelIsTheInteractionWithTheGreatestPosition() {
    Instant t = Samples.T0;
    insert(Samples.interaction(tenant, "m", "p1", t, Optional.of("T-1")));
    insert(Samples.interaction(tenant, "n", "p1", Channel.EMAIL, Direction.OUTBOUND, t.minusSeconds(60),
        Optional.of("T-1")));
    insert(Samples.interaction(tenant, "l", "p1", t, Optional.empty()));
    assertThat(lastContacts(tenant, "p1")).extracting(i -> i.id().value())
        .as("a back-dated interaction, and one at the same instant with a smaller id, do not replace it")
        .containsExactly("m");
    Interaction p = insert(Samples.interaction(tenant, "p", "p1", Channel.EMAIL, Direction.OUTBOUND, t,
        Optional.empty()));
    Interaction chat = insert(Samples.interaction(tenant, "q", "p1", Channel.CHAT, Direction.INBOUND, t.minusSeconds(5),
        Optional.empty()));
    Interaction sms = insert(Samples.interaction(tenant, "r", "p1", Channel.SMS, Direction.OUTBOUND,
        Instant.parse("1965-07-01T12:00:00Z"), Optional.empty()));
    insert(Samples.interaction(tenant, "s", "p2", Channel.SMS, Direction.OUTBOUND, t, Optional.empty()));
    assertThat(lastContacts(tenant, "p1")).as("one per channel, in Channel order, either direction")
        .containsExactly(p, sms, chat);
  }

  @Test
  public final void conversationsAreStoredVersionedAndUniquePerTenant() {
    Conversation c = insert(Samples.conversation(tenant, "T-1", "p1"));
    assertThat(conversation(tenant, "T-1")).contains(c);
    assertThatThrownBy(() -> insert(Samples.conversation(tenant, "T-1", "p2"))).isInstanceOf(DuplicateKeyException.class);
    assertThat(conversation(tenant, "T-1")).contains(c);
    Conversation next = Samples.replied(c, Samples.T0.plusSeconds(300));
    storage().write(tx -> {
      tx.conversations().update(next, 1);
      return null;
    });
    assertThat(conversation(tenant, "T-1")).contains(next);
    assertThatThrownBy(() -> storage().write(tx -> {
      tx.conversations().update(Samples.replied(c, Samples.T0.plusSeconds(600)), 1);
      return null;
    })).isInstanceOfSatisfying(VersionConflictException.class, e -> {
      assertThat(e.expectedVersion()).isEqualTo(1);
      assertThat(e.actualVersion()).isEqualTo(2);
    });
    assertThat(conversation(tenant, "T-1")).contains(next);
    Conversation ghost = Samples.conversation(tenant, "ghost", "p1");
    assertThatThrownBy(() -> storage().write(tx -> {
      tx.conversations().update(Samples.replied(ghost, Samples.T0), 1);
      return null;
    })).isInstanceOfSatisfying(VersionConflictException.class, e -> assertThat(e.actualVersion()).isZero());
    assertThat(conversation(tenant, "ghost")).isEmpty();
  }

  @Test
  public final void interactionsAndConversationsAreIsolatedByTenant() {
    Interaction mine = insert(Samples.interaction(tenant, "i1", "p1", Samples.T0, Optional.of("T-1")));
    Interaction theirs = insert(Samples.interaction(otherTenant, "i1", "p1", Samples.T0.plusSeconds(1),
        Optional.of("T-1")));
    Conversation myConversation = insert(Samples.conversation(tenant, "T-1", "p1"));
    Conversation theirConversation = insert(Samples.conversation(otherTenant, "T-1", "p2"));
    assertThat(find(tenant, mine.id())).contains(mine);
    assertThat(find(otherTenant, mine.id())).contains(theirs);
    assertThat(ofParty(tenant, "p1", Optional.empty(), 10)).containsExactly("i1");
    List<Interaction> theirTimeline = storage().read(tx ->
        tx.interactions().ofParty(otherTenant, PartyId.of("p1"), Optional.empty(), 10));
    assertThat(theirTimeline).containsExactly(theirs);
    List<Interaction> myConversation1 = storage().read(tx ->
        tx.interactions().ofConversation(tenant, ConversationId.of("T-1"), Optional.empty(), 10));
    assertThat(myConversation1).containsExactly(mine);
    assertThat(lastContacts(tenant, "p1")).containsExactly(mine);
    assertThat(lastContacts(otherTenant, "p1")).containsExactly(theirs);
    storage().write(tx -> {
      tx.conversations().update(Samples.replied(myConversation, Samples.T0.plusSeconds(9)), 1);
      return null;
    });
    assertThat(conversation(otherTenant, "T-1")).contains(theirConversation);
  }

  @Test
  public final void aFailedWriteLeavesNoInteractionOrConversationBehind() {
    require(Capability.ROLLBACK);
    Interaction kept = insert(Samples.interaction(tenant, "kept", "p1", Samples.T0, Optional.of("T-1")));
    Conversation c = insert(Samples.conversation(tenant, "T-1", "p1"));
    RuntimeException boom = new IllegalStateException("boom");
    assertThatThrownBy(() -> storage().write(tx -> {
      tx.interactions().insert(Samples.interaction(tenant, "lost", "p1", Samples.T0.plusSeconds(60), Optional.of("T-1")));
      tx.interactions().insert(Samples.interaction(tenant, "lost2", "p9", Samples.T0, Optional.of("T-9")));
      tx.conversations().update(Samples.replied(c, Samples.T0.plusSeconds(60)), 1);
      tx.conversations().insert(Samples.conversation(tenant, "T-9", "p9"));
      throw boom;
    })).isSameAs(boom);
    assertThat(find(tenant, InteractionId.of("lost"))).isEmpty();
    assertThat(ofParty(tenant, "p1", Optional.empty(), 10)).containsExactly("kept");
    assertThat(ofConversation(tenant, "T-1", Optional.empty(), 10)).containsExactly("kept");
    assertThat(lastContacts(tenant, "p1")).containsExactly(kept);
    assertThat(lastContacts(tenant, "p9")).isEmpty();
    assertThat(conversation(tenant, "T-1")).contains(c);
    assertThat(conversation(tenant, "T-9")).isEmpty();
  }

  @Test
  public final void concurrentInsertsKeepTheGreatestLastContact() throws Exception {
    require(Capability.CONCURRENT_WRITES);
    int threads = 8;
    int each = 10;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<List<Interaction>>> results = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      results.add(pool.submit(() -> {
        go.await();
        Random random = new Random(thread);
        List<Interaction> inserted = new ArrayList<>();
        for (int i = 0; i < each; i++) {
          // few distinct instants, so that ties on occurredAt are settled by id under contention too
          Interaction interaction = Samples.interaction(tenant, "t" + thread + "-" + i, "p1",
              Samples.T0.plusSeconds(random.nextInt(5)), Optional.empty());
          inserted.add(insert(interaction));
        }
        return inserted;
      }));
    }
    go.countDown();
    List<Interaction> all = new ArrayList<>();
    for (Future<List<Interaction>> result : results) {
      all.addAll(result.get(2, TimeUnit.MINUTES));
    }
    pool.shutdown();
    Interaction greatest = all.stream().max((a, b) -> TimelinePosition.of(a).compareTo(TimelinePosition.of(b)))
        .orElseThrow();
    assertThat(lastContacts(tenant, "p1")).containsExactly(greatest);
    assertThat(ofParty(tenant, "p1", Optional.empty(), 1000)).hasSize(threads * each);
  }

  @Test
  public final void writesThatReadAConversationForUpdateQueueInsteadOfConflicting() throws Exception {
    require(Capability.CONCURRENT_WRITES);
    insert(Samples.conversation(tenant, "T-1", "p1"));
    int threads = 8;
    int each = 10;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<?>> results = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      results.add(pool.submit(() -> {
        go.await();
        for (int i = 0; i < each; i++) {
          storage().write(tx -> {
            Conversation current = tx.conversations().findForUpdate(tenant, ConversationId.of("T-1")).orElseThrow();
            tx.conversations().update(Samples.replied(current, current.updatedAt().plusSeconds(1)),
                current.version());
            return null;
          });
        }
        return null;
      }));
    }
    go.countDown();
    for (Future<?> result : results) {
      result.get(2, TimeUnit.MINUTES); // a VersionConflictException would fail here
    }
    pool.shutdown();
    assertThat(conversation(tenant, "T-1").orElseThrow().version()).isEqualTo(1 + threads * each);
    Optional<Conversation> none = storage().write(tx -> tx.conversations().findForUpdate(tenant,
        ConversationId.of("none")));
    assertThat(none).isEmpty();
  }

  @Test
  public final void concurrentConversationUpdatesNeverLoseOne() throws Exception {
    require(Capability.CONCURRENT_WRITES);
    insert(Samples.conversation(tenant, "T-1", "p1"));
    int won = race(() -> storage().write(tx -> {
      Conversation current = tx.conversations().find(tenant, ConversationId.of("T-1")).orElseThrow();
      tx.conversations().update(Samples.replied(current, current.updatedAt().plusSeconds(1)), current.version());
      return null;
    }));
    Conversation last = conversation(tenant, "T-1").orElseThrow();
    assertThat(last.version()).isEqualTo(1 + won);
    assertThat(last.interactionCount()).isEqualTo(1 + won);
  }

  // ------------------------------------------------------------------ obligations

  private Obligation insert(Obligation obligation) {
    storage().write(tx -> {
      tx.obligations().insert(obligation);
      return null;
    });
    return obligation;
  }

  private void update(Obligation obligation, long expectedVersion) {
    storage().write(tx -> {
      tx.obligations().update(obligation, expectedVersion);
      return null;
    });
  }

  private Optional<Obligation> find(TenantId tenant, ObligationId id) {
    return storage().read(tx -> tx.obligations().find(tenant, id));
  }

  private Optional<Obligation> obligation(TenantId tenant, String id) {
    return find(tenant, ObligationId.of(id));
  }

  private static List<String> ids(List<Obligation> obligations) {
    return obligations.stream().map(o -> o.id().value()).toList();
  }

  private List<String> unsettledOfConversation(TenantId tenant, String conversation) {
    return ids(storage().read(tx -> tx.obligations().unsettledOfConversation(tenant,
        ConversationId.of(conversation))));
  }

  private List<String> unsettledOfParty(TenantId tenant, String party) {
    return ids(storage().read(tx -> tx.obligations().unsettledOfParty(tenant, PartyId.of(party))));
  }

  private List<String> obligationsOfConversation(TenantId tenant, String conversation) {
    return ids(storage().read(tx -> tx.obligations().ofConversation(tenant, ConversationId.of(conversation))));
  }

  private List<Obligation> searchObligations(TenantId tenant, ObligationQuery query,
      Optional<ObligationPosition> after, int limit) {
    return storage().read(tx -> tx.obligations().search(tenant, query, after, limit));
  }

  /** Claims in a write of its own, which commits at once (and so releases the claim). */
  private List<Obligation> claimDue(Optional<TenantId> tenant, Instant now, int limit) {
    return storage().write(tx -> tx.obligations().claimDue(tenant, now, limit));
  }

  private static Instant nextDue(Obligation obligation) {
    return obligation.nextDueAt().orElseThrow();
  }

  @Test
  public final void anObligationReadBackEqualsTheObligationStored() {
    List<Obligation> stored = new ArrayList<>();
    int n = 0;
    for (ObligationState state : ObligationState.values()) {
      for (ObligationKind kind : ObligationKind.values()) {
        Samples.ObligationBuilder sample = Samples.obligation(tenant, "o" + n++).kind(kind).state(state)
            .escalated(n % 3).createdAt(Samples.T0.plusNanos(n * 1_000L));
        if (kind == ObligationKind.FIRST_RESPONSE || kind == ObligationKind.NEXT_RESPONSE) {
          sample.conversation("<CAF=x7q'%_\\@mail.example.com>").priority("urgent");
        }
        if (n % 2 == 0) {
          sample.paused().warning(Samples.T0.plusSeconds(3600), n % 4 == 0);
        }
        if (state == ObligationState.CANCELLED && n % 3 == 0) {
          sample.breachedBeforeCancelling();
        }
        stored.add(insert(sample.build()));
      }
    }
    for (int i = 0; i < Samples.AWKWARD_TEXT.size(); i++) {
      String text = Samples.AWKWARD_TEXT.get(i);
      String name = text.length() > 200 ? text.substring(0, 200) : text;
      stored.add(insert(Samples.obligation(tenant, "awk" + i).action(text).assignee(AssignedTo.team(name))
          .party("p-" + i).build()));
    }
    Instant old = Instant.parse("1965-07-01T12:00:00.000001Z");
    stored.add(insert(Samples.obligation(tenant, "old").party("p-old").dueAt(old).createdAt(old.minusSeconds(60))
        .build()));
    for (Obligation obligation : stored) {
      assertThat(find(tenant, obligation.id())).contains(obligation);
    }
  }

  @Test
  public final void aMissingObligationRuleSetOrNotificationIsEmptyNotAnError() {
    assertThat(obligation(tenant, "missing")).isEmpty();
    assertThat(unsettledOfConversation(tenant, "none")).isEmpty();
    assertThat(unsettledOfParty(tenant, "nobody")).isEmpty();
    assertThat(obligationsOfConversation(tenant, "none")).isEmpty();
    assertThat(searchObligations(tenant, ObligationQuery.all(), Optional.empty(), 10)).isEmpty();
    assertThat(claimDue(Optional.of(tenant), Instant.parse("2100-01-01T00:00:00Z"), 10)).isEmpty();
    assertThat(ruleSets(tenant)).isEmpty();
    assertThat(notificationsOf(tenant, "missing")).isEmpty();
  }

  @Test
  public final void insertingATakenObligationIdFailsAndChangesNothing() {
    Obligation first = insert(Samples.obligation(tenant, "o1").response("T-1").party("p1").build());
    Obligation clash = Samples.obligation(tenant, "o1").response("T-2").party("p2").dueAt(Samples.T0).build();
    assertThatThrownBy(() -> insert(clash)).isInstanceOfSatisfying(DuplicateKeyException.class,
        e -> assertThat(e.recordType()).isEqualTo("obligation"));
    assertThat(obligation(tenant, "o1")).contains(first);
    assertThat(unsettledOfParty(tenant, "p2")).isEmpty();
    assertThat(obligationsOfConversation(tenant, "T-2")).isEmpty();
    assertThat(claimDue(Optional.of(tenant), Samples.T0, 10)).isEmpty();
  }

  @Test
  public final void atMostOneUnsettledObligationHoldsAnExclusiveKey() {
    Obligation open = insert(Samples.obligation(tenant, "f1").kind(ObligationKind.FOLLOW_UP).rule("desk", "renewal")
        .party("p1").build());
    assertThat(open.exclusiveKey()).contains("desk/renewal/p1");
    Obligation rival = Samples.obligation(tenant, "f2").kind(ObligationKind.FOLLOW_UP).rule("desk", "renewal")
        .party("p1").state(ObligationState.SCHEDULED).dueAt(Samples.T0.plusSeconds(60)).build();
    assertThatThrownBy(() -> insert(rival)).isInstanceOfSatisfying(DuplicateKeyException.class,
        e -> assertThat(e.recordType()).isEqualTo("obligation"));
    assertThat(obligation(tenant, "f2")).isEmpty();
    assertThat(unsettledOfParty(tenant, "p1")).containsExactly("f1");

    // settled ones hold no key, and neither do response obligations; other rules, parties and sets are other keys
    insert(Samples.obligation(tenant, "f0").kind(ObligationKind.FOLLOW_UP).rule("desk", "renewal").party("p1")
        .state(ObligationState.CANCELLED).build());
    insert(Samples.obligation(tenant, "r1").response("T-1").rule("desk", "renewal").party("p1").build());
    insert(Samples.obligation(tenant, "r2").response("T-2").rule("desk", "renewal").party("p1").build());
    insert(Samples.obligation(tenant, "f3").kind(ObligationKind.FOLLOW_UP).rule("desk", "other").party("p1").build());
    insert(Samples.obligation(tenant, "f4").kind(ObligationKind.FOLLOW_UP).rule("desk", "renewal").party("p2").build());
    insert(Samples.obligation(tenant, "f5").kind(ObligationKind.DORMANCY).rule("keys", "renewal").party("p1").build());
    insert(Samples.obligation(otherTenant, "f1").kind(ObligationKind.FOLLOW_UP).rule("desk", "renewal").party("p1")
        .build());

    // once the holder is settled, the key is free again
    update(Samples.advanced(open, ObligationState.SATISFIED_ON_TIME, Samples.T0.plusSeconds(120)), 1);
    Obligation successor = insert(rival);
    assertThat(obligation(tenant, "f2")).contains(successor);
    assertThat(unsettledOfParty(tenant, "p1")).containsExactlyInAnyOrder("f2", "r1", "r2", "f3", "f5");
  }

  @Test
  public final void anUpdateThatGivesAnObligationATakenExclusiveKeyFailsAndChangesNothing() {
    Obligation holder = insert(Samples.obligation(tenant, "f1").kind(ObligationKind.DORMANCY).rule("desk", "check-in")
        .party("p1").build());
    Obligation settled = insert(Samples.obligation(tenant, "f2").kind(ObligationKind.DORMANCY).rule("desk", "check-in")
        .party("p1").state(ObligationState.CANCELLED).build());
    Obligation reopened = Samples.advanced(settled, ObligationState.SCHEDULED, Samples.T0.plusSeconds(60));
    assertThat(reopened.exclusiveKey()).isEqualTo(holder.exclusiveKey());
    assertThatThrownBy(() -> update(reopened, 1)).isInstanceOfSatisfying(DuplicateKeyException.class,
        e -> assertThat(e.recordType()).isEqualTo("obligation"));
    assertThat(obligation(tenant, "f2")).contains(settled);
    assertThat(obligation(tenant, "f1")).contains(holder);
    assertThat(unsettledOfParty(tenant, "p1")).containsExactly("f1");
  }

  @Test
  public final void obligationsAreUpdatedAtTheExpectedVersionOnly() {
    Obligation open = insert(Samples.obligation(tenant, "o1").response("T-1").party("p1").build());
    Obligation breached = Samples.advanced(open, ObligationState.BREACHED, open.dueAt());
    update(breached, 1);
    assertThat(obligation(tenant, "o1")).contains(breached);

    Obligation stale = Samples.advanced(open, ObligationState.SATISFIED_ON_TIME, open.dueAt().minusSeconds(1));
    assertThatThrownBy(() -> update(stale, 1)).isInstanceOfSatisfying(VersionConflictException.class, e -> {
      assertThat(e.recordType()).isEqualTo("obligation");
      assertThat(e.expectedVersion()).isEqualTo(1);
      assertThat(e.actualVersion()).isEqualTo(2);
    });
    assertThat(obligation(tenant, "o1")).contains(breached);
    assertThat(unsettledOfParty(tenant, "p1")).as("the failed update settled nothing").containsExactly("o1");
    assertThat(claimDue(Optional.of(tenant), nextDue(breached), 10)).containsExactly(breached);

    Obligation ghost = Samples.obligation(tenant, "ghost").build();
    assertThatThrownBy(() -> update(Samples.advanced(ghost, ObligationState.CANCELLED, Samples.T0), 1))
        .isInstanceOfSatisfying(VersionConflictException.class, e -> assertThat(e.actualVersion()).isZero());
    assertThat(obligation(tenant, "ghost")).isEmpty();
  }

  @Test
  public final void anUpdateMovesAnObligationInEveryLookup() {
    Obligation open = insert(Samples.obligation(tenant, "o1").response("T-1").party("p1").build());
    Obligation done = Samples.advanced(open, ObligationState.SATISFIED_ON_TIME, open.dueAt().minusSeconds(60));
    update(done, 1);
    assertThat(unsettledOfConversation(tenant, "T-1")).isEmpty();
    assertThat(unsettledOfParty(tenant, "p1")).isEmpty();
    assertThat(obligationsOfConversation(tenant, "T-1")).containsExactly("o1");
    assertThat(claimDue(Optional.of(tenant), open.dueAt().plusSeconds(3600 * 24), 10)).isEmpty();
    assertThat(searchObligations(tenant, ObligationQuery.outstanding(), Optional.empty(), 10)).isEmpty();
    assertThat(searchObligations(tenant, ObligationQuery.all().withStates(Set.of(ObligationState.SATISFIED_ON_TIME)),
        Optional.empty(), 10)).containsExactly(done);
  }

  @Test
  public final void unsettledObligationsOfAConversationOrPartyLeaveOutFinalOnesAndComeOldestFirst() {
    Instant t = Samples.T0;
    // inserted out of creation order; ties on createdAt are settled by id (code-point order: B < _ < a)
    for (Obligation o : List.of(
        Samples.obligation(tenant, "a").response("T-1").party("p1").createdAt(t.plusSeconds(2)).build(),
        Samples.obligation(tenant, "_").response("T-1").party("p1").createdAt(t.plusSeconds(2)).build(),
        Samples.obligation(tenant, "B").response("T-1").party("p1").createdAt(t.plusSeconds(2)).build(),
        Samples.obligation(tenant, "z").response("T-1").party("p1").createdAt(t.plusSeconds(1))
            .state(ObligationState.SCHEDULED).build(),
        Samples.obligation(tenant, "y").response("T-1").party("p1").createdAt(t).state(ObligationState.BREACHED)
            .escalated(2).build(),
        Samples.obligation(tenant, "on-time").response("T-1").party("p1").createdAt(t)
            .state(ObligationState.SATISFIED_ON_TIME).build(),
        Samples.obligation(tenant, "late").response("T-1").party("p1").createdAt(t)
            .state(ObligationState.SATISFIED_LATE).build(),
        Samples.obligation(tenant, "cancelled").response("T-1").party("p1").createdAt(t)
            .state(ObligationState.CANCELLED).build(),
        Samples.obligation(tenant, "follow-up").party("p1").createdAt(t.plusSeconds(3)).build(),
        Samples.obligation(tenant, "t-1").response("t-1").party("p1").createdAt(t.plusSeconds(4)).paused().build(),
        Samples.obligation(tenant, "other-party").response("T-2").party("p2").createdAt(t).build(),
        Samples.obligation(otherTenant, "theirs").response("T-1").party("p1").createdAt(t).build())) {
      insert(o);
    }
    assertThat(unsettledOfConversation(tenant, "T-1")).as("oldest first, then by id; final states left out")
        .containsExactly("y", "z", "B", "_", "a");
    assertThat(unsettledOfConversation(tenant, "t-1")).as("conversation ids compare exactly").containsExactly("t-1");
    assertThat(unsettledOfParty(tenant, "p1")).containsExactly("y", "z", "B", "_", "a", "follow-up", "t-1");
    assertThat(unsettledOfParty(tenant, "p2")).containsExactly("other-party");
    assertThat(unsettledOfParty(otherTenant, "p1")).containsExactly("theirs");
  }

  @Test
  public final void everyObligationOfAConversationComesOldestFirstSettledOnesToo() {
    Instant t = Samples.T0;
    for (Obligation o : List.of(
        Samples.obligation(tenant, "c").response("T-1").createdAt(t.plusSeconds(5)).build(),
        Samples.obligation(tenant, "b").response("T-1").createdAt(t).state(ObligationState.SATISFIED_LATE).build(),
        Samples.obligation(tenant, "A").response("T-1").createdAt(t).state(ObligationState.CANCELLED).build(),
        Samples.obligation(tenant, "d").response("T-1").createdAt(t.minusSeconds(5))
            .state(ObligationState.SATISFIED_ON_TIME).build(),
        Samples.obligation(tenant, "e").response("T-2").createdAt(t).build(),
        Samples.obligation(tenant, "f").createdAt(t).build(),
        Samples.obligation(otherTenant, "g").response("T-1").createdAt(t).build())) {
      insert(o);
    }
    assertThat(obligationsOfConversation(tenant, "T-1")).containsExactly("d", "A", "b", "c");
    assertThat(obligationsOfConversation(tenant, "T-2")).containsExactly("e");
    assertThat(obligationsOfConversation(otherTenant, "T-1")).containsExactly("g");
  }

  @Test
  public final void theLatestObligationOfAConversationIsTheLastOfItsObligations() {
    Instant t = Samples.T0;
    for (Obligation o : List.of(
        Samples.obligation(tenant, "b").response("T-1").createdAt(t.plusSeconds(5))
            .state(ObligationState.SATISFIED_LATE).build(),
        Samples.obligation(tenant, "c").response("T-1").createdAt(t.plusSeconds(10)).build(),
        Samples.obligation(tenant, "A").response("T-1").createdAt(t.plusSeconds(5)).state(ObligationState.CANCELLED)
            .build(),
        Samples.obligation(tenant, "e").response("T-2").createdAt(t).build(),
        Samples.obligation(tenant, "d").response("T-2").createdAt(t).build(),
        Samples.obligation(otherTenant, "g").response("T-1").createdAt(t.plusSeconds(60)).build())) {
      insert(o);
    }
    assertThat(latestOfConversation(tenant, "T-1")).contains("c");
    update(Samples.advanced(obligation(tenant, "c").orElseThrow(), ObligationState.CANCELLED, t.plusSeconds(20)), 1);
    assertThat(latestOfConversation(tenant, "T-1")).as("settled ones too").contains("c");
    assertThat(latestOfConversation(tenant, "T-2")).as("ties on createdAt are settled by id").contains("e");
    assertThat(latestOfConversation(tenant, "T-3")).isEmpty();
    assertThat(latestOfConversation(otherTenant, "T-1")).contains("g");
    assertThat(latestOfConversation(otherTenant, "T-2")).isEmpty();
  }

  private Optional<String> latestOfConversation(TenantId tenant, String conversation) {
    return storage().read(tx -> tx.obligations().latestOfConversation(tenant, ConversationId.of(conversation)))
        .map(o -> o.id().value());
  }

  @Test
  public final void searchFindsWhatTheQueryMatchesByDeadlineThenIdAndPagesAfterAPosition() {
    Random random = new Random(42);
    List<String> ids = List.of("a", "B", "c", "_d", "-e", "F9", "f9", "g", "h", "i", "j", "k", "l", "m", "n", "o",
        "p", "q", "r", "s", "t", "u", "v", "w", "x", "y", "z", "Z", "0", "00");
    List<Instant> deadlines = List.of(Samples.T0, Samples.T0.plusNanos(1_000), Samples.T0.plusSeconds(3600),
        Samples.T0.plusSeconds(7200), Instant.parse("1965-07-01T12:00:00.000001Z"));
    List<String> parties = List.of("p1", "p2", "p3");
    List<AssignedTo> assignees = List.of(AssignedTo.owner("alice"), AssignedTo.team("alice"),
        AssignedTo.role("head of 100%_support"));
    List<Obligation> all = new ArrayList<>();
    for (String id : ids) {
      ObligationState state = ObligationState.values()[random.nextInt(ObligationState.values().length)];
      Obligation o = Samples.obligation(tenant, id).kind(ObligationKind.values()[random.nextInt(4)])
          .rule("desk", "rule-" + id).party(parties.get(random.nextInt(parties.size())))
          .assignee(assignees.get(random.nextInt(assignees.size()))).state(state)
          .dueAt(deadlines.get(random.nextInt(deadlines.size()))).escalated(random.nextInt(3))
          .breachedBeforeCancelling().build();
      all.add(insert(o));
    }
    insert(Samples.obligation(otherTenant, "a").dueAt(Samples.T0).build());
    assertThat(all).as("the sample covers every state and escalated ones")
        .extracting(Obligation::state).containsAll(List.of(ObligationState.values()));

    List<ObligationQuery> queries = new ArrayList<>(List.of(ObligationQuery.all(), ObligationQuery.outstanding(),
        ObligationQuery.breached(), ObligationQuery.escalated(),
        ObligationQuery.outstanding().withAssignee(AssignedTo.team("alice")),
        ObligationQuery.all().withStates(Set.of(ObligationState.SATISFIED_LATE, ObligationState.CANCELLED)),
        ObligationQuery.all().withStates(Set.of(ObligationState.OPEN, ObligationState.CANCELLED)).withParty(
            PartyId.of("p2")),
        ObligationQuery.all().dueBetween(deadlines.get(1), deadlines.get(3))));
    for (int i = 0; i < 40; i++) {
      Set<ObligationState> states = new HashSet<>();
      for (ObligationState state : ObligationState.values()) {
        if (random.nextInt(4) == 0) {
          states.add(state);
        }
      }
      Instant from = deadlines.get(random.nextInt(deadlines.size()));
      Instant before = deadlines.get(random.nextInt(deadlines.size()));
      queries.add(new ObligationQuery(states,
          random.nextBoolean() ? Optional.of(PartyId.of(parties.get(random.nextInt(parties.size())))) : Optional.empty(),
          random.nextBoolean() ? Optional.of(assignees.get(random.nextInt(assignees.size()))) : Optional.empty(),
          random.nextInt(3) == 0 ? Optional.of(from) : Optional.empty(),
          random.nextInt(3) == 0 ? Optional.of(before) : Optional.empty(), random.nextInt(4) == 0));
    }
    for (ObligationQuery query : queries) {
      List<Obligation> expected = all.stream().filter(query::matches).sorted(Comparator.comparing(
          ObligationPosition::of)).toList();
      assertThat(searchObligations(tenant, query, Optional.empty(), 100)).as(query.toString())
          .containsExactlyElementsOf(expected);
      int limit = 1 + random.nextInt(4);
      List<Obligation> paged = new ArrayList<>();
      Optional<ObligationPosition> after = Optional.empty();
      while (true) {
        List<Obligation> page = searchObligations(tenant, query, after, limit);
        assertThat(page.size()).as("a page of " + query).isLessThanOrEqualTo(limit);
        paged.addAll(page);
        if (page.size() < limit) {
          break;
        }
        after = Optional.of(ObligationPosition.of(page.get(page.size() - 1)));
      }
      assertThat(paged).as("pages of " + limit + " of " + query).containsExactlyElementsOf(expected);
    }
    Obligation first = all.stream().min(Comparator.comparing(ObligationPosition::of)).orElseThrow();
    Optional<ObligationPosition> between = Optional.of(new ObligationPosition(first.dueAt(), ObligationId.of(
        first.id().value() + "0")));
    assertThat(searchObligations(tenant, ObligationQuery.all(), between, 100)).as("a position between two")
        .containsExactlyElementsOf(all.stream().filter(o -> ObligationPosition.of(o).compareTo(between.get()) > 0)
            .sorted(Comparator.comparing(ObligationPosition::of)).toList());
  }

  @Test
  public final void claimDueTakesTheTenantsObligationsDueByNowEarliestFirstUpToTheLimit() {
    Instant now = Samples.T0.plusSeconds(86_400);
    Obligation scheduled = insert(Samples.obligation(tenant, "scheduled").state(ObligationState.SCHEDULED)
        .opensAt(now.minusSeconds(50)).dueAt(now.plusSeconds(86_400)).build());
    Obligation warn = insert(Samples.obligation(tenant, "warn").warning(now.minusSeconds(40), false)
        .dueAt(now.plusSeconds(3600)).build());
    Obligation deadline = insert(Samples.obligation(tenant, "deadline").response("T-1").warning(now.minusSeconds(3600),
        true).dueAt(now.minusSeconds(30)).build());
    Obligation atNow = insert(Samples.obligation(tenant, "at-now").response("T-2").dueAt(now).build());
    Obligation escalation = insert(Samples.obligation(tenant, "escalation").state(ObligationState.BREACHED)
        .escalated(1).dueAt(now.minusSeconds(2 * 3600 + 20)).build());
    List<Obligation> notDue = List.of(
        Samples.obligation(tenant, "later").dueAt(now.plusNanos(1_000)).build(),
        Samples.obligation(tenant, "later-opening").state(ObligationState.SCHEDULED).opensAt(now.plusSeconds(1))
            .dueAt(now.plusSeconds(7200)).build(),
        Samples.obligation(tenant, "paused").dueAt(now.minusSeconds(600)).paused().build(),
        Samples.obligation(tenant, "paused-breach").state(ObligationState.BREACHED).dueAt(now.minusSeconds(9000))
            .paused().build(),
        Samples.obligation(tenant, "end-of-chain").state(ObligationState.BREACHED).escalated(2)
            .dueAt(now.minusSeconds(90_000)).build(),
        Samples.obligation(tenant, "done").state(ObligationState.SATISFIED_LATE).dueAt(now.minusSeconds(600)).build(),
        Samples.obligation(tenant, "cancelled").state(ObligationState.CANCELLED).dueAt(now.minusSeconds(600)).build(),
        Samples.obligation(otherTenant, "theirs").dueAt(now.minusSeconds(100_000)).build());
    notDue.forEach(this::insert);
    assertThat(notDue).filteredOn(o -> o.tenantId().equals(tenant))
        .allSatisfy(o -> assertThat(o.nextDueAt().filter(at -> !at.isAfter(now))).isEmpty());

    List<Obligation> due = List.of(scheduled, warn, deadline, atNow, escalation).stream()
        .sorted(Comparator.comparing(StorageContract::nextDue)).toList();
    assertThat(due).extracting(o -> o.id().value()).as("the sample's order")
        .containsExactly("scheduled", "warn", "deadline", "escalation", "at-now");
    assertThat(claimDue(Optional.of(tenant), now, 100)).containsExactlyElementsOf(due);
    assertThat(claimDue(Optional.of(tenant), now, 3)).containsExactlyElementsOf(due.subList(0, 3));
    assertThat(claimDue(Optional.of(tenant), now.minusNanos(1_000), 100)).containsExactlyElementsOf(due.subList(0, 4));
    assertThat(claimDue(Optional.of(tenant), Instant.parse("2000-01-01T00:00:00Z"), 100)).isEmpty();
    Obligation ready = storage().write(tx -> {
      Obligation claimed = tx.obligations().claimDue(Optional.of(tenant), now, 1).get(0);
      Obligation opened = Samples.advanced(claimed, ObligationState.OPEN, now);
      tx.obligations().update(opened, claimed.version());
      return opened;
    });
    assertThat(ids(claimDue(Optional.of(tenant), now, 100))).as("a claimed obligation brought up to date is due later")
        .containsExactly("warn", "deadline", "escalation", "at-now");
    assertThat(ready.nextDueAt()).contains(ready.dueAt());
  }

  @Test
  public final void claimDueWithoutATenantTakesEveryTenantsDueObligations() {
    // long before the instants other tests use, so that what a shared store still holds is not due
    Instant now = Instant.parse("1995-06-01T00:00:00Z");
    Obligation mine = insert(Samples.obligation(tenant, "o1").dueAt(now.minusSeconds(30)).createdAt(now.minusSeconds(
        90_000)).build());
    Obligation theirs = insert(Samples.obligation(otherTenant, "o1").dueAt(now.minusSeconds(60))
        .createdAt(now.minusSeconds(90_000)).build());
    Obligation mineLater = insert(Samples.obligation(tenant, "o2").dueAt(now).createdAt(now.minusSeconds(90_000))
        .build());
    insert(Samples.obligation(otherTenant, "o2").dueAt(now.plusSeconds(1)).createdAt(now.minusSeconds(90_000))
        .build());
    assertThat(claimDue(Optional.empty(), now, 100)).containsExactly(theirs, mine, mineLater);
    assertThat(claimDue(Optional.empty(), now, 2)).containsExactly(theirs, mine);
    assertThat(claimDue(Optional.of(otherTenant), now, 100)).containsExactly(theirs);
  }

  @Test
  public final void concurrentClaimsNeverTakeTheSameObligationWhileBothAreOpen() throws Exception {
    require(Capability.CONCURRENT_WRITES);
    Instant now = Samples.T0.plusSeconds(86_400);
    for (int i = 0; i < 20; i++) {
      insert(Samples.obligation(tenant, "o" + i).dueAt(now.minusSeconds(100 - i)).build());
    }
    record First(List<Obligation> claimed, boolean overlapped, boolean secondFinished) {}
    record Second(List<Obligation> claimed, boolean whileFirstHeld) {}
    CountDownLatch firstClaimed = new CountDownLatch(1);
    CountDownLatch secondInside = new CountDownLatch(1);
    CountDownLatch secondClaimed = new CountDownLatch(1);
    AtomicBoolean firstOpen = new AtomicBoolean(true);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<First> first = pool.submit(() -> storage().write(tx -> {
        List<Obligation> claimed = tx.obligations().claimDue(Optional.of(tenant), now, 5);
        firstClaimed.countDown();
        boolean overlapped;
        boolean secondFinished = false;
        try {
          // a store that runs one write at a time does not let the second in: then there is nothing to check
          overlapped = secondInside.await(1, TimeUnit.SECONDS);
          if (overlapped) {
            secondFinished = secondClaimed.await(60, TimeUnit.SECONDS);
          }
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
        firstOpen.set(false);
        return new First(claimed, overlapped, secondFinished);
      }));
      Future<Second> second = pool.submit(() -> {
        firstClaimed.await();
        return storage().write(tx -> {
          boolean whileFirstOpen = firstOpen.get();
          secondInside.countDown();
          List<Obligation> claimed = tx.obligations().claimDue(Optional.of(tenant), now, 5);
          boolean stillOpen = firstOpen.get();
          secondClaimed.countDown();
          return new Second(claimed, whileFirstOpen && stillOpen);
        });
      });
      First a = first.get(2, TimeUnit.MINUTES);
      Second b = second.get(2, TimeUnit.MINUTES);
      assertThat(ids(a.claimed())).containsExactly("o0", "o1", "o2", "o3", "o4");
      if (a.overlapped()) {
        assertThat(a.secondFinished()).as("a claim skips what another transaction holds, it does not wait for it")
            .isTrue();
      }
      if (b.whileFirstHeld()) {
        assertThat(ids(b.claimed())).as("claimed while the first claim was held")
            .doesNotContainAnyElementsOf(ids(a.claimed()));
        assertThat(b.claimed()).allSatisfy(o -> assertThat(nextDue(o)).isBeforeOrEqualTo(now));
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(claimDue(Optional.of(tenant), now, 100)).as("the claims changed nothing").hasSize(20);
  }

  @Test
  public final void concurrentObligationUpdatesNeverLoseOne() throws Exception {
    require(Capability.CONCURRENT_WRITES);
    insert(Samples.obligation(tenant, "o1").response("T-1").build());
    int won = race(() -> storage().write(tx -> {
      Obligation current = tx.obligations().find(tenant, ObligationId.of("o1")).orElseThrow();
      tx.obligations().update(Samples.advanced(current, ObligationState.OPEN, current.updatedAt().plusSeconds(1)),
          current.version());
      return null;
    }));
    Obligation last = obligation(tenant, "o1").orElseThrow();
    assertThat(last.version()).isEqualTo(1 + won);
    assertThat(last.history()).hasSize(1 + won);
  }

  @Test
  public final void concurrentInsertsOfOneExclusiveKeyLetOneWin() throws Exception {
    require(Capability.CONCURRENT_WRITES);
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Boolean>> results = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Obligation candidate = Samples.obligation(tenant, "f" + t).kind(ObligationKind.DORMANCY).rule("desk", "check-in")
          .party("p1").state(ObligationState.SCHEDULED).build();
      results.add(pool.submit(() -> {
        go.await();
        for (int attempt = 1; ; attempt++) {
          try {
            insert(candidate);
            return true;
          } catch (DuplicateKeyException e) {
            return false;
          } catch (StorageException e) {
            if (!e.retryable() || attempt == 10) {
              throw e;
            }
          }
        }
      }));
    }
    go.countDown();
    int won = 0;
    for (Future<Boolean> result : results) {
      won += result.get(2, TimeUnit.MINUTES) ? 1 : 0;
    }
    pool.shutdown();
    assertThat(won).isEqualTo(1);
    assertThat(unsettledOfParty(tenant, "p1")).hasSize(1);
  }

  @Test
  public final void obligationsAreIsolatedByTenant() {
    Obligation mine = insert(Samples.obligation(tenant, "o1").response("T-1").party("p1").build());
    Obligation theirs = insert(Samples.obligation(otherTenant, "o1").response("T-1").party("p1")
        .action("Their action").dueAt(Samples.T0.plusSeconds(60)).build());
    assertThat(obligation(tenant, "o1")).contains(mine);
    assertThat(obligation(otherTenant, "o1")).contains(theirs);
    assertThat(unsettledOfConversation(otherTenant, "T-1")).containsExactly("o1");
    assertThat(searchObligations(tenant, ObligationQuery.all(), Optional.empty(), 10)).containsExactly(mine);
    assertThat(claimDue(Optional.of(tenant), Samples.T0.plusSeconds(86_400), 10)).containsExactly(mine);
    update(Samples.advanced(mine, ObligationState.CANCELLED, Samples.T0.plusSeconds(5)), 1);
    assertThat(obligation(otherTenant, "o1")).contains(theirs);
    assertThat(unsettledOfParty(otherTenant, "p1")).containsExactly("o1");
    assertThat(obligationsOfConversation(otherTenant, "T-1")).containsExactly("o1");
    assertThatThrownBy(() -> update(Samples.advanced(theirs, ObligationState.CANCELLED, Samples.T0), 2))
        .as("another tenant's version is its own").isInstanceOf(VersionConflictException.class);
  }

  // ------------------------------------------------------------------ rule sets

  private List<RuleSet> ruleSets(TenantId tenant) {
    return storage().read(tx -> tx.ruleSets().all(tenant));
  }

  private void insert(TenantId tenant, RuleSet ruleSet) {
    storage().write(tx -> {
      tx.ruleSets().insert(tenant, ruleSet);
      return null;
    });
  }

  @Test
  public final void ruleSetVersionsAreStoredAsGivenOncePerNameAndVersion() {
    RuleSet support1 = Samples.ruleSet("support", 1, Samples.AWKWARD_TEXT.get(0));
    RuleSet support2 = Samples.ruleSet("support", 2, Samples.AWKWARD_TEXT.get(4));
    RuleSet keys = Samples.ruleSet("key-accounts", 1, Samples.AWKWARD_TEXT.get(8));
    insert(tenant, support1);
    assertThat(ruleSets(tenant)).containsExactly(support1);
    insert(tenant, support2);
    insert(tenant, keys);
    assertThat(ruleSets(tenant)).containsExactlyInAnyOrder(support1, support2, keys);
    assertThat(ruleSets(tenant)).as("read again").containsExactlyInAnyOrder(support1, support2, keys);

    RuleSet clash = Samples.ruleSet("support", 2, "something else");
    assertThatThrownBy(() -> insert(tenant, clash)).isInstanceOfSatisfying(DuplicateKeyException.class,
        e -> assertThat(e.recordType()).isEqualTo("rule set"));
    assertThat(ruleSets(tenant)).containsExactlyInAnyOrder(support1, support2, keys);
    RuleSet sameNameOtherCase = Samples.ruleSet("Support", 2, "another set");
    insert(tenant, sameNameOtherCase);
    assertThat(ruleSets(tenant)).containsExactlyInAnyOrder(support1, support2, keys, sameNameOtherCase);
  }

  @Test
  public final void ruleSetsAreIsolatedByTenant() {
    RuleSet mine = Samples.ruleSet("support", 1, "mine");
    RuleSet theirs = Samples.ruleSet("support", 1, "theirs");
    insert(tenant, mine);
    assertThat(ruleSets(otherTenant)).isEmpty();
    insert(otherTenant, theirs);
    assertThat(ruleSets(tenant)).containsExactly(mine);
    assertThat(ruleSets(otherTenant)).containsExactly(theirs);
  }

  // ------------------------------------------------------------------ notifications

  private List<Notification> notificationsOf(TenantId tenant, String obligation) {
    return storage().read(tx -> tx.notifications().ofObligation(tenant, ObligationId.of(obligation)));
  }

  private Notification append(Notification notification) {
    storage().write(tx -> {
      tx.notifications().append(notification);
      return null;
    });
    return notification;
  }

  @Test
  public final void notificationsOfAnObligationComeInTheOrderTheyWereAppended() {
    Obligation a = Samples.obligation(tenant, "a").action(Samples.AWKWARD_TEXT.get(7)).build();
    Obligation b = Samples.obligation(tenant, "b").build();
    Instant t = Samples.T0;
    // keys and creation instants in another order than the appends
    Notification warning = append(Samples.notification(a, NotificationKind.OBLIGATION_WARNING, "warning", t.plusSeconds(9)));
    Notification other = append(Samples.notification(b, NotificationKind.OBLIGATION_BREACHED, "breach", t));
    List<Notification> inOneWrite = List.of(
        Samples.notification(a, NotificationKind.OBLIGATION_BREACHED, "breach", t.plusSeconds(5)),
        Samples.notification(a, NotificationKind.OBLIGATION_ESCALATED, "escalation:2", t.plusSeconds(5)),
        Samples.notification(a, NotificationKind.OBLIGATION_ESCALATED, "escalation:1", t.plusSeconds(1)));
    storage().write(tx -> {
      inOneWrite.forEach(tx.notifications()::append);
      return null;
    });
    List<Notification> expected = new ArrayList<>(List.of(warning));
    expected.addAll(inOneWrite);
    assertThat(notificationsOf(tenant, "a")).containsExactlyElementsOf(expected);
    assertThat(notificationsOf(tenant, "b")).containsExactly(other);
  }

  @Test
  public final void aNotificationKeyIsTakenOncePerTenant() {
    Obligation a = Samples.obligation(tenant, "a").build();
    Notification first = append(Samples.notification(a, NotificationKind.OBLIGATION_BREACHED, "breach", Samples.T0));
    Notification repeat = Samples.notification(a, NotificationKind.OBLIGATION_BREACHED, "breach",
        Samples.T0.plusSeconds(60));
    assertThatThrownBy(() -> append(repeat)).isInstanceOfSatisfying(DuplicateKeyException.class,
        e -> assertThat(e.recordType()).isEqualTo("notification"));
    assertThat(notificationsOf(tenant, "a")).containsExactly(first);
    Notification theirs = append(Samples.notification(Samples.obligation(otherTenant, "a").build(),
        NotificationKind.OBLIGATION_BREACHED, "breach", Samples.T0));
    assertThat(notificationsOf(otherTenant, "a")).containsExactly(theirs);
    assertThat(notificationsOf(tenant, "a")).containsExactly(first);
  }

  // ------------------------------------------------------------------ obligations: atomicity

  @Test
  public final void aFailedWriteLeavesNoObligationRuleSetOrNotificationBehind() {
    require(Capability.ROLLBACK);
    Obligation kept = insert(Samples.obligation(tenant, "kept").kind(ObligationKind.DORMANCY).rule("desk", "check-in")
        .party("p1").build());
    RuleSet published = Samples.ruleSet("support", 1, "published");
    insert(tenant, published);
    RuntimeException boom = new IllegalStateException("boom");
    RuleSet lostRules = Samples.ruleSet("support", 2, "lost");
    Obligation lost = Samples.obligation(tenant, "lost").response("T-1").party("p1").dueAt(Samples.T0).build();
    assertThatThrownBy(() -> storage().write(tx -> {
      tx.obligations().insert(lost);
      tx.obligations().update(Samples.advanced(kept, ObligationState.CANCELLED, Samples.T0.plusSeconds(1)), 1);
      tx.ruleSets().insert(tenant, lostRules);
      assertThat(tx.ruleSets().all(tenant)).as("a write sees its own rule sets")
          .containsExactlyInAnyOrder(published, lostRules);
      tx.notifications().append(Samples.notification(kept, NotificationKind.OBLIGATION_WARNING, "warning",
          Samples.T0));
      throw boom;
    })).isSameAs(boom);
    assertThat(obligation(tenant, "lost")).isEmpty();
    assertThat(obligation(tenant, "kept")).contains(kept);
    assertThat(unsettledOfParty(tenant, "p1")).containsExactly("kept");
    assertThat(obligationsOfConversation(tenant, "T-1")).isEmpty();
    assertThat(claimDue(Optional.of(tenant), Samples.T0, 10)).isEmpty();
    assertThat(notificationsOf(tenant, "kept")).isEmpty();
    assertThat(ruleSets(tenant)).containsExactly(published);

    // the rolled-back version's number is free, and reads as what is stored now, not as what was rolled back
    RuleSet actual = Samples.ruleSet("support", 2, "actual");
    insert(tenant, actual);
    assertThat(ruleSets(tenant)).containsExactlyInAnyOrder(published, actual);
    Notification warning = append(Samples.notification(kept, NotificationKind.OBLIGATION_WARNING, "warning",
        Samples.T0));
    assertThat(notificationsOf(tenant, "kept")).containsExactly(warning);
  }

  // ------------------------------------------------------------------ contact ledger

  private ContactEntry insert(ContactEntry entry) {
    storage().write(tx -> {
      tx.contacts().insert(entry);
      return null;
    });
    return entry;
  }

  private void update(ContactEntry entry, long expectedVersion) {
    storage().write(tx -> {
      tx.contacts().update(entry, expectedVersion);
      return null;
    });
  }

  private Optional<ContactEntry> contact(TenantId tenant, String id) {
    return storage().read(tx -> tx.contacts().find(tenant, ContactId.of(id)));
  }

  private static List<String> contactIds(List<ContactEntry> entries) {
    return entries.stream().map(e -> e.id().value()).toList();
  }

  private List<String> counted(TenantId tenant, String party, Instant from, Instant to) {
    return contactIds(storage().read(tx -> tx.contacts().counted(tenant, PartyId.of(party), from, to)));
  }

  private List<String> contactsOf(TenantId tenant, String party, Instant from, Instant to,
      Optional<ContactPosition> after, int limit) {
    return contactIds(storage().read(tx -> tx.contacts().ofParty(tenant, PartyId.of(party), from, to, after,
        limit)));
  }

  private static Optional<ContactPosition> contactAt(Instant at, String id) {
    return Optional.of(new ContactPosition(at, ContactId.of(id)));
  }

  @Test
  public final void aContactEntryReadBackEqualsTheEntryStored() {
    List<ContactEntry> stored = new ArrayList<>();
    for (ContactStatus status : ContactStatus.values()) {
      stored.add(insert(Samples.contact(tenant, "m-" + status, "p1", status, Samples.T0)));
      stored.add(insert(Samples.contact(tenant, "x-" + status, "p1", Purpose.TRANSACTIONAL, status, Samples.T0)));
    }
    ContactEntry sample = Samples.contact(tenant, "awkward", "p1", ContactStatus.DENIED,
        Instant.parse("1965-07-01T12:00:00.000001Z"));
    List<RuleVerdict> rules = new ArrayList<>(sample.receipt().rules());
    for (String text : Samples.AWKWARD_TEXT) {
      rules.add(new RuleVerdict(ContactCheck.QUIET_HOURS, Optional.empty(), Verdict.ALLOW, text, Optional.empty()));
    }
    ContactReceipt r = sample.receipt();
    stored.add(insert(new ContactEntry(tenant, sample.id(), sample.status(), new ContactReceipt(tenant, r.request(),
        r.decidedAt(), r.verdict(), rules, r.consent(), r.exemption(), r.nextAllowedAt()),
        Actor.user("sender " + Samples.AWKWARD_TEXT.get(3)), 1, sample.createdAt(), sample.updatedAt())));
    for (ContactEntry entry : stored) {
      assertThat(contact(tenant, entry.id().value())).contains(entry);
    }
    ContactEntry denied = contact(tenant, "m-DENIED").orElseThrow();
    assertThat(denied.receipt().nextAllowedAt()).contains(Samples.T0.plus(Duration.ofDays(1)));
    assertThat(denied.receipt().consent()).isPresent();
    assertThat(contact(tenant, "x-SENT").orElseThrow().receipt().exemption()).contains(Purpose.TRANSACTIONAL);
  }

  @Test
  public final void aMissingContactEntryIsEmptyNotAnError() {
    assertThat(contact(tenant, "missing")).isEmpty();
    assertThat(counted(tenant, "nobody", Instant.EPOCH, Samples.T0)).isEmpty();
    assertThat(contactsOf(tenant, "nobody", Instant.EPOCH, Samples.T0, Optional.empty(), 10)).isEmpty();
  }

  @Test
  public final void insertingATakenContactIdFailsAndChangesNothing() {
    ContactEntry first = insert(Samples.contact(tenant, "c1", "p1", ContactStatus.RESERVED, Samples.T0));
    ContactEntry clash = Samples.contact(tenant, "c1", "p2", ContactStatus.DENIED, Samples.T0.plusSeconds(5));
    assertThatThrownBy(() -> insert(clash)).isInstanceOfSatisfying(DuplicateKeyException.class,
        e -> assertThat(e.recordType()).isEqualTo("contact"));
    assertThat(contact(tenant, "c1")).contains(first);
    assertThat(contactsOf(tenant, "p2", Instant.EPOCH, Instant.MAX, Optional.empty(), 10)).isEmpty();
    assertThat(counted(tenant, "p1", Instant.EPOCH, Instant.MAX)).containsExactly("c1");
  }

  @Test
  public final void aContactUpdateAtTheExpectedVersionReplacesTheEntry() {
    ContactEntry reserved = insert(Samples.contact(tenant, "c1", "p1", ContactStatus.RESERVED, Samples.T0));
    ContactEntry sent = reserved.withStatus(ContactStatus.SENT, Samples.T0.plusSeconds(60));
    update(sent, 1);
    assertThat(contact(tenant, "c1")).contains(sent);
    assertThat(sent.version()).isEqualTo(2);
  }

  @Test
  public final void aContactUpdateAtAStaleVersionFailsAndChangesNothing() {
    ContactEntry reserved = insert(Samples.contact(tenant, "c1", "p1", ContactStatus.RESERVED, Samples.T0));
    ContactEntry sent = reserved.withStatus(ContactStatus.SENT, Samples.T0.plusSeconds(60));
    update(sent, 1);
    ContactEntry released = reserved.withStatus(ContactStatus.RELEASED, Samples.T0.plusSeconds(120));
    assertThatThrownBy(() -> update(released, 1)).isInstanceOfSatisfying(VersionConflictException.class, e -> {
      assertThat(e.recordType()).isEqualTo("contact");
      assertThat(e.expectedVersion()).isEqualTo(1);
      assertThat(e.actualVersion()).isEqualTo(2);
    });
    assertThat(contact(tenant, "c1")).contains(sent);
    assertThat(counted(tenant, "p1", Instant.EPOCH, Instant.MAX)).containsExactly("c1");
  }

  @Test
  public final void anUpdateOfAMissingContactEntryIsAConflictWithVersionZero() {
    ContactEntry ghost = Samples.contact(tenant, "ghost", "p1", ContactStatus.RESERVED, Samples.T0);
    assertThatThrownBy(() -> update(ghost.withStatus(ContactStatus.SENT, Samples.T0), 1))
        .isInstanceOfSatisfying(VersionConflictException.class, e -> assertThat(e.actualVersion()).isZero());
    assertThat(contact(tenant, "ghost")).isEmpty();
    assertThat(contactsOf(tenant, "p1", Instant.EPOCH, Instant.MAX, Optional.empty(), 10)).isEmpty();
  }

  @Test
  public final void capsCountReservedAndSentEntriesThatAreNotExemptInTheWindowByInstantThenId() {
    Instant from = Samples.T0;
    Instant to = Samples.T0.plus(Duration.ofDays(7));
    for (ContactEntry entry : List.of(
        Samples.contact(tenant, "at-from", "p1", ContactStatus.RESERVED, from),
        Samples.contact(tenant, "before", "p1", ContactStatus.SENT, from.minusNanos(1_000)),
        Samples.contact(tenant, "last", "p1", ContactStatus.SENT, to.minusNanos(1_000)),
        Samples.contact(tenant, "at-to", "p1", ContactStatus.RESERVED, to),
        Samples.contact(tenant, "b", "p1", ContactStatus.SENT, from.plusSeconds(60)),
        Samples.contact(tenant, "B", "p1", ContactStatus.RESERVED, from.plusSeconds(60)),
        Samples.contact(tenant, "_", "p1", ContactStatus.RESERVED, from.plusSeconds(60)),
        Samples.contact(tenant, "a", "p1", ContactStatus.RELEASED, from.plusSeconds(60)),
        Samples.contact(tenant, "denied", "p1", ContactStatus.DENIED, from.plusSeconds(30)),
        Samples.contact(tenant, "exempt", "p1", Purpose.SERVICE, ContactStatus.RESERVED, from.plusSeconds(30)),
        Samples.contact(tenant, "exempt-sent", "p1", Purpose.LEGAL, ContactStatus.SENT, from.plusSeconds(30)),
        Samples.contact(tenant, "other", "p2", ContactStatus.RESERVED, from.plusSeconds(30)))) {
      insert(entry);
    }
    assertThat(counted(tenant, "p1", from, to))
        .as("reserved and sent, not exempt, from inclusive, to exclusive, ties on the instant by id")
        .containsExactly("at-from", "B", "_", "b", "last");
    assertThat(counted(tenant, "p1", from.plusNanos(1_000), to)).as("from one microsecond later")
        .containsExactly("B", "_", "b", "last");
    assertThat(counted(tenant, "p1", from, to.plusNanos(1_000))).as("to one microsecond later")
        .containsExactly("at-from", "B", "_", "b", "last", "at-to");
    assertThat(counted(tenant, "p1", from.minusNanos(1_000), to.minusNanos(1_000)))
        .containsExactly("before", "at-from", "B", "_", "b");
    assertThat(counted(tenant, "p1", to, from)).as("an empty window").isEmpty();
    assertThat(counted(tenant, "p2", Instant.EPOCH, Instant.MAX)).containsExactly("other");

    ContactEntry b = contact(tenant, "B").orElseThrow();
    update(b.withStatus(ContactStatus.RELEASED, from.plusSeconds(90)), b.version());
    ContactEntry underscore = contact(tenant, "_").orElseThrow();
    update(underscore.withStatus(ContactStatus.SENT, from.plusSeconds(90)), underscore.version());
    assertThat(counted(tenant, "p1", from, to)).as("a released entry stops counting, a sent one goes on")
        .containsExactly("at-from", "_", "b", "last");
  }

  @Test
  public final void aPartysContactEntriesOfEveryStatusComeByInstantThenIdAndPageAfterAPosition() {
    Instant t = Samples.T0;
    for (ContactEntry entry : List.of(
        Samples.contact(tenant, "a", "p1", ContactStatus.DENIED, t),
        Samples.contact(tenant, "B", "p1", ContactStatus.RELEASED, t),
        Samples.contact(tenant, "_x", "p1", Purpose.TRANSACTIONAL, ContactStatus.SENT, t),
        Samples.contact(tenant, "-y", "p1", ContactStatus.RESERVED, t.plusNanos(1_000)),
        Samples.contact(tenant, "Z9", "p1", ContactStatus.SENT, t.minusSeconds(1)),
        Samples.contact(tenant, "z9", "p1", ContactStatus.RESERVED, t.plusSeconds(3600)),
        Samples.contact(tenant, "old", "p1", ContactStatus.SENT, Instant.parse("1965-07-01T12:00:00.000001Z")),
        Samples.contact(tenant, "other", "p2", ContactStatus.RESERVED, t))) {
      insert(entry);
    }
    Instant from = t.minusSeconds(1);
    Instant to = t.plusSeconds(3600);
    assertThat(contactsOf(tenant, "p1", from, to, Optional.empty(), 100))
        .as("every status; from inclusive, to exclusive; ties on the instant by id as String.compareTo orders them")
        .containsExactly("Z9", "B", "_x", "a", "-y");
    assertThat(contactsOf(tenant, "p1", Instant.EPOCH.minus(Duration.ofDays(36_500)), Instant.MAX, Optional.empty(),
        100)).containsExactly("old", "Z9", "B", "_x", "a", "-y", "z9");
    assertThat(contactsOf(tenant, "p1", from, to, Optional.empty(), 2)).containsExactly("Z9", "B");
    assertThat(contactsOf(tenant, "p1", from, to, contactAt(t, "B"), 2)).containsExactly("_x", "a");
    assertThat(contactsOf(tenant, "p1", from, to, contactAt(t, "Zz"), 5)).as("a position between two entries")
        .containsExactly("_x", "a", "-y");
    assertThat(contactsOf(tenant, "p1", from, to, contactAt(t, "a"), 5)).containsExactly("-y");
    assertThat(contactsOf(tenant, "p1", from, to, contactAt(t.plusNanos(1_000), "-y"), 5)).isEmpty();
    assertThat(contactsOf(tenant, "p1", from, to, contactAt(t.minusSeconds(7200), "a"), 5))
        .as("a position before the window: the whole window").containsExactly("Z9", "B", "_x", "a", "-y");
    assertThat(contactsOf(tenant, "p1", from, to, contactAt(t.plusSeconds(7200), "a"), 5))
        .as("a position after the window").isEmpty();
    assertThat(contactsOf(tenant, "p2", Instant.EPOCH, Instant.MAX, Optional.empty(), 5)).containsExactly("other");
  }

  @Test
  public final void contactLedgersAreIsolatedByTenant() {
    ContactEntry mine = insert(Samples.contact(tenant, "c1", "p1", ContactStatus.RESERVED, Samples.T0));
    ContactEntry theirs = insert(Samples.contact(otherTenant, "c1", "p1", ContactStatus.RESERVED,
        Samples.T0.plusSeconds(1)));
    assertThat(contact(tenant, "c1")).contains(mine);
    assertThat(contact(otherTenant, "c1")).contains(theirs);
    assertThat(counted(otherTenant, "p1", Instant.EPOCH, Instant.MAX)).containsExactly("c1");
    assertThat(counted(tenant, "p1", Samples.T0.plusSeconds(1), Instant.MAX)).isEmpty();
    assertThat(contactsOf(tenant, "p1", Instant.EPOCH, Instant.MAX, Optional.empty(), 10)).containsExactly("c1");
    update(mine.withStatus(ContactStatus.SENT, Samples.T0.plusSeconds(5)), 1);
    assertThat(contact(otherTenant, "c1")).contains(theirs);
    assertThatThrownBy(() -> update(theirs.withStatus(ContactStatus.RELEASED, Samples.T0), 2))
        .as("another tenant's version is its own").isInstanceOf(VersionConflictException.class);
    insert(Samples.party(tenant, "p1", "Mine"));
    assertThatThrownBy(() -> storage().write(tx -> {
      tx.contacts().lockParty(otherTenant, PartyId.of("p1"));
      return null;
    })).as("another tenant's party").isInstanceOf(NotFoundException.class);
  }

  @Test
  public final void lockingAMissingPartyIsNotFound() {
    insert(Samples.party(tenant, "p1", "Ada"));
    storage().write(tx -> {
      tx.contacts().lockParty(tenant, PartyId.of("p1"));
      return null;
    });
    assertThatThrownBy(() -> storage().write(tx -> {
      tx.contacts().lockParty(tenant, PartyId.of("missing"));
      return null;
    })).isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.getMessage()).contains("missing"));
  }

  @Test
  public final void aFailedWriteLeavesNoContactEntryBehind() {
    require(Capability.ROLLBACK);
    ContactEntry kept = insert(Samples.contact(tenant, "kept", "p1", ContactStatus.RESERVED, Samples.T0));
    insert(Samples.party(tenant, "p1", "Ada"));
    RuntimeException boom = new IllegalStateException("boom");
    assertThatThrownBy(() -> storage().write(tx -> {
      tx.contacts().lockParty(tenant, PartyId.of("p1"));
      tx.contacts().insert(Samples.contact(tenant, "lost", "p1", ContactStatus.RESERVED, Samples.T0));
      tx.contacts().update(kept.withStatus(ContactStatus.RELEASED, Samples.T0.plusSeconds(1)), 1);
      assertThat(contactIds(tx.contacts().counted(tenant, PartyId.of("p1"), Instant.EPOCH, Instant.MAX)))
          .as("a write sees its own entries").containsExactly("lost");
      throw boom;
    })).isSameAs(boom);
    assertThat(contact(tenant, "lost")).isEmpty();
    assertThat(contact(tenant, "kept")).contains(kept);
    assertThat(counted(tenant, "p1", Instant.EPOCH, Instant.MAX)).containsExactly("kept");
  }

  /**
   * Threads racing for a cap's slots through {@code Contacts.reserve}, which locks the party, counts its entries
   * and enters its own in one write: of {@code threads} reservations at once for a party with a cap of 5 marketing
   * contacts per rolling day, exactly 5 are reserved and the others denied by the cap, round after round (each
   * round with a new party). 32 threads where the storage runs write transactions side by side, else 4.
   */
  @Test
  public final void racingReservationsTakeExactlyACapsSlots() throws Exception {
    int threads = unsupported().contains(Capability.CONCURRENT_WRITES) ? 4 : 32;
    int rounds = 4;
    int max = 5;
    Crm crm = Crm.builder().storage(storage()).clock(Clock.fixed(Samples.T0, ZoneOffset.UTC)).build();
    CrmTenant crmTenant = crm.tenant(tenant, Actor.user("race"));
    crmTenant.rules().publish(RuleSet.builder("marketing", 1, Samples.T0.minus(Duration.ofDays(1)))
        .contact(ContactRules.builder(ConsentRegime.OPT_IN)
            .cap(FrequencyCap.of("daily-marketing", Purpose.MARKETING, max, CapWindow.rolling(Duration.ofDays(1))))
            .build())
        .build());
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      for (int round = 0; round < rounds; round++) {
        PartyId party = crmTenant.parties().create(PartyDraft.person("Racer " + round)
            .consent(ConsentDraft.optIn(Channel.EMAIL, Purpose.MARKETING, "form")
                .capturedAt(Samples.T0.minus(Duration.ofDays(2))))
            .build()).id();
        ContactRequest request = ContactRequest.of(party, Channel.EMAIL, Purpose.MARKETING, Samples.T0);
        CyclicBarrier go = new CyclicBarrier(threads);
        List<Future<ContactEntry>> results = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          results.add(pool.submit(() -> {
            go.await(1, TimeUnit.MINUTES);
            return crmTenant.contacts().reserve(request);
          }));
        }
        List<ContactEntry> entries = new ArrayList<>();
        for (Future<ContactEntry> result : results) {
          entries.add(result.get(2, TimeUnit.MINUTES));
        }
        int r = round;
        assertThat(entries).as("round %d", r).filteredOn(e -> e.status() == ContactStatus.RESERVED).hasSize(max);
        assertThat(entries).as("round %d", r).filteredOn(e -> e.status() == ContactStatus.DENIED)
            .hasSize(threads - max).allSatisfy(e -> assertThat(e.receipt().denials())
                .extracting(RuleVerdict::check).containsExactly(ContactCheck.FREQUENCY_CAP));
        List<ContactEntry> counted = storage().read(tx -> tx.contacts().counted(tenant, party, Instant.EPOCH,
            Instant.MAX));
        assertThat(counted).as("round %d: the entries caps count", r).hasSize(max);
        List<ContactEntry> ledger = storage().read(tx -> tx.contacts().ofParty(tenant, party, Instant.EPOCH,
            Instant.MAX, Optional.empty(), 1000));
        assertThat(ledger).as("round %d: the ledger", r).containsExactlyInAnyOrderElementsOf(entries);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  // ------------------------------------------------------------------ outbox

  /** The instant the outbox tests claim at: a day after {@link Samples#T0}, with whole microseconds. */
  private static final Instant NOW = Samples.T0.plus(Duration.ofDays(1));
  /** A lease that outlasts every instant the outbox tests claim at. */
  private static final Instant LONG_LEASE = NOW.plus(Duration.ofDays(30));
  private static final Instant MICRO = Instant.EPOCH.plusNanos(1_000);

  /** The delivery of breach {@code name} to {@code recipient} by e-mail. */
  private static Delivery delivery(TenantId tenant, String name, String recipient) {
    return OutboxSamples.delivery(tenant, name, recipient, "email", Samples.T0);
  }

  private Delivery enqueue(Delivery delivery, DeliveryStatus status, Instant dueAt) {
    storage().write(tx -> {
      tx.outbox().enqueue(delivery, status, dueAt);
      return null;
    });
    return delivery;
  }

  /** Enqueues {@code delivery} PENDING, due at {@link Samples#T0}. */
  private Delivery enqueue(Delivery delivery) {
    return enqueue(delivery, DeliveryStatus.PENDING, Samples.T0);
  }

  private Optional<OutboxEntry> findEntry(TenantId tenant, String key) {
    return storage().read(tx -> tx.outbox().find(tenant, key));
  }

  private OutboxEntry entry(Delivery delivery) {
    return findEntry(delivery.tenantId(), delivery.key()).orElseThrow();
  }

  private List<OutboxEntry> claim(String owner, Instant now, Instant leaseUntil, int limit) {
    return storage().write(tx -> tx.outbox().claim(owner, now, leaseUntil, limit));
  }

  private List<OutboxEntry> claimKeys(TenantId tenant, List<String> keys, String owner, Instant now) {
    return storage().write(tx -> tx.outbox().claim(tenant, keys, owner, now, LONG_LEASE));
  }

  private List<String> claimedKeys(String owner, Instant now, int limit) {
    return outboxKeys(claim(owner, now, LONG_LEASE, limit));
  }

  private static List<String> outboxKeys(List<OutboxEntry> entries) {
    return entries.stream().map(OutboxEntry::key).toList();
  }

  private boolean delivered(TenantId tenant, long seq, String owner, Instant at) {
    return storage().write(tx -> tx.outbox().delivered(tenant, seq, owner, at));
  }

  private boolean failed(TenantId tenant, long seq, String owner, DeliveryStatus next, int attempts, Instant dueAt,
      String error) {
    return storage().write(tx -> tx.outbox().failed(tenant, seq, owner, next, attempts, dueAt, error));
  }

  /** Enqueues the delivery, claims it and records a failure that leaves it DEAD after 3 attempts. */
  private Delivery dead(Delivery delivery) {
    enqueue(delivery);
    OutboxEntry claimed = claimKeys(delivery.tenantId(), List.of(delivery.key()), "reaper", NOW).get(0);
    assertThat(failed(delivery.tenantId(), claimed.seq(), "reaper", DeliveryStatus.DEAD, 3, NOW, "550 no such user"))
        .isTrue();
    return delivery;
  }

  private List<OutboxEntry> dueForDigest(Instant now, int limit) {
    return storage().read(tx -> tx.outbox().dueForDigest(now, limit));
  }

  private Optional<OutboxEntry> requeue(TenantId tenant, String key, Instant now) {
    return storage().write(tx -> tx.outbox().requeue(tenant, key, now));
  }

  private boolean release(TenantId tenant, long seq, String owner) {
    return storage().write(tx -> tx.outbox().release(tenant, seq, owner));
  }

  private OutboxStats outboxCounts(Optional<TenantId> tenant) {
    return storage().read(tx -> tx.outbox().counts(tenant));
  }

  private Page<OutboxEntry> listOutbox(TenantId tenant, DeliveryStatus status, PageRequest page) {
    return storage().read(tx -> tx.outbox().list(tenant, status, page));
  }

  @Test
  public final void anOutboxEntryReadBackHoldsTheDeliveryAsEnqueued() {
    Delivery single = OutboxSamples.delivery(tenant, "a", "alice", "email", Samples.T0);
    Delivery digest = OutboxSamples.digest(tenant, "bob", "webhook", NOW);
    enqueue(single, DeliveryStatus.PENDING, Samples.T0.plusSeconds(5));
    enqueue(digest, DeliveryStatus.HELD, NOW);

    OutboxEntry pending = entry(single);
    assertThat(pending.delivery()).isEqualTo(single);
    assertThat(pending.status()).isEqualTo(DeliveryStatus.PENDING);
    assertThat(pending.attempts()).isZero();
    assertThat(pending.dueAt()).isEqualTo(Samples.T0.plusSeconds(5));
    assertThat(pending.leaseOwner()).isEmpty();
    assertThat(pending.leaseUntil()).isEmpty();
    assertThat(pending.lastError()).isEmpty();
    assertThat(pending.deliveredAt()).isEmpty();
    OutboxEntry held = entry(digest);
    assertThat(held.delivery()).as("a digest of several notifications, one of them without an obligation")
        .isEqualTo(digest);
    assertThat(held.status()).isEqualTo(DeliveryStatus.HELD);
    assertThat(held.dueAt()).isEqualTo(NOW);
    assertThat(findEntry(tenant, "missing")).isEmpty();
    assertThat(findEntry(otherTenant, single.key())).isEmpty();
  }

  @Test
  public final void onlyPendingOrHeldEntriesAreEnqueued() {
    Delivery delivery = delivery(tenant, "a", "alice");
    for (DeliveryStatus status : List.of(DeliveryStatus.IN_FLIGHT, DeliveryStatus.DELIVERED, DeliveryStatus.DEAD,
        DeliveryStatus.DIGESTED)) {
      assertThatThrownBy(() -> enqueue(delivery, status, NOW)).as(status.name())
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(findEntry(tenant, delivery.key())).isEmpty();
  }

  @Test
  public final void aDeliveryKeyIsTakenOncePerTenantAndTheWriteThatRepeatsItRollsBack() {
    Delivery first = enqueue(delivery(tenant, "a", "alice"));
    Delivery before = delivery(tenant, "b", "alice");
    Delivery repeat = new Delivery(first.key(), tenant, OutboxSamples.stakeholder("carol"), "sms",
        first.notifications(), Optional.empty(), Samples.T0.plusSeconds(9));
    assertThatThrownBy(() -> storage().write(tx -> {
      tx.outbox().enqueue(before, DeliveryStatus.PENDING, Samples.T0);
      tx.outbox().enqueue(repeat, DeliveryStatus.HELD, NOW);
      return null;
    })).isInstanceOfSatisfying(DuplicateKeyException.class, e -> assertThat(e.recordType()).isEqualTo("delivery"));
    assertThat(entry(first).delivery()).isEqualTo(first);
    assertThat(entry(first).status()).isEqualTo(DeliveryStatus.PENDING);
    if (!unsupported().contains(Capability.ROLLBACK)) {
      assertThat(findEntry(tenant, before.key())).as("the write that repeated a key rolled back").isEmpty();
    }
    Delivery theirs = enqueue(delivery(otherTenant, "a", "alice"));
    assertThat(theirs.key()).isEqualTo(first.key());
    assertThat(entry(theirs).delivery()).isEqualTo(theirs);
  }

  @Test
  public final void eachEnqueueGetsALargerSeqThanEveryEntryCommittedBefore() {
    Delivery a = enqueue(delivery(tenant, "a", "alice"));
    Delivery b = enqueue(delivery(otherTenant, "b", "alice"), DeliveryStatus.HELD, NOW);
    Delivery c = delivery(tenant, "c", "bob");
    Delivery d = delivery(tenant, "d", "alice");
    storage().write(tx -> {
      tx.outbox().enqueue(c, DeliveryStatus.PENDING, NOW);
      tx.outbox().enqueue(d, DeliveryStatus.HELD, Samples.T0);
      return null;
    });
    Delivery e = enqueue(delivery(otherTenant, "e", "carol"));
    List<Long> seqs = List.of(a, b, c, d, e).stream().map(x -> entry(x).seq()).toList();
    assertThat(seqs).isSortedAccordingTo(Comparator.naturalOrder()).doesNotHaveDuplicates();
  }

  @Test
  public final void aClaimTakesDuePendingEntriesSmallestSeqFirstUpToTheLimit() {
    Delivery r0 = enqueue(delivery(tenant, "r0", "r0"), DeliveryStatus.PENDING, NOW.minusSeconds(60));
    Delivery r1 = enqueue(delivery(tenant, "r1", "r1"), DeliveryStatus.PENDING, NOW);
    Delivery r2 = enqueue(delivery(tenant, "r2", "r2"), DeliveryStatus.PENDING, NOW.plusNanos(1_000));
    enqueue(delivery(tenant, "r3", "r3"), DeliveryStatus.HELD, NOW.minusSeconds(60));
    Delivery r4 = enqueue(delivery(otherTenant, "r4", "r4"), DeliveryStatus.PENDING, NOW.minusSeconds(3_600));
    Delivery r5 = enqueue(delivery(tenant, "r5", "r5"), DeliveryStatus.PENDING, NOW.minusSeconds(10));

    List<OutboxEntry> first = claim("relay-1", NOW, NOW.plusSeconds(60), 2);
    assertThat(outboxKeys(first)).as("by seq, not by due instant").containsExactly(r0.key(), r1.key());
    assertThat(first).allSatisfy(c -> {
      assertThat(c.status()).isEqualTo(DeliveryStatus.IN_FLIGHT);
      assertThat(c.leaseOwner()).contains("relay-1");
      assertThat(c.leaseUntil()).contains(NOW.plusSeconds(60));
      assertThat(c.attempts()).isZero();
      assertThat(entry(c.delivery())).as("stored as returned").isEqualTo(c);
    });
    assertThat(first.get(0).delivery()).isEqualTo(r0);
    assertThat(first.get(0).dueAt()).isEqualTo(NOW.minusSeconds(60));
    assertThat(claimedKeys("relay-2", NOW, 10)).as("neither held nor due later")
        .containsExactly(r4.key(), r5.key());
    assertThat(claimedKeys("relay-2", NOW, 10)).isEmpty();
    assertThat(claimedKeys("relay-2", NOW.plusNanos(1_000), 10)).containsExactly(r2.key());
  }

  @Test
  public final void anInFlightEntryIsClaimedAgainOnlyOnceItsLeaseHasExpired() {
    Delivery a = enqueue(delivery(tenant, "a", "alice"));
    assertThat(outboxKeys(claim("relay-1", NOW, NOW.plusSeconds(60), 10))).containsExactly(a.key());
    assertThat(claim("relay-2", NOW.plusSeconds(60).minusNanos(1_000), NOW.plusSeconds(120), 10)).isEmpty();
    List<OutboxEntry> taken = claim("relay-2", NOW.plusSeconds(60), NOW.plusSeconds(120), 10);
    assertThat(outboxKeys(taken)).containsExactly(a.key());
    assertThat(taken.get(0).leaseOwner()).contains("relay-2");
    assertThat(taken.get(0).leaseUntil()).contains(NOW.plusSeconds(120));
    assertThat(taken.get(0).attempts()).as("a relay that died does not count an attempt").isZero();
    assertThat(delivered(tenant, taken.get(0).seq(), "relay-1", NOW.plusSeconds(61))).as("the lost lease").isFalse();
    assertThat(delivered(tenant, taken.get(0).seq(), "relay-2", NOW.plusSeconds(61))).isTrue();
  }

  @Test
  public final void aClaimTakesOfEachRecipientAPrefixOfItsEntriesInTheOrderTheyWereWritten() {
    enqueue(delivery(tenant, "h0", "alice"), DeliveryStatus.HELD, NOW.minusSeconds(1));
    Delivery a1 = enqueue(delivery(tenant, "a1", "alice"));
    Delivery a2 = enqueue(delivery(tenant, "a2", "alice"), DeliveryStatus.PENDING, NOW.plusSeconds(3_600));
    Delivery b1 = enqueue(delivery(tenant, "b1", "bob"));
    Delivery a3 = enqueue(delivery(tenant, "a3", "alice"));
    Delivery c1 = enqueue(OutboxSamples.delivery(tenant, "c1", "alice", "sms", Samples.T0));
    Delivery b2 = enqueue(delivery(tenant, "b2", "bob"));
    Delivery x1 = enqueue(delivery(otherTenant, "x1", "alice"));

    assertThat(claimedKeys("relay-1", NOW, 10))
        .as("alice by e-mail stops at a2, which is not due; a held entry holds nothing back; bob's come together")
        .containsExactly(a1.key(), b1.key(), c1.key(), b2.key(), x1.key());
    assertThat(claimedKeys("relay-1", NOW, 10)).isEmpty();
    assertThat(delivered(tenant, entry(a1).seq(), "relay-1", NOW)).isTrue();
    assertThat(claimedKeys("relay-1", NOW, 10)).as("a3 waits for a2, which is not due").isEmpty();
    assertThat(claimedKeys("relay-1", NOW.plusSeconds(3_600), 10)).containsExactly(a2.key(), a3.key());

    assertThat(failed(tenant, entry(a2).seq(), "relay-1", DeliveryStatus.PENDING, 1, NOW.plusSeconds(7_200), "busy"))
        .isTrue();
    assertThat(release(tenant, entry(a3).seq(), "relay-1")).isTrue();
    assertThat(claimedKeys("relay-1", NOW.plusSeconds(3_600), 10)).as("a3 waits for a2's retry").isEmpty();
    assertThat(claimedKeys("relay-1", NOW.plusSeconds(7_200), 10)).containsExactly(a2.key(), a3.key());
    assertThat(failed(tenant, entry(a2).seq(), "relay-1", DeliveryStatus.DEAD, 2, NOW.plusSeconds(7_200), "gone"))
        .isTrue();
    assertThat(release(tenant, entry(a3).seq(), "relay-1")).isTrue();
    assertThat(claimedKeys("relay-1", NOW.plusSeconds(7_200), 10)).as("a dead letter holds nothing back")
        .containsExactly(a3.key());

    Delivery d1 = enqueue(delivery(tenant, "d1", "dave"));
    Delivery d2 = enqueue(delivery(tenant, "d2", "dave"));
    Delivery d3 = enqueue(delivery(tenant, "d3", "dave"));
    assertThat(claimedKeys("relay-1", NOW, 2)).as("up to the limit").containsExactly(d1.key(), d2.key());
    assertThat(claimedKeys("relay-1", NOW, 10)).as("d3 waits for d1 and d2, which are in flight").isEmpty();
    assertThat(delivered(tenant, entry(d1).seq(), "relay-1", NOW)).isTrue();
    assertThat(claimedKeys("relay-1", NOW, 10)).isEmpty();
    assertThat(delivered(tenant, entry(d2).seq(), "relay-1", NOW)).isTrue();
    assertThat(claimedKeys("relay-1", NOW, 10)).containsExactly(d3.key());
  }

  @Test
  public final void aClaimTakesAnExpiredLeaseAndTheEntriesAfterItTogether() {
    Delivery a1 = enqueue(delivery(tenant, "a1", "alice"));
    assertThat(outboxKeys(claim("relay-1", NOW, NOW.plusSeconds(60), 10))).containsExactly(a1.key());
    Delivery a2 = enqueue(delivery(tenant, "a2", "alice"));
    assertThat(claim("relay-2", NOW.plusSeconds(59), NOW.plusSeconds(120), 10)).isEmpty();
    List<OutboxEntry> taken = claim("relay-2", NOW.plusSeconds(60), NOW.plusSeconds(120), 10);
    assertThat(outboxKeys(taken)).containsExactly(a1.key(), a2.key());
    assertThat(taken).allSatisfy(e -> assertThat(e.leaseOwner()).contains("relay-2"));
  }

  @Test
  public final void releaseGivesAClaimedEntryBackUnsentUnderItsOwnersLeaseOnly() {
    Delivery a = enqueue(delivery(tenant, "a", "alice"));
    long seq = claim("relay-1", NOW, LONG_LEASE, 10).get(0).seq();
    assertThat(failed(tenant, seq, "relay-1", DeliveryStatus.PENDING, 1, NOW.plusSeconds(60), "busy")).isTrue();
    OutboxEntry claimed = claim("relay-1", NOW.plusSeconds(60), LONG_LEASE, 10).get(0);
    assertThat(release(tenant, seq, "relay-2")).isFalse();
    assertThat(release(otherTenant, seq, "relay-1")).isFalse();
    assertThat(entry(a)).isEqualTo(claimed);
    assertThat(release(tenant, seq, "relay-1")).isTrue();
    OutboxEntry released = entry(a);
    assertThat(released.status()).isEqualTo(DeliveryStatus.PENDING);
    assertThat(released.attempts()).isEqualTo(1);
    assertThat(released.dueAt()).isEqualTo(NOW.plusSeconds(60));
    assertThat(released.lastError()).contains("busy");
    assertThat(released.leaseOwner()).isEmpty();
    assertThat(released.leaseUntil()).isEmpty();
    assertThat(release(tenant, seq, "relay-1")).as("not in flight").isFalse();
    assertThat(entry(a)).isEqualTo(released);
    assertThat(outboxKeys(claim("relay-2", NOW.plusSeconds(60), LONG_LEASE, 10))).containsExactly(a.key());
  }

  @Test
  public final void deliveredAllMarksEachClaimedEntryOfItsOwnerAndSaysWhichItChanged() {
    Delivery a = enqueue(delivery(tenant, "a", "alice"));
    Delivery b = enqueue(delivery(tenant, "b", "bob"));
    Delivery c = enqueue(delivery(otherTenant, "c", "carol"));
    Delivery d = enqueue(delivery(tenant, "d", "dan"));
    List<OutboxEntry> mine = claim("relay-1", NOW, LONG_LEASE, 3);
    List<OutboxEntry> theirs = claim("relay-2", NOW, LONG_LEASE, 10);
    assertThat(outboxKeys(mine)).containsExactly(a.key(), b.key(), c.key());
    assertThat(outboxKeys(theirs)).containsExactly(d.key());
    Instant at = NOW.plusSeconds(5);
    List<dev.etiquette.crm.api.spi.OutboxStore.Accepted> accepted = List.of(
        new dev.etiquette.crm.api.spi.OutboxStore.Accepted(tenant, mine.get(0).seq(), at),
        new dev.etiquette.crm.api.spi.OutboxStore.Accepted(tenant, theirs.get(0).seq(), at),  // not relay-1's
        new dev.etiquette.crm.api.spi.OutboxStore.Accepted(tenant, mine.get(2).seq(), at),    // another tenant's
        new dev.etiquette.crm.api.spi.OutboxStore.Accepted(otherTenant, mine.get(2).seq(), at.plusSeconds(1)));

    boolean[] changed = storage().write(tx -> tx.outbox().deliveredAll("relay-1", accepted));

    assertThat(changed).containsExactly(true, false, false, true);
    assertThat(entry(a).status()).isEqualTo(DeliveryStatus.DELIVERED);
    assertThat(entry(a).deliveredAt()).contains(at);
    assertThat(entry(a).leaseOwner()).isEmpty();
    assertThat(entry(b).status()).isEqualTo(DeliveryStatus.IN_FLIGHT);
    assertThat(entry(c).deliveredAt()).contains(at.plusSeconds(1));
    assertThat(entry(d).leaseOwner()).contains("relay-2");
    boolean[] again = storage().write(tx -> tx.outbox().deliveredAll("relay-1", accepted.subList(0, 1)));
    assertThat(again).as("already delivered").containsExactly(false);
    boolean[] none = storage().write(tx -> tx.outbox().deliveredAll("relay-1", List.of()));
    assertThat(none).isEmpty();
  }

  @Test
  public final void concurrentClaimsTakeEachEntryOnceAndKeepEachRecipientsOrder() throws Exception {
    int recipients = 40;
    int perRecipient = 5;
    Map<String, String> previous = new java.util.HashMap<>();
    storage().write(tx -> {
      for (int r = 0; r < recipients; r++) {
        for (int k = 0; k < perRecipient; k++) {
          Delivery d = delivery(tenant, "r" + r + "-" + k, "r" + r);
          tx.outbox().enqueue(d, DeliveryStatus.PENDING, Samples.T0);
          if (k > 0) {
            previous.put(d.key(), delivery(tenant, "r" + r + "-" + (k - 1), "r" + r).key());
          }
        }
      }
      return null;
    });
    int total = recipients * perRecipient;
    List<String> claimed = java.util.Collections.synchronizedList(new ArrayList<>());
    List<String> outOfOrder = java.util.Collections.synchronizedList(new ArrayList<>());
    int threads = 8;
    CyclicBarrier start = new CyclicBarrier(threads);
    AtomicBoolean stop = new AtomicBoolean();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        String owner = "relay-" + t;
        workers.add(pool.submit(() -> {
          start.await();
          for (int round = 0; round < 100_000 && !stop.get()
              && outboxCounts(Optional.of(tenant)).delivered() < total; round++) {
            List<OutboxEntry> mine;
            try {
              mine = storage().write(tx -> {
                List<OutboxEntry> taken = tx.outbox().claim(owner, NOW, LONG_LEASE, 7);
                Set<String> together = new HashSet<>();
                for (OutboxEntry e : taken) {
                  String before = previous.get(e.key());
                  if (before != null && !together.contains(before) && tx.outbox().find(tenant, before).orElseThrow()
                      .status() != DeliveryStatus.DELIVERED) {
                    outOfOrder.add(e.key() + " before " + before);
                  }
                  together.add(e.key());
                }
                return taken;
              });
            } catch (StorageException e) {
              if (e.retryable()) {
                continue;
              }
              throw e;
            }
            for (OutboxEntry e : mine) {
              claimed.add(e.key());
              assertThat(delivered(tenant, e.seq(), owner, NOW)).as(e.key()).isTrue();
            }
          }
          return null;
        }));
      }
      for (Future<?> worker : workers) {
        worker.get(5, TimeUnit.MINUTES);
      }
    } finally {
      // a worker left running would claim the next test's entries
      stop.set(true);
      pool.shutdown();
      assertThat(pool.awaitTermination(1, TimeUnit.MINUTES)).as("the workers stopped").isTrue();
    }
    assertThat(outOfOrder).as("entries claimed neither with nor after the earlier entries of their recipient")
        .isEmpty();
    assertThat(claimed).as("every entry claimed exactly once").hasSize(total).doesNotHaveDuplicates();
    assertThat(outboxCounts(Optional.of(tenant))).isEqualTo(new OutboxStats(0, 0, 0, total, 0, 0));
  }

  @Test
  public final void aClaimByKeysTakesOnlyThoseOfTheTenantThatAreClaimable() {
    Delivery k1 = enqueue(delivery(tenant, "k1", "alice"));
    Delivery k2 = enqueue(delivery(tenant, "k2", "bob"));
    Delivery k3 = enqueue(delivery(tenant, "k3", "carol"), DeliveryStatus.PENDING, NOW.plusSeconds(3_600));
    Delivery k4 = enqueue(delivery(tenant, "k4", "dave"));
    Delivery k5 = enqueue(delivery(tenant, "k5", "alice"));
    Delivery k6 = enqueue(delivery(tenant, "k6", "alice"));
    Delivery theirs = enqueue(delivery(otherTenant, "k1", "alice"));

    List<OutboxEntry> taken = claimKeys(tenant, List.of(k6.key(), k3.key(), k1.key(), "missing"), "relay-1", NOW);
    assertThat(outboxKeys(taken)).as("k3 is not due; alice's stop at k5, which is not wanted")
        .containsExactly(k1.key());
    assertThat(taken.get(0).delivery()).isEqualTo(k1);
    assertThat(entry(taken.get(0).delivery())).isEqualTo(taken.get(0));
    assertThat(List.of(k2, k3, k4, k5, k6, theirs)).allSatisfy(d ->
        assertThat(entry(d).status()).as(d.key()).isEqualTo(DeliveryStatus.PENDING));
    assertThat(claimKeys(tenant, List.of(k5.key(), k6.key()), "relay-1", NOW)).as("k1 is in flight").isEmpty();
    assertThat(delivered(tenant, entry(k1).seq(), "relay-1", NOW)).isTrue();
    assertThat(outboxKeys(claimKeys(tenant, List.of(k6.key(), k5.key()), "relay-1", NOW))).as("by seq")
        .containsExactly(k5.key(), k6.key());
    assertThat(outboxKeys(claimKeys(tenant, List.of(k4.key(), k2.key()), "relay-1", NOW)))
        .containsExactly(k2.key(), k4.key());
    assertThat(claimKeys(tenant, List.of(), "relay-1", NOW)).isEmpty();
    assertThat(outboxKeys(claimKeys(otherTenant, List.of(k1.key()), "relay-1", NOW))).containsExactly(theirs.key());
    assertThat(entry(theirs).leaseOwner()).contains("relay-1");
    assertThat(entry(k3).status()).isEqualTo(DeliveryStatus.PENDING);
  }

  @Test
  public final void deliveredAndFailedChangeAClaimedEntryUnderItsOwnersLeaseOnly() {
    Delivery a = enqueue(delivery(tenant, "a", "alice"));
    Delivery b = enqueue(delivery(tenant, "b", "bob"));
    Delivery later = enqueue(delivery(tenant, "c", "carol"), DeliveryStatus.PENDING, NOW.plusSeconds(3_600));
    List<OutboxEntry> taken = claim("relay-1", NOW, NOW.plusSeconds(60), 10);
    assertThat(outboxKeys(taken)).containsExactly(a.key(), b.key());
    OutboxEntry claimedA = taken.get(0);
    long seq = claimedA.seq();

    assertThat(delivered(tenant, seq, "relay-2", NOW)).isFalse();
    assertThat(failed(tenant, seq, "relay-2", DeliveryStatus.DEAD, 1, NOW, "x")).isFalse();
    assertThat(delivered(otherTenant, seq, "relay-1", NOW)).isFalse();
    assertThat(failed(otherTenant, seq, "relay-1", DeliveryStatus.PENDING, 1, NOW, "x")).isFalse();
    assertThat(entry(a)).as("unchanged").isEqualTo(claimedA);
    OutboxEntry pending = entry(later);
    assertThat(delivered(tenant, pending.seq(), "relay-1", NOW)).as("not in flight").isFalse();
    assertThat(failed(tenant, pending.seq(), "relay-1", DeliveryStatus.DEAD, 1, NOW, "x")).isFalse();
    assertThat(entry(later)).isEqualTo(pending);
    assertThat(delivered(tenant, Long.MAX_VALUE, "relay-1", NOW)).isFalse();

    assertThat(delivered(tenant, seq, "relay-1", NOW.plusSeconds(5))).isTrue();
    OutboxEntry done = entry(a);
    assertThat(done.status()).isEqualTo(DeliveryStatus.DELIVERED);
    assertThat(done.deliveredAt()).contains(NOW.plusSeconds(5));
    assertThat(done.leaseOwner()).isEmpty();
    assertThat(done.leaseUntil()).isEmpty();
    assertThat(done.attempts()).isZero();
    assertThat(done.delivery()).isEqualTo(a);
    assertThat(delivered(tenant, seq, "relay-1", NOW.plusSeconds(6))).as("delivered already").isFalse();
    assertThat(failed(tenant, seq, "relay-1", DeliveryStatus.PENDING, 1, NOW, "x")).isFalse();
    assertThat(entry(a)).isEqualTo(done);
    assertThat(delivered(tenant, taken.get(1).seq(), "relay-1", NOW.plusSeconds(3_600)))
        .as("a lease that expired unclaimed still belongs to its owner").isTrue();
  }

  @Test
  public final void aFailedAttemptMakesAClaimedEntryPendingAgainOrDead() {
    Delivery a = enqueue(delivery(tenant, "a", "alice"));
    Delivery b = enqueue(delivery(tenant, "b", "bob"));
    List<OutboxEntry> taken = claim("relay-1", NOW, LONG_LEASE, 10);
    long seq = taken.get(0).seq();
    assertThat(failed(tenant, seq, "relay-1", DeliveryStatus.PENDING, 1, NOW.plusSeconds(300), "timeout")).isTrue();
    OutboxEntry retry = entry(a);
    assertThat(retry.status()).isEqualTo(DeliveryStatus.PENDING);
    assertThat(retry.attempts()).isEqualTo(1);
    assertThat(retry.dueAt()).isEqualTo(NOW.plusSeconds(300));
    assertThat(retry.lastError()).contains("timeout");
    assertThat(retry.leaseOwner()).isEmpty();
    assertThat(retry.leaseUntil()).isEmpty();
    assertThat(retry.deliveredAt()).isEmpty();
    assertThat(claim("relay-1", NOW.plusSeconds(299), NOW.plusSeconds(360), 10)).isEmpty();
    List<OutboxEntry> again = claim("relay-2", NOW.plusSeconds(300), NOW.plusSeconds(360), 10);
    assertThat(outboxKeys(again)).containsExactly(a.key());
    assertThat(again.get(0).attempts()).isEqualTo(1);
    assertThat(again.get(0).lastError()).contains("timeout");

    String error = "\u00e9".repeat(600) + "x".repeat(1_900);
    assertThat(failed(tenant, seq, "relay-2", DeliveryStatus.DEAD, 2, NOW.plusSeconds(300), error)).isTrue();
    OutboxEntry dead = entry(a);
    assertThat(dead.status()).isEqualTo(DeliveryStatus.DEAD);
    assertThat(dead.attempts()).isEqualTo(2);
    assertThat(dead.lastError()).contains(error.substring(0, 1_000));
    assertThat(dead.leaseOwner()).isEmpty();

    long seqB = taken.get(1).seq();
    assertThatThrownBy(() -> failed(tenant, seqB, "relay-1", DeliveryStatus.DELIVERED, 1, NOW, "x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(entry(b)).isEqualTo(taken.get(1));
  }

  /** A HELD digest of {@code recipient} by e-mail, due at {@code dueAt}; {@code n} tells digests apart. */
  private Delivery held(TenantId tenant, String recipient, int n, Instant dueAt) {
    return enqueue(OutboxSamples.digest(tenant, recipient, "email", Samples.T0.plusSeconds(n)), DeliveryStatus.HELD,
        dueAt);
  }

  @Test
  public final void heldEntriesComeDueForDigestByTenantOrderKeyDueInstantAndSeq() {
    Delivery theirs = held(otherTenant, "alice", 1, NOW.minusSeconds(10));
    Delivery bob = held(tenant, "bob", 2, NOW.minusSeconds(5));
    Delivery aliceLatest = held(tenant, "alice", 3, NOW);
    Delivery aliceEarly = held(tenant, "alice", 4, NOW.minusSeconds(100));
    Delivery aliceEarlyToo = held(tenant, "alice", 5, NOW.minusSeconds(100));
    held(tenant, "alice", 6, NOW.plusNanos(1_000));
    enqueue(delivery(tenant, "p", "alice"), DeliveryStatus.PENDING, NOW.minusSeconds(1_000));

    List<OutboxEntry> due = dueForDigest(NOW, 100);
    assertThat(outboxKeys(due)).containsExactly(aliceEarly.key(), aliceEarlyToo.key(), aliceLatest.key(), bob.key(),
        theirs.key());
    assertThat(due).allSatisfy(e -> assertThat(e.status()).isEqualTo(DeliveryStatus.HELD));
    assertThat(due.get(0)).isEqualTo(entry(aliceEarly));
    assertThat(outboxKeys(dueForDigest(NOW, 2)))
        .containsExactly(aliceEarly.key(), aliceEarlyToo.key());
    assertThat(dueForDigest(NOW.minusSeconds(101), 100)).isEmpty();
  }

  @Test
  public final void digestedMarksTheTenantsHeldEntriesOnly() {
    long h1 = entry(held(tenant, "alice", 1, NOW)).seq();
    long h2 = entry(held(tenant, "alice", 2, NOW)).seq();
    Delivery h3 = held(tenant, "bob", 3, NOW);
    Delivery pending = enqueue(delivery(tenant, "p", "alice"));
    Delivery theirs = held(otherTenant, "alice", 4, NOW);
    long theirSeq = entry(theirs).seq();
    int count = storage().write(tx -> tx.outbox().digested(tenant,
        List.of(h1, h2, entry(pending).seq(), theirSeq, Long.MAX_VALUE)));
    assertThat(count).isEqualTo(2);
    assertThat(dueForDigest(NOW, 100).stream().map(OutboxEntry::seq))
        .containsExactly(entry(h3).seq(), theirSeq);
    assertThat(entry(h3).status()).isEqualTo(DeliveryStatus.HELD);
    assertThat(entry(pending).status()).isEqualTo(DeliveryStatus.PENDING);
    assertThat(entry(theirs).status()).isEqualTo(DeliveryStatus.HELD);
    assertThat(listOutbox(tenant, DeliveryStatus.DIGESTED, PageRequest.first(10)).items())
        .extracting(OutboxEntry::seq).containsExactly(h1, h2);
    assertThat((int) storage().write(tx -> tx.outbox().digested(tenant, List.of(h1)))).as("digested already").isZero();
    assertThat((int) storage().write(tx -> tx.outbox().digested(tenant, List.of()))).isZero();
  }

  @Test
  public final void requeuePutsADeadEntryBackAsPendingDueNowWithNoAttempts() {
    Delivery a = dead(delivery(tenant, "a", "alice"));
    Optional<OutboxEntry> requeued = requeue(tenant, a.key(), NOW.plusSeconds(50));
    assertThat(requeued).isPresent();
    assertThat(requeued.get().status()).isEqualTo(DeliveryStatus.PENDING);
    assertThat(requeued.get().attempts()).isZero();
    assertThat(requeued.get().dueAt()).isEqualTo(NOW.plusSeconds(50));
    assertThat(requeued.get().leaseOwner()).isEmpty();
    assertThat(requeued.get().delivery()).isEqualTo(a);
    assertThat(requeued).contains(entry(a));

    assertThat(requeue(tenant, a.key(), NOW.plusSeconds(99)))
        .as("a pending entry is left as it is").contains(requeued.get());
    Delivery b = enqueue(delivery(tenant, "b", "bob"));
    OutboxEntry claimedB = claimKeys(tenant, List.of(b.key()), "relay-1", NOW).get(0);
    assertThat(delivered(tenant, claimedB.seq(), "relay-1", NOW)).isTrue();
    OutboxEntry deliveredB = entry(b);
    assertThat(requeue(tenant, b.key(), NOW)).contains(deliveredB);
    assertThat(requeue(tenant, "missing", NOW)).isEmpty();
    assertThat(requeue(otherTenant, a.key(), NOW)).isEmpty();
    assertThat(claimedKeys("relay-1", NOW.plusSeconds(49), 10)).isEmpty();
    assertThat(claimedKeys("relay-1", NOW.plusSeconds(50), 10)).containsExactly(a.key());
  }

  @Test
  public final void requeueDeadRequeuesEveryDeadEntryOfTheTenantOnly() {
    Delivery a = dead(delivery(tenant, "a", "alice"));
    Delivery b = dead(delivery(tenant, "b", "bob"));
    Delivery pending = enqueue(delivery(tenant, "c", "carol"), DeliveryStatus.PENDING, NOW.plusSeconds(900));
    Delivery theirs = dead(delivery(otherTenant, "a", "alice"));
    assertThat((int) storage().write(tx -> tx.outbox().requeueDead(tenant, NOW.plusSeconds(7)))).isEqualTo(2);
    assertThat(List.of(a, b)).allSatisfy(d -> {
      OutboxEntry e = entry(d);
      assertThat(e.status()).isEqualTo(DeliveryStatus.PENDING);
      assertThat(e.attempts()).isZero();
      assertThat(e.dueAt()).isEqualTo(NOW.plusSeconds(7));
    });
    assertThat(entry(pending).dueAt()).isEqualTo(NOW.plusSeconds(900));
    assertThat(entry(theirs).status()).isEqualTo(DeliveryStatus.DEAD);
    assertThat((int) storage().write(tx -> tx.outbox().requeueDead(tenant, NOW))).isZero();
  }

  @Test
  public final void aTenantsEntriesOfOneStatusArePagedBySeqWithoutDuplicatesOrGaps() {
    List<Delivery> pending = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      pending.add(enqueue(delivery(tenant, "p" + i, "r" + i)));
      if (i % 4 == 0) {
        held(tenant, "h" + i, i, NOW);
        enqueue(delivery(otherTenant, "p" + i, "r" + i));
      }
    }
    List<OutboxEntry> seen = new ArrayList<>();
    Page<OutboxEntry> page = listOutbox(tenant, DeliveryStatus.PENDING, PageRequest.first(5));
    seen.addAll(page.items());
    assertThat(page.items()).hasSize(5);
    enqueue(delivery(tenant, "late", "late"));
    page = listOutbox(tenant, DeliveryStatus.PENDING, PageRequest.after(page.nextCursor().orElseThrow(), 5));
    seen.addAll(page.items());
    assertThat(page.items()).hasSize(5);
    claimKeys(tenant, List.of(pending.get(0).key(), pending.get(11).key()), "relay-1", NOW);
    String cursor = page.nextCursor().orElseThrow();
    page = listOutbox(tenant, DeliveryStatus.PENDING, PageRequest.after(cursor, 5));
    seen.addAll(page.items());
    while (page.hasNext()) {
      page = listOutbox(tenant, DeliveryStatus.PENDING, PageRequest.after(page.nextCursor().get(), 5));
      seen.addAll(page.items());
    }
    assertThat(seen.stream().map(OutboxEntry::seq).toList()).isSortedAccordingTo(Comparator.naturalOrder())
        .doesNotHaveDuplicates();
    List<String> keys = outboxKeys(seen);
    assertThat(keys).as("every entry pending during the whole paging").containsAll(
        pending.subList(1, 11).stream().map(Delivery::key).toList());
    assertThat(seen).allSatisfy(e -> assertThat(e.delivery().tenantId()).isEqualTo(tenant));
    assertThat(seen.subList(0, 10)).allSatisfy(e -> assertThat(e.status()).isEqualTo(DeliveryStatus.PENDING));

    Page<OutboxEntry> held = listOutbox(tenant, DeliveryStatus.HELD, PageRequest.first(3));
    assertThat(held.items()).hasSize(3).allSatisfy(e -> assertThat(e.status()).isEqualTo(DeliveryStatus.HELD));
    assertThat(held.nextCursor()).as("nothing follows").isEmpty();
    assertThat(listOutbox(tenant, DeliveryStatus.DEAD, PageRequest.first(3)).items()).isEmpty();

    for (String wrong : List.of("not a cursor!", "AAAA", "")) {
      assertThatThrownBy(() -> listOutbox(tenant, DeliveryStatus.PENDING, PageRequest.after(wrong, 5))).as(wrong)
          .isInstanceOf(ValidationException.class);
    }
    assertThatThrownBy(() -> listOutbox(tenant, DeliveryStatus.HELD, PageRequest.after(cursor, 5)))
        .as("a cursor of another status").isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> listOutbox(otherTenant, DeliveryStatus.PENDING, PageRequest.after(cursor, 5)))
        .as("a cursor of another tenant").isInstanceOf(ValidationException.class);
  }

  @Test
  public final void countsCountEachStatusOfATenantOrOfEveryTenant() {
    OutboxStats before = outboxCounts(Optional.empty());
    held(tenant, "alice", 1, NOW);
    held(tenant, "alice", 2, NOW);
    long digested = entry(held(tenant, "bob", 3, NOW)).seq();
    storage().write(tx -> tx.outbox().digested(tenant, List.of(digested)));
    enqueue(delivery(tenant, "p1", "p1"));
    enqueue(delivery(tenant, "p2", "p2"));
    Delivery inFlight = enqueue(delivery(tenant, "f1", "f1"));
    Delivery d1 = enqueue(delivery(tenant, "d1", "d1"));
    Delivery d2 = enqueue(delivery(tenant, "d2", "d2"));
    enqueue(delivery(tenant, "p3", "p3"), DeliveryStatus.PENDING, NOW.plusSeconds(60));
    dead(delivery(tenant, "x1", "x1"));
    for (OutboxEntry e : claimKeys(tenant, List.of(inFlight.key(), d1.key(), d2.key()), "relay-1", NOW)) {
      if (!e.key().equals(inFlight.key())) {
        assertThat(delivered(tenant, e.seq(), "relay-1", NOW)).isTrue();
      }
    }
    enqueue(delivery(otherTenant, "p1", "p1"));
    held(otherTenant, "alice", 1, NOW);

    OutboxStats mine = new OutboxStats(2, 3, 1, 2, 1, 1);
    OutboxStats theirs = new OutboxStats(1, 1, 0, 0, 0, 0);
    assertThat(outboxCounts(Optional.of(tenant))).isEqualTo(mine);
    assertThat(outboxCounts(Optional.of(otherTenant))).isEqualTo(theirs);
    OutboxStats all = outboxCounts(Optional.empty());
    for (DeliveryStatus status : DeliveryStatus.values()) {
      assertThat(all.count(status) - before.count(status)).as(status.name())
          .isEqualTo(mine.count(status) + theirs.count(status));
    }
    assertThat(outboxCounts(Optional.of(TenantId.of("nobody-" + tenant.value()))))
        .isEqualTo(new OutboxStats(0, 0, 0, 0, 0, 0));
  }

  @Test
  public final void outboxesAreIsolatedByTenant() {
    Delivery mine = enqueue(delivery(tenant, "a", "alice"));
    Delivery theirs = enqueue(delivery(otherTenant, "a", "alice"));
    OutboxEntry claimed = claimKeys(tenant, List.of(mine.key()), "relay-1", NOW).get(0);
    assertThat(delivered(otherTenant, claimed.seq(), "relay-1", NOW)).isFalse();
    assertThat(delivered(tenant, claimed.seq(), "relay-1", NOW)).isTrue();
    assertThat(entry(theirs).status()).isEqualTo(DeliveryStatus.PENDING);
    assertThat(entry(theirs).delivery()).isEqualTo(theirs);
    assertThat(listOutbox(otherTenant, DeliveryStatus.PENDING, PageRequest.first(10)).items())
        .extracting(OutboxEntry::key).containsExactly(theirs.key());
    assertThat(listOutbox(otherTenant, DeliveryStatus.DELIVERED, PageRequest.first(10)).items()).isEmpty();
    assertThat(outboxCounts(Optional.of(otherTenant))).isEqualTo(new OutboxStats(0, 1, 0, 0, 0, 0));
    assertThat(outboxKeys(claim("relay-2", NOW, LONG_LEASE, 10))).containsExactly(theirs.key());
    assertThat(entry(mine).status()).isEqualTo(DeliveryStatus.DELIVERED);
  }

  @Test
  public final void aFailedWriteLeavesNoOutboxChangeBehind() {
    require(Capability.ROLLBACK);
    Delivery kept = enqueue(delivery(tenant, "kept", "alice"));
    Delivery dead = dead(delivery(tenant, "dead", "bob"));
    long heldSeq = entry(held(tenant, "carol", 1, NOW)).seq();
    OutboxEntry keptBefore = entry(kept);
    OutboxEntry deadBefore = entry(dead);
    OutboxStats countsBefore = outboxCounts(Optional.of(tenant));
    Delivery lost = delivery(tenant, "lost", "dave");
    RuntimeException boom = new IllegalStateException("boom");
    assertThatThrownBy(() -> storage().write(tx -> {
      tx.outbox().enqueue(lost, DeliveryStatus.PENDING, Samples.T0);
      assertThat(outboxKeys(tx.outbox().claim("relay-1", NOW, LONG_LEASE, 10))).as("a write sees its own entries")
          .containsExactly(kept.key(), lost.key());
      tx.outbox().requeueDead(tenant, NOW);
      tx.outbox().digested(tenant, List.of(heldSeq));
      throw boom;
    })).isSameAs(boom);
    assertThat(findEntry(tenant, lost.key())).isEmpty();
    assertThat(entry(kept)).isEqualTo(keptBefore);
    assertThat(entry(dead)).isEqualTo(deadBefore);
    assertThat(outboxCounts(Optional.of(tenant))).isEqualTo(countsBefore);
    assertThat(claimedKeys("relay-2", NOW, 10)).containsExactly(kept.key());
    enqueue(lost);
    assertThat(entry(lost).delivery()).isEqualTo(lost);
  }

  @Test
  public final void aNotificationWithoutAnObligationIsAppendedOncePerKey() {
    Notification denial = OutboxSamples.denial(tenant, "c1", "alice", Samples.T0);
    append(denial);
    assertThatThrownBy(() -> append(denial)).isInstanceOfSatisfying(DuplicateKeyException.class,
        e -> assertThat(e.recordType()).isEqualTo("notification"));
    append(OutboxSamples.denial(otherTenant, "c1", "alice", Samples.T0));
    assertThat(notificationsOf(tenant, "c-c1")).isEmpty();
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
  public final void preparedAuditEntriesAreAppendedInOrderAfterTheOthers() {
    AuditEntry before = appendAudit(tenant, "party", "p0");
    List<AuditEntry> entries = List.of(auditEntry(tenant, "party", "p1"), auditEntry(tenant, "relationship", "r1"),
        auditEntry(tenant, "party", "p2"));
    Prepared<AuditEntry> prepared = storage().prepareAudit(entries);
    assertThat(prepared.values()).containsExactlyElementsOf(entries);
    List<AuditEntry> appended = storage().write(tx -> tx.audit().appendAll(prepared));
    assertThat(appended).hasSize(3);
    for (int i = 0; i < entries.size(); i++) {
      AuditEntry given = entries.get(i);
      assertThat(appended.get(i)).isEqualTo(new AuditEntry(given.tenantId(), appended.get(i).sequence(),
          given.recordType(), given.recordId(), given.action(), given.actor(), given.at(), given.changes()));
    }
    assertThat(appended.get(0).sequence()).isGreaterThan(before.sequence());
    assertThat(appended.get(1).sequence()).isGreaterThan(appended.get(0).sequence());
    assertThat(appended.get(2).sequence()).isGreaterThan(appended.get(1).sequence());
    List<AuditEntry> all = new ArrayList<>();
    all.add(before);
    all.addAll(appended);
    assertThat(auditList(tenant, Optional.empty(), Optional.empty(), 0, 10)).containsExactlyElementsOf(all);
  }

  @Test
  public final void auditEntriesKeepRecordIdsOf128Characters() {
    String conversationId = "<" + "x".repeat(ConversationId.MAX_LENGTH - 2) + ">";
    AuditEntry entry = appendAudit(tenant, "conversation", conversationId);
    assertThat(auditList(tenant, Optional.of("conversation"), Optional.of(conversationId), 0, 10))
        .containsExactly(entry);
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
