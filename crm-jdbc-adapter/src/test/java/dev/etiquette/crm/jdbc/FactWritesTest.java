package dev.etiquette.crm.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.interaction.Interaction;
import dev.etiquette.crm.api.obligation.Obligation;
import dev.etiquette.crm.api.obligation.ObligationState;
import dev.etiquette.crm.api.party.AttributeValue;
import dev.etiquette.crm.api.party.LifecycleStage;
import dev.etiquette.crm.api.party.Party;
import dev.etiquette.crm.testkit.MeasurementSamples;
import dev.etiquette.crm.testkit.Samples;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The measurement facts cost the hot write paths no round trip: they are columns of the statements that write the
 * records (an interaction, a conversation, an obligation, a contact), and the rows of their own (a party's stage
 * moves, an obligation's escalation steps) are written only for records that have some, in one batch. The test
 * records the statements the storage prepares.
 */
class FactWritesTest {

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void factsAddNoStatementToTheHotWritePaths(Dialect dialect) {
    List<QueryPlans.Captured> captured = new ArrayList<>();
    JdbcStorage storage = QueryPlans.recordingStorage(dialect, captured);
    TenantId tenant = TenantId.of("w-" + UUID.randomUUID().toString().substring(0, 8));

    // a bulk import of parties without a stage: the statements of before, none for stages
    List<Party> plain = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      plain.add(Samples.organization(tenant, "o" + i, "Organization " + i));
    }
    captured.clear();
    storage.write(tx -> {
      tx.parties().insertAll(plain);
      return null;
    });
    assertThat(statements(captured)).as("importing parties without a stage").noneMatch(s -> s.contains("crm_party_stage"))
        .hasSize(1);

    // parties with stages: one batch for all of their moves
    List<Party> staged = List.of(MeasurementSamples.party(tenant, "s1", "lead", "2026-01-01T00:00:00Z", "customer",
        "2026-02-01T00:00:00Z"), MeasurementSamples.party(tenant, "s2", "customer", "2026-01-01T00:00:00Z"));
    captured.clear();
    storage.write(tx -> {
      tx.parties().insertAll(staged);
      return null;
    });
    assertThat(statements(captured)).as("importing parties with stages")
        .filteredOn(s -> s.contains("crm_party_stage")).hasSize(1);

    // an interaction, a survey answer among them: its insert and the last contact, as before
    Interaction answer = MeasurementSamples.answer(tenant, "a1", "s1", "nps", AttributeValue.of(new BigDecimal(9)),
        "2026-02-02T10:00:00Z");
    captured.clear();
    storage.write(tx -> {
      tx.interactions().insert(answer);
      return null;
    });
    assertThat(statements(captured)).as("recording an interaction").hasSize(2);

    // an obligation that has not escalated: its own statement alone; one that has: one batch more
    Obligation open = Samples.obligation(tenant, "ob1").party("s1").build();
    Obligation breached = Samples.obligation(tenant, "ob1").party("s1").state(ObligationState.BREACHED).build();
    Obligation escalated = Samples.obligation(tenant, "ob1").party("s1").state(ObligationState.BREACHED)
        .escalated(2).build();
    captured.clear();
    storage.write(tx -> {
      tx.obligations().insert(open);
      tx.obligations().update(breached, open.version());
      return null;
    });
    assertThat(statements(captured)).as("an obligation without escalations").hasSize(2)
        .noneMatch(s -> s.contains("crm_obligation_escalation"));
    captured.clear();
    storage.write(tx -> {
      tx.obligations().update(escalated, breached.version());
      return null;
    });
    assertThat(statements(captured)).as("an escalated obligation").hasSize(2)
        .filteredOn(s -> s.contains("crm_obligation_escalation")).hasSize(1);

    // the facts were written: the stage rows, the survey answer, the escalation steps
    long steps = storage.read(tx -> tx.facts().escalations(tenant, open.dueAt(), open.dueAt().plusSeconds(86_400)));
    assertThat(steps).isEqualTo(2);
    Map<Integer, Long> scores = storage.read(tx -> tx.facts().surveyScores(tenant, "nps", answer.occurredAt(),
        answer.occurredAt().plusSeconds(1)));
    assertThat(scores).isEqualTo(Map.of(9, 1L));
    Map<LifecycleStage, Long> stages = storage.read(tx -> tx.facts().stagesAt(tenant,
        Instant.parse("2026-03-01T00:00:00Z")));
    assertThat(stages).isEqualTo(Map.of(LifecycleStage.CUSTOMER, 2L));
  }

  private static List<String> statements(List<QueryPlans.Captured> captured) {
    synchronized (captured) {
      return captured.stream().map(QueryPlans.Captured::sql).toList();
    }
  }
}
