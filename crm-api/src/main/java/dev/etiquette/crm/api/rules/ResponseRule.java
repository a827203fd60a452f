package dev.etiquette.crm.api.rules;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import dev.etiquette.crm.api.Channel;
import dev.etiquette.crm.api.Purpose;
import dev.etiquette.crm.api.ValidationException;
import dev.etiquette.crm.api.Violation;
import dev.etiquette.crm.api.calendar.CalendarChoice;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A response SLA: a reply is owed for an inbound interaction, within a target that depends on the channel, the
 * conversation's priority and the party's segment.
 *
 * <h2>Meaning</h2>
 * <ul>
 *   <li><b>What creates an obligation.</b> An inbound interaction of kind {@code CONTACT} that belongs to a
 *       conversation, whose channel is one of {@link #channels()} and whose purpose is one of {@link #purposes()}
 *       (an empty set: any), and that is the kind of message {@link #kind()} describes: the first interaction of
 *       its conversation for {@link ResponseKind#FIRST_RESPONSE}; one whose conversation's latest earlier
 *       {@code CONTACT} interaction is outbound for {@link ResponseKind#NEXT_RESPONSE}. Inbound interactions
 *       while an obligation of the conversation is open create no other.</li>
 *   <li><b>Which rule.</b> Of the response rules of a set with the same kind, the <em>first</em> in the set's
 *       order that applies creates the obligation; the others do not. A rule set rejects a rule that can never
 *       be first (every channel and purpose it covers is covered by earlier rules of its kind).</li>
 *   <li><b>Which target.</b> {@link #targetFor}: the most specific matching target, the first of equally specific
 *       ones (see {@link ResponseTarget}). The rule must have a default target.</li>
 *   <li><b>The deadline</b> is the opening (the inbound interaction's {@code occurredAt}) plus the target, counted
 *       in the {@link #calendar()}. While the conversation is {@code WAITING_ON_CUSTOMER} the clock stops: the
 *       deadline moves out by the business time the pause took, so a pause never makes it earlier.</li>
 *   <li><b>Satisfied</b> by the first outbound {@code CONTACT} interaction of the conversation after the inbound
 *       one, on any channel: on time at or before the deadline, late after it. <b>Cancelled</b> if the host
 *       resolves the conversation before a reply.</li>
 *   <li><b>Breach</b> at the deadline, exactly once; then the {@link #escalation()} steps; see
 *       {@link ObligationRule}.</li>
 * </ul>
 *
 * @param id the rule's id: 1 to 64 characters from {@code [A-Za-z0-9._-]}, starting with a letter or digit
 * @param kind first or next response
 * @param channels the channels of the inbound interactions the rule applies to; empty for all
 * @param purposes the purposes of the inbound interactions the rule applies to; empty for all
 * @param targets the targets, in order; one at least, and one of them the default
 * @param calendar the calendar the targets count in
 * @param warning the warning before the deadline, if any
 * @param escalation the escalation chain after a breach, in order; at most 20 steps
 * @param assignee who must reply
 */
public record ResponseRule(
    String id,
    ResponseKind kind,
    Set<Channel> channels,
    Set<Purpose> purposes,
    List<ResponseTarget> targets,
    CalendarChoice calendar,
    Optional<Warning> warning,
    List<EscalationStep> escalation,
    Assignee assignee) implements ObligationRule {

  public ResponseRule {
    requireNonNull(id, "id");
    requireNonNull(kind, "kind");
    channels = ImmutableSet.copyOf(requireNonNull(channels, "channels"));
    purposes = ImmutableSet.copyOf(requireNonNull(purposes, "purposes"));
    targets = ImmutableList.copyOf(requireNonNull(targets, "targets"));
    requireNonNull(calendar, "calendar");
    requireNonNull(warning, "warning");
    escalation = ImmutableList.copyOf(requireNonNull(escalation, "escalation"));
    requireNonNull(assignee, "assignee");
  }

  /** Starts a first-response rule: business calendar, no warning, no escalation. */
  public static Builder firstResponse(String id) {
    return new Builder(id, ResponseKind.FIRST_RESPONSE);
  }

  /** Starts a next-response rule: business calendar, no warning, no escalation. */
  public static Builder nextResponse(String id) {
    return new Builder(id, ResponseKind.NEXT_RESPONSE);
  }

  /** Whether the rule applies to an inbound interaction on {@code channel} for {@code purpose}. */
  public boolean appliesTo(Channel channel, Purpose purpose) {
    requireNonNull(channel, "channel");
    requireNonNull(purpose, "purpose");
    return (channels.isEmpty() || channels.contains(channel)) && (purposes.isEmpty() || purposes.contains(purpose));
  }

  /**
   * The target that applies: of the targets that {@linkplain ResponseTarget#matches match}, the one with the most
   * conditions, the first in {@link #targets()} among equally specific ones. Empty only for a rule without a
   * default target, which no rule set holds.
   *
   * @param channel the channel of the inbound interaction that created the obligation
   * @param priority the conversation's priority, if it has one
   * @param tags the party's tags
   */
  public Optional<ResponseTarget> targetFor(Channel channel, Optional<String> priority, Set<String> tags) {
    requireNonNull(channel, "channel");
    requireNonNull(priority, "priority");
    requireNonNull(tags, "tags");
    ResponseTarget best = null;
    for (ResponseTarget target : targets) {
      if (target.matches(channel, priority, tags) && (best == null || target.specificity() > best.specificity())) {
        best = target;
      }
    }
    return Optional.ofNullable(best);
  }

  /** Builds a {@link ResponseRule}. Each method rejects {@code null}; {@link #build()} checks the content. */
  public static final class Builder extends ObligationRule.Builder<Builder> {
    private final String id;
    private final ResponseKind kind;
    private final Set<Channel> channels = new LinkedHashSet<>();
    private final Set<Purpose> purposes = new LinkedHashSet<>();
    private final List<ResponseTarget> targets = new ArrayList<>();

    private Builder(String id, ResponseKind kind) {
      this.id = requireNonNull(id, "id");
      this.kind = kind;
    }

    /** Applies the rule to inbound interactions on these channels only (adds to the ones given before). */
    public Builder channels(Channel... channels) {
      Arrays.stream(requireNonNull(channels, "channels")).forEach(c -> this.channels.add(requireNonNull(c, "channel")));
      return this;
    }

    /** Applies the rule to inbound interactions for these purposes only (adds to the ones given before). */
    public Builder purposes(Purpose... purposes) {
      Arrays.stream(requireNonNull(purposes, "purposes")).forEach(p -> this.purposes.add(requireNonNull(p, "purpose")));
      return this;
    }

    /** Adds the default target: a reply within {@code within}. */
    public Builder within(Duration within) {
      return target(ResponseTarget.of(requireNonNull(within, "within")));
    }

    /** Adds a target for interactions on {@code channel}. */
    public Builder within(Channel channel, Duration within) {
      return target(ResponseTarget.of(requireNonNull(within, "within")).withChannel(requireNonNull(channel, "channel")));
    }

    /** Adds a target for parties tagged {@code segment}. */
    public Builder withinForSegment(String segment, Duration within) {
      return target(ResponseTarget.of(requireNonNull(within, "within")).withSegment(requireNonNull(segment, "segment")));
    }

    /** Adds a target for conversations of priority {@code priority}. */
    public Builder withinForPriority(String priority, Duration within) {
      return target(ResponseTarget.of(requireNonNull(within, "within"))
          .withPriority(requireNonNull(priority, "priority")));
    }

    /** Adds a target; targets keep the order in which they are added. */
    public Builder target(ResponseTarget target) {
      targets.add(requireNonNull(target, "target"));
      return this;
    }

    @Override
    Builder self() {
      return this;
    }

    /**
     * The rule, checked on its own as a rule set would check it.
     *
     * @throws ValidationException listing every problem, with paths relative to the rule
     *     ({@code targets[1].within}), or that no assignee was given
     */
    public ResponseRule build() {
      ResponseRule rule = new ResponseRule(id, kind, channels, purposes, targets, calendar,
          Optional.ofNullable(warning), escalation, assignee != null ? assignee : RuleChecks.PLACEHOLDER);
      List<Violation> violations = new ArrayList<>();
      if (assignee == null) {
        violations.add(RuleChecks.missingAssignee());
      }
      violations.addAll(RuleChecks.rule(rule, ""));
      if (!violations.isEmpty()) {
        throw new ValidationException(violations);
      }
      return rule;
    }
  }
}
