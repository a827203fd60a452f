package dev.etiquette.crm.api.measure;

/** Which way a KPI improves. */
public enum KpiDirection {
  /** Larger values are better: a target is met by a value at or above it. */
  HIGHER_IS_BETTER,
  /** Smaller values are better: a target is met by a value at or below it. */
  LOWER_IS_BETTER;

  /** Whether the value meets the target in this direction. */
  public boolean meets(double value, double target) {
    return this == HIGHER_IS_BETTER ? value >= target : value <= target;
  }
}
