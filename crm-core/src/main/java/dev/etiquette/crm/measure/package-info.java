/**
 * Measurement output: {@link dev.etiquette.crm.measure.Reports} writes a
 * {@link dev.etiquette.crm.api.measure.Report} (from {@code CrmTenant.measurement().report()}) as JSON for programs
 * and as CSV for spreadsheets. The measurement system itself is {@link dev.etiquette.crm.api.measure.Measurements};
 * {@code docs/measurement.md} defines every KPI and the status method.
 */
package dev.etiquette.crm.measure;
