package dev.etiquette.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.etiquette.crm.api.Actor;
import dev.etiquette.crm.api.Channel;
import dev.etiquette.crm.api.CrmTenant;
import dev.etiquette.crm.api.DuplicateKeyException;
import dev.etiquette.crm.api.NotFoundException;
import dev.etiquette.crm.api.PageRequest;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.ValidationException;
import dev.etiquette.crm.api.VersionConflictException;
import dev.etiquette.crm.api.Violation;
import dev.etiquette.crm.api.party.AttributeDefinition;
import dev.etiquette.crm.api.party.AttributeSchema;
import dev.etiquette.crm.api.party.AttributeValue;
import dev.etiquette.crm.api.party.ContactKind;
import dev.etiquette.crm.api.party.ContactPoint;
import dev.etiquette.crm.api.party.ExternalId;
import dev.etiquette.crm.api.party.Party;
import dev.etiquette.crm.api.party.PartyDraft;
import dev.etiquette.crm.api.party.PartyId;
import dev.etiquette.crm.api.party.PartyKind;
import dev.etiquette.crm.api.party.PartyUpdate;
import dev.etiquette.crm.api.party.PhoneNumber;
import dev.etiquette.crm.api.party.Preferences;
import dev.etiquette.crm.api.party.QuietWindow;
import dev.etiquette.crm.api.party.Role;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PartiesTest {

  static final Instant NOW = Instant.parse("2026-03-02T09:30:00Z");

  CrmTenant acme;

  @BeforeEach
  void setUp() {
    AtomicInteger ids = new AtomicInteger();
    Crm crm = Crm.builder()
        .clock(Clock.fixed(NOW, ZoneOffset.UTC))
        .idGenerator(type -> type + "-" + ids.incrementAndGet())
        .build();
    acme = crm.tenant(TenantId.of("acme"), Actor.user("alice"));
    acme.configure(acme.settings()
        .withDefaultRegion("GB")
        .withAttributes(AttributeSchema.of(
            AttributeDefinition.enumeration("tier", "gold", "silver"),
            AttributeDefinition.number("revenue"),
            AttributeDefinition.bool("beta"),
            AttributeDefinition.date("renewal"),
            AttributeDefinition.string("notes"))));
  }

  @Test
  void createStoresANormalizedVersionedParty() {
    Party ada = acme.parties().create(PartyDraft.person("Ada Lovelace")
        .roles(Role.CUSTOMER, Role.STAKEHOLDER)
        .externalId("billing", "A-17")
        .email("  Ada.Lovelace@Example.CO.UK ")
        .phone("020 7946 0958")
        .contactPoint(ContactPoint.website("HTTPS://Example.COM/Ada"))
        .owner("u-42")
        .team("emea")
        .tags("vip")
        .attribute("tier", AttributeValue.choice("gold"))
        .attribute("revenue", AttributeValue.of(new BigDecimal("1200.50")))
        .attribute("beta", AttributeValue.of(true))
        .attribute("renewal", AttributeValue.of(LocalDate.of(2027, 1, 31)))
        .preferences(Preferences.none().withTimeZone(ZoneId.of("Europe/London"))
            .withQuietHours(Channel.PHONE, QuietWindow.of(LocalTime.of(20, 0), LocalTime.of(9, 0))))
        .build());

    assertThat(ada.id()).isEqualTo(PartyId.of("party-1"));
    assertThat(ada.tenantId()).isEqualTo(TenantId.of("acme"));
    assertThat(ada.kind()).isEqualTo(PartyKind.PERSON);
    assertThat(ada.version()).isEqualTo(1);
    assertThat(ada.createdAt()).isEqualTo(NOW);
    assertThat(ada.primaryEmail()).contains("Ada.Lovelace@example.co.uk");
    assertThat(ada.primaryPhone()).contains("+442079460958");
    assertThat(ada.primary(ContactKind.WEBSITE)).map(c -> ((dev.etiquette.crm.api.party.Website) c).url())
        .contains("https://example.com/Ada");
    assertThat(ada.attributes().get("revenue")).isEqualTo(AttributeValue.of(new BigDecimal("1200.5")));
    assertThat(acme.parties().get(ada.id())).isEqualTo(ada);
    assertThat(acme.parties().findByExternalId(ExternalId.of("billing", "A-17"))).contains(ada);
  }

  @Test
  void lookupByEmailIgnoresCaseAndByPhoneAcceptsAnyFormat() {
    Party ada = acme.parties().create(PartyDraft.person("Ada").email("Ada@Example.com").phone("+44 20 7946 0958").build());

    assertThat(acme.parties().findByEmail("ada@EXAMPLE.com ")).containsExactly(ada);
    assertThat(acme.parties().findByPhone("020 7946 0958")).containsExactly(ada);
    assertThat(acme.parties().findByPhone("+442079460958")).containsExactly(ada);
    assertThat(acme.parties().findByEmail("nobody@example.com")).isEmpty();
    assertThatThrownBy(() -> acme.parties().findByEmail("not an email"))
        .isInstanceOf(ValidationException.class);
  }

  @Test
  void everyViolationIsReportedAtOnceWithMaskedValuesAndNothingIsStored() {
    PartyDraft bad = PartyDraft.person(" ")
        .email("ada.lovelace@@example")
        .phone("12")
        .tags("")
        .attribute("tier", AttributeValue.choice("platinum"))
        .attribute("unknown", AttributeValue.of("x"))
        .attribute("revenue", AttributeValue.of("a lot"))
        .build();

    assertThatThrownBy(() -> acme.parties().create(bad))
        .isInstanceOfSatisfying(ValidationException.class, e -> {
          assertThat(e.violations()).extracting(Violation::path).containsExactlyInAnyOrder(
              "displayName", "contactPoints[0].address", "contactPoints[1].number", "tags[0]",
              "attributes.tier", "attributes.unknown", "attributes.revenue");
          assertThat(e.getMessage()).doesNotContain("ada.lovelace").contains("a***@");
        });
    assertThat(acme.parties().search(dev.etiquette.crm.api.party.PartyQuery.all(), PageRequest.first(10)).items())
        .isEmpty();
    assertThat(acme.audit().ofRecord("party", "party-1", PageRequest.first(10)).items()).isEmpty();
  }

  @Test
  void aPhoneWithoutCountryCodeNeedsTheTenantsDefaultRegion() {
    CrmTenant other = Crm.builder().build().tenant(TenantId.of("other"));
    assertThatThrownBy(() -> other.parties().create(PartyDraft.person("Bo").phone("020 7946 0958").build()))
        .isInstanceOfSatisfying(ValidationException.class, e ->
            assertThat(e.violations().get(0).message()).contains("needs a country code"));
    Party bo = other.parties().create(PartyDraft.person("Bo").phone("+1 415 555 2671").build());
    assertThat(bo.primaryPhone()).contains("+14155552671");
  }

  @Test
  void theFirstContactPointOfAKindIsPrimaryAndAddingAPrimaryDemotesTheOld() {
    Party ada = acme.parties().create(PartyDraft.person("Ada").email("a@example.com").email("b@example.com").build());
    assertThat(ada.primaryEmail()).contains("a@example.com");

    Party changed = acme.parties().update(ada.id(), ada.version(), PartyUpdate.builder()
        .addContactPoint(ContactPoint.email("c@example.com").withPrimary(true)).build());
    assertThat(changed.primaryEmail()).contains("c@example.com");
    assertThat(changed.contactPoints(ContactKind.EMAIL)).filteredOn(ContactPoint::primary).hasSize(1);

    Party removed = acme.parties().update(changed.id(), changed.version(), PartyUpdate.builder()
        .removeContactPoint(ContactPoint.email("C@EXAMPLE.COM")).build());
    assertThat(removed.primaryEmail()).contains("a@example.com");
    assertThat(removed.contactPoints(ContactKind.EMAIL)).hasSize(2);
  }

  @Test
  void twoPrimariesOfOneKindInADraftAreRejected() {
    assertThatThrownBy(() -> acme.parties().create(PartyDraft.person("Ada")
        .contactPoint(ContactPoint.email("a@example.com").withPrimary(true))
        .contactPoint(ContactPoint.email("b@example.com").withPrimary(true)).build()))
        .isInstanceOf(ValidationException.class).hasMessageContaining("at most one contact point of a kind");
  }

  @Test
  void duplicateContactPointsAreRejected() {
    assertThatThrownBy(() -> acme.parties().create(PartyDraft.person("Ada").phone("+44 20 7946 0958")
        .phone("020 7946 0958").build()))
        .isInstanceOfSatisfying(ValidationException.class, e ->
            assertThat(e.violations()).extracting(Violation::path).containsExactly("contactPoints[1]"));
  }

  @Test
  void updatesApplyInOrderBumpTheVersionAndAreAllOrNothing() {
    Party ada = acme.parties().create(PartyDraft.person("Ada").roles(Role.PROSPECT).tags("new").build());

    Party updated = acme.parties().update(ada.id(), 1, PartyUpdate.builder()
        .rename("Ada King")
        .removeRole(Role.PROSPECT).addRole(Role.CUSTOMER)
        .removeTag("new").addTag("vip")
        .owner("u-7").team("emea")
        .attribute("tier", AttributeValue.choice("silver"))
        .doNotContact(true)
        .addExternalId("shop", "s-1")
        .build());
    assertThat(updated.version()).isEqualTo(2);
    assertThat(updated.displayName()).isEqualTo("Ada King");
    assertThat(updated.roles()).containsExactly(Role.CUSTOMER);
    assertThat(updated.tags()).containsExactly("vip");
    assertThat(updated.owner()).contains("u-7");
    assertThat(updated.doNotContact()).isTrue();

    assertThatThrownBy(() -> acme.parties().update(ada.id(), 2, PartyUpdate.builder()
        .rename("Changed").attribute("tier", AttributeValue.choice("bronze")).build()))
        .isInstanceOfSatisfying(ValidationException.class, e ->
            assertThat(e.violations()).extracting(Violation::path).containsExactly("changes[1].attributes.tier"));
    assertThat(acme.parties().get(ada.id())).isEqualTo(updated);

    Party cleared = acme.parties().update(ada.id(), 2, PartyUpdate.builder().clearOwner().removeAttribute("tier").build());
    assertThat(cleared.owner()).isEmpty();
    assertThat(cleared.attributes()).doesNotContainKey("tier");
  }

  @Test
  void anUpdateThatChangesNothingKeepsTheVersionAndWritesNoAudit() {
    Party ada = acme.parties().create(PartyDraft.person("Ada").tags("vip").build());
    Party same = acme.parties().update(ada.id(), 1, PartyUpdate.builder().addTag("vip").build());
    assertThat(same).isEqualTo(ada);
    assertThat(acme.audit().ofParty(ada.id(), PageRequest.first(10)).items()).hasSize(1);
  }

  @Test
  void aStaleVersionIsRefusedAndChangesNothing() {
    Party ada = acme.parties().create(PartyDraft.person("Ada").build());
    acme.parties().update(ada.id(), 1, PartyUpdate.builder().addTag("a").build());

    assertThatThrownBy(() -> acme.parties().update(ada.id(), 1, PartyUpdate.builder().addTag("b").build()))
        .isInstanceOfSatisfying(VersionConflictException.class, e -> {
          assertThat(e.expectedVersion()).isEqualTo(1);
          assertThat(e.actualVersion()).isEqualTo(2);
        });
    assertThat(acme.parties().get(ada.id()).tags()).containsExactly("a");
  }

  @Test
  void externalIdsAreUniquePerTenantAndSystem() {
    Party ada = acme.parties().create(PartyDraft.person("Ada").externalId("billing", "42").build());
    acme.parties().create(PartyDraft.person("Bo").externalId("shop", "42").build());

    assertThatThrownBy(() -> acme.parties().create(PartyDraft.person("Cy").externalId("billing", "42").build()))
        .isInstanceOf(DuplicateKeyException.class).hasMessageContaining("billing:42");
    Party bo = acme.parties().search(dev.etiquette.crm.api.party.PartyQuery.all().withNamePrefix("bo"),
        PageRequest.first(1)).items().get(0);
    assertThatThrownBy(() -> acme.parties().update(bo.id(), bo.version(),
        PartyUpdate.builder().addExternalId("billing", "42").build()))
        .isInstanceOf(DuplicateKeyException.class);
    assertThat(acme.parties().findByExternalId(ExternalId.of("billing", "42"))).contains(ada);
  }

  @Test
  void missingPartiesAreNotFound() {
    assertThat(acme.parties().find(PartyId.of("nope"))).isEmpty();
    assertThatThrownBy(() -> acme.parties().get(PartyId.of("nope")))
        .isInstanceOf(NotFoundException.class).hasMessage("party nope was not found");
    assertThatThrownBy(() -> acme.parties().update(PartyId.of("nope"), 1, PartyUpdate.builder().build()))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void organizationsAndOptionalLabelsAreKept() {
    Party org = acme.parties().create(PartyDraft.organization("Initech")
        .contactPoint(new PhoneNumber("+1 415 555 2671", Optional.of(" switchboard "), false))
        .build());
    assertThat(org.kind()).isEqualTo(PartyKind.ORGANIZATION);
    assertThat(org.contactPoints().get(0).label()).contains("switchboard");
  }

  @Test
  void aCreateWithAnIdempotencyKeyHappensOnce() {
    PartyDraft draft = PartyDraft.person("Ada").email("ada@example.com").build();
    Party first = acme.parties().create(draft, "req-1");
    Party again = acme.parties().create(draft, "req-1");
    assertThat(again).isEqualTo(first);
    assertThat(acme.parties().findByEmail("ada@example.com")).hasSize(1);

    Party other = acme.parties().create(draft, "req-2");
    assertThat(other.id()).isNotEqualTo(first.id());

    assertThatThrownBy(() -> acme.parties().create(PartyDraft.person("Bo").build(), "req-1"))
        .isInstanceOfSatisfying(ValidationException.class,
            e -> assertThat(e.violations().get(0).path()).isEqualTo("idempotencyKey"));
    assertThatThrownBy(() -> acme.parties().create(draft, " "))
        .isInstanceOf(ValidationException.class);
  }

  @Test
  void aRejectedIdempotentCreateLeavesTheKeyUnused() {
    assertThatThrownBy(() -> acme.parties().create(PartyDraft.person("").build(), "req-9"))
        .isInstanceOf(ValidationException.class);
    Party created = acme.parties().create(PartyDraft.person("Ada").build(), "req-9");
    assertThat(created.displayName()).isEqualTo("Ada");
  }

  @Test
  void textThatIsNotWellFormedUnicodeIsRejected() {
    assertThatThrownBy(() -> acme.parties().create(PartyDraft.person("Ada \uD800").build()))
        .isInstanceOf(ValidationException.class).hasMessageContaining("unpaired surrogate");
    assertThatThrownBy(() -> acme.parties().create(PartyDraft.person("Ada")
        .attribute("notes", AttributeValue.of("x\uDC00y")).build()))
        .isInstanceOf(ValidationException.class).hasMessageContaining("unpaired surrogate");
    Party emoji = acme.parties().create(PartyDraft.person("Ada \uD83D\uDE00").build());
    assertThat(emoji.displayName()).endsWith("\uD83D\uDE00");
  }

  @Test
  void createAllStoresEveryDraftOrNone() {
    java.util.List<Party> created = acme.parties().createAll(java.util.List.of(
        PartyDraft.person("Ada").email("ada@example.com").build(),
        PartyDraft.organization("Initech").externalId("billing", "9").build()));
    assertThat(created).extracting(Party::displayName).containsExactly("Ada", "Initech");
    assertThat(acme.parties().get(created.get(1).id())).isEqualTo(created.get(1));
    assertThat(acme.audit().ofParty(created.get(0).id(), PageRequest.first(5)).items()).hasSize(1);

    assertThatThrownBy(() -> acme.parties().createAll(java.util.List.of(
        PartyDraft.person("Fine").build(),
        PartyDraft.person("").email("nope").build())))
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
            .extracting(Violation::path).containsExactly("[1].displayName", "[1].contactPoints[0].address"));
    assertThatThrownBy(() -> acme.parties().createAll(java.util.List.of(
        PartyDraft.person("A").externalId("shop", "1").build(),
        PartyDraft.person("B").externalId("shop", "1").build())))
        .isInstanceOf(DuplicateKeyException.class).hasMessageContaining("[0]").hasMessageContaining("[1]");
    assertThatThrownBy(() -> acme.parties().createAll(java.util.List.of(
        PartyDraft.person("C").build(),
        PartyDraft.person("D").externalId("billing", "9").build())))
        .isInstanceOf(DuplicateKeyException.class);
    assertThat(acme.parties().search(dev.etiquette.crm.api.party.PartyQuery.all(), PageRequest.first(100)).items())
        .hasSize(2);
  }
}
