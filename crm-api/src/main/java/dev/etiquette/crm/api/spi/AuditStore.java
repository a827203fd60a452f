package dev.etiquette.crm.api.spi;

import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.party.AuditEntry;
import java.util.List;
import java.util.Optional;

/** Stores the audit trail: append-only, in order. */
public interface AuditStore {

  /**
   * Appends an entry. The entry's {@code sequence} is ignored: the store assigns the next one of the
   * tenant, greater than every sequence the tenant's trail holds. Record types are at most 32 characters
   * and record ids at most 128 (a conversation's id is the host's, up to 128).
   *
   * @return the entry as stored, with its sequence
   */
  AuditEntry append(AuditEntry entry);

  /**
   * Appends entries in order, as {@link #append} does for each; a store may batch the writes. The default
   * appends them one by one.
   *
   * @return the entries as stored, with their sequences, in the same order
   */
  default List<AuditEntry> appendAll(List<AuditEntry> entries) {
    return entries.stream().map(this::append).toList();
  }

  /**
   * Appends entries that {@link Storage#prepareAudit} of this storage prepared, as
   * {@link #appendAll(List) appendAll(entries.values())} does, using what the preparation did. A {@code Prepared}
   * made elsewhere is appended all the same. The default appends {@code entries.values()}.
   *
   * @return the entries as stored, with their sequences, in the same order
   */
  default List<AuditEntry> appendAll(Prepared<AuditEntry> entries) {
    return appendAll(entries.values());
  }

  /**
   * At most {@code limit} entries of the tenant with sequence greater than {@code afterSequence}, oldest
   * first, restricted to one record type and id when given.
   */
  List<AuditEntry> list(TenantId tenant, Optional<String> recordType, Optional<String> recordId,
      long afterSequence, int limit);
}
