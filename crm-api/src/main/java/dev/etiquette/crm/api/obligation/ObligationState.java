package dev.etiquette.crm.api.obligation;

/**
 * Where an obligation stands. From DOMAIN.md: OPEN → SATISFIED_ON_TIME | SATISFIED_LATE | BREACHED → (breached
 * ones may still be SATISFIED_LATE); CANCELLED when its cancel condition happens. One state comes before OPEN:
 * SCHEDULED, for an obligation that will open later (a follow-up during its delay, a dormancy check-in counting
 * down).
 *
 * <pre>
 *   SCHEDULED ──(opening)──▶ OPEN ──(reply in time)──▶ SATISFIED_ON_TIME
 *       │                     │  └──(deadline)──▶ BREACHED ──(reply)──▶ SATISFIED_LATE
 *       └──(cancel)──▶ CANCELLED ◀──(cancel)──┴──────────────┘
 * </pre>
 * SATISFIED_ON_TIME, SATISFIED_LATE and CANCELLED are final.
 */
public enum ObligationState {
  /** Will open at its opening instant unless cancelled first; its clock has not started. */
  SCHEDULED,
  /** Open: its clock runs (or is paused), its deadline has not passed. */
  OPEN,
  /** Its deadline passed before it was satisfied; it escalates along its chain until satisfied. */
  BREACHED,
  /** Satisfied at or before its deadline. Final. */
  SATISFIED_ON_TIME,
  /** Satisfied after its deadline (it was breached first). Final. */
  SATISFIED_LATE,
  /** Its cancel condition happened before it was satisfied. Final. */
  CANCELLED;

  /** Whether no transition leaves this state: satisfied either way, or cancelled. */
  public boolean isFinal() {
    return this == SATISFIED_ON_TIME || this == SATISFIED_LATE || this == CANCELLED;
  }

  /** Whether the action is still owed now: open or breached. */
  public boolean isOutstanding() {
    return this == OPEN || this == BREACHED;
  }
}
