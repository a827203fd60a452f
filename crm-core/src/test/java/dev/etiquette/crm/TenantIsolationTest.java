package dev.etiquette.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.etiquette.crm.api.Actor;
import dev.etiquette.crm.api.Channel;
import dev.etiquette.crm.api.CrmTenant;
import dev.etiquette.crm.api.DuplicateKeyException;
import dev.etiquette.crm.api.NotFoundException;
import dev.etiquette.crm.api.Page;
import dev.etiquette.crm.api.PageRequest;
import dev.etiquette.crm.api.Purpose;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.TenantSettings;
import dev.etiquette.crm.api.ValidationException;
import dev.etiquette.crm.api.Violation;
import dev.etiquette.crm.api.party.AttributeDefinition;
import dev.etiquette.crm.api.party.AttributeSchema;
import dev.etiquette.crm.api.party.AttributeValue;
import dev.etiquette.crm.api.party.AuditEntry;
import dev.etiquette.crm.api.party.ConsentDraft;
import dev.etiquette.crm.api.party.ExternalId;
import dev.etiquette.crm.api.party.LifecycleModel;
import dev.etiquette.crm.api.party.LifecycleStage;
import dev.etiquette.crm.api.party.Party;
import dev.etiquette.crm.api.party.PartyDraft;
import dev.etiquette.crm.api.party.PartyId;
import dev.etiquette.crm.api.party.PartyQuery;
import dev.etiquette.crm.api.party.PartyUpdate;
import dev.etiquette.crm.api.party.Relationship;
import dev.etiquette.crm.api.party.RelationshipDraft;
import dev.etiquette.crm.api.party.RelationshipId;
import dev.etiquette.crm.api.party.RelationshipType;
import dev.etiquette.crm.api.party.Role;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two tenants in one library and one storage: nothing one of them does can read or change the other's
 * records. A record of the other tenant behaves exactly like a record that does not exist.
 */
class TenantIsolationTest {

  static final Instant NOW = Instant.parse("2026-03-02T09:30:00Z");
  static final TenantId ACME = TenantId.of("acme");
  static final TenantId GLOBEX = TenantId.of("globex");

  /** The id the next record gets, when a test wants to choose it; otherwise a counter. */
  final AtomicReference<String> nextId = new AtomicReference<>();
  final AtomicInteger counter = new AtomicInteger();

  Crm crm;
  CrmTenant acme;
  CrmTenant globex;
  Party ada;
  Party acmeCorp;
  Relationship adaWorksForAcme;

  @BeforeEach
  void setUp() {
    crm = Crm.builder()
        .clock(Clock.fixed(NOW, ZoneOffset.UTC))
        .idGenerator(type -> Optional.ofNullable(nextId.getAndSet(null)).orElseGet(() -> type + "-" + counter.incrementAndGet()))
        .build();
    acme = crm.tenant(ACME, Actor.user("alice"));
    globex = crm.tenant(GLOBEX, Actor.user("bob"));
    acme.configure(acme.settings()
        .withDefaultRegion("GB")
        .withAttributes(AttributeSchema.of(AttributeDefinition.enumeration("tier", "gold", "silver")))
        .withRelationshipTypes(Set.of(RelationshipType.of("mentors"))));
    ada = acme.parties().create(PartyDraft.person("Ada Lovelace").roles(Role.CUSTOMER)
        .externalId("billing", "42").email("ada@example.com").phone("020 7946 0958")
        .tags("vip").owner("u-1").attribute("tier", AttributeValue.choice("gold")).stage(LifecycleStage.LEAD).build());
    acmeCorp = acme.parties().create(PartyDraft.organization("Acme Corp").build());
    adaWorksForAcme = acme.relationships().create(RelationshipDraft.of(ada.id(), RelationshipType.WORKS_FOR, acmeCorp.id()));
  }

  // ---------------------------------------------------------------------------------------------------
  // Reads

  @Test
  void anotherTenantsPartyIsNotFoundById() {
    assertThat(globex.parties().find(ada.id())).isEmpty();
    assertThatThrownBy(() -> globex.parties().get(ada.id()))
        .isInstanceOf(NotFoundException.class)
        .hasMessage("party " + ada.id() + " was not found");
    assertThat(acme.parties().get(ada.id())).isEqualTo(ada);
  }

  @Test
  void lookupsAndSearchesSeeOnlyTheirOwnTenant() {
    assertThat(globex.parties().findByExternalId(ExternalId.of("billing", "42"))).isEmpty();
    assertThat(globex.parties().findByEmail("ada@example.com")).isEmpty();
    assertThat(globex.parties().findByPhone("+44 20 7946 0958")).isEmpty();
    for (PartyQuery query : List.of(PartyQuery.all(), PartyQuery.all().withNamePrefix("Ada"),
        PartyQuery.all().withTag("vip"), PartyQuery.all().withOwner("u-1"), PartyQuery.all().withRole(Role.CUSTOMER),
        PartyQuery.all().withStage(LifecycleStage.LEAD), PartyQuery.all().withAttribute("tier", AttributeValue.choice("gold")))) {
      assertThat(globex.parties().search(query, PageRequest.first(100)).items()).as("%s", query).isEmpty();
      assertThat(acme.parties().search(query, PageRequest.first(100)).items()).as("%s", query).contains(ada);
    }
  }

  @Test
  void theSameExternalIdEmailAndPhoneMayBelongToAPartyInEachTenant() {
    Party grace = globex.parties().create(PartyDraft.person("Grace Hopper").externalId("billing", "42")
        .email("ada@example.com").phone("+44 20 7946 0958").build());

    assertThat(acme.parties().findByExternalId(ExternalId.of("billing", "42"))).contains(ada);
    assertThat(globex.parties().findByExternalId(ExternalId.of("billing", "42"))).contains(grace);
    assertThat(acme.parties().findByEmail("ada@example.com")).containsExactly(ada);
    assertThat(globex.parties().findByEmail("ada@example.com")).containsExactly(grace);
    assertThat(acme.parties().findByPhone("+442079460958")).containsExactly(ada);
    assertThat(globex.parties().findByPhone("+442079460958")).containsExactly(grace);
    // still unique within a tenant
    assertThatThrownBy(() -> globex.parties().create(PartyDraft.person("Someone").externalId("billing", "42").build()))
        .isInstanceOf(DuplicateKeyException.class);
    assertThat(globex.parties().createAll(List.of(PartyDraft.person("Imported").externalId("billing", "43").build())))
        .singleElement().satisfies(p -> assertThat(p.tenantId()).isEqualTo(GLOBEX));
    assertThat(acme.parties().findByExternalId(ExternalId.of("billing", "43"))).isEmpty();
  }

  @Test
  void idempotencyKeysArePerTenant() {
    Party first = acme.parties().create(PartyDraft.person("Key Holder").build(), "import-1");
    Party other = globex.parties().create(PartyDraft.person("Key Holder").build(), "import-1");

    assertThat(other.id()).isNotEqualTo(first.id());
    assertThat(other.tenantId()).isEqualTo(GLOBEX);
    assertThat(acme.parties().create(PartyDraft.person("Key Holder").build(), "import-1")).isEqualTo(first);
    assertThat(globex.parties().create(PartyDraft.person("Key Holder").build(), "import-1")).isEqualTo(other);
  }

  @Test
  void aCursorOfOneTenantIsNotACursorOfTheOther() {
    acme.parties().create(PartyDraft.person("Third").build());
    globex.parties().create(PartyDraft.person("G1").build());
    globex.parties().create(PartyDraft.person("G2").build());
    Page<Party> acmeFirst = acme.parties().search(PartyQuery.all(), PageRequest.first(1));
    Page<AuditEntry> acmeAudit = acme.audit().all(PageRequest.first(1));

    assertThatThrownBy(() -> globex.parties().search(PartyQuery.all(),
        PageRequest.after(acmeFirst.nextCursor().orElseThrow(), 1)))
        .isInstanceOf(ValidationException.class).hasMessageContaining("page.cursor");
    assertThatThrownBy(() -> globex.audit().all(PageRequest.after(acmeAudit.nextCursor().orElseThrow(), 1)))
        .isInstanceOf(ValidationException.class).hasMessageContaining("page.cursor");
  }

  // ---------------------------------------------------------------------------------------------------
  // Changes

  @Test
  void noChangeCanReachAnotherTenantsParty() {
    List<AuditEntry> acmeAuditBefore = audit(acme);
    List<Runnable> attempts = List.of(
        () -> globex.parties().update(ada.id(), ada.version(), PartyUpdate.builder().rename("Hijacked").build()),
        () -> globex.parties().moveStage(ada.id(), ada.version(), LifecycleStage.CUSTOMER),
        () -> globex.parties().forceStage(ada.id(), ada.version(), LifecycleStage.SUBSCRIBER, "because"),
        () -> globex.parties().recordConsent(ada.id(), ada.version(),
            ConsentDraft.optOut(Channel.EMAIL, Purpose.MARKETING, "forged")),
        () -> globex.relationships().end(adaWorksForAcme.id(), adaWorksForAcme.version(), NOW.plusSeconds(60)));
    for (Runnable attempt : attempts) {
      assertThatThrownBy(attempt::run).isInstanceOf(NotFoundException.class);
    }

    assertThat(acme.parties().get(ada.id())).isEqualTo(ada);
    assertThat(acme.relationships().get(adaWorksForAcme.id())).isEqualTo(adaWorksForAcme);
    assertThat(audit(acme)).isEqualTo(acmeAuditBefore);
    assertThat(audit(globex)).isEmpty();
  }

  @Test
  void partiesWithTheSameIdInTwoTenantsAreTwoParties() {
    nextId.set("same-id");
    Party a = acme.parties().create(PartyDraft.person("Acme's").externalId("billing", "1").build());
    nextId.set("same-id");
    Party g = globex.parties().create(PartyDraft.person("Globex's").externalId("billing", "1").build());
    assertThat(a.id()).isEqualTo(g.id());

    Party renamed = acme.parties().update(a.id(), a.version(), PartyUpdate.builder().rename("Acme's, renamed").build());
    Party staged = acme.parties().moveStage(a.id(), renamed.version(), LifecycleStage.LEAD);

    assertThat(globex.parties().get(g.id())).isEqualTo(g);
    assertThat(acme.parties().get(a.id())).isEqualTo(staged);
    // globex's party is still at version 1; acme's version says nothing about it
    assertThatThrownBy(() -> globex.parties().update(g.id(), staged.version(), PartyUpdate.builder().addTag("x").build()))
        .isInstanceOf(dev.etiquette.crm.api.VersionConflictException.class);
    assertThat(globex.audit().ofParty(g.id(), PageRequest.first(100)).items())
        .singleElement().satisfies(e -> assertThat(e.tenantId()).isEqualTo(GLOBEX));
    assertThat(acme.audit().ofParty(a.id(), PageRequest.first(100)).items()).hasSize(3)
        .allSatisfy(e -> assertThat(e.tenantId()).isEqualTo(ACME));
  }

  // ---------------------------------------------------------------------------------------------------
  // Relationships

  @Test
  void relationshipsCannotLinkPartiesOfDifferentTenants() {
    Party grace = globex.parties().create(PartyDraft.person("Grace Hopper").build());
    List<AuditEntry> before = audit(globex);

    assertThatThrownBy(() -> globex.relationships().create(RelationshipDraft.of(grace.id(), RelationshipType.WORKS_FOR,
        acmeCorp.id())))
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
            .extracting(Violation::path).containsExactly("to"));
    assertThatThrownBy(() -> acme.relationships().create(RelationshipDraft.of(grace.id(), RelationshipType.WORKS_FOR,
        acmeCorp.id())))
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
            .extracting(Violation::path).containsExactly("from"));
    assertThatThrownBy(() -> globex.relationships().create(RelationshipDraft.of(ada.id(), RelationshipType.WORKS_FOR,
        acmeCorp.id())))
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
            .extracting(Violation::path).containsExactly("from", "to"));

    assertThat(audit(globex)).isEqualTo(before);
    assertThat(acme.relationships().of(acmeCorp.id())).containsExactly(adaWorksForAcme);
    assertThat(globex.relationships().of(grace.id())).isEmpty();
  }

  @Test
  void anotherTenantsRelationshipsAreInvisible() {
    assertThat(globex.relationships().find(adaWorksForAcme.id())).isEmpty();
    assertThatThrownBy(() -> globex.relationships().get(adaWorksForAcme.id())).isInstanceOf(NotFoundException.class);
    assertThat(globex.relationships().of(ada.id())).isEmpty();
    assertThat(globex.relationships().of(acmeCorp.id())).isEmpty();
    assertThat(acme.relationships().of(ada.id())).containsExactly(adaWorksForAcme);
  }

  // ---------------------------------------------------------------------------------------------------
  // Audit and settings

  @Test
  void eachTenantsAuditTrailHoldsOnlyItsOwnEntries() {
    Party grace = globex.parties().create(PartyDraft.person("Grace Hopper").build());

    assertThat(audit(acme)).isNotEmpty().allSatisfy(e -> assertThat(e.tenantId()).isEqualTo(ACME));
    assertThat(audit(globex)).singleElement().satisfies(e -> {
      assertThat(e.tenantId()).isEqualTo(GLOBEX);
      assertThat(e.recordId()).isEqualTo(grace.id().value());
      assertThat(e.actor()).isEqualTo(Actor.user("bob"));
    });
    assertThat(globex.audit().ofParty(ada.id(), PageRequest.first(100)).items()).isEmpty();
    assertThat(globex.audit().ofRecord("relationship", adaWorksForAcme.id().value(), PageRequest.first(100)).items())
        .isEmpty();
    assertThat(globex.audit().ofRecord("settings", "acme", PageRequest.first(100)).items()).isEmpty();
    assertThat(acme.audit().ofRecord("settings", "acme", PageRequest.first(100)).items()).hasSize(1);
  }

  @Test
  void settingsArePerTenant() {
    TenantSettings acmeSettings = acme.settings();
    assertThat(acmeSettings.defaultRegion()).contains("GB");
    assertThat(globex.settings()).isEqualTo(TenantSettings.defaults(GLOBEX));

    // acme's schema, region and relationship types mean nothing to globex
    assertThatThrownBy(() -> globex.parties().create(PartyDraft.person("G")
        .attribute("tier", AttributeValue.choice("gold")).build()))
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
            .extracting(Violation::path).containsExactly("attributes.tier"));
    assertThatThrownBy(() -> globex.parties().create(PartyDraft.person("G").phone("020 7946 0958").build()))
        .isInstanceOf(ValidationException.class);
    Party g1 = globex.parties().create(PartyDraft.person("G1").build());
    Party g2 = globex.parties().create(PartyDraft.person("G2").build());
    assertThatThrownBy(() -> globex.relationships().create(RelationshipDraft.of(g1.id(), RelationshipType.of("mentors"),
        g2.id()))).isInstanceOf(ValidationException.class);

    // configuring globex changes nothing of acme
    globex.configure(globex.settings().withZone(ZoneId.of("America/New_York"))
        .withLifecycle(new LifecycleModel(List.of(LifecycleStage.LEAD, LifecycleStage.CUSTOMER), Set.of())));
    assertThat(acme.settings()).isEqualTo(acmeSettings);
    assertThat(acme.parties().moveStage(ada.id(), ada.version(), LifecycleStage.QUALIFIED_LEAD).stage())
        .contains(LifecycleStage.QUALIFIED_LEAD);
  }

  @Test
  void aTenantCannotConfigureAnotherTenant() {
    TenantSettings before = acme.settings();
    List<AuditEntry> acmeAudit = audit(acme);

    assertThatThrownBy(() -> globex.configure(before.withZone(ZoneId.of("Asia/Tokyo"))))
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
            .extracting(Violation::path).containsExactly("settings.tenantId"));

    assertThat(acme.settings()).isEqualTo(before);
    assertThat(globex.settings()).isEqualTo(TenantSettings.defaults(GLOBEX));
    assertThat(audit(acme)).isEqualTo(acmeAudit);
    assertThat(audit(globex)).isEmpty();
  }

  // ---------------------------------------------------------------------------------------------------
  // The law, over random operations across two tenants

  enum Kind { CREATE, TAG_OWN, TAG_FOREIGN, READ_FOREIGN, RELATE, LOOKUP, SEARCH_TAG, END_FOREIGN_RELATIONSHIP }

  /** One operation by tenant {@code tenant} (0 or 1), on the parties picked by {@code a} and {@code b}. */
  record Op(Kind kind, int tenant, int a, int b, String text) {}

  @Provide
  Arbitrary<List<Op>> operations() {
    Arbitrary<Op> op = Combinators.combine(
        Arbitraries.of(Kind.values()),
        Arbitraries.integers().between(0, 1),
        Arbitraries.integers().between(0, 20),
        Arbitraries.integers().between(0, 20),
        Arbitraries.of("k1", "k2", "k3", "vip", "new"))
        .as(Op::new);
    return op.list().ofMinSize(1).ofMaxSize(40);
  }

  // edge cases of five generators would crowd out the random sequences this property is about
  @Property(tries = 300, edgeCases = EdgeCasesMode.NONE)
  void nothingOneTenantDoesIsVisibleToOrChangesTheOther(@ForAll("operations") List<Op> ops) {
    Crm shared = Crm.builder().clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
    List<CrmTenant> tenants = List.of(shared.tenant(ACME, Actor.user("alice")), shared.tenant(GLOBEX, Actor.user("bob")));
    List<Model> models = List.of(new Model(ACME), new Model(GLOBEX));

    for (Op op : ops) {
      CrmTenant t = tenants.get(op.tenant());
      Model own = models.get(op.tenant());
      Model other = models.get(1 - op.tenant());
      switch (op.kind()) {
        case CREATE -> {
          ExternalId key = ExternalId.of("shop", op.text());
          PartyDraft draft = PartyDraft.person("P " + op.text()).externalId(key.system(), key.value())
              .email(op.text() + "@example.com").build();
          if (own.externalIds.containsKey(key)) {
            assertThatThrownBy(() -> t.parties().create(draft)).isInstanceOf(DuplicateKeyException.class);
          } else {
            Party p = t.parties().create(draft);
            own.parties.put(p.id(), p.version());
            own.tags.put(p.id(), new TreeSet<>());
            own.externalIds.put(key, p.id());
            own.emails.computeIfAbsent(op.text(), e -> new TreeSet<>()).add(p.id());
            own.auditEntries++;
          }
        }
        case TAG_OWN -> own.pick(op.a()).ifPresent(id -> {
          Party p = t.parties().update(id, own.parties.get(id), PartyUpdate.builder().addTag(op.text()).build());
          if (own.tags.get(id).add(op.text())) {
            own.auditEntries++;
          }
          own.parties.put(id, p.version());
        });
        case TAG_FOREIGN -> other.pick(op.a()).ifPresent(id -> assertThatThrownBy(() -> t.parties()
            .update(id, other.parties.get(id), PartyUpdate.builder().addTag(op.text()).build()))
            .isInstanceOf(NotFoundException.class));
        case READ_FOREIGN -> other.pick(op.a()).ifPresent(id -> {
          assertThat(t.parties().find(id)).isEmpty();
          assertThat(t.relationships().of(id)).isEmpty();
          assertThat(t.audit().ofParty(id, PageRequest.first(100)).items()).isEmpty();
        });
        case RELATE -> {
          Optional<PartyId> from = pickAny(own, other, op.a());
          Optional<PartyId> to = pickAny(own, other, op.b());
          if (from.isPresent() && to.isPresent()) {
            RelationshipDraft draft = RelationshipDraft.of(from.get(), RelationshipType.PARTNER_OF, to.get());
            boolean allowed = own.parties.containsKey(from.get()) && own.parties.containsKey(to.get())
                && !from.get().equals(to.get());
            if (allowed) {
              own.relationships.add(t.relationships().create(draft).id());
              own.auditEntries++;
            } else {
              assertThatThrownBy(() -> t.relationships().create(draft)).isInstanceOf(ValidationException.class);
            }
          }
        }
        case LOOKUP -> {
          assertThat(t.parties().findByExternalId(ExternalId.of("shop", op.text())).map(Party::id))
              .isEqualTo(Optional.ofNullable(own.externalIds.get(ExternalId.of("shop", op.text()))));
          assertThat(t.parties().findByEmail(op.text() + "@example.com")).extracting(Party::id)
              .containsExactlyElementsOf(own.emails.getOrDefault(op.text(), new TreeSet<>()));
        }
        case SEARCH_TAG -> assertThat(TenantIsolationTest.allIds(t, PartyQuery.all().withTag(op.text())))
            .containsExactlyElementsOf(own.tags.entrySet().stream()
                .filter(e -> e.getValue().contains(op.text())).map(Map.Entry::getKey).toList());
        case END_FOREIGN_RELATIONSHIP -> other.relationships.stream().skip(op.a() % Math.max(1, other.relationships.size()))
            .findFirst().ifPresent(id -> {
              assertThat(t.relationships().find(id)).isEmpty();
              assertThatThrownBy(() -> t.relationships().end(id, 1, NOW.plusSeconds(1)))
                  .isInstanceOf(NotFoundException.class);
            });
        default -> throw new AssertionError(op);
      }
      for (int i = 0; i < 2; i++) {
        models.get(i).check(tenants.get(i));
      }
    }
  }

  static Optional<PartyId> pickAny(Model own, Model other, int index) {
    List<PartyId> all = new ArrayList<>(own.parties.keySet());
    all.addAll(other.parties.keySet());
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(index % all.size()));
  }

  /** What one tenant must see: its parties at their versions, its keys, its relationships, its audit. */
  static final class Model {
    final TenantId tenant;
    final Map<PartyId, Long> parties = new TreeMap<>();
    final Map<PartyId, Set<String>> tags = new TreeMap<>();
    final Map<ExternalId, PartyId> externalIds = new HashMap<>();
    final Map<String, Set<PartyId>> emails = new LinkedHashMap<>();
    final List<RelationshipId> relationships = new ArrayList<>();
    int auditEntries;

    Model(TenantId tenant) {
      this.tenant = tenant;
    }

    Optional<PartyId> pick(int index) {
      return parties.isEmpty() ? Optional.empty()
          : Optional.of(new ArrayList<>(parties.keySet()).get(index % parties.size()));
    }

    void check(CrmTenant t) {
      List<Party> seen = TenantIsolationTest.allPages(t, PartyQuery.all());
      assertThat(seen).extracting(Party::id).containsExactlyElementsOf(parties.keySet());
      assertThat(seen).allSatisfy(p -> {
        assertThat(p.tenantId()).isEqualTo(tenant);
        assertThat(p.version()).isEqualTo(parties.get(p.id()));
        assertThat(p.tags()).isEqualTo(tags.get(p.id()));
      });
      List<AuditEntry> audit = TenantIsolationTest.audit(t);
      assertThat(audit).hasSize(auditEntries).allSatisfy(e -> assertThat(e.tenantId()).isEqualTo(tenant));
      for (RelationshipId id : relationships) {
        assertThat(t.relationships().get(id).tenantId()).isEqualTo(tenant);
      }
    }
  }

  // ---------------------------------------------------------------------------------------------------

  static List<AuditEntry> audit(CrmTenant t) {
    List<AuditEntry> entries = new ArrayList<>();
    Optional<PageRequest> page = Optional.of(PageRequest.first(PageRequest.MAX_LIMIT));
    while (page.isPresent()) {
      Page<AuditEntry> result = t.audit().all(page.get());
      entries.addAll(result.items());
      page = page.get().next(result);
    }
    return entries;
  }

  static List<Party> allPages(CrmTenant t, PartyQuery query) {
    List<Party> found = new ArrayList<>();
    Optional<PageRequest> page = Optional.of(PageRequest.first(5));
    while (page.isPresent()) {
      Page<Party> result = t.parties().search(query, page.get());
      found.addAll(result.items());
      page = page.get().next(result);
    }
    return found;
  }

  static List<PartyId> allIds(CrmTenant t, PartyQuery query) {
    return allPages(t, query).stream().map(Party::id).toList();
  }
}
