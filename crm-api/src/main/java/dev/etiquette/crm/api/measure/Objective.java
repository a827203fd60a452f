package dev.etiquette.crm.api.measure;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import dev.etiquette.crm.api.ValidationException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One objective of the vision, measured by its KPIs.
 *
 * @param id unique within the vision: 1 to 64 characters from {@code [a-z0-9_-]}, starting with a letter
 * @param title for people, 1 to 200 characters
 * @param kpis at least one
 */
public record Objective(String id, String title, List<Kpi> kpis) {

  private static final Pattern ID = Pattern.compile("[a-z][a-z0-9_-]{0,63}");

  public Objective {
    requireNonNull(id, "id");
    requireNonNull(title, "title");
    kpis = ImmutableList.copyOf(requireNonNull(kpis, "kpis"));
    if (!ID.matcher(id).matches()) {
      throw ValidationException.of("objective.id", id,
          "must be 1 to 64 characters from [a-z0-9_-], starting with a letter");
    }
    if (title.isBlank() || title.length() > 200) {
      throw ValidationException.of("objective.title", title, "must be 1 to 200 characters, not blank");
    }
    if (kpis.isEmpty()) {
      throw ValidationException.of("objective.kpis", id, "an objective needs at least one KPI");
    }
  }
}
