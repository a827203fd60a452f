package dev.etiquette.crm.api.obligation;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.calendar.CalendarChoice;
import dev.etiquette.crm.api.interaction.ConversationId;
import dev.etiquette.crm.api.interaction.InteractionId;
import dev.etiquette.crm.api.party.PartyId;
import dev.etiquette.crm.api.rules.RuleRef;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * "Party P (owner, team, role) must do action A for customer C by instant D", as an etiquette rule created it
 * and as it stands. The library creates and changes obligations; the host reads them.
 *
 * <h2>The clock</h2>
 * An obligation runs on one clock: the time that counts in its calendar (business time, or elapsed time), from
 * {@link #opensAt()}, stopped while it is paused. At {@link #clockAnchor()} the clock read
 * {@link #clockReading()}; while it runs, it reads {@code clockReading + calendar.businessTimeBetween(clockAnchor,
 * t)} at {@code t}. The warning, the deadline ({@link #target()} on the clock) and the escalation steps are points
 * on that clock; {@link #warnAt()}, {@link #dueAt()} and {@link #escalations()} are the instants they fall at as
 * the clock stands. A pause stops the clock; resuming moves every point not yet passed out by the paused business
 * time, so a pause never makes a deadline earlier.
 *
 * <h2>Invariants</h2>
 * <ul>
 *   <li>{@link #state()} agrees with the instants: {@code breachedAt} is present exactly for BREACHED and for
 *       SATISFIED_LATE and CANCELLED obligations that were breached; {@code settledAt} exactly for final
 *       states.</li>
 *   <li>{@link #history()} holds every event, oldest first, each with the rule version.</li>
 *   <li>{@link #escalated()} steps of {@link #escalations()} have fallen, in order.</li>
 * </ul>
 *
 * @param tenantId the tenant
 * @param id the obligation's id
 * @param rule the rule (set, version, id) that created it; it keeps that version until settled
 * @param kind what it is about
 * @param party the customer it is for
 * @param conversation the conversation a response obligation is about; empty for follow-ups and check-ins
 * @param priority a response obligation's conversation priority when it was created (the text of the
 *     {@code priority} attribute of the latest interaction of the conversation that had one), which chose its
 *     target; empty for a conversation without one and for follow-ups and check-ins
 * @param trigger the interaction that created it; empty for a dormancy check-in
 * @param action what must be done, for people
 * @param assignee who must do it, resolved when it was created
 * @param state where it stands
 * @param calendar which calendar its time counts in
 * @param target the time allowed, on its clock, from the opening to the deadline
 * @param opensAt when its clock starts
 * @param clockAnchor an instant at which the clock's reading is known: the opening, or the end of the last pause
 * @param clockReading the clock's reading at {@code clockAnchor}
 * @param pausedSince when the current pause began; empty when the clock is not paused
 * @param warnAt when the warning falls, if the rule has one and it has not fallen yet or fell
 * @param dueAt the deadline
 * @param escalations the escalation chain's steps with their instants
 * @param warnedAt when the warning fell, if it did
 * @param breachedAt when it was breached (its deadline at the time), if it was
 * @param escalated how many escalation steps have fallen
 * @param settledAt when it was satisfied or cancelled, if it was
 * @param settledBy the interaction that satisfied or cancelled it, if one did
 * @param history every event, oldest first
 * @param version 1 when created, one more with every change
 * @param createdAt when the library created it, by its clock
 * @param updatedAt when it last changed, by the library's clock
 */
public record Obligation(
    TenantId tenantId,
    ObligationId id,
    RuleRef rule,
    ObligationKind kind,
    PartyId party,
    Optional<ConversationId> conversation,
    Optional<String> priority,
    Optional<InteractionId> trigger,
    String action,
    AssignedTo assignee,
    ObligationState state,
    CalendarChoice calendar,
    Duration target,
    Instant opensAt,
    Instant clockAnchor,
    Duration clockReading,
    Optional<Instant> pausedSince,
    Optional<Instant> warnAt,
    Instant dueAt,
    List<EscalationPoint> escalations,
    Optional<Instant> warnedAt,
    Optional<Instant> breachedAt,
    int escalated,
    Optional<Instant> settledAt,
    Optional<InteractionId> settledBy,
    List<ObligationEvent> history,
    long version,
    Instant createdAt,
    Instant updatedAt) {

  public Obligation {
    requireNonNull(tenantId, "tenantId");
    requireNonNull(id, "id");
    requireNonNull(rule, "rule");
    requireNonNull(kind, "kind");
    requireNonNull(party, "party");
    requireNonNull(conversation, "conversation");
    requireNonNull(priority, "priority");
    requireNonNull(trigger, "trigger");
    requireNonNull(action, "action");
    requireNonNull(assignee, "assignee");
    requireNonNull(state, "state");
    requireNonNull(calendar, "calendar");
    requireNonNull(target, "target");
    requireNonNull(opensAt, "opensAt");
    requireNonNull(clockAnchor, "clockAnchor");
    requireNonNull(clockReading, "clockReading");
    requireNonNull(pausedSince, "pausedSince");
    requireNonNull(warnAt, "warnAt");
    requireNonNull(dueAt, "dueAt");
    escalations = ImmutableList.copyOf(requireNonNull(escalations, "escalations"));
    requireNonNull(warnedAt, "warnedAt");
    requireNonNull(breachedAt, "breachedAt");
    requireNonNull(settledAt, "settledAt");
    requireNonNull(settledBy, "settledBy");
    history = ImmutableList.copyOf(requireNonNull(history, "history"));
    requireNonNull(createdAt, "createdAt");
    requireNonNull(updatedAt, "updatedAt");
    if (escalated < 0 || escalated > escalations.size()) {
      throw new IllegalArgumentException("escalated must be between 0 and " + escalations.size() + ", was "
          + escalated);
    }
    if (version < 1) {
      throw new IllegalArgumentException("version must be at least 1, was " + version);
    }
  }

  /** Whether its clock is stopped. */
  public boolean paused() {
    return pausedSince.isPresent();
  }

  /**
   * The next instant at which time alone changes something about it, and so at which due-work processing must
   * look at it: the opening of a scheduled one; the warning (if not given yet) or else the deadline of an open
   * one; the next escalation step of a breached one. Empty when nothing is pending: settled, paused, or at the
   * end of its escalation chain. Stores index it.
   */
  public Optional<Instant> nextDueAt() {
    switch (state) {
      case SCHEDULED:
        return Optional.of(opensAt);
      case OPEN:
        if (paused()) {
          return Optional.empty();
        }
        if (warnAt.isPresent() && warnedAt.isEmpty() && warnAt.get().isBefore(dueAt)) {
          return warnAt;
        }
        return Optional.of(dueAt);
      case BREACHED:
        if (paused() || escalated >= escalations.size()) {
          return Optional.empty();
        }
        return Optional.of(escalations.get(escalated).dueAt());
      default:
        return Optional.empty();
    }
  }

  /**
   * The key that at most one unsettled obligation of a tenant may hold, if any: follow-up and dormancy rules
   * allow one unsettled obligation per rule and party ({@code <rule set>/<rule>/<party>}); response
   * obligations are kept one per conversation and rule set by the conversation's lock, and have none. Stores
   * reject a second unsettled obligation with the same key.
   */
  public Optional<String> exclusiveKey() {
    if (state.isFinal() || kind == ObligationKind.FIRST_RESPONSE || kind == ObligationKind.NEXT_RESPONSE) {
      return Optional.empty();
    }
    return Optional.of(rule.ruleSet() + "/" + rule.rule() + "/" + party.value());
  }
}
