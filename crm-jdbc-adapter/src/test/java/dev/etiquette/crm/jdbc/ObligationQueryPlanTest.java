package dev.etiquette.crm.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.interaction.ConversationId;
import dev.etiquette.crm.api.notification.NotificationKind;
import dev.etiquette.crm.api.obligation.AssignedTo;
import dev.etiquette.crm.api.obligation.Obligation;
import dev.etiquette.crm.api.obligation.ObligationId;
import dev.etiquette.crm.api.obligation.ObligationKind;
import dev.etiquette.crm.api.obligation.ObligationQuery;
import dev.etiquette.crm.api.obligation.ObligationState;
import dev.etiquette.crm.api.party.PartyId;
import dev.etiquette.crm.api.spi.ObligationPosition;
import dev.etiquette.crm.testkit.Samples;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every query the obligation, notification and rule set stores run on a hot path is served by an index, in order:
 * no table scan and no sort, so that recording an interaction (which reads a conversation's and a party's
 * unsettled obligations), processing due work (which claims by the next due instant) and reading a queue cost the
 * same however many obligations a tenant has had. The test records the statements the storage prepares and asks
 * each database for their plans (see {@link QueryPlans}).
 */
class ObligationQueryPlanTest {

  private static final List<String> TABLES = List.of("crm_obligation", "crm_notification", "crm_rule_set");

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void everyObligationQueryIsServedByAnIndexWithoutSorting(Dialect dialect) throws Exception {
    DataSource base = TestDatabases.dataSource(dialect);
    List<QueryPlans.Captured> captured = new ArrayList<>();
    JdbcStorage storage = QueryPlans.recordingStorage(dialect, captured);
    String run = UUID.randomUUID().toString().substring(0, 8);
    TenantId tenant = TenantId.of("plan-" + run);
    TenantId other = TenantId.of("other-" + run);
    List<AssignedTo> assignees = List.of(AssignedTo.team("support"), AssignedTo.owner("alice"),
        AssignedTo.role("head_of_support"));
    ObligationState[] states = ObligationState.values();
    // a history of mostly settled obligations, so that the optimizers have something to choose between
    List<Obligation> obligations = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      Instant created = Samples.T0.plus(Duration.ofMinutes(i));
      Samples.ObligationBuilder sample = Samples.obligation(i % 5 == 0 ? other : tenant, "o" + i)
          .party("p" + i % 20).assignee(assignees.get(i % assignees.size())).createdAt(created)
          .dueAt(created.plus(Duration.ofHours(1 + i % 7))).state(states[(i * 7) % states.length]).escalated(i % 3);
      if (i % 2 == 0) {
        sample.response("c" + i % 40);
      } else {
        sample.kind(i % 3 == 0 ? ObligationKind.DORMANCY : ObligationKind.FOLLOW_UP);
      }
      obligations.add(sample.build());
    }
    storage.write(tx -> {
      obligations.forEach(tx.obligations()::insert);
      for (Obligation o : obligations.subList(0, 200)) {
        tx.notifications().append(Samples.notification(o, NotificationKind.OBLIGATION_WARNING, "warning", o.dueAt()));
        tx.notifications().append(Samples.notification(o, NotificationKind.OBLIGATION_BREACHED, "breach", o.dueAt()));
      }
      for (int version = 1; version <= 3; version++) {
        tx.ruleSets().insert(tenant, Samples.ruleSet("support", version, "plan"));
        tx.ruleSets().insert(other, Samples.ruleSet("support", version, "plan"));
      }
      return null;
    });
    QueryPlans.analyze(base, dialect, TABLES);
    captured.clear();

    Instant now = Samples.T0.plus(Duration.ofHours(6));
    Obligation one = obligations.get(1);
    storage.read(tx -> {
      tx.obligations().find(tenant, one.id());
      tx.obligations().unsettledOfConversation(tenant, ConversationId.of("c2"));
      tx.obligations().ofConversation(tenant, ConversationId.of("c2"));
      tx.obligations().latestOfConversation(tenant, ConversationId.of("c2"));
      tx.obligations().unsettledOfParty(tenant, PartyId.of("p3"));
      tx.notifications().ofObligation(tenant, one.id());
      tx.ruleSets().all(tenant); // the names and versions, then the documents the cache lacks
      tx.ruleSets().all(tenant); // the names and versions only
      ObligationPosition position = new ObligationPosition(now, ObligationId.of("o50"));
      for (ObligationQuery query : List.of(ObligationQuery.all(), ObligationQuery.outstanding(),
          ObligationQuery.escalated(), ObligationQuery.outstanding().withAssignee(AssignedTo.team("support")),
          ObligationQuery.all().withStates(Set.of(ObligationState.SATISFIED_LATE, ObligationState.CANCELLED)))) {
        tx.obligations().search(tenant, query, Optional.empty(), 20);
        tx.obligations().search(tenant, query, Optional.of(position), 20);
      }
      return null;
    });
    storage.write(tx -> {
      tx.obligations().claimDue(Optional.of(tenant), now, 5);
      tx.obligations().claimDue(Optional.empty(), now, 5);
      tx.obligations().update(Samples.advanced(one, ObligationState.CANCELLED, now), one.version());
      return null;
    });

    assertThat(captured).filteredOn(c -> c.sql().contains("document FROM crm_rule_set"))
        .as("rule set documents are read once, then come from the storage's cache").hasSize(1);
    Map<String, QueryPlans.Captured> statements = QueryPlans.selectsAndUpdatesOf(captured, TABLES);
    assertThat(statements).as("the statements of the obligation queries").hasSizeGreaterThanOrEqualTo(15);
    QueryPlans.assertServedByIndexes(base, dialect, statements.values());
  }
}
