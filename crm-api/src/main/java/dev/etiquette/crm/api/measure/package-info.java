/**
 * Measurement, the M of CRM: a {@link dev.etiquette.crm.api.measure.Vision} with objectives, each measured by
 * {@link dev.etiquette.crm.api.measure.Kpi}s on a {@link dev.etiquette.crm.api.measure.Cadence}; the
 * {@link dev.etiquette.crm.api.measure.Measurement}s kept as history; a status per KPI from the trend of its
 * measurements; the programme's costs and returns in a {@link dev.etiquette.crm.api.measure.LedgerEntry ledger};
 * and {@link dev.etiquette.crm.api.measure.Report}s. The entry point is
 * {@link dev.etiquette.crm.api.measure.Measurements}, from {@code CrmTenant.measurement()}.
 *
 * <p>Periods are half-open {@code [start, end)} in the tenant's time zone. A KPI with no data in its period has
 * no value, never zero. The exact definition of every built-in KPI is in {@code docs/measurement.md}.
 */
package dev.etiquette.crm.api.measure;
