package dev.etiquette.crm.api.measure;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import dev.etiquette.crm.api.TenantId;
import java.time.Instant;
import java.util.List;

/**
 * The vision's state at an instant: every objective with every KPI's latest value, target, previous values,
 * status and inputs. {@code dev.etiquette.crm.measure.Reports} writes it as JSON or CSV.
 *
 * @param tenantId the tenant
 * @param at the instant it describes
 * @param vision the vision's statement
 * @param objectives one line per objective, in the vision's order
 */
public record Report(TenantId tenantId, Instant at, String vision, List<ObjectiveReport> objectives) {

  public Report {
    requireNonNull(tenantId, "tenantId");
    requireNonNull(at, "at");
    requireNonNull(vision, "vision");
    objectives = ImmutableList.copyOf(requireNonNull(objectives, "objectives"));
  }

  /**
   * An objective's part of the report.
   *
   * @param objective the objective
   * @param status the worst status of its KPIs (off track before at risk before no data before on track before
   *     achieved)
   * @param kpis one line per KPI, in the objective's order
   */
  public record ObjectiveReport(Objective objective, KpiStatus status, List<KpiReport> kpis) {

    public ObjectiveReport {
      requireNonNull(objective, "objective");
      requireNonNull(status, "status");
      kpis = ImmutableList.copyOf(requireNonNull(kpis, "kpis"));
    }
  }
}
