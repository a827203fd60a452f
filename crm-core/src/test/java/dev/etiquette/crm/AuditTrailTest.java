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
import dev.etiquette.crm.api.ValidationException;
import dev.etiquette.crm.api.VersionConflictException;
import dev.etiquette.crm.api.party.AttributeDefinition;
import dev.etiquette.crm.api.party.AttributeSchema;
import dev.etiquette.crm.api.party.AttributeValue;
import dev.etiquette.crm.api.party.AuditAction;
import dev.etiquette.crm.api.party.AuditEntry;
import dev.etiquette.crm.api.party.ConsentDraft;
import dev.etiquette.crm.api.party.ContactPoint;
import dev.etiquette.crm.api.party.FieldChange;
import dev.etiquette.crm.api.party.LifecycleStage;
import dev.etiquette.crm.api.party.Party;
import dev.etiquette.crm.api.party.PartyDraft;
import dev.etiquette.crm.api.party.PartyId;
import dev.etiquette.crm.api.party.PartyUpdate;
import dev.etiquette.crm.api.party.RelationshipDraft;
import dev.etiquette.crm.api.party.RelationshipType;
import dev.etiquette.crm.api.party.Role;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The audit trail: every change records who made it, when (by the library's clock), and the before and after
 * of each field that changed; a rejected change records nothing; the trail reads in order, in stable pages.
 */
class AuditTrailTest {

  static final Instant START = Instant.parse("2026-03-02T09:30:00.123456789Z");

  MutableClock clock;
  CrmTenant acme;

  @BeforeEach
  void setUp() {
    clock = new MutableClock(START);
    AtomicInteger ids = new AtomicInteger();
    Crm crm = Crm.builder().clock(clock).idGenerator(type -> type + "-" + ids.incrementAndGet()).build();
    acme = crm.tenant(TenantId.of("acme"), Actor.user("alice"));
  }

  // ---------------------------------------------------------------------------------------------------
  // Every kind of change

  @Test
  void createRecordsEveryFieldAsAddedWithActorAndTheClocksTime() {
    Party ada = acme.parties().create(PartyDraft.person("Ada Lovelace").roles(Role.CUSTOMER)
        .email("ada@example.com").tags("vip").owner("u-1").build());

    AuditEntry entry = single(acme.audit().ofParty(ada.id(), PageRequest.first(10)));
    assertThat(entry.tenantId()).isEqualTo(TenantId.of("acme"));
    assertThat(entry.recordType()).isEqualTo("party");
    assertThat(entry.recordId()).isEqualTo(ada.id().value());
    assertThat(entry.action()).isEqualTo(AuditAction.CREATED);
    assertThat(entry.actor()).isEqualTo(Actor.user("alice"));
    assertThat(entry.at()).as("the clock's time, to the microsecond the stores keep")
        .isEqualTo(Instant.parse("2026-03-02T09:30:00.123456Z")).isEqualTo(ada.createdAt());
    assertThat(entry.changes()).allSatisfy(c -> assertThat(c.before()).isEmpty());
    assertThat(byField(entry)).containsEntry("displayName", Optional.of("Ada Lovelace"))
        .containsEntry("kind", Optional.of("PERSON"))
        .containsEntry("roles", Optional.of("CUSTOMER"))
        .containsEntry("tags", Optional.of("vip"))
        .containsEntry("owner", Optional.of("u-1"))
        .containsEntry("doNotContact", Optional.of("false"))
        .containsEntry("contactPoints", Optional.of("email:ada@example.com [primary]"));
    assertThat(entry.changes()).extracting(FieldChange::field).isSorted();
  }

  @Test
  void anUpdateRecordsOnlyTheFieldsThatChangedWithBeforeAndAfter() {
    acme.configure(acme.settings().withAttributes(AttributeSchema.of(AttributeDefinition.number("revenue"))));
    Party ada = acme.parties().create(PartyDraft.person("Ada").tags("vip").owner("u-1")
        .attribute("revenue", AttributeValue.of(10)).build());
    Instant later = clock.advance(Duration.ofMinutes(5));

    acme.as(Actor.user("bob")).parties().update(ada.id(), ada.version(), PartyUpdate.builder()
        .rename("Ada Lovelace")
        .removeTag("vip").addTag("churn-risk")
        .clearOwner()
        .team("emea")
        .attribute("revenue", AttributeValue.of(12))
        .build());

    List<AuditEntry> entries = all(r -> acme.audit().ofParty(ada.id(), r), 10);
    assertThat(entries).hasSize(2);
    AuditEntry update = entries.get(1);
    assertThat(update.action()).isEqualTo(AuditAction.UPDATED);
    assertThat(update.actor()).isEqualTo(Actor.user("bob"));
    assertThat(update.at()).isEqualTo(later.truncatedTo(java.time.temporal.ChronoUnit.MICROS));
    assertThat(update.changes()).containsExactly(
        new FieldChange("attributes.revenue", Optional.of("10"), Optional.of("12")),
        new FieldChange("displayName", Optional.of("Ada"), Optional.of("Ada Lovelace")),
        new FieldChange("owner", Optional.of("u-1"), Optional.empty()),
        new FieldChange("tags", Optional.of("vip"), Optional.of("churn-risk")),
        new FieldChange("team", Optional.empty(), Optional.of("emea")));
  }

  @Test
  void contactPointsPreferencesAndTheDoNotContactFlagAreAudited() {
    Party ada = acme.parties().create(PartyDraft.person("Ada").email("ada@example.com").build());
    Party updated = acme.parties().update(ada.id(), ada.version(), PartyUpdate.builder()
        .addContactPoint(ContactPoint.email("lovelace@example.org").withPrimary(true))
        .preferences(ada.preferences().withTimeZone(ZoneId.of("Europe/London")))
        .doNotContact(true)
        .addExternalId("billing", "42")
        .build());

    AuditEntry entry = last(r -> acme.audit().ofParty(ada.id(), r), 10);
    assertThat(entry.changes()).containsExactly(
        new FieldChange("contactPoints", Optional.of("email:ada@example.com [primary]"),
            Optional.of("email:ada@example.com, email:lovelace@example.org [primary]")),
        new FieldChange("doNotContact", Optional.of("false"), Optional.of("true")),
        new FieldChange("externalIds", Optional.empty(), Optional.of("billing:42")),
        new FieldChange("preferences.timeZone", Optional.empty(), Optional.of("Europe/London")));
    assertThat(updated.version()).isEqualTo(2);
  }

  @Test
  void stageMovesAndConsentAreAuditedWithTheirOwnActions() {
    Party ada = acme.parties().create(PartyDraft.person("Ada").stage(LifecycleStage.LEAD).build());
    Party moved = acme.parties().moveStage(ada.id(), 1, LifecycleStage.CUSTOMER);
    Party forced = acme.parties().forceStage(ada.id(), moved.version(), LifecycleStage.LEAD, "signed by mistake");
    acme.parties().recordConsent(ada.id(), forced.version(), ConsentDraft.optIn(Channel.EMAIL, Purpose.MARKETING, "web form"));

    List<AuditEntry> entries = all(r -> acme.audit().ofParty(ada.id(), r), 10);
    assertThat(entries).extracting(AuditEntry::action).containsExactly(AuditAction.CREATED, AuditAction.STAGE_MOVED,
        AuditAction.STAGE_MOVED, AuditAction.CONSENT_RECORDED);
    assertThat(entries.get(1).changes()).containsExactly(
        new FieldChange("stage", Optional.of("lead"), Optional.of("customer")));
    assertThat(entries.get(2).changes()).containsExactly(
        new FieldChange("stage", Optional.of("customer"), Optional.of("lead")));
    assertThat(entries.get(3).changes()).singleElement().satisfies(c -> {
      assertThat(c.field()).isEqualTo("consents.EMAIL.MARKETING");
      assertThat(c.before()).isEmpty();
      assertThat(c.after()).hasValue("OPTED_IN (CONSENT, 1)");
    });
  }

  @Test
  void settingsChangesAreAuditedAndAnUnchangedConfigurationIsNot() {
    acme.configure(acme.settings());
    assertThat(all(r -> acme.audit().all(r), 10)).as("configuring the defaults changes nothing").isEmpty();

    clock.advance(Duration.ofSeconds(1));
    acme.as(Actor.user("admin")).configure(acme.settings().withDefaultRegion("GB")
        .withAttributes(AttributeSchema.of(AttributeDefinition.enumeration("tier", "gold", "silver")))
        .withRelationshipTypes(Set.of(RelationshipType.of("mentors"))));
    acme.configure(acme.settings());

    AuditEntry entry = single(acme.audit().ofRecord("settings", "acme", PageRequest.first(10)));
    assertThat(entry.action()).isEqualTo(AuditAction.CONFIGURED);
    assertThat(entry.actor()).isEqualTo(Actor.user("admin"));
    assertThat(entry.recordType()).isEqualTo("settings");
    assertThat(entry.changes()).containsExactly(
        new FieldChange("attributes.tier", Optional.empty(), Optional.of("ENUM [gold, silver]")),
        new FieldChange("defaultRegion", Optional.empty(), Optional.of("GB")),
        new FieldChange("relationshipTypes", Optional.empty(), Optional.of("mentors")));
  }

  @Test
  void batchAndIdempotentCreatesWriteOneEntryPerPartyCreated() {
    List<Party> imported = acme.parties().createAll(List.of(PartyDraft.person("A").build(),
        PartyDraft.person("B").build(), PartyDraft.organization("C").build()));
    Party keyed = acme.parties().create(PartyDraft.person("D").build(), "key-1");
    acme.parties().create(PartyDraft.person("D").build(), "key-1");

    List<AuditEntry> entries = all(r -> acme.audit().all(r), 3);
    assertThat(entries).extracting(AuditEntry::recordId).containsExactly(imported.get(0).id().value(),
        imported.get(1).id().value(), imported.get(2).id().value(), keyed.id().value());
    assertThat(entries).allSatisfy(e -> assertThat(e.action()).isEqualTo(AuditAction.CREATED));
  }

  @Test
  void anUpdateThatChangesNothingIsNotAChange() {
    Party ada = acme.parties().create(PartyDraft.person("Ada").tags("vip").build());

    Party same = acme.parties().update(ada.id(), ada.version(), PartyUpdate.builder().rename("Ada").addTag("vip")
        .removeTag("absent").build());

    assertThat(same).isEqualTo(ada);
    assertThat(all(r -> acme.audit().ofParty(ada.id(), r), 10)).hasSize(1);
  }

  // ---------------------------------------------------------------------------------------------------
  // Rejected changes record nothing

  @Test
  void rejectedChangesRecordNothing() {
    acme.configure(acme.settings().withAttributes(AttributeSchema.of(AttributeDefinition.bool("beta"))));
    Party ada = acme.parties().create(PartyDraft.person("Ada").externalId("billing", "1").stage(LifecycleStage.CUSTOMER)
        .build());
    Party grace = acme.parties().create(PartyDraft.person("Grace").build());
    List<AuditEntry> before = all(r -> acme.audit().all(r), 100);

    List<Runnable> rejected = List.of(
        () -> acme.parties().create(PartyDraft.person("").build()),
        () -> acme.parties().create(PartyDraft.person("Dup").externalId("billing", "1").build()),
        () -> acme.parties().createAll(List.of(PartyDraft.person("ok").build(), PartyDraft.person(" ").build())),
        () -> acme.parties().update(ada.id(), ada.version(), PartyUpdate.builder().rename("x").addTag("").build()),
        () -> acme.parties().update(ada.id(), ada.version() + 1, PartyUpdate.builder().rename("x").build()),
        () -> acme.parties().update(PartyId.of("ghost"), 1, PartyUpdate.builder().rename("x").build()),
        () -> acme.parties().update(grace.id(), grace.version(), PartyUpdate.builder().addExternalId("billing", "1").build()),
        () -> acme.parties().update(ada.id(), ada.version(), PartyUpdate.builder()
            .attribute("beta", AttributeValue.of("yes")).build()),
        () -> acme.parties().moveStage(ada.id(), ada.version(), LifecycleStage.LEAD),
        () -> acme.parties().moveStage(ada.id(), ada.version(), LifecycleStage.of("unknown_stage")),
        () -> acme.parties().forceStage(ada.id(), ada.version(), LifecycleStage.LEAD, " "),
        () -> acme.parties().recordConsent(ada.id(), ada.version(), ConsentDraft.optIn(Channel.EMAIL, Purpose.MARKETING,
            "form").capturedAt(START.plus(Duration.ofDays(1)))),
        () -> acme.relationships().create(RelationshipDraft.of(ada.id(), RelationshipType.of("unknown"), grace.id())),
        () -> acme.relationships().end(dev.etiquette.crm.api.party.RelationshipId.of("ghost"), 1, START),
        () -> acme.configure(acme.settings().withDefaultRegion("XX")),
        () -> acme.configure(dev.etiquette.crm.api.TenantSettings.defaults(TenantId.of("other"))));
    for (Runnable change : rejected) {
      assertThatThrownBy(change::run).isInstanceOfAny(ValidationException.class, VersionConflictException.class,
          NotFoundException.class, DuplicateKeyException.class);
    }

    assertThat(all(r -> acme.audit().all(r), 100)).isEqualTo(before);
  }

  // ---------------------------------------------------------------------------------------------------
  // Order and paging

  @Test
  void entriesAreInTheOrderOfTheChangesWithIncreasingSequencesAndNonDecreasingTimes() {
    Party ada = acme.parties().create(PartyDraft.person("Ada").build());
    Party grace = acme.parties().create(PartyDraft.person("Grace").build());
    for (int i = 0; i < 5; i++) {
      clock.advance(Duration.ofSeconds(i));
      Party current = acme.parties().get(i % 2 == 0 ? ada.id() : grace.id());
      acme.parties().update(current.id(), current.version(), PartyUpdate.builder().addTag("t" + i).build());
    }

    List<AuditEntry> entries = all(r -> acme.audit().all(r), 2);
    assertThat(entries).hasSize(7);
    assertThat(entries).extracting(AuditEntry::sequence).isSorted().doesNotHaveDuplicates();
    assertThat(entries).extracting(AuditEntry::at).isSorted();
    assertThat(entries).extracting(AuditEntry::recordId).containsExactly(ada.id().value(), grace.id().value(),
        ada.id().value(), grace.id().value(), ada.id().value(), grace.id().value(), ada.id().value());
    assertThat(all(r -> acme.audit().ofParty(grace.id(), r), 1))
        .extracting(e -> e.action() + " " + byField(e).getOrDefault("tags", Optional.empty()).orElse("-"))
        .containsExactly("CREATED -", "UPDATED t1", "UPDATED t1, t3");
  }

  @Property(tries = 50)
  void pagingReturnsEveryEntryOnceInOrderWhateverThePageSize(@ForAll @IntRange(min = 0, max = 40) int changes,
      @ForAll @IntRange(min = 1, max = 12) int pageSize) {
    CrmTenant t = Crm.builder().clock(new MutableClock(START)).build().tenant(TenantId.of("t"));
    Party p = t.parties().create(PartyDraft.person("P").build());
    for (int i = 0; i < changes; i++) {
      p = t.parties().update(p.id(), p.version(), PartyUpdate.builder().addTag("t" + i).build());
    }
    List<AuditEntry> everything = t.audit().all(PageRequest.first(PageRequest.MAX_LIMIT)).items();

    List<AuditEntry> paged = new ArrayList<>();
    Optional<PageRequest> page = Optional.of(PageRequest.first(pageSize));
    int pages = 0;
    while (page.isPresent()) {
      Page<AuditEntry> result = t.audit().ofParty(p.id(), page.get());
      assertThat(result.items().size()).isLessThanOrEqualTo(pageSize);
      assertThat(result.hasNext()).isEqualTo(result.nextCursor().isPresent());
      paged.addAll(result.items());
      page = page.get().next(result);
      pages++;
    }

    assertThat(everything).hasSize(changes + 1);
    assertThat(paged).isEqualTo(everything);
    assertThat(pages).isEqualTo(Math.max(1, (changes + 1 + pageSize - 1) / pageSize));
  }

  @Test
  void entriesWrittenBetweenPagesComeLaterWithoutDuplicatesOrGaps() {
    Party ada = acme.parties().create(PartyDraft.person("Ada").build());
    for (int i = 0; i < 4; i++) {
      ada = acme.parties().update(ada.id(), ada.version(), PartyUpdate.builder().addTag("t" + i).build());
    }

    Page<AuditEntry> first = acme.audit().all(PageRequest.first(3));
    acme.parties().create(PartyDraft.person("Grace").build());
    Page<AuditEntry> second = acme.audit().all(PageRequest.after(first.nextCursor().orElseThrow(), 3));
    assertThat(second.hasNext()).isFalse();

    List<AuditEntry> seen = new ArrayList<>(first.items());
    seen.addAll(second.items());
    assertThat(seen).hasSize(6).extracting(AuditEntry::sequence).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
    assertThat(new HashSet<>(seen)).hasSize(6);
  }

  @Test
  void cursorsBelongToTheirQuery() {
    Party ada = acme.parties().create(PartyDraft.person("Ada").build());
    Party grace = acme.parties().create(PartyDraft.person("Grace").build());
    acme.parties().update(ada.id(), 1, PartyUpdate.builder().addTag("x").build());
    acme.parties().update(grace.id(), 1, PartyUpdate.builder().addTag("x").build());

    String adaCursor = acme.audit().ofParty(ada.id(), PageRequest.first(1)).nextCursor().orElseThrow();
    String allCursor = acme.audit().all(PageRequest.first(1)).nextCursor().orElseThrow();

    assertThat(acme.audit().ofParty(ada.id(), PageRequest.after(adaCursor, 10)).items()).hasSize(1);
    for (Function<String, Page<AuditEntry>> other : List.<Function<String, Page<AuditEntry>>>of(
        c -> acme.audit().ofParty(grace.id(), PageRequest.after(c, 10)),
        c -> acme.audit().ofRecord("relationship", ada.id().value(), PageRequest.after(c, 10)))) {
      assertThatThrownBy(() -> other.apply(adaCursor)).isInstanceOf(ValidationException.class);
      assertThatThrownBy(() -> other.apply(allCursor)).isInstanceOf(ValidationException.class);
    }
    assertThatThrownBy(() -> acme.audit().all(PageRequest.after(adaCursor, 10))).isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> PageRequest.first(0)).isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> PageRequest.first(PageRequest.MAX_LIMIT + 1)).isInstanceOf(ValidationException.class);
  }

  @Test
  void readingTheTrailChangesNothing() {
    Party ada = acme.parties().create(PartyDraft.person("Ada").build());
    List<AuditEntry> once = all(r -> acme.audit().all(r), 1);
    acme.audit().ofParty(ada.id(), PageRequest.first(5));
    acme.audit().ofRecord("party", ada.id().value(), PageRequest.first(5));

    assertThat(all(r -> acme.audit().all(r), 1)).isEqualTo(once);
    assertThat(acme.parties().get(ada.id())).isEqualTo(ada);
  }

  // ---------------------------------------------------------------------------------------------------

  /** Every entry of {@code query}, page by page, following the cursors. */
  private static List<AuditEntry> all(Function<PageRequest, Page<AuditEntry>> query, int pageSize) {
    List<AuditEntry> entries = new ArrayList<>();
    Optional<PageRequest> request = Optional.of(PageRequest.first(pageSize));
    while (request.isPresent()) {
      Page<AuditEntry> page = query.apply(request.get());
      entries.addAll(page.items());
      request = request.get().next(page);
    }
    return entries;
  }

  private static AuditEntry single(Page<AuditEntry> page) {
    assertThat(page.items()).hasSize(1);
    assertThat(page.hasNext()).isFalse();
    return page.items().get(0);
  }

  private static AuditEntry last(Function<PageRequest, Page<AuditEntry>> query, int pageSize) {
    List<AuditEntry> entries = all(query, pageSize);
    return entries.get(entries.size() - 1);
  }

  private static Map<String, Optional<String>> byField(AuditEntry entry) {
    return entry.changes().stream().collect(Collectors.toMap(FieldChange::field, FieldChange::after));
  }
}
