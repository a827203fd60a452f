package dev.etiquette.crm.api.obligation;

import static java.util.Objects.requireNonNull;

import dev.etiquette.crm.api.interaction.InteractionId;
import java.time.Instant;
import java.util.Optional;

/**
 * Something that happened to an obligation: a change of state, a pause, a warning or an escalation. An
 * obligation keeps every one in {@link Obligation#history()}, oldest first; they are never changed.
 *
 * @param type what happened
 * @param at when it happened in the domain: the interaction's {@code occurredAt} for a reply, the deadline for a
 *     breach, the step's instant for an escalation, the library's now for a change the host made
 * @param recordedAt when the library recorded it, by its clock; never before {@code at} except for an
 *     interaction recorded after the fact, whose {@code at} is when it occurred
 * @param cause why, for people: {@code "inbound EMAIL interaction i-123 opened conversation c-9"},
 *     {@code "the deadline passed"}
 * @param interaction the interaction that caused it, if one did
 * @param role the role escalated to, for {@link Type#ESCALATED}
 * @param ruleVersion the version of the rule set that the obligation runs under
 */
public record ObligationEvent(
    Type type,
    Instant at,
    Instant recordedAt,
    String cause,
    Optional<InteractionId> interaction,
    Optional<String> role,
    int ruleVersion) {

  /** What happened to an obligation. */
  public enum Type {
    /** Created to open later (state SCHEDULED). */
    SCHEDULED,
    /** Opened (state OPEN): created open, or a scheduled one reached its opening. */
    OPENED,
    /** Its clock stopped: its conversation waits on the customer. */
    PAUSED,
    /** Its clock runs again; the deadline and the points after it moved out by the paused business time. */
    RESUMED,
    /** Its warning fell: a notification, not a change of state. */
    WARNED,
    /** Its deadline passed before it was satisfied (state BREACHED). */
    BREACHED,
    /** An escalation step fell ({@link ObligationEvent#role()} names the role). */
    ESCALATED,
    /** Satisfied at or before the deadline (state SATISFIED_ON_TIME). */
    SATISFIED_ON_TIME,
    /** Satisfied after the deadline (state SATISFIED_LATE). */
    SATISFIED_LATE,
    /** Cancelled (state CANCELLED). */
    CANCELLED
  }

  public ObligationEvent {
    requireNonNull(type, "type");
    requireNonNull(at, "at");
    requireNonNull(recordedAt, "recordedAt");
    requireNonNull(cause, "cause");
    requireNonNull(interaction, "interaction");
    requireNonNull(role, "role");
  }
}
