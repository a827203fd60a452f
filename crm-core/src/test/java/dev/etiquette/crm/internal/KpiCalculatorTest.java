package dev.etiquette.crm.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.measure.BuiltInKpi;
import dev.etiquette.crm.api.measure.Cadence;
import dev.etiquette.crm.api.measure.KpiDefinition;
import dev.etiquette.crm.api.measure.KpiValue;
import dev.etiquette.crm.api.measure.MeasurementPeriod;
import dev.etiquette.crm.api.obligation.ObligationKind;
import dev.etiquette.crm.api.party.LifecycleStage;
import dev.etiquette.crm.api.spi.FactStore.CustomerCounts;
import dev.etiquette.crm.api.spi.FactStore.Distribution;
import dev.etiquette.crm.api.spi.FactStore.LedgerTotals;
import dev.etiquette.crm.api.spi.FactStore.SlaCounts;
import dev.etiquette.crm.api.spi.FactStore.TimeBasis;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Each built-in definition on hand-computed aggregates: the value (in its unit), the inputs, the breakdown, no value
 * where the period has nothing to measure, and the interval each asks the fact store about, in a zone with daylight
 * saving time.
 */
class KpiCalculatorTest {

  static final TenantId ACME = TenantId.of("acme");
  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  /** March 2026 in Berlin: clocks go forward on the 29th, so the month is 743 hours long. */
  static final MeasurementPeriod MARCH = Cadence.MONTHLY.periodContaining(LocalDate.of(2026, 3, 10), BERLIN);
  static final Instant AS_OF = Instant.parse("2026-04-02T10:00:00Z");

  static KpiValue compute(RecordingFacts facts, KpiDefinition definition, MeasurementPeriod period) {
    return KpiCalculator.compute(definition.builtIn().orElseThrow(), definition, facts, ACME, period, AS_OF);
  }

  static long minutes(double m) {
    return Math.round(m * 60_000);
  }

  @Nested
  class PeriodBoundaries {

    @Test
    void aMonthThatSpringsForwardRunsFromLocalMidnightToLocalMidnight() {
      RecordingFacts facts = new RecordingFacts();

      compute(facts, BuiltInKpi.BREACHES.definition(), MARCH);

      // CET (+01:00) at the start, CEST (+02:00) at the end
      assertThat(facts.only()).isEqualTo(new RecordingFacts.Call("breaches",
          List.of(Instant.parse("2026-02-28T23:00:00Z"), Instant.parse("2026-03-31T22:00:00Z"))));
      assertThat(java.time.Duration.between(MARCH.startInstant(), MARCH.endInstant()).toHours()).isEqualTo(743);
    }

    @Test
    void aWeekThatFallsBackIsAnHourLonger() {
      RecordingFacts facts = new RecordingFacts();
      MeasurementPeriod week = Cadence.WEEKLY.periodContaining(LocalDate.of(2026, 10, 25), BERLIN);

      compute(facts, BuiltInKpi.ESCALATIONS.definition(), week);

      assertThat(week.start()).isEqualTo(LocalDate.of(2026, 10, 19));
      assertThat(facts.only()).isEqualTo(new RecordingFacts.Call("escalations",
          List.of(Instant.parse("2026-10-18T22:00:00Z"), Instant.parse("2026-10-25T23:00:00Z"))));
    }

    @Test
    void aQuarterAsksAboutItsWholeMonths() {
      RecordingFacts facts = new RecordingFacts();
      MeasurementPeriod q1 = Cadence.QUARTERLY.periodContaining(LocalDate.of(2026, 2, 14), BERLIN);

      compute(facts, BuiltInKpi.NPS.definition(), q1);

      assertThat(facts.only()).isEqualTo(new RecordingFacts.Call("surveyScores",
          List.of("nps", Instant.parse("2025-12-31T23:00:00Z"), Instant.parse("2026-03-31T22:00:00Z"))));
    }

    @Test
    void theLedgerIsAskedByDatesAndStagesAtThePeriodsEnd() {
      RecordingFacts facts = new RecordingFacts();

      compute(facts, BuiltInKpi.ROI.definition(), MARCH);
      compute(facts, BuiltInKpi.CUSTOMERS_BY_STAGE.definition(), MARCH);

      assertThat(facts.calls).containsExactly(
          new RecordingFacts.Call("ledgerTotals", List.of(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 4, 1))),
          new RecordingFacts.Call("stagesAt", List.of(Instant.parse("2026-03-31T22:00:00Z"))));
    }

    @Test
    void parametersChooseTheQuestion() {
      RecordingFacts facts = new RecordingFacts();

      compute(facts, BuiltInKpi.FIRST_RESPONSE_TIME.definition(), MARCH);
      compute(facts, BuiltInKpi.FIRST_RESPONSE_TIME.with(Map.of("time", "elapsed")), MARCH);
      compute(facts, BuiltInKpi.SLA_COMPLIANCE.definition(), MARCH);
      compute(facts, BuiltInKpi.SLA_COMPLIANCE.with(Map.of("kind", "follow_up")), MARCH);
      compute(facts, BuiltInKpi.CSAT.with(Map.of("survey", "post-call")), MARCH);
      compute(facts, BuiltInKpi.RETENTION.definition(), MARCH);

      Instant start = MARCH.startInstant();
      Instant end = MARCH.endInstant();
      assertThat(facts.calls).containsExactly(
          new RecordingFacts.Call("firstResponseTimes", List.of(start, end, TimeBasis.BUSINESS)),
          new RecordingFacts.Call("firstResponseTimes", List.of(start, end, TimeBasis.ELAPSED)),
          new RecordingFacts.Call("slaCounts", List.of(start, end, AS_OF, Optional.empty())),
          new RecordingFacts.Call("slaCounts", List.of(start, end, AS_OF, Optional.of(ObligationKind.FOLLOW_UP))),
          new RecordingFacts.Call("surveyScores", List.of("post-call", start, end)),
          new RecordingFacts.Call("customers", List.of(start, end,
              java.util.Set.of(LifecycleStage.CUSTOMER, LifecycleStage.EVANGELIST))));
    }

    @Test
    void aManualKpiIsNeverComputed() {
      assertThatThrownBy(() -> compute(new RecordingFacts(), BuiltInKpi.MANUAL.definition(), MARCH))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("never computed");
    }
  }

  @Nested
  class Durations {

    /** Replies after 1, 2, 3 and 10 minutes: median 2.5, p90 7.9 (r = 2.7: 3 + 0.7 × 7), mean 4. */
    final Distribution fourReplies = new Distribution(4, minutes(16), minutes(2.5), minutes(7.9));

    @Test
    void theStatisticsAreInMinutes() {
      RecordingFacts facts = new RecordingFacts();
      facts.firstResponses = fourReplies;

      KpiValue median = compute(facts, BuiltInKpi.FIRST_RESPONSE_TIME.definition(), MARCH);
      KpiValue p90 = compute(facts, BuiltInKpi.FIRST_RESPONSE_TIME.with(Map.of("statistic", "p90")), MARCH);
      KpiValue mean = compute(facts, BuiltInKpi.FIRST_RESPONSE_TIME.with(Map.of("statistic", "mean")), MARCH);

      assertThat(median).isEqualTo(KpiValue.of(2.5, Map.of("answered", 4L)));
      assertThat(p90.value().orElseThrow()).isCloseTo(7.9, within(1e-12));
      assertThat(mean).isEqualTo(KpiValue.of(4.0, Map.of("answered", 4L)));
    }

    @Test
    void theMeanIsTheTotalOverTheCount() {
      // 3 durations of 1, 1 and 2 ms: mean 4/3 ms
      KpiValue mean = KpiCalculator.duration(new Distribution(3, 4, 1, 1.8), "mean", "resolved");

      assertThat(mean.value().orElseThrow()).isEqualTo(4.0 / 3 / 60_000);
    }

    @Test
    void noConversationIsNoValueNotZero() {
      RecordingFacts facts = new RecordingFacts();

      KpiValue frt = compute(facts, BuiltInKpi.FIRST_RESPONSE_TIME.definition(), MARCH);
      KpiValue ttr = compute(facts, BuiltInKpi.TIME_TO_RESOLUTION.with(Map.of("statistic", "p90")), MARCH);

      assertThat(frt).isEqualTo(KpiValue.none(Map.of("answered", 0L)));
      assertThat(ttr).isEqualTo(KpiValue.none(Map.of("resolved", 0L)));
    }

    @Test
    void oneResolutionIsItsOwnMedianAndP90() {
      RecordingFacts facts = new RecordingFacts();
      facts.resolutions = new Distribution(1, minutes(90), minutes(90), minutes(90));

      assertThat(compute(facts, BuiltInKpi.TIME_TO_RESOLUTION.definition(), MARCH))
          .isEqualTo(KpiValue.of(90.0, Map.of("resolved", 1L)));
    }
  }

  @Nested
  class Obligations {

    @Test
    void complianceIsOnTimeOverDecidedPendingLeftOut() {
      // 6 on time, 2 late, 1 missed, 3 not yet due: 6 of 9
      KpiValue value = KpiCalculator.slaCompliance(new SlaCounts(6, 2, 1, 3));

      assertThat(value.value().orElseThrow()).isCloseTo(66.666_666, within(1e-5));
      assertThat(value.inputs()).isEqualTo(Map.of("on_time", 6L, "late", 2L, "missed", 1L, "pending", 3L));
    }

    @Test
    void nothingDecidedIsNoValue() {
      assertThat(KpiCalculator.slaCompliance(new SlaCounts(0, 0, 0, 5)).value()).isEmpty();
      assertThat(KpiCalculator.slaCompliance(new SlaCounts(0, 0, 1, 0)).value()).contains(0.0);
    }

    @Test
    void countsAlwaysHaveAValue() {
      RecordingFacts facts = new RecordingFacts();
      facts.breaches = 3;

      assertThat(compute(facts, BuiltInKpi.BREACHES.definition(), MARCH))
          .isEqualTo(KpiValue.of(3, Map.of("breaches", 3L)));
      assertThat(compute(facts, BuiltInKpi.ESCALATIONS.definition(), MARCH))
          .isEqualTo(KpiValue.of(0, Map.of("escalations", 0L)));
    }
  }

  @Nested
  class DeniedContacts {

    final Map<String, Long> denied = Map.of("marketing/cap", 4L, "consent", 2L, "quiet_hours", 1L);

    @Test
    void everyDenialCountsWithABreakdownByLabel() {
      KpiValue any = KpiCalculator.contactsDenied(denied, "any");

      assertThat(any.value()).contains(7.0);
      assertThat(any.inputs()).isEqualTo(Map.of("denied", 7L));
      assertThat(any.breakdown()).isEqualTo(Map.of("marketing/cap", 4.0, "consent", 2.0, "quiet_hours", 1.0));
    }

    @Test
    void oneRuleCountsItsOwn() {
      assertThat(KpiCalculator.contactsDenied(denied, "marketing/cap").value()).contains(4.0);
      assertThat(KpiCalculator.contactsDenied(denied, "do_not_contact").value()).contains(0.0);
      assertThat(KpiCalculator.contactsDenied(Map.of(), "any").value()).contains(0.0);
    }
  }

  @Nested
  class Customers {

    /** 40 customers at the start, 44 at the end, 6 of them new, 30 active. */
    final CustomerCounts march = new CustomerCounts(40, 44, 6, 30);

    @Test
    void retentionIsTheCustomersKeptOverThoseAtTheStart() {
      // (44 − 6) ÷ 40 = 95 %
      assertThat(KpiCalculator.retention(march))
          .isEqualTo(KpiValue.of(95.0, Map.of("at_start", 40L, "at_end", 44L, "acquired", 6L)));
      assertThat(KpiCalculator.churn(march).value().orElseThrow()).isCloseTo(5.0, within(1e-12));
    }

    @Test
    void acquisitionAndActiveCustomersAreCounts() {
      assertThat(KpiCalculator.acquisition(march).value()).contains(6.0);
      assertThat(KpiCalculator.activeCustomers(march).value()).contains(30.0);
      assertThat(KpiCalculator.activeCustomers(march).inputs()).containsEntry("active", 30L);
    }

    @Test
    void withoutCustomersAtTheStartThereIsNoRetentionNorChurn() {
      CustomerCounts firstMonth = new CustomerCounts(0, 5, 5, 5);

      assertThat(KpiCalculator.retention(firstMonth).value()).isEmpty();
      assertThat(KpiCalculator.churn(firstMonth).value()).isEmpty();
      assertThat(KpiCalculator.acquisition(firstMonth).value()).contains(5.0);
    }

    @Test
    void stagesAreCountedAtTheEndWithABreakdown() {
      Map<LifecycleStage, Long> stages = Map.of(LifecycleStage.LEAD, 12L, LifecycleStage.CUSTOMER, 44L,
          LifecycleStage.of("partner"), 3L);

      KpiValue any = KpiCalculator.customersByStage(stages, "any");

      assertThat(any.value()).contains(59.0);
      assertThat(any.breakdown()).isEqualTo(Map.of("lead", 12.0, "customer", 44.0, "partner", 3.0));
      assertThat(KpiCalculator.customersByStage(stages, "partner").value()).contains(3.0);
      assertThat(KpiCalculator.customersByStage(stages, "evangelist").value()).contains(0.0);
    }
  }

  @Nested
  class Surveys {

    @Test
    void npsIsPromotersMinusDetractorsOverAnswers() {
      // 5 promoters (9, 10), 3 passives (7, 8), 2 detractors (0..6), and 2 answers out of range: (5 − 2) ÷ 10
      Map<Integer, Long> scores = Map.of(10, 3L, 9, 2L, 8, 2L, 7, 1L, 3, 1L, 0, 1L, 11, 1L, -1, 1L);

      KpiValue nps = KpiCalculator.nps(scores);

      assertThat(nps.value()).contains(30.0);
      assertThat(nps.inputs()).isEqualTo(Map.of("answers", 10L, "promoters", 5L, "passives", 3L, "detractors", 2L,
          "ignored", 2L));
    }

    @Test
    void aSingleAnswerDecidesTheScore() {
      assertThat(KpiCalculator.nps(Map.of(10, 1L)).value()).contains(100.0);
      assertThat(KpiCalculator.nps(Map.of(6, 1L)).value()).contains(-100.0);
      assertThat(KpiCalculator.nps(Map.of(8, 1L)).value()).contains(0.0);
      assertThat(KpiCalculator.csat(Map.of(4, 1L)).value()).contains(100.0);
      assertThat(KpiCalculator.csat(Map.of(3, 1L)).value()).contains(0.0);
    }

    @Test
    void csatIsTheShareOfFoursAndFives() {
      // 4 and 5: 3 answers of 8; a 0 and a 7 are ignored
      KpiValue csat = KpiCalculator.csat(Map.of(5, 2L, 4, 1L, 3, 3L, 1, 2L, 0, 1L, 7, 1L));

      assertThat(csat.value()).contains(37.5);
      assertThat(csat.inputs()).isEqualTo(Map.of("answers", 8L, "satisfied", 3L, "ignored", 2L));
    }

    @Test
    void noAnswerIsNoValue() {
      assertThat(KpiCalculator.nps(Map.of()).value()).isEmpty();
      assertThat(KpiCalculator.nps(Map.of(11, 4L)).inputs()).containsEntry("ignored", 4L);
      assertThat(KpiCalculator.nps(Map.of(11, 4L)).value()).isEmpty();
      assertThat(KpiCalculator.csat(Map.of(0, 2L)).value()).isEmpty();
    }
  }

  @Nested
  class Roi {

    static LedgerTotals totals(String cost, String value, long costEntries, long valueEntries) {
      return new LedgerTotals(new BigDecimal(cost).setScale(4), new BigDecimal(value).setScale(4), costEntries,
          valueEntries);
    }

    @Test
    void roiIsTheGainOverTheCost() {
      // licences 1,200 + 10 h × 80 = 2,000 of cost; 3,000 of revenue: (3,000 − 2,000) ÷ 2,000 = 50 %
      KpiValue roi = KpiCalculator.roi(totals("2000", "3000", 2, 1));

      assertThat(roi.value()).contains(50.0);
      assertThat(roi.inputs()).isEqualTo(Map.of("cost_entries", 2L, "value_entries", 1L));
      assertThat(roi.breakdown()).isEqualTo(Map.of("cost", 2000.0, "value", 3000.0));
    }

    @Test
    void roiIsExactInDecimals() {
      // 0.1 + 0.2 of cost and 0.3 of value break even exactly: 0 %, not 1.8E-14
      assertThat(KpiCalculator.roi(totals("0.3", "0.3", 2, 1)).value()).contains(0.0);
      assertThat(KpiCalculator.roi(totals("3", "1", 1, 1)).value().orElseThrow())
          .isCloseTo(-66.666_666_666_666_67, within(1e-9));
    }

    @Test
    void noCostIsNoValue() {
      KpiValue roi = KpiCalculator.roi(totals("0", "500", 0, 1));

      assertThat(roi.value()).isEmpty();
      assertThat(roi.breakdown()).containsEntry("value", 500.0);
    }
  }
}
