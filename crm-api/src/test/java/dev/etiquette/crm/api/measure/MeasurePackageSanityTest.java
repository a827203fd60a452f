package dev.etiquette.crm.api.measure;

import dev.etiquette.crm.api.Actor;
import dev.etiquette.crm.api.CrmPackageSanityTests;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Package sanity checks (nulls, equals/hashCode) over the public API of {@code dev.etiquette.crm.api.measure}: the
 * vision and its KPIs, periods, values, measurements, assessments, reports and the ledger.
 */
class MeasurePackageSanityTest extends CrmPackageSanityTests {

  /**
   * Values whose constructors check an invariant across parameters (a target apart from its baseline, a period's end
   * after its start, a version of at least 1, an objective with a KPI, a vision with an objective).
   * {@link com.google.common.testing.ClassSanityTester} would build invalid ones; they are checked through the
   * factories below instead.
   */
  private static final Set<Class<?>> CROSS_FIELD_INVARIANTS = Set.of(Kpi.class, MeasurementPeriod.class,
      Measurement.class, Objective.class, Vision.class);

  static final MeasurementPeriod MARCH = new MeasurementPeriod(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 4, 1),
      ZoneId.of("Europe/Berlin"));
  static final MeasurementPeriod APRIL = new MeasurementPeriod(LocalDate.of(2026, 4, 1), LocalDate.of(2026, 5, 1),
      ZoneId.of("Europe/Berlin"));
  static final Kpi FRT = new Kpi("frt", "First response", BuiltInKpi.FIRST_RESPONSE_TIME.definition(),
      KpiDirection.LOWER_IS_BETTER, 240, 60, LocalDate.of(2026, 12, 31), "alice", Cadence.MONTHLY);
  static final Kpi NPS = new Kpi("nps", "NPS", BuiltInKpi.NPS.definition(), KpiDirection.HIGHER_IS_BETTER, 10, 40,
      LocalDate.of(2027, 6, 30), "bob", Cadence.QUARTERLY);

  MeasurePackageSanityTest() {
    ignoreClasses(CROSS_FIELD_INVARIANTS::contains);
    distinct(double.class, 1.0, 2.5);
    distinct(long.class, 1L, 2L);
    distinct(KpiDefinition.class, BuiltInKpi.NPS.definition(), KpiDefinition.of("alpha", Map.of("beta", "gamma")));
    distinct(Kpi.class, FRT, NPS);
    distinct(Objective.class, new Objective("respond", "Answer fast", List.of(FRT)),
        new Objective("delight", "Delight", List.of(NPS)));
    distinct(MeasurementPeriod.class, MARCH, APRIL);
    distinct(KpiValue.class, KpiValue.of(1, Map.of("answered", 1L)), KpiValue.none(Map.of()));
    Measurement march = new Measurement("frt", MARCH, KpiValue.of(75, Map.of()), false, T1, Actor.system(), 1);
    Measurement april = new Measurement("frt", APRIL, KpiValue.none(Map.of()), true, T2, Actor.user("alice"), 2);
    distinct(Measurement.class, march, april);
    KpiAssessment onTrack = new KpiAssessment(FRT, KpiStatus.ON_TRACK, Optional.of(march), Optional.of(60.0), -1, 2,
        Optional.empty(), T1);
    KpiAssessment noData = new KpiAssessment(NPS, KpiStatus.NO_DATA, Optional.empty(), Optional.empty(), 0, 0,
        Optional.of(APRIL), T2);
    distinct(KpiAssessment.class, onTrack, noData);
    KpiReport frtLine = new KpiReport(FRT, KpiUnit.MINUTES, MARCH, Optional.of(march), List.of(), onTrack);
    KpiReport npsLine = new KpiReport(NPS, KpiUnit.SCORE, APRIL, Optional.empty(), List.of(april), noData);
    distinct(KpiReport.class, frtLine, npsLine);
    distinct(Report.ObjectiveReport.class,
        new Report.ObjectiveReport(new Objective("respond", "Answer fast", List.of(FRT)), KpiStatus.ON_TRACK,
            List.of(frtLine)),
        new Report.ObjectiveReport(new Objective("delight", "Delight", List.of(NPS)), KpiStatus.NO_DATA,
            List.of(npsLine)));
    distinct(LedgerEntry.class, LedgerEntry.cost("c-1", "licence", BigDecimal.TEN, LocalDate.of(2026, 3, 1), ""),
        LedgerEntry.value("v-1", "attributed_revenue", BigDecimal.ONE, LocalDate.of(2026, 3, 2), "deal"));
  }

  @Test
  public void valuesWithCrossFieldInvariants() throws Exception {
    for (Class<?> type : CROSS_FIELD_INVARIANTS) {
      classTester().forAllPublicStaticMethods(ValidInstances.class).thatReturn(type).testNulls().testEquals();
      nullTester().testAllPublicConstructors(type);
      nullTester().testAllPublicInstanceMethods(ValidInstances.sample(type));
    }
  }

  /** Factories of valid instances, each varying in its parameters. Public for the sanity testers. */
  public static final class ValidInstances {
    private ValidInstances() {}

    /** A KPI whose target is its baseline plus the gap, or minus it when lower is better. */
    public static Kpi kpi(String id, String name, KpiDefinition definition, KpiDirection direction, double baseline,
        long gap, LocalDate deadline, String owner, Cadence cadence) {
      double target = direction == KpiDirection.HIGHER_IS_BETTER ? baseline + gap : baseline - gap;
      return new Kpi(id, name, definition, direction, baseline, target, deadline, owner, cadence);
    }

    /** The period of {@code days} days from {@code start}. */
    public static MeasurementPeriod period(LocalDate start, long days, ZoneId zone) {
      return new MeasurementPeriod(start, start.plusDays(days), zone);
    }

    public static Measurement measurement(String kpi, MeasurementPeriod period, KpiValue result, boolean recorded,
        Instant takenAt, Actor takenBy, long version) {
      return new Measurement(kpi, period, result, recorded, takenAt, takenBy, version);
    }

    public static Objective objective(String id, String title, Kpi kpi) {
      return new Objective(id, title, List.of(kpi));
    }

    public static Vision vision(String statement, Objective objective) {
      return new Vision(statement, List.of(objective));
    }

    static Object sample(Class<?> type) {
      if (type == Objective.class) {
        return new Objective("respond", "Answer fast", List.of(FRT));
      }
      if (type == Vision.class) {
        return new Vision("Be quick", List.of(new Objective("respond", "Answer fast", List.of(FRT))));
      }
      if (type == Kpi.class) {
        return FRT;
      }
      if (type == MeasurementPeriod.class) {
        return MARCH;
      }
      return new Measurement("frt", MARCH, KpiValue.none(Map.of()), false, T1, Actor.system(), 1);
    }
  }
}
