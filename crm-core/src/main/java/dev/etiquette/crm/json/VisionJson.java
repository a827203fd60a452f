package dev.etiquette.crm.json;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.etiquette.crm.api.ValidationException;
import dev.etiquette.crm.api.Violation;
import dev.etiquette.crm.api.measure.Kpi;
import dev.etiquette.crm.api.measure.KpiDefinition;
import dev.etiquette.crm.api.measure.Objective;
import dev.etiquette.crm.api.measure.Vision;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Vision files: a {@link Vision} (its objectives and their KPIs) read from and written to JSON in {@link CrmJson}'s
 * format, with the layout and the error reporting of rule files ({@link RuleSetJson}). Its JSON Schema is
 * {@code docs/vision.schema.json}; {@code docs/measurement.md} describes it with an example.
 *
 * <pre>{@code
 * {
 *   "statement": "Customers hear from us fast and stay with us",
 *   "objectives": [
 *     {
 *       "id": "respond-fast",
 *       "title": "Answer every customer within the hour",
 *       "kpis": [
 *         {
 *           "id": "frt-p90",
 *           "name": "First response time, 90th percentile",
 *           "definition": {"name": "first_response_time", "parameters": {"statistic": "p90"}},
 *           "direction": "LOWER_IS_BETTER",
 *           "baseline": 240.0,
 *           "target": 60.0,
 *           "deadline": "2026-12-31",
 *           "owner": "alice",
 *           "cadence": "MONTHLY"
 *         }
 *       ]
 *     }
 *   ]
 * }
 * }</pre>
 *
 * <p>A KPI's definition is checked here as far as the file alone allows: a built-in's parameters and their values
 * and a target better than the baseline ({@link Kpi#problems}). A name that is not a built-in's is taken for a custom KPI, unless the custom
 * names are given ({@link #fromJson(String, Set)}); {@code Measurements.define} checks it against the ones the
 * {@code Crm} was built with in any case.
 *
 * <p>All methods are thread-safe.
 */
public final class VisionJson {

  private static final JsonFactory FACTORY = new JsonFactory();

  private VisionJson() {}

  /**
   * Reads a vision file. The file is accepted whole or not at all: a file with any problem is rejected with every
   * problem listed, and nothing of it is returned. A definition whose name is not a built-in KPI's is taken for a
   * custom KPI.
   *
   * @param json the file's text: one JSON object, a {@link Vision}
   * @return the vision
   * @throws NullPointerException if {@code json} is null
   * @throws ValidationException listing every problem, each with its JSON path, line and column
   *     ({@code $.objectives[1].kpis[0].definition.parameters.statistic (line 14, column 49)}), the offending value
   *     and what was expected: first every problem of form (syntax, unknown or missing properties, values of the
   *     wrong type or format), then, if there is none, every problem of meaning that the records check (ids,
   *     a target equal to the baseline, repeated ids), then, if there is none, every problem of the definitions
   */
  public static Vision fromJson(String json) {
    return read(json, Optional.empty());
  }

  /**
   * Reads a vision file as {@link #fromJson(String)} does, and also rejects a definition whose name is neither a
   * built-in KPI's nor one of {@code customKpis}.
   *
   * @param json the file's text
   * @param customKpis the names of the custom KPIs the file may use
   * @return the vision
   * @throws NullPointerException if an argument is null
   * @throws ValidationException as {@link #fromJson(String)}
   */
  public static Vision fromJson(String json, Set<String> customKpis) {
    return read(json, Optional.of(Set.copyOf(requireNonNull(customKpis, "customKpis"))));
  }

  private static Vision read(String json, Optional<Set<String>> customKpis) {
    Vision vision = CrmJson.fromJson(requireNonNull(json, "json"), Vision.class);
    List<Problem> problems = new ArrayList<>();
    for (int o = 0; o < vision.objectives().size(); o++) {
      Objective objective = vision.objectives().get(o);
      for (int k = 0; k < objective.kpis().size(); k++) {
        Kpi kpi = objective.kpis().get(k);
        for (Violation violation : kpi.problems(customKpis.orElse(Set.of(kpi.definition().name())))) {
          List<Object> path = new ArrayList<>(List.of("objectives", o, "kpis", k));
          path.addAll(segments(violation.path()));
          problems.add(new Problem(path, Optional.empty(), null, violation.value(), violation.message()));
        }
      }
    }
    if (problems.isEmpty()) {
      return vision;
    }
    Map<List<Object>, JsonLocation> locations = locations(json);
    List<Violation> violations = new ArrayList<>();
    for (Problem problem : problems) {
      violations.add(new Violation(Paths.withLocation(Paths.render(problem.path()), locations.get(problem.path())),
          problem.value(), problem.message()));
    }
    throw new ValidationException(violations);
  }

  /**
   * A path {@link Kpi#problems} gives as segments: {@code target}, {@code definition.name},
   * {@code definition.parameters.<name>} (a parameter's name may hold dots).
   */
  private static List<Object> segments(String path) {
    String parameters = "definition.parameters.";
    if (path.startsWith(parameters)) {
      return List.of("definition", "parameters", path.substring(parameters.length()));
    }
    return List.of((Object[]) path.split("\\."));
  }

  /** Where each scalar value of a document (that has been read without error) is, by its path. */
  private static Map<List<Object>, JsonLocation> locations(String json) {
    Map<List<Object>, JsonLocation> locations = new HashMap<>();
    try (JsonParser parser = FACTORY.createParser(json)) {
      for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
        if (token.isScalarValue()) {
          locations.put(Paths.segments(parser.getParsingContext().pathAsPointer()), parser.currentTokenLocation());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e); // the document was read once already: it parses
    }
    return locations;
  }

  /**
   * Writes a vision as a file for people: the same JSON as {@link CrmJson#toJson}, laid out with two-space
   * indentation, one property or array item per line, and a final newline. Equal visions give identical text,
   * and {@link #fromJson} reads it back as an equal vision.
   *
   * @throws NullPointerException if {@code vision} is null
   */
  public static String toJson(Vision vision) {
    requireNonNull(vision, "vision");
    return FileLayout.write(vision);
  }
}
