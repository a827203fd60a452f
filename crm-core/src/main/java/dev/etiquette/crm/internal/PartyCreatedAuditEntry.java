package dev.etiquette.crm.internal;

import static java.util.Objects.requireNonNull;

import dev.etiquette.crm.api.Actor;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.party.AuditAction;
import dev.etiquette.crm.api.party.AuditEntry;
import dev.etiquette.crm.api.party.FieldChange;
import dev.etiquette.crm.api.party.Party;
import java.time.Instant;
import java.util.List;

/**
 * The audit entry of a party's creation as {@link InMemoryStorage} keeps it: a reference to the party's
 * stored version 1, which the storage's current party shares until the party is first updated, with the
 * actor and the instant. Its changes are not kept but derived when the trail is read: every field of
 * {@link AuditDiff#fields(Party)} as added ({@link #changesOf}), which is what {@link PartyService}
 * records for a create. About 24 bytes, instead of a few hundred for the packed changes of
 * {@link CompactAuditEntry}.
 *
 * <p>Build one only for an entry that {@link #reproduces} checked: then {@link #toEntry} gives back an
 * entry equal to the appended one, since a {@link Party} is immutable and the derivation depends on it
 * alone.
 *
 * @param party the party's version 1, as stored
 * @param actor the appended entry's actor
 * @param at the appended entry's instant
 */
record PartyCreatedAuditEntry(Party party, Actor actor, Instant at) implements StoredAuditEntry {

  PartyCreatedAuditEntry {
    requireNonNull(party, "party");
    requireNonNull(actor, "actor");
    requireNonNull(at, "at");
    if (party.version() != 1) {
      throw new IllegalArgumentException("a creation refers to version 1, not " + party.version());
    }
  }

  /**
   * Whether {@code entry} (sequence aside) is exactly the entry this form gives for {@code party}: a
   * {@link AuditAction#CREATED} entry of record type {@code party} with the party's
   * tenant and id, whose changes equal {@link #changesOf changesOf(party)}, and {@code party} is a version 1.
   */
  static boolean reproduces(AuditEntry entry, Party party) {
    return entry.action() == AuditAction.CREATED
        && PartyService.RECORD_TYPE.equals(entry.recordType())
        && party.version() == 1
        && entry.recordId().equals(party.id().value())
        && entry.tenantId().equals(party.tenantId())
        && entry.changes().equals(changesOf(party));
  }

  /** The changes of a party's creation: each of its audited fields, from absent to its value, by field path. */
  static List<FieldChange> changesOf(Party party) {
    return AuditDiff.created(AuditDiff.fields(party));
  }

  @Override
  public String recordType() {
    return PartyService.RECORD_TYPE;
  }

  @Override
  public String recordId() {
    return party.id().value();
  }

  @Override
  public AuditEntry toEntry(TenantId tenant, long sequence) {
    return new AuditEntry(tenant, sequence, PartyService.RECORD_TYPE, party.id().value(), AuditAction.CREATED,
        actor, at, changesOf(party));
  }
}
