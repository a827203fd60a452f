package dev.etiquette.crm.api.measure;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import dev.etiquette.crm.api.ValidationException;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the business wants its customer relationships to be, and the objectives that measure it. A tenant has at
 * most one vision; defining another replaces it (measurements of KPIs kept by id stay).
 *
 * @param statement the vision in a sentence or two, 1 to 2,000 characters
 * @param objectives at least one; objective ids unique, KPI ids unique across the whole vision
 */
public record Vision(String statement, List<Objective> objectives) {

  public Vision {
    requireNonNull(statement, "statement");
    objectives = ImmutableList.copyOf(requireNonNull(objectives, "objectives"));
    if (statement.isBlank() || statement.length() > 2000) {
      throw ValidationException.of("vision.statement", statement, "must be 1 to 2,000 characters, not blank");
    }
    if (objectives.isEmpty()) {
      throw ValidationException.of("vision.objectives", "[]", "a vision needs at least one objective");
    }
    Set<String> objectiveIds = new HashSet<>();
    Set<String> kpiIds = new HashSet<>();
    for (Objective objective : objectives) {
      if (!objectiveIds.add(objective.id())) {
        throw ValidationException.of("vision.objectives", objective.id(), "objective ids must be unique");
      }
      for (Kpi kpi : objective.kpis()) {
        if (!kpiIds.add(kpi.id())) {
          throw ValidationException.of("vision.kpis", kpi.id(), "KPI ids must be unique across the vision");
        }
      }
    }
  }

  /** Every KPI, in the order of the objectives and then of their KPIs. */
  public List<Kpi> kpis() {
    return objectives.stream().flatMap(o -> o.kpis().stream()).toList();
  }

  /** The KPI with that id, if the vision has it. */
  public Optional<Kpi> kpi(String id) {
    requireNonNull(id, "id");
    return kpis().stream().filter(k -> k.id().equals(id)).findFirst();
  }

  /** The objective the KPI belongs to, if the vision has it. */
  public Optional<Objective> objectiveOf(String kpiId) {
    requireNonNull(kpiId, "kpiId");
    return objectives.stream().filter(o -> o.kpis().stream().anyMatch(k -> k.id().equals(kpiId))).findFirst();
  }
}
