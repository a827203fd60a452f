package dev.etiquette.crm.api.measure;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * A KPI's standing at an instant.
 *
 * @param kpi the KPI
 * @param status its status
 * @param latest the latest measurement with a value, if any
 * @param projected the trend's value at the deadline, if there is a measurement with a value
 * @param slopePerDay the trend's change per day (0 with fewer than two values)
 * @param points how many measurements the trend was fitted to
 * @param overdue the last closed period that has no measurement though it should by now, when the KPI is stale
 * @param at the instant of the assessment
 */
public record KpiAssessment(Kpi kpi, KpiStatus status, Optional<Measurement> latest, Optional<Double> projected,
    double slopePerDay, int points, Optional<MeasurementPeriod> overdue, Instant at) {

  public KpiAssessment {
    requireNonNull(kpi, "kpi");
    requireNonNull(status, "status");
    requireNonNull(latest, "latest");
    requireNonNull(projected, "projected");
    requireNonNull(overdue, "overdue");
    requireNonNull(at, "at");
  }

  /** Whether a measurement is overdue. */
  public boolean stale() {
    return overdue.isPresent();
  }
}
