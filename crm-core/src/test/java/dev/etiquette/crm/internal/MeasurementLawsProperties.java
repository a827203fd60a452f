package dev.etiquette.crm.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.etiquette.crm.api.Actor;
import dev.etiquette.crm.api.measure.BuiltInKpi;
import dev.etiquette.crm.api.measure.Cadence;
import dev.etiquette.crm.api.measure.Kpi;
import dev.etiquette.crm.api.measure.KpiAssessment;
import dev.etiquette.crm.api.measure.KpiDirection;
import dev.etiquette.crm.api.measure.KpiStatus;
import dev.etiquette.crm.api.measure.KpiValue;
import dev.etiquette.crm.api.measure.Measurement;
import dev.etiquette.crm.api.measure.MeasurementPeriod;
import dev.etiquette.crm.api.spi.FactStore.CustomerCounts;
import dev.etiquette.crm.api.spi.FactStore.SlaCounts;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.Statistics;

/**
 * Laws of the KPI calculators and of the status method:
 * <ul>
 *   <li>NPS is within [−100, 100], CSAT and SLA compliance within [0, 100];</li>
 *   <li>retention of a period with no churn and no acquisition is 100 %, and churn + retention = 100;</li>
 *   <li>splitting a period's obligations in two and merging the counts gives the same compliance, and compliance
 *       lies between the two halves';</li>
 *   <li>mirroring a KPI (direction flipped, baseline, target and every value negated) keeps its status and
 *       negates its projection;</li>
 *   <li>a projection that meets the target is never worse than one that does not, and a projection better in the
 *       KPI's direction is never worse;</li>
 *   <li>achieved exactly when the latest value meets the target; the trend through points on a line is that
 *       line.</li>
 * </ul>
 */
class MeasurementLawsProperties {

  static final ZoneId ZONE = ZoneId.of("America/New_York");

  // ------------------------------------------------------------------------------------------ calculators

  @Provide
  Arbitrary<Map<Integer, Long>> scores() {
    return Arbitraries.maps(Arbitraries.integers().between(-3, 14), Arbitraries.longs().between(0, 1_000_000))
        .ofMaxSize(18);
  }

  @Property
  void npsIsWithinMinusAndPlusHundred(@ForAll("scores") Map<Integer, Long> scores) {
    KpiValue nps = KpiCalculator.nps(scores);

    nps.value().ifPresent(v -> assertThat(v).isBetween(-100.0, 100.0));
    long answers = nps.inputs().get("answers");
    assertThat(nps.value().isPresent()).isEqualTo(answers > 0);
    assertThat(answers + nps.inputs().get("ignored"))
        .isEqualTo(scores.values().stream().mapToLong(Long::longValue).sum());
    assertThat(nps.inputs().get("promoters") + nps.inputs().get("passives") + nps.inputs().get("detractors"))
        .isEqualTo(answers);
  }

  @Property
  void csatIsAShare(@ForAll("scores") Map<Integer, Long> scores) {
    KpiCalculator.csat(scores).value().ifPresent(v -> assertThat(v).isBetween(0.0, 100.0));
  }

  @Property
  void retentionWithoutChurnOrAcquisitionIsWhole(@ForAll @LongRange(min = 1, max = 10_000_000) long customers,
      @ForAll @LongRange(min = 0, max = 10_000_000) long activeShare) {
    CustomerCounts steady = new CustomerCounts(customers, customers, 0, Math.min(activeShare, customers));

    assertThat(KpiCalculator.retention(steady).value()).contains(100.0);
    assertThat(KpiCalculator.churn(steady).value()).contains(0.0);
  }

  @Property
  void churnAndRetentionMakeAHundred(@ForAll @LongRange(max = 1_000_000) long atStart,
      @ForAll @LongRange(max = 1_000_000) long atEnd, @ForAll @LongRange(max = 1_000_000) long acquired) {
    CustomerCounts counts = new CustomerCounts(atStart, atEnd, acquired, 0);

    Optional<Double> retention = KpiCalculator.retention(counts).value();
    Optional<Double> churn = KpiCalculator.churn(counts).value();

    assertThat(retention.isPresent()).isEqualTo(atStart > 0);
    assertThat(churn.isPresent()).isEqualTo(atStart > 0);
    retention.ifPresent(r -> assertThat(r + churn.get()).isCloseTo(100.0, within(1e-9)));
  }

  @Provide
  Arbitrary<SlaCounts> slaCounts() {
    Arbitrary<Long> n = Arbitraries.longs().between(0, 100_000);
    return Combinators.combine(n, n, n, n).as(SlaCounts::new);
  }

  /** The counts of a period are the sums of the counts of its two halves, whatever the split. */
  @Property
  void splittingAPeriodAndMergingTheCountsGivesTheSameCompliance(@ForAll("slaCounts") SlaCounts first,
      @ForAll("slaCounts") SlaCounts second) {
    SlaCounts merged = new SlaCounts(first.onTime() + second.onTime(), first.late() + second.late(),
        first.missed() + second.missed(), first.pending() + second.pending());
    long decided = merged.onTime() + merged.late() + merged.missed();

    Optional<Double> whole = KpiCalculator.slaCompliance(merged).value();

    assertThat(whole.isPresent()).isEqualTo(decided > 0);
    whole.ifPresent(w -> {
      assertThat(w).isCloseTo(merged.onTime() * 100.0 / decided, within(1e-9)).isBetween(0.0, 100.0);
      double low = 100;
      double high = 0;
      for (SlaCounts half : List.of(first, second)) {
        Optional<Double> part = KpiCalculator.slaCompliance(half).value();
        if (part.isPresent()) {
          low = Math.min(low, part.get());
          high = Math.max(high, part.get());
        }
      }
      assertThat(w).isBetween(low - 1e-9, high + 1e-9); // a weighted mean of the halves
    });
    assertThat(KpiCalculator.slaCompliance(merged).inputs()).isEqualTo(Map.of("on_time", merged.onTime(),
        "late", merged.late(), "missed", merged.missed(), "pending", merged.pending()));
  }

  // ------------------------------------------------------------------------------------------ status

  /** A KPI with its target better than its baseline, a deadline in 2026, measured monthly. */
  @Provide
  Arbitrary<Kpi> kpis() {
    Arbitrary<Double> baseline = Arbitraries.integers().between(-1000, 1000).map(i -> i / 4.0);
    Arbitrary<Double> gap = Arbitraries.integers().between(1, 2000).map(i -> i / 4.0);
    Arbitrary<KpiDirection> direction = Arbitraries.of(KpiDirection.class);
    Arbitrary<LocalDate> deadline = Arbitraries.integers().between(0, 364).map(d -> LocalDate.of(2026, 1, 1)
        .plusDays(d));
    return Combinators.combine(baseline, gap, direction, deadline).as((b, g, d, dl) -> new Kpi("k", "K",
        BuiltInKpi.MANUAL.definition(), d, b, d == KpiDirection.HIGHER_IS_BETTER ? b + g : b - g, dl, "owner",
        Cadence.MONTHLY));
  }

  @Provide
  Arbitrary<List<Optional<Double>>> values() {
    return Arbitraries.integers().between(-3000, 3000).map(i -> i / 4.0).optional(0.85).list().ofMaxSize(10);
  }

  @Provide
  Arbitrary<Instant> instants() {
    return Arbitraries.longs().between(Instant.parse("2025-06-01T00:00:00Z").getEpochSecond(),
        Instant.parse("2027-03-01T00:00:00Z").getEpochSecond()).map(Instant::ofEpochSecond);
  }

  /** Monthly measurements from January 2025 on, the n-th holding the n-th value (or none). */
  static List<Measurement> monthly(List<Optional<Double>> values) {
    List<Measurement> history = new ArrayList<>();
    MeasurementPeriod period = Cadence.MONTHLY.periodContaining(LocalDate.of(2025, 1, 1), ZONE);
    for (Optional<Double> value : values) {
      history.add(new Measurement("k", period, new KpiValue(value, Map.of(), Map.of()), true,
          period.endInstant(), Actor.system(), 1));
      period = Cadence.MONTHLY.next(period);
    }
    return history;
  }

  static Kpi mirror(Kpi kpi) {
    KpiDirection flipped = kpi.direction() == KpiDirection.HIGHER_IS_BETTER ? KpiDirection.LOWER_IS_BETTER
        : KpiDirection.HIGHER_IS_BETTER;
    return new Kpi(kpi.id(), kpi.name(), kpi.definition(), flipped, -kpi.baseline(), -kpi.target(), kpi.deadline(),
        kpi.owner(), kpi.cadence());
  }

  @Property
  void mirroringAKpiKeepsItsStatus(@ForAll("kpis") Kpi kpi, @ForAll("values") List<Optional<Double>> values,
      @ForAll("instants") Instant at) {
    List<Optional<Double>> negated = values.stream().map(v -> v.map(x -> x == 0 ? 0.0 : -x)).toList();

    KpiAssessment a = StatusMethod.assess(kpi, monthly(values), at, ZONE);
    KpiAssessment m = StatusMethod.assess(mirror(kpi), monthly(negated), at, ZONE);

    assertThat(m.status()).isEqualTo(a.status());
    assertThat(m.points()).isEqualTo(a.points());
    // the generators reach every status, so the law is not checked on one kind of case only
    Statistics.collect(a.status());
    Statistics.coverage(coverage -> {
      for (KpiStatus status : KpiStatus.values()) {
        coverage.check(status).count(n -> n > 0);
      }
    });
    assertThat(m.overdue()).isEqualTo(a.overdue());
    a.projected().ifPresent(p -> assertThat(m.projected().orElseThrow()).isCloseTo(-p, within(1e-6)));
  }

  @Property
  void aProjectionThatMeetsTheTargetIsNeverWorse(@ForAll("kpis") Kpi kpi,
      @ForAll @DoubleRange(min = -1000, max = 1000) double latest, @ForAll @DoubleRange(min = -1000, max = 1000)
      double p1, @ForAll @DoubleRange(min = -1000, max = 1000) double p2, @ForAll("instants") Instant at) {
    LocalDate today = at.atZone(ZONE).toLocalDate();
    double better = kpi.direction().meets(p1, p2) ? p1 : p2;
    double worse = better == p1 ? p2 : p1;

    KpiStatus ofBetter = StatusMethod.status(kpi, latest, better, today);
    KpiStatus ofWorse = StatusMethod.status(kpi, latest, worse, today);

    assertThat(StatusMethod.severity(ofBetter)).isLessThanOrEqualTo(StatusMethod.severity(ofWorse));
    if (kpi.meetsTarget(p1) && !kpi.meetsTarget(p2)) {
      assertThat(StatusMethod.severity(StatusMethod.status(kpi, latest, p1, today)))
          .isLessThanOrEqualTo(StatusMethod.severity(StatusMethod.status(kpi, latest, p2, today)));
    }
    if (!today.isAfter(kpi.deadline()) && kpi.meetsTarget(p1)) {
      assertThat(StatusMethod.status(kpi, latest, p1, today)).isIn(KpiStatus.ON_TRACK, KpiStatus.ACHIEVED);
    }
  }

  @Property
  void achievedExactlyWhenTheLatestValueMeetsTheTarget(@ForAll("kpis") Kpi kpi,
      @ForAll("values") List<Optional<Double>> values, @ForAll("instants") Instant at) {
    KpiAssessment a = StatusMethod.assess(kpi, monthly(values), at, ZONE);

    Optional<Double> latest = values.stream().filter(Optional::isPresent).map(Optional::get)
        .reduce((x, y) -> y);
    assertThat(a.status() == KpiStatus.NO_DATA).isEqualTo(latest.isEmpty());
    latest.ifPresent(l -> assertThat(a.status() == KpiStatus.ACHIEVED).isEqualTo(kpi.meetsTarget(l)));
    assertThat(a.points()).isEqualTo((int) Math.min(StatusMethod.POINTS, values.stream()
        .filter(Optional::isPresent).count()));
  }

  @Property
  void theTrendThroughPointsOnALineIsThatLine(@ForAll @IntRange(min = -500, max = 500) int intercept,
      @ForAll @IntRange(min = -50, max = 50) int slope, @ForAll @Size(min = 2, max = 8) List<@IntRange(min = 19_000,
      max = 22_000) Integer> days) {
    Assume.that(days.stream().distinct().count() > 1);
    double[] xs = days.stream().mapToDouble(Integer::doubleValue).toArray();
    double[] ys = days.stream().mapToDouble(d -> intercept + (double) slope * d).toArray();

    StatusMethod.Line line = StatusMethod.fit(xs, ys);

    assertThat(line.slope()).isCloseTo(slope, within(1e-6));
    assertThat(line.at(20_000)).isCloseTo(intercept + slope * 20_000.0, within(1e-4));
  }

  @Property
  void staleExactlyWhenTheLastClosedPeriodIsUnmeasuredADayAfterItsEnd(@ForAll("kpis") Kpi kpi,
      @ForAll("values") List<Optional<Double>> values, @ForAll("instants") Instant at) {
    List<Measurement> history = monthly(values);
    MeasurementPeriod last = Cadence.MONTHLY.lastClosed(at, ZONE);
    boolean measured = history.stream().anyMatch(m -> m.period().equals(last));
    boolean late = !at.isBefore(last.endInstant().plus(StatusMethod.GRACE));

    assertThat(StatusMethod.overdue(kpi, history, at, ZONE)).isEqualTo(
        !measured && late ? Optional.of(last) : Optional.empty());
  }
}
