package dev.etiquette.crm.api.rules;

import static java.util.Objects.requireNonNull;

import dev.etiquette.crm.api.calendar.CalendarChoice;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A rule that creates obligations: "party P (owner, team, role) must do action A for customer C by instant D".
 * Three kinds: {@link ResponseRule} (reply to the customer in time), {@link FollowUpRule} (do something after an
 * event) and {@link DormancyRule} (check in with an active customer nobody has been in touch with).
 *
 * <p>Every obligation runs on one clock: the time that counts in the rule's {@link #calendar()} (business time,
 * or elapsed time for {@link CalendarChoice.Elapsed}), from the moment the obligation opens, stopped while a
 * response obligation's conversation waits on the customer. On that clock the obligation's target {@code T} is
 * its deadline, the {@link #warning()} falls before {@code T}, and the {@link #escalation()} steps fall after it,
 * each after the one before. See {@code docs/rules.md} for the complete meaning of each rule.
 *
 * <p>Rules are values. A rule on its own is checked only for nulls; it is validated as part of a
 * {@link RuleSet}, which reports every problem of every rule at once, or by its builder's {@code build()}.
 */
public sealed interface ObligationRule permits ResponseRule, FollowUpRule, DormancyRule {

  /** The rule's id, unique within its rule set; outcomes name it (see {@link RuleRef}). */
  String id();

  /** Which calendar the obligation's time counts in. */
  CalendarChoice calendar();

  /** The warning before the deadline, if any: a notification, not a change of state. */
  Optional<Warning> warning();

  /**
   * Whom a breached obligation escalates to, in order, each step after its delay, until the obligation is
   * satisfied or the chain ends; empty for none.
   */
  List<EscalationStep> escalation();

  /** Who must act. */
  Assignee assignee();

  /**
   * What the builders of every kind of rule share: the calendar, the warning, the escalation chain and the
   * assignee.
   *
   * @param <B> the concrete builder, returned by every method for chaining
   */
  abstract class Builder<B extends Builder<B>> {
    CalendarChoice calendar = CalendarChoice.business();
    Warning warning;
    final List<EscalationStep> escalation = new ArrayList<>();
    Assignee assignee;

    Builder() {}

    /** The calendar the rule's time counts in; the tenant's business calendar unless set. */
    public B calendar(CalendarChoice calendar) {
      this.calendar = requireNonNull(calendar, "calendar");
      return self();
    }

    /** A warning before the deadline; none unless set. */
    public B warning(Warning warning) {
      this.warning = requireNonNull(warning, "warning");
      return self();
    }

    /** Adds an escalation step: to {@code role}, {@code after} the breach or the step before. */
    public B escalate(String role, Duration after) {
      escalation.add(new EscalationStep(role, after));
      return self();
    }

    /** Who must act. Required. */
    public B assignee(Assignee assignee) {
      this.assignee = requireNonNull(assignee, "assignee");
      return self();
    }

    abstract B self();
  }
}
