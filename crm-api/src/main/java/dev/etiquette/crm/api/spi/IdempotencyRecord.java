package dev.etiquette.crm.api.spi;

import static java.util.Objects.requireNonNull;

import dev.etiquette.crm.api.TenantId;
import java.time.Instant;

/**
 * Remembers that a create with a client's idempotency key happened, so that repeating it returns the
 * same record instead of creating another.
 *
 * @param tenantId the tenant
 * @param key the client's key, 1 to 200 characters
 * @param recordType the kind of record created, such as {@code party}
 * @param recordId the id of the record created
 * @param fingerprint a digest of the request, to refuse the same key with a different request
 * @param createdAt when the record was created
 */
public record IdempotencyRecord(
    TenantId tenantId, String key, String recordType, String recordId, String fingerprint, Instant createdAt) {

  public IdempotencyRecord {
    requireNonNull(tenantId, "tenantId");
    requireNonNull(key, "key");
    requireNonNull(recordType, "recordType");
    requireNonNull(recordId, "recordId");
    requireNonNull(fingerprint, "fingerprint");
    requireNonNull(createdAt, "createdAt");
  }
}
