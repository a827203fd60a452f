package dev.etiquette.crm.api.contact;

/**
 * Where a ledger entry stands. {@code RESERVED → SENT | RELEASED}; {@code DENIED} is final from the start.
 * Reserved and sent entries that are not exempt are what frequency caps count.
 */
public enum ContactStatus {
  /** Allowed and entered in the ledger; the sender has not said yet whether it sent. */
  RESERVED,
  /** The sender confirmed it sent the contact. */
  SENT,
  /** The sender did not send: the slot is free again. */
  RELEASED,
  /** The decision denied the contact; the entry keeps the receipt as proof. */
  DENIED;

  /** Whether a cap counts an entry in this status (when the entry is not exempt). */
  public boolean occupiesSlot() {
    return this == RESERVED || this == SENT;
  }
}
