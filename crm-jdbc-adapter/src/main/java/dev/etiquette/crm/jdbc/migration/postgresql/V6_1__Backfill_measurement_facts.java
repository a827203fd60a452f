package dev.etiquette.crm.jdbc.migration.postgresql;

import dev.etiquette.crm.jdbc.internal.MeasurementFactsBackfill;

/**
 * Schema version 6.1 on PostgreSQL: the measurement facts of the rows written before version 6 (see
 * {@link MeasurementFactsBackfill}). Flyway finds it in the dialect's migration folder, next to the SQL migrations.
 */
public final class V6_1__Backfill_measurement_facts extends MeasurementFactsBackfill {}
