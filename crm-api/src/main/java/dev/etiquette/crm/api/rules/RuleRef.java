package dev.etiquette.crm.api.rules;

import static java.util.Objects.requireNonNull;

/**
 * Which rule produced an outcome (an obligation, a warning, a breach, an escalation): the rule set's name and
 * version and the rule's id. Outcomes record it so that a report can say which version of the rules was in
 * force, and a replay can compare two versions.
 *
 * @param ruleSet the rule set's name
 * @param version the rule set's version
 * @param rule the rule's id within that version
 */
public record RuleRef(String ruleSet, int version, String rule) {

  public RuleRef {
    requireNonNull(ruleSet, "ruleSet");
    requireNonNull(rule, "rule");
  }

  /** {@code support-desk v3 first-response}. */
  @Override
  public String toString() {
    return ruleSet + " v" + version + " " + rule;
  }
}
