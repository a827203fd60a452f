package dev.etiquette.crm.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.etiquette.crm.api.Actor;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.measure.KpiValue;
import dev.etiquette.crm.api.measure.Measurement;
import dev.etiquette.crm.api.obligation.ObligationKind;
import dev.etiquette.crm.api.spi.FactStore.TimeBasis;
import dev.etiquette.crm.testkit.MeasurementDataset;
import dev.etiquette.crm.testkit.MeasurementSamples;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every query of the measurement aggregates and of the measurement store is served by an index: no table scan and
 * no scan of a whole index, so that a period's KPI costs what that period holds, not what the tenant's history
 * holds (the stage counts read the stage moves before the boundary, by their index). Unlike the outbox's and the
 * timeline's queries, which read rows in index order, an aggregate may sort what it selected: a percentile sorts
 * the period's durations, a count by label groups them; so sorts are allowed here, scans are not. The test records
 * the statements the storage prepares and asks each database for their plans (see {@link QueryPlans}).
 */
class MeasurementQueryPlanTest {

  private static final List<String> TABLES = List.of("crm_conversation", "crm_obligation",
      "crm_obligation_escalation", "crm_contact", "crm_interaction", "crm_party_stage", "crm_vision",
      "crm_measurement", "crm_ledger");

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void everyMeasurementQueryIsServedByAnIndex(Dialect dialect) throws Exception {
    DataSource base = TestDatabases.dataSource(dialect);
    List<QueryPlans.Captured> captured = new ArrayList<>();
    JdbcStorage storage = QueryPlans.recordingStorage(dialect, captured);
    String run = UUID.randomUUID().toString().substring(0, 8);
    TenantId tenant = TenantId.of("plan-" + run);
    // the hand-built dataset in many tenants, so that the optimizers have something to choose between
    for (int i = 0; i < 40; i++) {
      MeasurementDataset data = MeasurementSamples.dataset(i == 0 ? tenant : TenantId.of("other-" + i + "-" + run));
      data.writeTo(storage);
      storage.write(tx -> {
        tx.measurements().insert(data.tenant(), new Measurement("kpi-a", MeasurementSamples.OCTOBER,
            KpiValue.of(1.5, Map.of("answered", 3L)), false, MeasurementSamples.AS_OF, Actor.system(), 1));
        return null;
      });
    }
    QueryPlans.analyze(base, dialect, TABLES);
    captured.clear();

    Instant start = MeasurementSamples.OCT_START;
    Instant end = MeasurementSamples.OCT_END;
    storage.read(tx -> {
      tx.facts().firstResponseTimes(tenant, start, end, TimeBasis.ELAPSED);
      tx.facts().firstResponseTimes(tenant, start, end, TimeBasis.BUSINESS);
      tx.facts().resolutionTimes(tenant, start, end);
      tx.facts().slaCounts(tenant, start, end, MeasurementSamples.AS_OF, Optional.empty());
      tx.facts().slaCounts(tenant, start, end, MeasurementSamples.AS_OF, Optional.of(ObligationKind.FOLLOW_UP));
      tx.facts().breaches(tenant, start, end);
      tx.facts().escalations(tenant, start, end);
      tx.facts().deniedContacts(tenant, start, end);
      tx.facts().customers(tenant, start, end, MeasurementSamples.CUSTOMER_STAGES);
      tx.facts().stagesAt(tenant, end);
      tx.facts().surveyScores(tenant, "nps", start, end);
      tx.facts().ledgerTotals(tenant, LocalDate.of(2026, 10, 1), LocalDate.of(2026, 11, 1));
      tx.measurements().vision(tenant);
      tx.measurements().find(tenant, "kpi-a", LocalDate.of(2026, 10, 1), LocalDate.of(2026, 11, 1));
      tx.measurements().history(tenant, "kpi-a");
      tx.measurements().ledger(tenant, LocalDate.of(2026, 10, 1), LocalDate.of(2026, 11, 1));
      tx.measurements().ledgerEntry(tenant, "l1");
      return null;
    });

    Map<String, QueryPlans.Captured> statements = QueryPlans.selectsAndUpdatesOf(captured, TABLES);
    assertThat(statements).as("one statement per call").hasSize(17);
    // the listings read rows in index order, like the timeline's: no scan and no sort
    QueryPlans.assertServedByIndexes(base, dialect, statements.values().stream()
        .filter(c -> c.sql().startsWith("SELECT document")).toList());
    // the aggregates: no scan
    try (Connection connection = base.getConnection()) {
      if (dialect == Dialect.POSTGRESQL) {
        try (Statement s = connection.createStatement()) {
          s.execute("SET enable_seqscan = off");
        }
      }
      try {
        for (QueryPlans.Captured c : statements.values()) {
          String plan = QueryPlans.explain(connection, c);
          switch (dialect) {
            case POSTGRESQL -> assertThat(plan).as(c.sql()).doesNotContain("Seq Scan");
            // a derived table (the durations a percentile ranks) is read whole: it holds the period's rows only
            case MARIADB -> assertThat(plan.lines().filter(line -> !line.contains("table=<derived")))
                .as(c.sql() + "\n" + plan).noneMatch(line -> line.contains("type=ALL ") || line.contains("type=index "));
            case H2 -> assertThat(plan).as(c.sql()).doesNotContainIgnoringCase("tableScan");
          }
        }
      } finally {
        if (dialect == Dialect.POSTGRESQL) {
          try (Statement s = connection.createStatement()) {
            s.execute("RESET enable_seqscan");
          }
        }
      }
    }
  }
}
