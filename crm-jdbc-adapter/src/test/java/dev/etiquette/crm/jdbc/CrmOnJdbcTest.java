package dev.etiquette.crm.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.etiquette.crm.Crm;
import dev.etiquette.crm.api.Actor;
import dev.etiquette.crm.api.CrmTenant;
import dev.etiquette.crm.api.DuplicateKeyException;
import dev.etiquette.crm.api.PageRequest;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.ValidationException;
import dev.etiquette.crm.api.party.AttributeDefinition;
import dev.etiquette.crm.api.party.AttributeSchema;
import dev.etiquette.crm.api.party.AttributeValue;
import dev.etiquette.crm.api.party.LifecycleStage;
import dev.etiquette.crm.api.party.Party;
import dev.etiquette.crm.api.party.PartyDraft;
import dev.etiquette.crm.api.party.PartyQuery;
import dev.etiquette.crm.api.party.PartyUpdate;
import dev.etiquette.crm.api.party.RelationshipDraft;
import dev.etiquette.crm.api.party.RelationshipType;
import dev.etiquette.crm.api.party.Role;
import dev.etiquette.crm.testkit.DomainArbitraries;
import dev.etiquette.crm.testkit.Samples;
import dev.etiquette.crm.testkit.TestClock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The whole library through the JDBC storage, on each database. */
class CrmOnJdbcTest {

  static CrmTenant tenant(Dialect dialect) {
    Crm crm = Crm.builder().clock(TestClock.create()).storage(JdbcStorageContractTests.storage(dialect)).build();
    CrmTenant tenant = crm.tenant(TenantId.of("it-" + UUID.randomUUID().toString().substring(0, 8)), Actor.user("it"));
    tenant.configure(tenant.settings().withDefaultRegion("US").withAttributes(AttributeSchema.of(
        AttributeDefinition.string("notes"), AttributeDefinition.enumeration("tier", "gold", "silver"))));
    return tenant;
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void partiesLiveThroughTheirWholeLifecycle(Dialect dialect) {
    CrmTenant acme = tenant(dialect);
    Party ada = acme.parties().create(PartyDraft.person("Ada Lovelace").roles(Role.PROSPECT)
        .email("Ada@Example.com").phone("(415) 555-2671").externalId("billing", "A1").tags("vip")
        .attribute("tier", AttributeValue.choice("gold")).stage(LifecycleStage.LEAD).owner("u1").build());
    Party org = acme.parties().create(PartyDraft.organization("Analytical Engines Ltd").build());
    assertThat(acme.parties().get(ada.id())).isEqualTo(ada);
    assertThat(acme.parties().findByEmail("ada@example.com")).containsExactly(ada);
    assertThat(acme.parties().findByPhone("+14155552671")).containsExactly(ada);

    Party moved = acme.parties().moveStage(ada.id(), 1, LifecycleStage.CUSTOMER);
    Party updated = acme.parties().update(ada.id(), moved.version(), PartyUpdate.builder()
        .removeRole(Role.PROSPECT).addRole(Role.CUSTOMER).addTag("key-account").build());
    assertThat(acme.parties().get(ada.id())).isEqualTo(updated);
    assertThat(acme.parties().search(PartyQuery.all().withRole(Role.CUSTOMER).withStage(LifecycleStage.CUSTOMER)
        .withTag("key-account").withNamePrefix("ada"), PageRequest.first(10)).items()).containsExactly(updated);

    acme.relationships().create(RelationshipDraft.of(ada.id(), RelationshipType.WORKS_FOR, org.id()));
    assertThat(acme.relationships().of(org.id())).hasSize(1);
    assertThat(acme.audit().ofParty(ada.id(), PageRequest.first(10)).items()).hasSize(3);
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void awkwardAndHostileTextIsKeptVerbatimOrRejected(Dialect dialect) {
    CrmTenant acme = tenant(dialect);
    List<String> texts = new ArrayList<>(Samples.AWKWARD_TEXT);
    DomainArbitraries.hostileStrings().sampleStream().limit(40).forEach(texts::add);
    texts.add("tab\tnew\nline");
    texts.add("nul\u0000byte");
    texts.add("");
    texts.add("x".repeat(10_000));
    for (String text : texts) {
      keptOrRejected(acme, PartyDraft.person(text).tags(text).build(), PartyQuery.all().withTag(text));
      keptOrRejected(acme, PartyDraft.person("Notes").attribute("notes", AttributeValue.of(text)).build(),
          PartyQuery.all().withAttribute("notes", AttributeValue.of(text)));
    }
  }

  private static void keptOrRejected(CrmTenant acme, PartyDraft draft, PartyQuery query) {
    Party p;
    try {
      p = acme.parties().create(draft);
    } catch (ValidationException rejected) {
      assertThat(rejected.violations()).isNotEmpty();
      return;
    }
    assertThat(acme.parties().get(p.id())).isEqualTo(p);
    assertThat(acme.parties().search(query, PageRequest.first(50)).items()).contains(p);
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void createAllIsAllOrNothingOnTheDatabase(Dialect dialect) {
    CrmTenant acme = tenant(dialect);
    List<PartyDraft> drafts = new ArrayList<>();
    for (int i = 0; i < 1_200; i++) {
      drafts.add(PartyDraft.person("Person " + i).email("p" + i + "@example.com").phone("+1415555" + (1000 + i))
          .externalId("import", "row-" + i).roles(Role.CUSTOMER).build());
    }
    List<Party> created = acme.parties().createAll(drafts);
    assertThat(created).hasSize(1_200);
    assertThat(acme.parties().findByEmail("p1199@example.com")).containsExactly(created.get(1199));

    List<PartyDraft> clash = List.of(PartyDraft.person("New").externalId("import", "fresh").build(),
        PartyDraft.person("Clash").externalId("import", "row-7").build());
    assertThatThrownBy(() -> acme.parties().createAll(clash)).isInstanceOf(DuplicateKeyException.class);
    assertThat(acme.parties().search(PartyQuery.all().withNamePrefix("new"), PageRequest.first(5)).items()).isEmpty();
    assertThat(acme.audit().all(PageRequest.first(1000)).items()).hasSize(1000);
  }
}
