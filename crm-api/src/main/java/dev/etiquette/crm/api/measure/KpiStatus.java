package dev.etiquette.crm.api.measure;

/**
 * Where a KPI stands against its target, from the trend of its measurements projected to the deadline (the
 * method is in {@code docs/measurement.md}, "Status").
 */
public enum KpiStatus {
  /** The latest measurement meets the target. */
  ACHIEVED,
  /** Not met yet, but the trend reaches the target by the deadline. */
  ON_TRACK,
  /** The trend falls short of the target by the deadline, but by at most a fifth of the way from the baseline. */
  AT_RISK,
  /** The trend falls short by more, or the deadline has passed without the target met. */
  OFF_TRACK,
  /** No measurement with a value yet. */
  NO_DATA
}
