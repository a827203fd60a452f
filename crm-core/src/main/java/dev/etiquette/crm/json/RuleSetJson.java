package dev.etiquette.crm.json;

import static java.util.Objects.requireNonNull;

import dev.etiquette.crm.api.ValidationException;
import dev.etiquette.crm.api.rules.RuleSet;

/**
 * Rule files: a {@link RuleSet} read from and written to JSON in the format of {@code docs/rules.md}, whose JSON
 * Schema is {@code docs/rules.schema.json}. It is {@link CrmJson}'s format; this class only adds a layout for
 * people (two-space indentation, one property or item per line, a final newline) and a name to look for.
 *
 * <p>All methods are thread-safe.
 */
public final class RuleSetJson {

  private RuleSetJson() {}

  /**
   * Reads a rule file. The file is accepted whole or not at all: a file with any problem is rejected with every
   * problem listed, and nothing of it is returned.
   *
   * @param json the rule file's text: one JSON object, a {@link RuleSet}
   * @return the rule set, valid
   * @throws NullPointerException if {@code json} is null
   * @throws ValidationException listing every problem, each with its JSON path, line and column
   *     ({@code $.obligations[2].targets[0].within (line 31, column 23)}), the offending value and what was
   *     expected: first every problem of form (syntax, unknown or missing properties, values of the wrong type or
   *     format); if there is none, every problem of meaning that {@link RuleSet} checks
   */
  public static RuleSet fromJson(String json) {
    return CrmJson.fromJson(requireNonNull(json, "json"), RuleSet.class);
  }

  /**
   * Writes a rule set as a rule file for people: the same JSON as {@link CrmJson#toJson}, laid out with two-space
   * indentation, one property or array item per line, and a final newline. Equal rule sets give identical text,
   * and {@link #fromJson} reads it back as an equal rule set.
   *
   * @throws NullPointerException if {@code ruleSet} is null
   */
  public static String toJson(RuleSet ruleSet) {
    requireNonNull(ruleSet, "ruleSet");
    return FileLayout.write(ruleSet);
  }
}
