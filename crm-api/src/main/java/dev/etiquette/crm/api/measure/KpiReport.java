package dev.etiquette.crm.api.measure;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import java.util.List;
import java.util.Optional;

/**
 * One KPI's line of a {@link Report}.
 *
 * @param kpi the KPI (its target, baseline, deadline, owner)
 * @param unit what its values measure
 * @param period the last closed period of its cadence at the report's instant
 * @param current the measurement of that period, if one was taken; its value may still be empty (no data)
 * @param previous earlier measurements, newest first, at most the report's depth
 * @param assessment its status, trend and staleness
 */
public record KpiReport(Kpi kpi, KpiUnit unit, MeasurementPeriod period, Optional<Measurement> current,
    List<Measurement> previous, KpiAssessment assessment) {

  public KpiReport {
    requireNonNull(kpi, "kpi");
    requireNonNull(unit, "unit");
    requireNonNull(period, "period");
    requireNonNull(current, "current");
    previous = ImmutableList.copyOf(requireNonNull(previous, "previous"));
    requireNonNull(assessment, "assessment");
  }
}
