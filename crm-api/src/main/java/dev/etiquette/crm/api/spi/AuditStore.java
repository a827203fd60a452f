package dev.etiquette.crm.api.spi;

import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.party.AuditEntry;
import java.util.List;
import java.util.Optional;

/** Stores the audit trail: append-only, in order. */
public interface AuditStore {

  /**
   * Appends an entry. The entry's {@code sequence} is ignored: the store assigns the next one of the
   * tenant, greater than every sequence the tenant's trail holds.
   *
   * @return the entry as stored, with its sequence
   */
  AuditEntry append(AuditEntry entry);

  /**
   * At most {@code limit} entries of the tenant with sequence greater than {@code afterSequence}, oldest
   * first, restricted to one record type and id when given.
   */
  List<AuditEntry> list(TenantId tenant, Optional<String> recordType, Optional<String> recordId,
      long afterSequence, int limit);
}
