package dev.etiquette.crm.api.measure;

import dev.etiquette.crm.api.CrmTenant;

/**
 * A custom KPI: a plain function over the read model, registered by name with the {@code Crm} builder and used
 * by {@link KpiDefinition}s of that name. It must only read (through the tenant's facades), must be
 * deterministic for the same data and period, and should return {@link KpiValue#none} when the period has
 * nothing to measure. An exception it throws fails that KPI's measurement (a {@code CrmException} passes
 * through; any other is wrapped in a {@code MeasurementException} naming the KPI).
 */
@FunctionalInterface
public interface KpiFunction {

  /** Computes the value for the context's period. */
  KpiValue compute(Context context);

  /**
   * What a custom KPI is computed from.
   *
   * @param tenant the tenant's facades, to read from
   * @param definition the definition, with its parameters
   * @param period the period to measure
   */
  record Context(CrmTenant tenant, KpiDefinition definition, MeasurementPeriod period) {

    public Context {
      java.util.Objects.requireNonNull(tenant, "tenant");
      java.util.Objects.requireNonNull(definition, "definition");
      java.util.Objects.requireNonNull(period, "period");
    }
  }
}
