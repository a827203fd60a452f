package dev.etiquette.crm.api.measure;

/** What a KPI's value counts or measures, so that reports can print it. */
public enum KpiUnit {
  /** A duration in minutes (fractions allowed). */
  MINUTES,
  /** A percentage: 0 to 100 for shares, any value for a return on investment. */
  PERCENT,
  /** A number of things: obligations, contacts, customers. */
  COUNT,
  /** A net promoter score, from -100 to 100. */
  SCORE,
  /** Whatever the host says: custom and manual KPIs. */
  NUMBER
}
