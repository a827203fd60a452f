package dev.etiquette.crm.api.rules;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import dev.etiquette.crm.api.ValidationException;
import dev.etiquette.crm.api.Violation;
import dev.etiquette.crm.api.calendar.CalendarChoice;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * "After event E matching filter F, do A within T": a thank-you after a purchase, a check-in after a meeting or 30
 * days after onboarding.
 *
 * <h2>Meaning</h2>
 * <ul>
 *   <li><b>Trigger.</b> An interaction of the party that matches {@link #trigger()}, at its {@code occurredAt}
 *       {@code t0}. "After the trigger" below means later in the party's timeline (by {@code occurredAt}, then
 *       by id for equal instants, as the timeline orders interactions). A party has at most one unsettled obligation per follow-up rule: a trigger while one is
 *       pending or open creates no other.</li>
 *   <li><b>Opening</b> at {@code t0 + delay}, the delay counted in <em>elapsed</em> time ("a day after the
 *       purchase" is 24 hours after it, whatever the calendar).</li>
 *   <li><b>Deadline</b>: the opening plus {@link #within()}, counted in the {@link #calendar()}.</li>
 *   <li><b>Cancelled</b> by an interaction of the party after the trigger that matches any of
 *       {@link #cancelWhen()}, before the obligation is satisfied: during the delay (then it never opens) or while
 *       open.</li>
 *   <li><b>Satisfied</b> by an interaction of the party after the trigger (never the trigger itself), at or after
 *       the opening, that matches {@link #satisfiedBy()}: on time at or before the deadline, late after it. An interaction that matches
 *       {@code satisfiedBy} and a cancel filter satisfies an open obligation; during the delay it cancels it
 *       (the follow-up is not needed any more), and one that only matches {@code satisfiedBy} during the delay
 *       does nothing (it is too early to count).</li>
 *   <li><b>Warning, breach, escalation</b> as for every obligation: see {@link ObligationRule}.</li>
 * </ul>
 *
 * @param id the rule's id: 1 to 64 characters from {@code [A-Za-z0-9._-]}, starting with a letter or digit
 * @param action what must be done, for people ("Thank the customer for the purchase"): 1 to 200 characters, not
 *     blank, without control characters
 * @param trigger the interactions that create an obligation
 * @param delay how long after the trigger the obligation opens, in elapsed time; zero or positive
 * @param within how long after the opening the action is due, counted in the calendar; positive
 * @param satisfiedBy the interactions that do the action
 * @param cancelWhen the interactions that make the action unnecessary; empty for none, at most 20
 * @param calendar the calendar {@code within}, the warning and the escalation count in
 * @param warning the warning before the deadline, if any
 * @param escalation the escalation chain after a breach, in order; at most 20 steps
 * @param assignee who must act
 */
public record FollowUpRule(
    String id,
    String action,
    EventFilter trigger,
    Duration delay,
    Duration within,
    EventFilter satisfiedBy,
    List<EventFilter> cancelWhen,
    CalendarChoice calendar,
    Optional<Warning> warning,
    List<EscalationStep> escalation,
    Assignee assignee) implements ObligationRule {

  public FollowUpRule {
    requireNonNull(id, "id");
    requireNonNull(action, "action");
    requireNonNull(trigger, "trigger");
    requireNonNull(delay, "delay");
    requireNonNull(within, "within");
    requireNonNull(satisfiedBy, "satisfiedBy");
    cancelWhen = ImmutableList.copyOf(requireNonNull(cancelWhen, "cancelWhen"));
    requireNonNull(calendar, "calendar");
    requireNonNull(warning, "warning");
    escalation = ImmutableList.copyOf(requireNonNull(escalation, "escalation"));
    requireNonNull(assignee, "assignee");
  }

  /**
   * Starts a follow-up rule: opens at the trigger (no delay), business calendar, no cancel condition, no warning,
   * no escalation. The trigger, {@code within}, {@code satisfiedBy} and the assignee must be given.
   */
  public static Builder builder(String id, String action) {
    return new Builder(id, action);
  }

  /** Builds a {@link FollowUpRule}. Each method rejects {@code null}; {@link #build()} checks the content. */
  public static final class Builder extends ObligationRule.Builder<Builder> {
    private final String id;
    private final String action;
    private EventFilter trigger;
    private Duration delay = Duration.ZERO;
    private Duration within;
    private EventFilter satisfiedBy;
    private final List<EventFilter> cancelWhen = new ArrayList<>();

    private Builder(String id, String action) {
      this.id = requireNonNull(id, "id");
      this.action = requireNonNull(action, "action");
    }

    /** The interactions that create an obligation. Required. */
    public Builder after(EventFilter trigger) {
      this.trigger = requireNonNull(trigger, "trigger");
      return this;
    }

    /** How long after the trigger the obligation opens, in elapsed time; zero unless set. */
    public Builder delay(Duration delay) {
      this.delay = requireNonNull(delay, "delay");
      return this;
    }

    /** How long after the opening the action is due, counted in the calendar. Required. */
    public Builder within(Duration within) {
      this.within = requireNonNull(within, "within");
      return this;
    }

    /** The interactions that do the action. Required. */
    public Builder satisfiedBy(EventFilter satisfiedBy) {
      this.satisfiedBy = requireNonNull(satisfiedBy, "satisfiedBy");
      return this;
    }

    /** Adds a cancel condition. */
    public Builder cancelWhen(EventFilter filter) {
      cancelWhen.add(requireNonNull(filter, "filter"));
      return this;
    }

    @Override
    Builder self() {
      return this;
    }

    /**
     * The rule, checked on its own as a rule set would check it.
     *
     * @throws ValidationException listing every problem, with paths relative to the rule, and every required
     *     part that was not given
     */
    public FollowUpRule build() {
      List<Violation> violations = new ArrayList<>();
      if (trigger == null) {
        violations.add(RuleChecks.missing("trigger", "the interactions that create an obligation (after(...))"));
      }
      if (within == null) {
        violations.add(RuleChecks.missing("within", "how long after the opening the action is due (within(...))"));
      }
      if (satisfiedBy == null) {
        violations.add(RuleChecks.missing("satisfiedBy", "the interactions that do the action (satisfiedBy(...))"));
      }
      if (assignee == null) {
        violations.add(RuleChecks.missingAssignee());
      }
      FollowUpRule rule = new FollowUpRule(id, action, trigger != null ? trigger : EventFilter.any(), delay,
          within != null ? within : Duration.ofHours(1), satisfiedBy != null ? satisfiedBy : EventFilter.any(),
          cancelWhen, calendar, Optional.ofNullable(warning), escalation,
          assignee != null ? assignee : RuleChecks.PLACEHOLDER);
      violations.addAll(RuleChecks.rule(rule, ""));
      if (!violations.isEmpty()) {
        throw new ValidationException(violations);
      }
      return rule;
    }
  }
}
