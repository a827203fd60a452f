package dev.etiquette.crm.api.measure;

import static java.util.Objects.requireNonNull;

import dev.etiquette.crm.api.Actor;
import java.time.Instant;
import java.util.Optional;

/**
 * A KPI's value for one period, as taken at an instant. There is at most one measurement per KPI and period;
 * measuring the period again replaces it (the version grows by one) and the audit trail keeps the value it
 * replaced.
 *
 * @param kpi the KPI's id
 * @param period the period measured
 * @param result the value, inputs and breakdown
 * @param recorded true when the host supplied the value ({@code Measurements.record}), false when the library
 *     computed it
 * @param takenAt when it was taken, by the library's clock
 * @param takenBy who took it
 * @param version 1 for the first measurement of the period, one more for each replacement
 */
public record Measurement(String kpi, MeasurementPeriod period, KpiValue result, boolean recorded, Instant takenAt,
    Actor takenBy, long version) {

  public Measurement {
    requireNonNull(kpi, "kpi");
    requireNonNull(period, "period");
    requireNonNull(result, "result");
    requireNonNull(takenAt, "takenAt");
    requireNonNull(takenBy, "takenBy");
    if (version < 1) {
      throw new IllegalArgumentException("version must be at least 1, was " + version);
    }
  }

  /** The value, or empty when the period had no data. */
  public Optional<Double> value() {
    return result.value();
  }
}
