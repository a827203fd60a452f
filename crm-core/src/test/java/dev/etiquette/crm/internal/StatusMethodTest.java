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
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The status method of docs/measurement.md on hand-computed trends, and staleness at the edge of its grace. */
class StatusMethodTest {

  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  /** Weeks of 2026 from Monday 5 January: their ends are 7 days apart, so slopes come out exact. */
  static final LocalDate FIRST_MONDAY = LocalDate.of(2026, 1, 5);

  static MeasurementPeriod week(int n) {
    LocalDate start = FIRST_MONDAY.plusWeeks(n);
    return new MeasurementPeriod(start, start.plusWeeks(1), BERLIN);
  }

  static Measurement measured(String kpi, MeasurementPeriod period, Double value) {
    return new Measurement(kpi, period, new KpiValue(Optional.ofNullable(value), Map.of(), Map.of()), false,
        period.endInstant().plusSeconds(3600), Actor.system(), 1);
  }

  /** Weekly values from week 0 on. */
  static List<Measurement> weekly(Double... values) {
    List<Measurement> history = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      history.add(measured("frt", week(i), values[i]));
    }
    return history;
  }

  /** First response time from 240 to 60 minutes, lower is better, by {@code deadline}. */
  static Kpi frt(LocalDate deadline) {
    return new Kpi("frt", "First response time", BuiltInKpi.FIRST_RESPONSE_TIME.definition(),
        KpiDirection.LOWER_IS_BETTER, 240, 60, deadline, "alice", Cadence.WEEKLY);
  }

  /** The end of week 2, where the trend 200, 186, 172 (−2 a day) stands at 172. */
  static final LocalDate END_OF_WEEK_2 = week(2).end();
  static final Instant DURING_WEEK_3 = week(3).startInstant().plus(Duration.ofHours(30));

  @Nested
  class Fit {

    @Test
    void pointsOnALineGiveThatLine() {
      StatusMethod.Line line = StatusMethod.fit(new double[] {0, 1, 2}, new double[] {1, 3, 5});

      assertThat(line.slope()).isEqualTo(2.0);
      assertThat(line.intercept()).isEqualTo(1.0);
    }

    @Test
    void scatteredPointsGiveTheLeastSquaresLine() {
      // x̄ = 1.5, ȳ = 1.25, Sxy = 4.5, Sxx = 5: slope 0.9, intercept 1.25 − 1.35 = −0.1
      StatusMethod.Line line = StatusMethod.fit(new double[] {0, 1, 2, 3}, new double[] {0, 1, 1, 3});

      assertThat(line.slope()).isCloseTo(0.9, within(1e-12));
      assertThat(line.intercept()).isCloseTo(-0.1, within(1e-12));
    }

    @Test
    void onePointOrOneXGivesAFlatLineThroughTheMean() {
      assertThat(StatusMethod.fit(new double[] {20_000}, new double[] {7})).isEqualTo(new StatusMethod.Line(7, 0));
      assertThat(StatusMethod.fit(new double[] {5, 5}, new double[] {1, 3})).isEqualTo(new StatusMethod.Line(2, 0));
    }

    @Test
    void epochDaysLoseNoPrecision() {
      double x0 = LocalDate.of(2026, 1, 1).toEpochDay();
      StatusMethod.Line line = StatusMethod.fit(new double[] {x0, x0 + 7, x0 + 14}, new double[] {100, 93, 86});

      assertThat(line.slope()).isCloseTo(-1.0, within(1e-12));
      assertThat(line.at(x0 + 100)).isCloseTo(0.0, within(1e-9));
    }
  }

  @Nested
  class Status {

    @Test
    void aTrendThatReachesTheTargetByTheDeadlineIsOnTrack() {
      // 172 − 2 × 56 = 60: exactly the target
      KpiAssessment a = StatusMethod.assess(frt(END_OF_WEEK_2.plusDays(56)), weekly(200.0, 186.0, 172.0),
          DURING_WEEK_3, BERLIN);

      assertThat(a.status()).isEqualTo(KpiStatus.ON_TRACK);
      assertThat(a.projected().orElseThrow()).isCloseTo(60.0, within(1e-9));
      assertThat(a.slopePerDay()).isCloseTo(-2.0, within(1e-12));
      assertThat(a.points()).isEqualTo(3);
      assertThat(a.latest().orElseThrow().period()).isEqualTo(week(2));
    }

    @Test
    void aTrendThatFallsShortByAFifthOrLessIsAtRisk() {
      // 172 − 2 × 40 = 92: progress (92 − 240) ÷ (60 − 240) = 0.822
      KpiAssessment a = StatusMethod.assess(frt(END_OF_WEEK_2.plusDays(40)), weekly(200.0, 186.0, 172.0),
          DURING_WEEK_3, BERLIN);

      assertThat(a.projected().orElseThrow()).isCloseTo(92.0, within(1e-9));
      assertThat(a.status()).isEqualTo(KpiStatus.AT_RISK);
    }

    @Test
    void aTrendThatFallsShortByMoreIsOffTrack() {
      // 172 − 2 × 30 = 112: progress 128 ÷ 180 = 0.711
      KpiAssessment a = StatusMethod.assess(frt(END_OF_WEEK_2.plusDays(30)), weekly(200.0, 186.0, 172.0),
          DURING_WEEK_3, BERLIN);

      assertThat(a.status()).isEqualTo(KpiStatus.OFF_TRACK);
    }

    @Test
    void aLatestValueThatMeetsTheTargetIsAchievedWhateverTheTrend() {
      KpiAssessment a = StatusMethod.assess(frt(END_OF_WEEK_2.plusDays(30)), weekly(40.0, 50.0, 60.0),
          DURING_WEEK_3, BERLIN);

      assertThat(a.status()).isEqualTo(KpiStatus.ACHIEVED);
    }

    @Test
    void afterTheDeadlineAMissedTargetIsOffTrack() {
      LocalDate deadline = week(3).start().plusDays(1); // the Tuesday of week 3
      Kpi kpi = frt(deadline);
      List<Measurement> falling = weekly(200.0, 100.0, 61.0); // a steep trend, projected far below 60

      Instant lastDay = deadline.atTime(23, 59).atZone(BERLIN).toInstant();
      Instant dayAfter = deadline.plusDays(1).atStartOfDay(BERLIN).toInstant();

      assertThat(StatusMethod.assess(kpi, falling, lastDay, BERLIN).status()).isEqualTo(KpiStatus.ON_TRACK);
      assertThat(StatusMethod.assess(kpi, falling, dayAfter, BERLIN).status()).isEqualTo(KpiStatus.OFF_TRACK);
    }

    @Test
    void oneValueIsAFlatTrend() {
      KpiAssessment a = StatusMethod.assess(frt(LocalDate.of(2026, 12, 31)), weekly(90.0), DURING_WEEK_3, BERLIN);

      assertThat(a.projected()).contains(90.0);
      assertThat(a.slopePerDay()).isZero();
      assertThat(a.status()).isEqualTo(KpiStatus.AT_RISK); // progress (90 − 240) ÷ (60 − 240) = 0.833
    }

    @Test
    void withoutAValueThereIsNoData() {
      KpiAssessment a = StatusMethod.assess(frt(LocalDate.of(2026, 12, 31)), weekly(null, null), DURING_WEEK_3,
          BERLIN);

      assertThat(a.status()).isEqualTo(KpiStatus.NO_DATA);
      assertThat(a.latest()).isEmpty();
      assertThat(a.projected()).isEmpty();
      assertThat(a.points()).isZero();
    }

    @Test
    void periodsWithoutAValueAreLeftOutOfTheTrend() {
      KpiAssessment a = StatusMethod.assess(frt(END_OF_WEEK_2.plusDays(56)), weekly(200.0, null, 172.0),
          DURING_WEEK_3, BERLIN);

      // through (week 0, 200) and (week 2, 172): −2 a day
      assertThat(a.slopePerDay()).isCloseTo(-2.0, within(1e-12));
      assertThat(a.points()).isEqualTo(2);
      assertThat(a.latest().orElseThrow().period()).isEqualTo(week(2));
    }

    @Test
    void onlyTheLastSixValuesCount() {
      // two wild values first, then six on the line 200 − 2/day
      List<Measurement> history = weekly(5.0, 900.0, 200.0, 186.0, 172.0, 158.0, 144.0, 130.0);

      KpiAssessment a = StatusMethod.assess(frt(LocalDate.of(2026, 12, 31)), history, week(8).endInstant(),
          BERLIN);

      assertThat(a.points()).isEqualTo(StatusMethod.POINTS);
      assertThat(a.slopePerDay()).isCloseTo(-2.0, within(1e-12));
    }

    @Test
    void theHistoryNeedNotBeInOrder() {
      List<Measurement> history = new ArrayList<>(weekly(200.0, 186.0, 172.0));
      java.util.Collections.reverse(history);

      KpiAssessment a = StatusMethod.assess(frt(END_OF_WEEK_2.plusDays(56)), history, DURING_WEEK_3, BERLIN);

      assertThat(a.latest().orElseThrow().value()).contains(172.0);
      assertThat(a.status()).isEqualTo(KpiStatus.ON_TRACK);
    }

    @Test
    void higherIsBetterTooWithTheWorstOfAnObjectiveFirst() {
      Kpi nps = new Kpi("nps", "NPS", BuiltInKpi.NPS.definition(), KpiDirection.HIGHER_IS_BETTER, 10, 40,
          END_OF_WEEK_2.plusDays(15), "bob", Cadence.WEEKLY);
      // 10, 17, 24: +1 a day, 39 at the deadline: progress 29 ÷ 30
      KpiAssessment a = StatusMethod.assess(nps, weekly(10.0, 17.0, 24.0), DURING_WEEK_3, BERLIN);

      assertThat(a.status()).isEqualTo(KpiStatus.AT_RISK);
      assertThat(StatusMethod.severity(KpiStatus.OFF_TRACK)).isGreaterThan(StatusMethod.severity(KpiStatus.AT_RISK));
      assertThat(StatusMethod.severity(KpiStatus.AT_RISK)).isGreaterThan(StatusMethod.severity(KpiStatus.NO_DATA));
      assertThat(StatusMethod.severity(KpiStatus.NO_DATA)).isGreaterThan(StatusMethod.severity(KpiStatus.ON_TRACK));
      assertThat(StatusMethod.severity(KpiStatus.ON_TRACK)).isGreaterThan(StatusMethod.severity(KpiStatus.ACHIEVED));
    }
  }

  @Nested
  class Staleness {

    final Kpi kpi = frt(LocalDate.of(2026, 12, 31));
    /** Week 2 ends at local midnight, Monday 26 January 2026: 25 January 23:00 UTC. */
    final Instant endOfWeek2 = week(2).endInstant();

    @Test
    void theLastClosedPeriodIsOverdueADayAfterItsEnd() {
      List<Measurement> history = weekly(200.0, 186.0);

      assertThat(StatusMethod.overdue(kpi, history, endOfWeek2, BERLIN)).isEmpty();
      assertThat(StatusMethod.overdue(kpi, history, endOfWeek2.plus(Duration.ofHours(24)).minusNanos(1), BERLIN))
          .isEmpty();
      assertThat(StatusMethod.overdue(kpi, history, endOfWeek2.plus(Duration.ofHours(24)), BERLIN))
          .contains(week(2));
      assertThat(StatusMethod.assess(kpi, history, endOfWeek2.plus(Duration.ofDays(3)), BERLIN).stale()).isTrue();
    }

    @Test
    void aMeasurementWithoutValueIsNotOverdue() {
      assertThat(StatusMethod.overdue(kpi, weekly(200.0, 186.0, null), endOfWeek2.plus(Duration.ofDays(3)), BERLIN))
          .isEmpty();
    }

    @Test
    void onlyTheLastClosedPeriodIsLookedAt() {
      // week 1 was never measured, week 2 was: not stale
      List<Measurement> history = List.of(measured("frt", week(0), 1.0), measured("frt", week(2), 2.0));

      assertThat(StatusMethod.overdue(kpi, history, endOfWeek2.plus(Duration.ofDays(3)), BERLIN)).isEmpty();
    }

    @Test
    void aMonthIsOverdueADayAfterItsLocalEnd() {
      Kpi monthly = new Kpi("roi", "ROI", BuiltInKpi.ROI.definition(), KpiDirection.HIGHER_IS_BETTER, 0, 50,
          LocalDate.of(2026, 12, 31), "carol", Cadence.MONTHLY);
      // March ends at 1 April 00:00 CEST, 31 March 22:00 UTC
      Instant due = Instant.parse("2026-04-01T22:00:00Z");

      assertThat(StatusMethod.overdue(monthly, List.of(), due.minusSeconds(1), BERLIN)).isEmpty();
      assertThat(StatusMethod.overdue(monthly, List.of(), due, BERLIN)).contains(new MeasurementPeriod(
          LocalDate.of(2026, 3, 1), LocalDate.of(2026, 4, 1), BERLIN));
    }
  }
}
