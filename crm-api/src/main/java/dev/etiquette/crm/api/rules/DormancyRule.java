package dev.etiquette.crm.api.rules;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import dev.etiquette.crm.api.ValidationException;
import dev.etiquette.crm.api.Violation;
import dev.etiquette.crm.api.calendar.CalendarChoice;
import dev.etiquette.crm.api.party.LifecycleStage;
import dev.etiquette.crm.api.party.Role;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A check-in with an active party nobody has been in touch with: "an active customer with no interaction in either
 * direction for D days gets a check-in obligation for the owner".
 *
 * <h2>Meaning</h2>
 * <ul>
 *   <li><b>Active parties.</b> A party is watched while its lifecycle stage is one of {@link #stages()} (empty:
 *       any stage, or none) <em>and</em> it holds one of {@link #roles()} (empty: any roles, or none). A rule
 *       names stages, roles or both.</li>
 *   <li><b>Opening.</b> When {@link #days()} × 24 hours of elapsed time have passed since the latest of: the
 *       party's latest interaction (any kind, either direction), the moment it became watched, and the opening of
 *       the rule's previous obligation for it. So at most one obligation per rule and party is open, and a check-in
 *       (itself an interaction) starts the count again.</li>
 *   <li><b>Deadline</b>: the opening plus {@link #within()}, counted in the {@link #calendar()}.</li>
 *   <li><b>Satisfied</b> by an interaction of the party after the opening that matches {@link #satisfiedBy()};
 *       <b>cancelled</b> by one that matches any of {@link #cancelWhen()} (satisfaction wins when both match), or
 *       when the party stops being watched.</li>
 *   <li><b>Warning, breach, escalation</b> as for every obligation: see {@link ObligationRule}.</li>
 * </ul>
 * Several dormancy rules may watch the same party; each opens its own obligations.
 *
 * @param id the rule's id: 1 to 64 characters from {@code [A-Za-z0-9._-]}, starting with a letter or digit
 * @param action what must be done, for people ("Check in with the customer"): 1 to 200 characters, not blank,
 *     without control characters
 * @param stages the lifecycle stages of watched parties; empty for any
 * @param roles the roles of watched parties (one of them suffices); empty for any
 * @param days how many days without an interaction open an obligation: 1 to 3,650
 * @param within how long after the opening the check-in is due, counted in the calendar; positive
 * @param satisfiedBy the interactions that are the check-in
 * @param cancelWhen the interactions that make the check-in unnecessary; empty for none, at most 20
 * @param calendar the calendar {@code within}, the warning and the escalation count in
 * @param warning the warning before the deadline, if any
 * @param escalation the escalation chain after a breach, in order; at most 20 steps
 * @param assignee who must check in
 */
public record DormancyRule(
    String id,
    String action,
    Set<LifecycleStage> stages,
    Set<Role> roles,
    int days,
    Duration within,
    EventFilter satisfiedBy,
    List<EventFilter> cancelWhen,
    CalendarChoice calendar,
    Optional<Warning> warning,
    List<EscalationStep> escalation,
    Assignee assignee) implements ObligationRule {

  /** The most days a dormancy rule may wait: ten years of 365 days. */
  public static final int MAX_DAYS = 3_650;

  public DormancyRule {
    requireNonNull(id, "id");
    requireNonNull(action, "action");
    stages = ImmutableSet.copyOf(requireNonNull(stages, "stages"));
    roles = ImmutableSet.copyOf(requireNonNull(roles, "roles"));
    requireNonNull(within, "within");
    requireNonNull(satisfiedBy, "satisfiedBy");
    cancelWhen = ImmutableList.copyOf(requireNonNull(cancelWhen, "cancelWhen"));
    requireNonNull(calendar, "calendar");
    requireNonNull(warning, "warning");
    escalation = ImmutableList.copyOf(requireNonNull(escalation, "escalation"));
    requireNonNull(assignee, "assignee");
  }

  /**
   * Starts a dormancy rule: business calendar, no cancel condition, no warning, no escalation. The stages or
   * roles, {@code within}, {@code satisfiedBy} and the assignee must be given.
   */
  public static Builder builder(String id, String action, int days) {
    return new Builder(id, action, days);
  }

  /** Whether a party of {@code stage} (if it has one) holding {@code roles} is watched by the rule. */
  public boolean watches(Optional<LifecycleStage> stage, Set<Role> roles) {
    requireNonNull(stage, "stage");
    requireNonNull(roles, "roles");
    boolean stageMatches = stages.isEmpty() || stage.isPresent() && stages.contains(stage.get());
    boolean roleMatches = this.roles.isEmpty() || roles.stream().anyMatch(this.roles::contains);
    return stageMatches && roleMatches;
  }

  /** The inactivity that opens an obligation: {@link #days()} × 24 hours. */
  public Duration inactivity() {
    return Duration.ofDays(days);
  }

  /** Builds a {@link DormancyRule}. Each method rejects {@code null}; {@link #build()} checks the content. */
  public static final class Builder extends ObligationRule.Builder<Builder> {
    private final String id;
    private final String action;
    private final int days;
    private final Set<LifecycleStage> stages = new LinkedHashSet<>();
    private final Set<Role> roles = new LinkedHashSet<>();
    private Duration within;
    private EventFilter satisfiedBy;
    private final List<EventFilter> cancelWhen = new ArrayList<>();

    private Builder(String id, String action, int days) {
      this.id = requireNonNull(id, "id");
      this.action = requireNonNull(action, "action");
      this.days = days;
    }

    /** Watches parties in these lifecycle stages (adds to the ones given before). */
    public Builder stages(LifecycleStage... stages) {
      Arrays.stream(requireNonNull(stages, "stages")).forEach(s -> this.stages.add(requireNonNull(s, "stage")));
      return this;
    }

    /** Watches parties holding one of these roles (adds to the ones given before). */
    public Builder roles(Role... roles) {
      Arrays.stream(requireNonNull(roles, "roles")).forEach(r -> this.roles.add(requireNonNull(r, "role")));
      return this;
    }

    /** How long after the opening the check-in is due, counted in the calendar. Required. */
    public Builder within(Duration within) {
      this.within = requireNonNull(within, "within");
      return this;
    }

    /** The interactions that are the check-in. Required. */
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
    public DormancyRule build() {
      List<Violation> violations = new ArrayList<>();
      if (within == null) {
        violations.add(RuleChecks.missing("within", "how long after the opening the check-in is due (within(...))"));
      }
      if (satisfiedBy == null) {
        violations.add(RuleChecks.missing("satisfiedBy", "the interactions that are the check-in (satisfiedBy(...))"));
      }
      if (assignee == null) {
        violations.add(RuleChecks.missingAssignee());
      }
      DormancyRule rule = new DormancyRule(id, action, stages, roles, days,
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
