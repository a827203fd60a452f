package dev.etiquette.crm.api.party;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import dev.etiquette.crm.api.Actor;
import dev.etiquette.crm.api.TenantId;
import java.time.Instant;
import java.util.List;

/**
 * One audited change: who changed which record, when, and the before and after of each field. Entries are
 * written in the same atomic step as the change they record and never altered.
 *
 * @param tenantId the tenant
 * @param sequence the entry's position in the tenant's audit trail; increasing
 * @param recordType the kind of record changed: {@code party}, {@code relationship}, {@code conversation} or
 *     {@code settings}
 * @param recordId the id of the record changed
 * @param action the kind of change
 * @param actor who made it
 * @param at when, by the library's clock
 * @param changes the fields that changed, by field path
 */
public record AuditEntry(
    TenantId tenantId,
    long sequence,
    String recordType,
    String recordId,
    AuditAction action,
    Actor actor,
    Instant at,
    List<FieldChange> changes) {

  public AuditEntry {
    requireNonNull(tenantId, "tenantId");
    requireNonNull(recordType, "recordType");
    requireNonNull(recordId, "recordId");
    requireNonNull(action, "action");
    requireNonNull(actor, "actor");
    requireNonNull(at, "at");
    changes = ImmutableList.copyOf(requireNonNull(changes, "changes"));
    if (sequence < 0) {
      throw new IllegalArgumentException("sequence must not be negative, was " + sequence);
    }
  }
}
