package dev.etiquette.crm.internal;

import static java.util.Objects.requireNonNull;

import dev.etiquette.crm.api.Page;
import dev.etiquette.crm.api.PageRequest;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.ValidationException;
import dev.etiquette.crm.api.party.AuditEntry;
import dev.etiquette.crm.api.party.AuditTrail;
import dev.etiquette.crm.api.party.PartyId;
import java.util.List;
import java.util.Optional;

/** {@link AuditTrail} for one tenant. */
final class AuditService implements AuditTrail {

  private final CrmRuntime runtime;
  private final TenantId tenant;

  AuditService(CrmRuntime runtime, TenantId tenant) {
    this.runtime = runtime;
    this.tenant = tenant;
  }

  @Override
  public Page<AuditEntry> ofParty(PartyId party, PageRequest page) {
    requireNonNull(party, "party");
    return ofRecord(PartyService.RECORD_TYPE, party.value(), page);
  }

  @Override
  public Page<AuditEntry> ofRecord(String recordType, String recordId, PageRequest page) {
    requireNonNull(recordType, "recordType");
    requireNonNull(recordId, "recordId");
    return list(Optional.of(recordType), Optional.of(recordId), page);
  }

  @Override
  public Page<AuditEntry> all(PageRequest page) {
    return list(Optional.empty(), Optional.empty(), page);
  }

  private Page<AuditEntry> list(Optional<String> recordType, Optional<String> recordId, PageRequest page) {
    requireNonNull(page, "page");
    String scope = tenant + "|audit|" + recordType.orElse("*") + "|" + recordId.orElse("*");
    long after = page.cursor().map(c -> {
      try {
        return Long.parseLong(Cursors.decode(scope, c));
      } catch (NumberFormatException e) {
        throw ValidationException.of("page.cursor", c, "is not a cursor returned by this method");
      }
    }).orElse(0L);
    List<AuditEntry> found = runtime.storage().read(tx ->
        tx.audit().list(tenant, recordType, recordId, after, page.limit() + 1));
    if (found.size() > page.limit()) {
      List<AuditEntry> items = found.subList(0, page.limit());
      return new Page<>(items, Optional.of(Cursors.encode(scope, Long.toString(items.get(items.size() - 1).sequence()))));
    }
    return new Page<>(found, Optional.empty());
  }
}
