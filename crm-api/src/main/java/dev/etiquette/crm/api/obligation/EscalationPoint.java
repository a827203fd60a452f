package dev.etiquette.crm.api.obligation;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * One step of an obligation's escalation chain, with the instant it falls due on the obligation's clock as it
 * stands (a pause moves it out).
 *
 * @param step the step's number, from 1, in the rule's order
 * @param role the role the obligation escalates to
 * @param dueAt when the step falls, if the obligation is still breached then
 */
public record EscalationPoint(int step, String role, Instant dueAt) {

  public EscalationPoint {
    requireNonNull(role, "role");
    requireNonNull(dueAt, "dueAt");
    if (step < 1) {
      throw new IllegalArgumentException("step must be at least 1, was " + step);
    }
  }
}
