package dev.etiquette.crm.api.rules;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * One step of an escalation chain: after {@code after} more counted time, a breached obligation that is still
 * not satisfied is escalated to the people of {@code role}. The first step's delay counts from the breach (the
 * deadline), each later step's from the step before, on the obligation's clock.
 *
 * @param role the role to escalate to ({@code team_lead}), resolved to people by the host application; in a rule
 *     set 1 to 200 characters, not blank, without control characters
 * @param after the delay: from the breach for the first step (zero escalates at the breach), from the previous
 *     step for the others (positive); at most {@link RuleSet#MAX_DURATION}
 */
public record EscalationStep(String role, Duration after) {

  public EscalationStep {
    requireNonNull(role, "role");
    requireNonNull(after, "after");
  }

  /** The step that escalates to {@code role} after {@code after}. */
  public static EscalationStep of(String role, Duration after) {
    return new EscalationStep(role, after);
  }
}
