package dev.etiquette.crm.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.etiquette.crm.Crm;
import dev.etiquette.crm.api.Actor;
import dev.etiquette.crm.api.Channel;
import dev.etiquette.crm.api.CrmTenant;
import dev.etiquette.crm.api.Page;
import dev.etiquette.crm.api.PageRequest;
import dev.etiquette.crm.api.Purpose;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.interaction.ConversationId;
import dev.etiquette.crm.api.interaction.ConversationState;
import dev.etiquette.crm.api.interaction.Interaction;
import dev.etiquette.crm.api.interaction.InteractionDraft;
import dev.etiquette.crm.api.party.Party;
import dev.etiquette.crm.api.party.PartyDraft;
import dev.etiquette.crm.testkit.TestClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every query the interaction and conversation stores run is served by an index, in order: no table scan
 * and no sort, so that its cost does not grow with a party's or a tenant's history. The test records the
 * statements the storage actually prepares while the library records interactions, pages timelines and
 * reads last contacts, and asks each database for the plan of every SELECT and UPDATE among them, with the
 * same parameters (see {@link QueryPlans}).
 */
class InteractionQueryPlanTest {

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void everyInteractionQueryIsServedByAnIndexWithoutSorting(Dialect dialect) throws Exception {
    DataSource base = TestDatabases.dataSource(dialect);
    List<QueryPlans.Captured> captured = new ArrayList<>();
    JdbcStorage storage = QueryPlans.recordingStorage(dialect, captured);
    TestClock clock = TestClock.create();
    Crm crm = Crm.builder().clock(clock).storage(storage).build();
    CrmTenant acme = crm.tenant(TenantId.of("plan-" + UUID.randomUUID().toString().substring(0, 8)),
        Actor.user("agent"));

    List<Party> parties = new ArrayList<>();
    for (int p = 0; p < 5; p++) {
      parties.add(acme.parties().create(PartyDraft.person("Person " + p).build()));
    }
    // some history, so that the optimizers have something to choose between
    for (int i = 0; i < 200; i++) {
      Party party = parties.get(i % parties.size());
      clock.advance(Duration.ofSeconds(1));
      Channel channel = Channel.values()[(i % 10) % 3]; // conversation C-k: party k % 5, channel k % 3
      acme.interactions().record((i % 2 == 0
          ? InteractionDraft.inbound(party.id(), channel, Purpose.SERVICE)
          : InteractionDraft.outbound(party.id(), channel, Purpose.SERVICE))
          .conversation("C-" + (i % 10)).occurredAt(clock.instant().minusSeconds(i % 7)).build());
    }
    QueryPlans.analyze(base, dialect, List.of("crm_interaction", "crm_interaction_last_contact", "crm_conversation"));
    captured.clear();

    Party ada = parties.get(0);
    clock.advance(Duration.ofSeconds(1));
    Interaction recorded = acme.interactions().record(InteractionDraft.inbound(ada.id(), Channel.EMAIL,
        Purpose.SERVICE).conversation("C-0").build());
    acme.interactions().record(InteractionDraft.inbound(ada.id(), Channel.PHONE, Purpose.SERVICE)
        .conversation("C-new").build());
    acme.interactions().get(recorded.id());
    Page<Interaction> first = acme.interactions().timeline(ada.id(), PageRequest.first(5));
    acme.interactions().timeline(ada.id(), PageRequest.first(5).next(first).orElseThrow());
    Page<Interaction> firstOfConversation = acme.interactions().conversationTimeline(ConversationId.of("C-0"),
        PageRequest.first(5));
    acme.interactions().conversationTimeline(ConversationId.of("C-0"),
        PageRequest.first(5).next(firstOfConversation).orElseThrow());
    acme.interactions().lastContacts(ada.id());
    long version = acme.interactions().conversation(ConversationId.of("C-0")).version();
    acme.interactions().setConversationState(ConversationId.of("C-0"), version, ConversationState.RESOLVED);

    Map<String, QueryPlans.Captured> statements = QueryPlans.selectsAndUpdatesOf(captured,
        List.of("crm_interaction", "crm_conversation"));
    assertThat(statements).as("the statements of the interaction queries").hasSizeGreaterThanOrEqualTo(7);
    QueryPlans.assertServedByIndexes(base, dialect, statements.values());
  }
}
