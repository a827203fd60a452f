package dev.etiquette.crm.internal;

import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.party.AuditEntry;
import dev.etiquette.crm.api.party.Party;

/**
 * An audit entry as {@link InMemoryStorage} keeps it in a tenant's trail: everything of the appended
 * {@link AuditEntry} except the tenant (the trail's) and the sequence (the entry's position: the entry at
 * index {@code i} of the trail has sequence {@code i + 1}), in one of two forms:
 *
 * <ul>
 *   <li>{@link PartyCreatedAuditEntry}: the creation of a party, as a reference to the party's stored
 *       version 1, its changes derived when read;
 *   <li>{@link CompactAuditEntry}: any other entry, its changes packed into one byte array.
 * </ul>
 *
 * <p>Contract of every form: {@code toEntry(e.tenantId(), e.sequence())} of the form kept for an appended
 * entry {@code e} (with its sequence assigned) equals {@code e}, for as long as the storage lives.
 */
sealed interface StoredAuditEntry permits CompactAuditEntry, PartyCreatedAuditEntry {

  /** The appended entry's record type. */
  String recordType();

  /** The appended entry's record id. */
  String recordId();

  /** The entry as it was appended, with the given tenant and sequence. */
  AuditEntry toEntry(TenantId tenant, long sequence);

  /**
   * The smallest form that gives {@code entry} back: a {@link PartyCreatedAuditEntry} when {@code entry}
   * records the creation of {@code inserted} with exactly the changes the library derives for it (see
   * {@link PartyCreatedAuditEntry#reproduces}), otherwise a {@link CompactAuditEntry}.
   *
   * @param inserted the party {@code entry} names, as inserted earlier in the same transaction;
   *     {@code null} when there is none
   */
  static StoredAuditEntry of(AuditEntry entry, Party inserted) {
    if (inserted != null && PartyCreatedAuditEntry.reproduces(entry, inserted)) {
      return new PartyCreatedAuditEntry(inserted, entry.actor(), entry.at());
    }
    return CompactAuditEntry.of(entry);
  }
}
