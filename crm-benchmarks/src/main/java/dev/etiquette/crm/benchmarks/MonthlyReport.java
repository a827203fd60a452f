package dev.etiquette.crm.benchmarks;

import dev.etiquette.crm.api.CrmTenant;
import dev.etiquette.crm.api.measure.Kpi;
import dev.etiquette.crm.api.measure.KpiReport;
import dev.etiquette.crm.api.measure.KpiValue;
import dev.etiquette.crm.api.measure.MeasureRun;
import dev.etiquette.crm.api.measure.Measurement;
import dev.etiquette.crm.api.measure.Objective;
import dev.etiquette.crm.api.measure.Report;
import dev.etiquette.crm.api.measure.Vision;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The library's side of the measurement benchmarks: the monthly report of {@link MeasurementTemplate#vision()} as a
 * host takes it at the start of a month, {@code measureDue()} (every KPI measured for the month that has just
 * closed, the measurements stored) and then {@code report()}; and the comparison of KPI values.
 *
 * <p>{@code measureDue()} measures a KPI only for the closed periods it has not measured yet, so each run first
 * defines (outside the timing) the same vision with the KPI ids suffixed by the run's number: every KPI of the
 * vision then has no history, and the month is due again.
 */
final class MonthlyReport {

  private MonthlyReport() {}

  /** {@link MeasurementTemplate#vision()} with every KPI id followed by {@code -r<run>}. */
  static Vision visionOfRun(int run) {
    Vision vision = MeasurementTemplate.vision();
    List<Objective> objectives = new ArrayList<>();
    for (Objective o : vision.objectives()) {
      objectives.add(new Objective(o.id(), o.title(), o.kpis().stream().map(k -> new Kpi(k.id() + "-r" + run,
          k.name(), k.definition(), k.direction(), k.baseline(), k.target(), k.deadline(), k.owner(), k.cadence()))
          .toList()));
    }
    return new Vision(vision.statement(), objectives);
  }

  /** The KPI id of {@link MeasurementTemplate#vision()} that a run's id stands for. */
  static String baseId(String id) {
    int suffix = id.lastIndexOf("-r");
    return suffix < 0 ? id : id.substring(0, suffix);
  }

  /** The month's measurements and the report: what one library run does, once its vision is defined. */
  record Run(MeasureRun measured, Report report) {

    /** The values measured, by the KPI ids of {@link MeasurementTemplate#vision()}. */
    Map<String, KpiValue> values() {
      Map<String, KpiValue> values = new LinkedHashMap<>();
      for (Measurement m : measured.measured()) {
        if (!m.period().equals(MeasurementTemplate.MONTH)) {
          throw new IllegalStateException("measureDue measured " + m.kpi() + " for " + m.period()
              + ", expected " + MeasurementTemplate.MONTH);
        }
        values.put(baseId(m.kpi()), m.result());
      }
      return values;
    }

    /** Checks that the report shows the month's measurement of every KPI, as measured. */
    void checkReport() {
      Map<String, KpiValue> measured = values();
      int lines = 0;
      for (Report.ObjectiveReport objective : report.objectives()) {
        for (KpiReport line : objective.kpis()) {
          lines++;
          Measurement current = line.current().orElseThrow(() -> new IllegalStateException("the report has no"
              + " measurement of " + line.kpi().id() + " for " + line.period()));
          if (!current.result().equals(measured.get(baseId(line.kpi().id())))) {
            throw new IllegalStateException("the report shows " + current.result() + " for " + line.kpi().id()
                + ", measured " + measured.get(baseId(line.kpi().id())));
          }
        }
      }
      if (lines != measured.size()) {
        throw new IllegalStateException("the report has " + lines + " KPIs, " + measured.size() + " were measured");
      }
    }
  }

  /** One library run: the month measured for every KPI of the current vision, then the report. */
  static Run run(CrmTenant tenant) {
    MeasureRun measured = tenant.measurement().measureDue();
    return new Run(measured, tenant.measurement().report());
  }

  /**
   * Checks that two sets of KPI values are the same: the same KPIs, the same inputs and breakdowns, and values
   * equal to within 1e-9 of their size (they are computed the same way, and came out equal bit for bit here).
   *
   * @throws IllegalStateException naming every difference
   */
  static void checkSame(String what, Map<String, KpiValue> expected, Map<String, KpiValue> actual) {
    List<String> differences = new ArrayList<>();
    if (!expected.keySet().equals(actual.keySet())) {
      differences.add("KPIs " + actual.keySet() + ", expected " + expected.keySet());
    }
    for (Map.Entry<String, KpiValue> e : expected.entrySet()) {
      KpiValue a = actual.get(e.getKey());
      KpiValue x = e.getValue();
      if (a == null) {
        continue;
      }
      boolean values = x.value().isPresent() == a.value().isPresent() && (x.value().isEmpty()
          || Math.abs(x.value().get() - a.value().get()) <= 1e-9 * Math.max(1, Math.abs(x.value().get())));
      if (!values || !Objects.equals(x.inputs(), a.inputs()) || !Objects.equals(x.breakdown(), a.breakdown())) {
        differences.add(e.getKey() + ": " + a + ", expected " + x);
      }
    }
    if (!differences.isEmpty()) {
      throw new IllegalStateException(what + " differ: " + String.join("; ", differences));
    }
  }
}
