package dev.etiquette.crm.api.obligation;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableSet;
import dev.etiquette.crm.api.party.PartyId;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Criteria for {@link Obligations#search}. An obligation matches when it meets every criterion given. Results
 * are ordered by deadline ({@link Obligation#dueAt()}), then by id.
 *
 * @param states the states it may be in; empty for any
 * @param party the customer it is for
 * @param assignee who must act
 * @param dueFrom the earliest deadline, inclusive
 * @param dueBefore the latest deadline, exclusive
 * @param escalatedOnly only obligations at least one escalation step has fallen for
 */
public record ObligationQuery(
    Set<ObligationState> states,
    Optional<PartyId> party,
    Optional<AssignedTo> assignee,
    Optional<Instant> dueFrom,
    Optional<Instant> dueBefore,
    boolean escalatedOnly) {

  public ObligationQuery {
    states = ImmutableSet.copyOf(requireNonNull(states, "states"));
    requireNonNull(party, "party");
    requireNonNull(assignee, "assignee");
    requireNonNull(dueFrom, "dueFrom");
    requireNonNull(dueBefore, "dueBefore");
  }

  /** Every obligation. */
  public static ObligationQuery all() {
    return new ObligationQuery(Set.of(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        false);
  }

  /** The obligations whose action is still owed: OPEN or BREACHED. */
  public static ObligationQuery outstanding() {
    return all().withStates(EnumSet.of(ObligationState.OPEN, ObligationState.BREACHED));
  }

  /** The breached obligations not satisfied yet: BREACHED. */
  public static ObligationQuery breached() {
    return all().withStates(EnumSet.of(ObligationState.BREACHED));
  }

  /** The breached obligations not satisfied yet that have escalated at least once. */
  public static ObligationQuery escalated() {
    return breached().withEscalatedOnly();
  }

  public ObligationQuery withStates(Set<ObligationState> states) {
    return new ObligationQuery(states, party, assignee, dueFrom, dueBefore, escalatedOnly);
  }

  public ObligationQuery withParty(PartyId party) {
    return new ObligationQuery(states, Optional.of(party), assignee, dueFrom, dueBefore, escalatedOnly);
  }

  public ObligationQuery withAssignee(AssignedTo assignee) {
    return new ObligationQuery(states, party, Optional.of(assignee), dueFrom, dueBefore, escalatedOnly);
  }

  /** Deadlines in {@code [from, before)}. */
  public ObligationQuery dueBetween(Instant from, Instant before) {
    return new ObligationQuery(states, party, assignee, Optional.of(from), Optional.of(before), escalatedOnly);
  }

  public ObligationQuery withEscalatedOnly() {
    return new ObligationQuery(states, party, assignee, dueFrom, dueBefore, true);
  }

  /** Whether {@code obligation} meets every criterion (the tenant is the caller's to check). */
  public boolean matches(Obligation obligation) {
    requireNonNull(obligation, "obligation");
    return (states.isEmpty() || states.contains(obligation.state()))
        && party.map(obligation.party()::equals).orElse(true)
        && assignee.map(obligation.assignee()::equals).orElse(true)
        && dueFrom.map(from -> !obligation.dueAt().isBefore(from)).orElse(true)
        && dueBefore.map(before -> obligation.dueAt().isBefore(before)).orElse(true)
        && (!escalatedOnly || obligation.escalated() > 0);
  }
}
