package dev.etiquette.crm.api.measure;

import static java.util.Objects.requireNonNull;

import dev.etiquette.crm.api.ValidationException;
import dev.etiquette.crm.api.Violation;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A key performance indicator of an objective: what is measured, which way is better, where it started, where
 * it should be by when, who answers for it and how often it is measured.
 *
 * @param id unique within the vision: 1 to 64 characters from {@code [a-z0-9_-]}, starting with a letter
 * @param name for people, 1 to 200 characters
 * @param definition what is computed
 * @param direction which way is better
 * @param baseline the value when the objective was set; finite
 * @param target the value to reach by the deadline; finite, and not equal to the baseline
 * @param deadline the day by which the target should be met (a date in the tenant's zone)
 * @param owner the stakeholder who answers for it (notifications about it are addressed to owner {@code owner});
 *     1 to 200 characters
 * @param cadence how often it is measured, and so the periods of its measurements
 */
public record Kpi(String id, String name, KpiDefinition definition, KpiDirection direction, double baseline,
    double target, LocalDate deadline, String owner, Cadence cadence) {

  private static final Pattern ID = Pattern.compile("[a-z][a-z0-9_-]{0,63}");

  public Kpi {
    requireNonNull(id, "id");
    requireNonNull(name, "name");
    requireNonNull(definition, "definition");
    requireNonNull(direction, "direction");
    requireNonNull(deadline, "deadline");
    requireNonNull(owner, "owner");
    requireNonNull(cadence, "cadence");
    if (!ID.matcher(id).matches()) {
      throw ValidationException.of("kpi.id", id, "must be 1 to 64 characters from [a-z0-9_-], starting with a letter");
    }
    if (name.isBlank() || name.length() > 200) {
      throw ValidationException.of("kpi.name", name, "must be 1 to 200 characters, not blank");
    }
    if (!Double.isFinite(baseline)) {
      throw ValidationException.of("kpi.baseline", String.valueOf(baseline), "must be a finite number");
    }
    if (!Double.isFinite(target)) {
      throw ValidationException.of("kpi.target", String.valueOf(target), "must be a finite number");
    }
    if (baseline == target) {
      throw ValidationException.of("kpi.target", String.valueOf(target), "must differ from the baseline");
    }
    if (owner.isBlank() || owner.length() > 200) {
      throw ValidationException.of("kpi.owner", owner, "must be 1 to 200 characters, not blank");
    }
  }

  /**
   * What {@code Measurements.define} finds wrong with this KPI beyond what its constructor checks: the problems of
   * its {@linkplain KpiDefinition#problems definition}, and a target that is not better than the baseline in the
   * KPI's direction (path {@code target}): a KPI that is meant to get worse cannot be on track.
   *
   * @param customNames the names of the registered custom KPIs
   * @return the problems, each with its path relative to the KPI; empty when there is none
   */
  public List<Violation> problems(Set<String> customNames) {
    List<Violation> problems = new ArrayList<>(definition.problems(customNames));
    if (!direction.meets(target, baseline)) {
      problems.add(new Violation("target", String.valueOf(target), "must be better than the baseline "
          + baseline + " in the KPI's direction, " + direction));
    }
    return problems;
  }

  /** Whether the value meets the target. */
  public boolean meetsTarget(double value) {
    return direction.meets(value, target);
  }
}
