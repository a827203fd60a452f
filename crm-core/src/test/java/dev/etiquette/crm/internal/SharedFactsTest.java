package dev.etiquette.crm.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.measure.BuiltInKpi;
import dev.etiquette.crm.api.measure.KpiDefinition;
import dev.etiquette.crm.api.measure.KpiValue;
import dev.etiquette.crm.api.measure.MeasurementPeriod;
import dev.etiquette.crm.api.spi.FactStore;
import dev.etiquette.crm.api.spi.FactStore.CustomerCounts;
import dev.etiquette.crm.api.spi.FactStore.Distribution;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link SharedFacts}: the KPIs of one computation ask each distinct aggregate once, and get the delegate's answer. */
class SharedFactsTest {

  static final TenantId TENANT = TenantId.of("t");
  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  static final MeasurementPeriod MARCH = new MeasurementPeriod(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 4, 1),
      BERLIN);
  static final MeasurementPeriod APRIL = new MeasurementPeriod(LocalDate.of(2026, 4, 1), LocalDate.of(2026, 5, 1),
      BERLIN);
  static final Instant AS_OF = Instant.parse("2026-05-02T10:00:00Z");

  /** Every computed built-in, the first response time in three forms and SLA compliance in two. */
  static final List<KpiDefinition> DEFINITIONS = List.of(
      BuiltInKpi.FIRST_RESPONSE_TIME.definition(),
      BuiltInKpi.FIRST_RESPONSE_TIME.with(Map.of("statistic", "mean")),
      BuiltInKpi.FIRST_RESPONSE_TIME.with(Map.of("statistic", "p90", "time", "elapsed")),
      BuiltInKpi.TIME_TO_RESOLUTION.definition(),
      BuiltInKpi.SLA_COMPLIANCE.definition(),
      BuiltInKpi.SLA_COMPLIANCE.with(Map.of("kind", "first_response")),
      BuiltInKpi.BREACHES.definition(),
      BuiltInKpi.ESCALATIONS.definition(),
      BuiltInKpi.CONTACTS_DENIED.definition(),
      BuiltInKpi.ACTIVE_CUSTOMERS.definition(),
      BuiltInKpi.CUSTOMERS_BY_STAGE.definition(),
      BuiltInKpi.ACQUISITION.definition(),
      BuiltInKpi.RETENTION.definition(),
      BuiltInKpi.CHURN.definition(),
      BuiltInKpi.NPS.definition(),
      BuiltInKpi.CSAT.definition(),
      BuiltInKpi.ROI.definition());

  static RecordingFacts facts() {
    RecordingFacts facts = new RecordingFacts();
    facts.firstResponses = new Distribution(4, 240_000, 30_000, 150_000);
    facts.customers = new CustomerCounts(10, 11, 2, 7);
    facts.scores = Map.of(10, 3L, 3, 1L);
    return facts;
  }

  static List<KpiValue> values(FactStore facts, MeasurementPeriod period) {
    return DEFINITIONS.stream().map(d -> KpiCalculator.compute(d.builtIn().orElseThrow(), d, facts, TENANT, period,
        AS_OF)).toList();
  }

  @Test
  void theKpisOfAPeriodAskEachDistinctAggregateOnce() {
    RecordingFacts recording = facts();
    values(new SharedFacts(recording), MARCH);

    assertThat(recording.calls).extracting(RecordingFacts.Call::method).containsExactly(
        "firstResponseTimes", "firstResponseTimes", "resolutionTimes", "slaCounts", "slaCounts", "breaches",
        "escalations", "deniedContacts", "customers", "stagesAt", "surveyScores", "surveyScores", "ledgerTotals");
    assertThat(recording.calls).filteredOn(c -> c.method().equals("customers")).hasSize(1);
  }

  @Test
  void theValuesAreThoseOfTheDelegate() {
    assertThat(values(new SharedFacts(facts()), MARCH)).isEqualTo(values(facts(), MARCH));
  }

  @Test
  void anotherPeriodIsAnotherQuestion() {
    RecordingFacts recording = facts();
    SharedFacts shared = new SharedFacts(recording);
    values(shared, MARCH);
    int march = recording.calls.size();
    values(shared, APRIL);
    values(shared, MARCH);

    assertThat(recording.calls).hasSize(2 * march);
    assertThat(recording.calls.subList(march, 2 * march))
        .doesNotContainAnyElementsOf(recording.calls.subList(0, march));
  }
}
