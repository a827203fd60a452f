package dev.etiquette.crm.api.party;

import dev.etiquette.crm.api.Page;
import dev.etiquette.crm.api.PageRequest;

/** A tenant's audit trail, oldest entry first. Reading it changes nothing. */
public interface AuditTrail {

  /** The entries of one party, oldest first. */
  Page<AuditEntry> ofParty(PartyId party, PageRequest page);

  /**
   * The entries of one record of any type ({@code party}, {@code relationship}, {@code conversation},
   * {@code settings}).
   */
  Page<AuditEntry> ofRecord(String recordType, String recordId, PageRequest page);

  /** Every entry of the tenant, oldest first. */
  Page<AuditEntry> all(PageRequest page);
}
