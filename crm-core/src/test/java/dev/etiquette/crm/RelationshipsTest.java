package dev.etiquette.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.etiquette.crm.api.Actor;
import dev.etiquette.crm.api.CrmTenant;
import dev.etiquette.crm.api.NotFoundException;
import dev.etiquette.crm.api.Page;
import dev.etiquette.crm.api.PageRequest;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.ValidationException;
import dev.etiquette.crm.api.VersionConflictException;
import dev.etiquette.crm.api.Violation;
import dev.etiquette.crm.api.party.AuditAction;
import dev.etiquette.crm.api.party.AuditEntry;
import dev.etiquette.crm.api.party.FieldChange;
import dev.etiquette.crm.api.party.Party;
import dev.etiquette.crm.api.party.PartyDraft;
import dev.etiquette.crm.api.party.PartyId;
import dev.etiquette.crm.api.party.Relationship;
import dev.etiquette.crm.api.party.RelationshipDraft;
import dev.etiquette.crm.api.party.RelationshipType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Typed, directed relationships between the parties of one tenant. */
class RelationshipsTest {

  static final Instant START = Instant.parse("2026-03-02T09:30:00Z");

  MutableClock clock;
  CrmTenant acme;
  Party ada;
  Party grace;
  Party acmeCorp;

  @BeforeEach
  void setUp() {
    clock = new MutableClock(START);
    AtomicInteger ids = new AtomicInteger();
    Crm crm = Crm.builder().clock(clock).idGenerator(type -> type + "-" + ids.incrementAndGet()).build();
    acme = crm.tenant(TenantId.of("acme"), Actor.user("alice"));
    ada = acme.parties().create(PartyDraft.person("Ada Lovelace").build());
    grace = acme.parties().create(PartyDraft.person("Grace Hopper").build());
    acmeCorp = acme.parties().create(PartyDraft.organization("Acme Corp").build());
  }

  // ---------------------------------------------------------------------------------------------------
  // Creating

  @ParameterizedTest
  @ValueSource(strings = {"works_for", "account_of", "partner_of", "reports_to"})
  void everyBuiltInTypeIsAvailableWithoutConfiguration(String type) {
    Relationship r = acme.relationships().create(RelationshipDraft.of(ada.id(), RelationshipType.of(type), acmeCorp.id()));

    assertThat(r.type()).isEqualTo(RelationshipType.of(type));
    assertThat(r.tenantId()).isEqualTo(TenantId.of("acme"));
    assertThat(r.from()).isEqualTo(ada.id());
    assertThat(r.to()).isEqualTo(acmeCorp.id());
    assertThat(r.version()).isEqualTo(1);
    assertThat(r.validFrom()).as("defaults to now, by the clock").isEqualTo(START);
    assertThat(r.validTo()).isEmpty();
    assertThat(r.createdAt()).isEqualTo(START);
    assertThat(r.updatedAt()).isEqualTo(START);
    assertThat(acme.relationships().get(r.id())).isEqualTo(r);
    assertThat(acme.relationships().find(r.id())).contains(r);
  }

  @Test
  void aTenantDefinedTypeIsAvailableOnceConfigured() {
    RelationshipType mentors = RelationshipType.of("mentors");
    RelationshipDraft draft = RelationshipDraft.of(grace.id(), mentors, ada.id());
    assertThatThrownBy(() -> acme.relationships().create(draft))
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations()).singleElement()
            .satisfies(v -> {
              assertThat(v.path()).isEqualTo("type");
              assertThat(v.value()).isEqualTo("mentors");
            }));

    acme.configure(acme.settings().withRelationshipTypes(Set.of(mentors)));
    Relationship r = acme.relationships().create(draft);

    assertThat(r.type()).isEqualTo(mentors);
    assertThat(acme.settings().knows(RelationshipType.WORKS_FOR)).as("built-ins stay").isTrue();
  }

  @Test
  void anUnknownTypeIsRejectedAndNothingIsWritten() {
    List<AuditEntry> auditBefore = audit();

    assertThatThrownBy(() -> acme.relationships().create(RelationshipDraft.of(ada.id(), RelationshipType.of("owns"),
        acmeCorp.id())))
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
            .extracting(Violation::path).containsExactly("type"));
    assertThatThrownBy(() -> RelationshipType.of("works-for")).isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> RelationshipType.of("WORKS_FOR")).isInstanceOf(ValidationException.class);

    assertThat(acme.relationships().of(ada.id())).isEmpty();
    assertThat(audit()).isEqualTo(auditBefore);
  }

  @Test
  void aPartyCannotBeRelatedToItself() {
    assertThatThrownBy(() -> acme.relationships().create(RelationshipDraft.of(ada.id(), RelationshipType.REPORTS_TO,
        ada.id())))
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
            .extracting(Violation::path).containsExactly("to"));
    assertThat(acme.relationships().of(ada.id())).isEmpty();
  }

  @Test
  void bothEndsMustBePartiesOfTheTenant() {
    PartyId missing = PartyId.of("no-such-party");

    assertThatThrownBy(() -> acme.relationships().create(RelationshipDraft.of(missing, RelationshipType.WORKS_FOR,
        acmeCorp.id())))
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
            .extracting(Violation::path).containsExactly("from"));
    assertThatThrownBy(() -> acme.relationships().create(RelationshipDraft.of(ada.id(), RelationshipType.WORKS_FOR,
        missing)))
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
            .extracting(Violation::path).containsExactly("to"));
    assertThat(acme.relationships().of(acmeCorp.id())).isEmpty();
    assertThat(acme.relationships().of(missing)).isEmpty();
  }

  @Test
  void theValidityMustEndAfterItStarts() {
    Instant from = START.plus(Duration.ofDays(10));
    for (Instant to : List.of(from.minusSeconds(1), from)) {
      assertThatThrownBy(() -> acme.relationships().create(
          RelationshipDraft.of(ada.id(), RelationshipType.WORKS_FOR, acmeCorp.id()).validFrom(from).validTo(to)))
          .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
              .extracting(Violation::path).containsExactly("validTo"));
    }
    // validTo before the default validFrom (now)
    assertThatThrownBy(() -> acme.relationships().create(
        RelationshipDraft.of(ada.id(), RelationshipType.WORKS_FOR, acmeCorp.id()).validTo(START.minusSeconds(1))))
        .isInstanceOf(ValidationException.class);

    Relationship past = acme.relationships().create(RelationshipDraft.of(ada.id(), RelationshipType.WORKS_FOR,
        acmeCorp.id()).validFrom(START.minus(Duration.ofDays(365))).validTo(START.minus(Duration.ofDays(30))));
    assertThat(past.validFrom()).isEqualTo(START.minus(Duration.ofDays(365)));
    assertThat(past.validTo()).contains(START.minus(Duration.ofDays(30)));
  }

  @Test
  void everyProblemOfADraftIsReportedAtOnce() {
    assertThatThrownBy(() -> acme.relationships().create(new RelationshipDraft(RelationshipType.of("owns"),
        PartyId.of("ghost"), PartyId.of("ghost"), Optional.of(START), Optional.of(START))))
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
            .extracting(Violation::path).containsExactlyInAnyOrder("type", "to", "from", "to", "validTo"));
  }

  // ---------------------------------------------------------------------------------------------------
  // Ending

  @Test
  void endSetsTheEndAndBumpsTheVersionWithTheClocksTime() {
    Relationship r = acme.relationships().create(RelationshipDraft.of(ada.id(), RelationshipType.WORKS_FOR, acmeCorp.id()));
    Instant later = clock.advance(Duration.ofHours(5));
    Instant end = START.plus(Duration.ofDays(30));

    Relationship ended = acme.relationships().end(r.id(), r.version(), end);

    assertThat(ended.validTo()).contains(end);
    assertThat(ended.version()).isEqualTo(2);
    assertThat(ended.updatedAt()).isEqualTo(later);
    assertThat(ended.createdAt()).isEqualTo(START);
    assertThat(ended).usingRecursiveComparison().ignoringFields("validTo", "version", "updatedAt").isEqualTo(r);
    assertThat(acme.relationships().get(r.id())).isEqualTo(ended);
  }

  @Test
  void endWithAStaleVersionConflictsAndChangesNothing() {
    Relationship r = acme.relationships().create(RelationshipDraft.of(ada.id(), RelationshipType.WORKS_FOR, acmeCorp.id()));
    Relationship ended = acme.relationships().end(r.id(), r.version(), START.plus(Duration.ofDays(30)));
    List<AuditEntry> auditBefore = audit();

    assertThatThrownBy(() -> acme.relationships().end(r.id(), r.version(), START.plus(Duration.ofDays(7))))
        .isInstanceOfSatisfying(VersionConflictException.class, e -> {
          assertThat(e.recordType()).isEqualTo("relationship");
          assertThat(e.id()).isEqualTo(r.id().value());
          assertThat(e.expectedVersion()).isEqualTo(1);
          assertThat(e.actualVersion()).isEqualTo(2);
        });

    assertThat(acme.relationships().get(r.id())).isEqualTo(ended);
    assertThat(audit()).isEqualTo(auditBefore);
  }

  @Test
  void endBeforeTheStartIsRejectedAndAMissingRelationshipIsNotFound() {
    Relationship r = acme.relationships().create(RelationshipDraft.of(ada.id(), RelationshipType.WORKS_FOR, acmeCorp.id()));

    assertThatThrownBy(() -> acme.relationships().end(r.id(), r.version(), START))
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
            .extracting(Violation::path).containsExactly("validTo"));
    assertThatThrownBy(() -> acme.relationships().end(r.id(), r.version(), START.minusSeconds(1)))
        .isInstanceOf(ValidationException.class);
    assertThat(acme.relationships().get(r.id())).isEqualTo(r);

    assertThatThrownBy(() -> acme.relationships().end(dev.etiquette.crm.api.party.RelationshipId.of("nope"), 1,
        START.plusSeconds(1)))
        .isInstanceOfSatisfying(NotFoundException.class, e -> {
          assertThat(e.recordType()).isEqualTo("relationship");
          assertThat(e.id()).isEqualTo("nope");
        });
    assertThatThrownBy(() -> acme.relationships().get(dev.etiquette.crm.api.party.RelationshipId.of("nope")))
        .isInstanceOf(NotFoundException.class);
  }

  // ---------------------------------------------------------------------------------------------------
  // Reading

  @Test
  void ofAPartyListsRelationshipsInBothDirectionsValidOrNotOrderedById() {
    Relationship adaWorksForAcme = acme.relationships().create(
        RelationshipDraft.of(ada.id(), RelationshipType.WORKS_FOR, acmeCorp.id()));
    Relationship graceWorksForAcme = acme.relationships().create(
        RelationshipDraft.of(grace.id(), RelationshipType.WORKS_FOR, acmeCorp.id()));
    Relationship adaReportsToGrace = acme.relationships().create(
        RelationshipDraft.of(ada.id(), RelationshipType.REPORTS_TO, grace.id()));
    Relationship ended = acme.relationships().end(adaWorksForAcme.id(), 1, START.plusSeconds(60));

    assertThat(acme.relationships().of(ada.id())).containsExactly(ended, adaReportsToGrace);
    assertThat(acme.relationships().of(grace.id())).containsExactly(graceWorksForAcme, adaReportsToGrace);
    assertThat(acme.relationships().of(acmeCorp.id())).containsExactly(ended, graceWorksForAcme);
    assertThat(adaReportsToGrace.otherEnd(ada.id())).isEqualTo(grace.id());
    assertThat(adaReportsToGrace.otherEnd(grace.id())).isEqualTo(ada.id());
    List<String> ids = acme.relationships().of(acmeCorp.id()).stream().map(r -> r.id().value()).toList();
    assertThat(ids).isSorted();
  }

  @Test
  void isValidAtIsHalfOpen() {
    Instant from = START.plus(Duration.ofDays(1));
    Instant to = START.plus(Duration.ofDays(2));
    Relationship r = acme.relationships().create(
        RelationshipDraft.of(ada.id(), RelationshipType.PARTNER_OF, grace.id()).validFrom(from).validTo(to));
    Relationship open = acme.relationships().create(
        RelationshipDraft.of(grace.id(), RelationshipType.PARTNER_OF, ada.id()).validFrom(from));

    assertThat(r.isValidAt(from.minusNanos(1))).isFalse();
    assertThat(r.isValidAt(from)).isTrue();
    assertThat(r.isValidAt(to.minusNanos(1))).isTrue();
    assertThat(r.isValidAt(to)).isFalse();
    assertThat(open.isValidAt(from.minusNanos(1))).isFalse();
    assertThat(open.isValidAt(Instant.parse("9999-12-31T23:59:59Z"))).isTrue();
  }

  @Property
  void validAtMeansFromInclusiveToExclusive(@ForAll @LongRange(min = -1_000, max = 1_000) long fromOffset,
      @ForAll @LongRange(min = 1, max = 1_000) long length, @ForAll @LongRange(min = -2_000, max = 2_000) long at) {
    Instant from = START.plusSeconds(fromOffset);
    Instant to = from.plusSeconds(length);
    Relationship r = new Relationship(TenantId.of("acme"), dev.etiquette.crm.api.party.RelationshipId.of("r"),
        RelationshipType.WORKS_FOR, PartyId.of("a"), PartyId.of("b"), from, Optional.of(to), 1, START, START);
    Instant instant = START.plusSeconds(at);

    assertThat(r.isValidAt(instant)).isEqualTo(!instant.isBefore(from) && instant.isBefore(to));
  }

  @Test
  void creatingAndEndingAreAuditedWithActorTimeAndTheFieldsThatChanged() {
    Relationship r = acme.as(Actor.user("bob")).relationships().create(
        RelationshipDraft.of(ada.id(), RelationshipType.WORKS_FOR, acmeCorp.id()));
    Instant later = clock.advance(Duration.ofMinutes(3));
    acme.relationships().end(r.id(), 1, START.plus(Duration.ofDays(1)));

    List<AuditEntry> entries = acme.audit().ofRecord("relationship", r.id().value(), PageRequest.first(10)).items();
    assertThat(entries).hasSize(2);
    assertThat(entries.get(0).action()).isEqualTo(AuditAction.CREATED);
    assertThat(entries.get(0).actor()).isEqualTo(Actor.user("bob"));
    assertThat(entries.get(0).at()).isEqualTo(START);
    assertThat(entries.get(0).changes()).containsExactly(
        new FieldChange("from", Optional.empty(), Optional.of(ada.id().value())),
        new FieldChange("to", Optional.empty(), Optional.of(acmeCorp.id().value())),
        new FieldChange("type", Optional.empty(), Optional.of("works_for")),
        new FieldChange("validFrom", Optional.empty(), Optional.of(START.toString())));
    assertThat(entries.get(1).action()).isEqualTo(AuditAction.ENDED);
    assertThat(entries.get(1).actor()).isEqualTo(Actor.user("alice"));
    assertThat(entries.get(1).at()).isEqualTo(later);
    assertThat(entries.get(1).changes()).containsExactly(
        new FieldChange("validTo", Optional.empty(), Optional.of(START.plus(Duration.ofDays(1)).toString())));
  }

  private List<AuditEntry> audit() {
    List<AuditEntry> all = new ArrayList<>();
    Optional<PageRequest> page = Optional.of(PageRequest.first(100));
    while (page.isPresent()) {
      Page<AuditEntry> p = acme.audit().all(page.get());
      all.addAll(p.items());
      page = page.get().next(p);
    }
    return all;
  }
}
