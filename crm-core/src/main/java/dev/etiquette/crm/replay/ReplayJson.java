package dev.etiquette.crm.replay;

import static java.util.Objects.requireNonNull;

import dev.etiquette.crm.api.ValidationException;
import dev.etiquette.crm.json.CrmJson;

/**
 * Scenario files, outcomes and diffs as JSON, in {@link CrmJson}'s format (records as objects named after their
 * components, a step's kind in {@code "type"}, instants as ISO-8601 strings in UTC, empty optionals left out), laid
 * out for people as rule files are: two-space indentation, one property or item per line, a final newline. Equal
 * values always give identical text. See {@code docs/replay.md}.
 *
 * <p>All methods are thread-safe.
 */
public final class ReplayJson {

  private ReplayJson() {}

  /**
   * Reads a scenario file, strictly and whole: a file with any problem is rejected with every problem listed.
   *
   * @param json the file's text: one JSON object, a {@link Scenario}
   * @return the scenario
   * @throws NullPointerException if {@code json} is null
   * @throws ValidationException listing every problem, each with its JSON path, line and column
   *     ({@code $.steps[3].party (line 40, column 16)}), the offending value and what was expected: first every
   *     problem of form (syntax, unknown or missing properties, values of the wrong type, an unknown step type),
   *     then, if there is none, every problem of meaning that {@link Scenario} and the rule set check
   */
  public static Scenario readScenario(String json) {
    return CrmJson.fromJson(requireNonNull(json, "json"), Scenario.class);
  }

  /** Writes a scenario as a scenario file; {@link #readScenario} reads it back as an equal scenario. */
  public static String write(Scenario scenario) {
    return layOut(CrmJson.toJson(requireNonNull(scenario, "scenario")));
  }

  /** Writes an outcome. */
  public static String write(ReplayOutcome outcome) {
    return layOut(CrmJson.toJson(requireNonNull(outcome, "outcome")));
  }

  /** Writes a diff. */
  public static String write(ReplayDiff diff) {
    return layOut(CrmJson.toJson(requireNonNull(diff, "diff")));
  }

  /**
   * Lays compact JSON out for people: two spaces per level, one property or item per line, {@code "name": value},
   * empty objects and arrays as {@code {}} and {@code []}, and a final newline. Text inside strings is left as is.
   */
  static String layOut(String compact) {
    StringBuilder out = new StringBuilder(compact.length() * 2);
    int depth = 0;
    boolean inString = false;
    for (int i = 0; i < compact.length(); i++) {
      char c = compact.charAt(i);
      if (inString) {
        out.append(c);
        if (c == '\\') {
          out.append(compact.charAt(++i));
        } else if (c == '"') {
          inString = false;
        }
        continue;
      }
      switch (c) {
        case '"' -> {
          inString = true;
          out.append(c);
        }
        case '{', '[' -> {
          char close = c == '{' ? '}' : ']';
          if (i + 1 < compact.length() && compact.charAt(i + 1) == close) {
            out.append(c).append(close);
            i++;
          } else {
            depth++;
            out.append(c);
            newLine(out, depth);
          }
        }
        case '}', ']' -> {
          depth--;
          newLine(out, depth);
          out.append(c);
        }
        case ',' -> {
          out.append(c);
          newLine(out, depth);
        }
        case ':' -> out.append(": ");
        default -> out.append(c);
      }
    }
    return out.append('\n').toString();
  }

  private static void newLine(StringBuilder out, int depth) {
    out.append('\n');
    for (int i = 0; i < depth; i++) {
      out.append("  ");
    }
  }
}
