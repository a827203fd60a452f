package dev.etiquette.crm.api.measure;

import dev.etiquette.crm.api.NotFoundException;
import dev.etiquette.crm.api.ValidationException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The tenant's measurement system ({@code CrmTenant.measurement()}): its vision, the KPIs' measurements and
 * status, the programme's ledger and reports. Every write is one transaction; a failed one changes nothing.
 * Periods are in the tenant's zone; KPI ids are those of the current vision.
 */
public interface Measurements {

  /**
   * Defines (or replaces) the tenant's vision. Every KPI's definition must be a built-in with allowed
   * parameters or a registered custom name; every problem is reported at once in a {@link ValidationException}
   * with the path of each ({@code objectives[1].kpis[0].definition.parameters.statistic}), and so is a target that
   * is not better than its baseline in the KPI's direction ({@link Kpi#problems}). Measurements of KPIs whose ids
   * stay are kept. The change is audited (record type {@code vision}); defining an equal vision changes nothing.
   *
   * @return the vision as defined
   * @throws ValidationException listing every problem; nothing is stored
   */
  Vision define(Vision vision);

  /** The current vision, if one was defined. */
  Optional<Vision> vision();

  /**
   * Computes the KPI for the period and stores it, replacing an earlier measurement of that period (whose value
   * the audit keeps). The period should be one of the KPI's cadence; any period is accepted.
   *
   * @throws NotFoundException when the vision has no such KPI
   * @throws ValidationException when the KPI is {@link BuiltInKpi#MANUAL manual}, or the period is not in the
   *     tenant's zone
   * @throws MeasurementException when the KPI's custom function fails
   */
  Measurement measure(String kpi, MeasurementPeriod period);

  /**
   * Stores a value the host supplies for a {@link BuiltInKpi#MANUAL manual} KPI, replacing an earlier one of the
   * period.
   *
   * @throws NotFoundException when the vision has no such KPI
   * @throws ValidationException when the KPI is not manual, the value is not finite, or the period is not in the
   *     tenant's zone
   */
  Measurement record(String kpi, MeasurementPeriod period, double value);

  /**
   * Computes a definition for a period without storing anything: a preview, or a one-off question.
   *
   * @throws ValidationException when the definition is not valid ({@link KpiDefinition#problems}) or manual, or the
   *     period is not in the tenant's zone
   * @throws MeasurementException when the custom function fails
   */
  KpiValue evaluate(KpiDefinition definition, MeasurementPeriod period);

  /** The KPI's measurements, oldest period first; empty when it has none (a KPI left out of the vision keeps them). */
  List<Measurement> history(String kpi);

  /**
   * Takes what is due at the clock's instant: for every computed KPI, a measurement of each closed period of its
   * cadence since its last measurement (at most the last twelve); then notifies the owner of every KPI that is
   * stale (once per overdue period) and of every KPI whose new status is off track (once per period). Notifications
   * are written only when some subscription takes their kind. {@code Crm.measureDue} and {@code Crm.startMeasuring}
   * run it for the tenants the host names.
   */
  MeasureRun measureDue();

  /**
   * The KPI's status, trend and staleness at the clock's instant.
   *
   * @throws NotFoundException when the vision has no such KPI
   */
  KpiAssessment assess(String kpi);

  /**
   * The report at the clock's instant, with up to five previous values per KPI.
   *
   * @throws NotFoundException when no vision was defined
   */
  Report report();

  /**
   * The report at an instant, with up to {@code depth} previous values per KPI: from the measurements of the periods
   * that had ended by then, as they are now.
   *
   * @throws NotFoundException when no vision was defined
   * @throws ValidationException when {@code depth} is negative
   */
  Report report(Instant at, int depth);

  /**
   * Adds an entry to the programme's ledger.
   *
   * @throws dev.etiquette.crm.api.DuplicateKeyException when an entry with that id exists
   */
  LedgerEntry addToLedger(LedgerEntry entry);

  /**
   * The ledger's entries dated from {@code from} (inclusive) to {@code until} (exclusive), by date then id.
   *
   * @throws ValidationException when {@code until} is before {@code from}
   */
  List<LedgerEntry> ledger(LocalDate from, LocalDate until);
}
