package dev.etiquette.crm.api.measure;

import static java.util.Objects.requireNonNull;

import dev.etiquette.crm.api.CrmException;

/** A KPI could not be measured: its custom function failed. The message names the KPI and the period. */
public final class MeasurementException extends CrmException {

  private static final long serialVersionUID = 1L;

  private final String kpi;

  /**
   * @param kpi the KPI's id (or, for an evaluated definition, its name)
   * @param message what failed
   * @param cause what the function threw; null when it failed without an exception (it returned null)
   */
  public MeasurementException(String kpi, String message, Throwable cause) {
    super("KPI " + requireNonNull(kpi, "kpi") + ": " + requireNonNull(message, "message"), cause);
    this.kpi = kpi;
  }

  /** The KPI that failed. */
  public String kpi() {
    return kpi;
  }
}
