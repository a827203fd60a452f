package dev.etiquette.crm.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.etiquette.crm.Crm;
import dev.etiquette.crm.api.CrmTenant;
import dev.etiquette.crm.api.measure.BuiltInKpi;
import dev.etiquette.crm.api.measure.KpiDefinition;
import dev.etiquette.crm.api.measure.KpiValue;
import dev.etiquette.crm.api.measure.MeasurementPeriod;
import dev.etiquette.crm.api.measure.Measurements;
import dev.etiquette.crm.internal.InMemoryStorage;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Laws of the built-in KPIs through the public API ({@code Measurements.evaluate}) on generated datasets in the
 * in-memory storage, around the end of summer time in Paris: splitting a period in two and merging the counts of
 * the halves gives the whole period's counts and compliance; counts add up; NPS stays within ±100, shares within
 * [0, 100].
 */
class MeasurementApiLawsProperties {

  static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  /** The generated records fall from 24 to 27 October 2026. */
  static final LocalDate FIRST_DAY = LocalDate.of(2026, 10, 24);
  static final LocalDate AFTER_LAST_DAY = LocalDate.of(2026, 10, 28);

  @Provide
  Arbitrary<MeasurementDataset> datasets() {
    return DomainArbitraries.measurementDatasets();
  }

  static Measurements measurements(MeasurementDataset dataset, Instant now) {
    InMemoryStorage storage = new InMemoryStorage();
    dataset.writeTo(storage);
    Crm crm = Crm.builder().storage(storage).clock(Clock.fixed(now, ZoneOffset.UTC)).build();
    CrmTenant tenant = crm.tenant(dataset.tenant());
    tenant.configure(tenant.settings().withZone(PARIS));
    return tenant.measurement();
  }

  static MeasurementPeriod days(LocalDate from, LocalDate until) {
    return new MeasurementPeriod(from, until, PARIS);
  }

  static Map<String, Long> merged(KpiValue a, KpiValue b) {
    Map<String, Long> sum = new TreeMap<>(a.inputs());
    b.inputs().forEach((name, count) -> sum.merge(name, count, Long::sum));
    return sum;
  }

  @Property(tries = 60)
  void splittingAPeriodAndMergingTheCountsGivesTheSameCompliance(@ForAll("datasets") MeasurementDataset dataset,
      @ForAll @IntRange(min = 1, max = 3) int splitDay, @ForAll @IntRange(min = 0, max = 5 * 24) int nowHours) {
    Measurements m = measurements(dataset, FIRST_DAY.atStartOfDay(PARIS).toInstant().plusSeconds(nowHours * 3600L));
    LocalDate split = FIRST_DAY.plusDays(splitDay);

    for (KpiDefinition sla : List.of(BuiltInKpi.SLA_COMPLIANCE.definition(),
        BuiltInKpi.SLA_COMPLIANCE.with(Map.of("kind", "first_response")))) {
      KpiValue whole = m.evaluate(sla, days(FIRST_DAY, AFTER_LAST_DAY));
      KpiValue first = m.evaluate(sla, days(FIRST_DAY, split));
      KpiValue second = m.evaluate(sla, days(split, AFTER_LAST_DAY));

      Map<String, Long> counts = merged(first, second);
      assertThat(counts).isEqualTo(whole.inputs());
      long decided = counts.get("on_time") + counts.get("late") + counts.get("missed");
      assertThat(whole.value().isPresent()).isEqualTo(decided > 0);
      whole.value().ifPresent(v -> assertThat(v).isCloseTo(counts.get("on_time") * 100.0 / decided, within(1e-9))
          .isBetween(0.0, 100.0));
    }
  }

  @Property(tries = 60)
  void countsOfAPeriodAreTheSumsOfItsHalves(@ForAll("datasets") MeasurementDataset dataset,
      @ForAll @IntRange(min = 1, max = 3) int splitDay) {
    Measurements m = measurements(dataset, Instant.parse("2026-11-02T00:00:00Z"));
    LocalDate split = FIRST_DAY.plusDays(splitDay);

    for (BuiltInKpi count : List.of(BuiltInKpi.BREACHES, BuiltInKpi.ESCALATIONS, BuiltInKpi.CONTACTS_DENIED,
        BuiltInKpi.ACQUISITION)) {
      double whole = m.evaluate(count.definition(), days(FIRST_DAY, AFTER_LAST_DAY)).value().orElseThrow();
      double first = m.evaluate(count.definition(), days(FIRST_DAY, split)).value().orElseThrow();
      double second = m.evaluate(count.definition(), days(split, AFTER_LAST_DAY)).value().orElseThrow();

      assertThat(first + second).as(count.id()).isEqualTo(whole);
    }
    KpiValue denied = m.evaluate(BuiltInKpi.CONTACTS_DENIED.definition(), days(FIRST_DAY, AFTER_LAST_DAY));
    assertThat(denied.breakdown().values().stream().mapToDouble(Double::doubleValue).sum())
        .isEqualTo(denied.value().orElseThrow());
  }

  @Property(tries = 60)
  void scoresAndSharesStayInTheirRanges(@ForAll("datasets") MeasurementDataset dataset) {
    Measurements m = measurements(dataset, Instant.parse("2026-11-02T00:00:00Z"));
    MeasurementPeriod all = days(FIRST_DAY, AFTER_LAST_DAY);

    m.evaluate(BuiltInKpi.NPS.definition(), all).value().ifPresent(v -> assertThat(v).isBetween(-100.0, 100.0));
    m.evaluate(BuiltInKpi.CSAT.definition(), all).value().ifPresent(v -> assertThat(v).isBetween(0.0, 100.0));
    KpiValue retention = m.evaluate(BuiltInKpi.RETENTION.definition(), all);
    KpiValue churn = m.evaluate(BuiltInKpi.CHURN.definition(), all);
    retention.value().ifPresent(r -> assertThat(r + churn.value().orElseThrow()).isCloseTo(100, within(1e-9)));
    if (retention.inputs().get("acquired") == 0
        && retention.inputs().get("at_start").equals(retention.inputs().get("at_end"))
        && retention.inputs().get("at_start") > 0) {
      assertThat(retention.value()).contains(100.0); // no churn, no acquisition: everyone kept
    }
  }
}
