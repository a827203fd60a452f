package dev.etiquette.crm.api.spi;

import dev.etiquette.crm.api.DuplicateKeyException;
import dev.etiquette.crm.api.TenantId;
import java.util.Optional;

/** Stores the idempotency keys of creates, per tenant and record type. */
public interface IdempotencyStore {

  /** The record of an earlier create with {@code key}, or empty. */
  Optional<IdempotencyRecord> find(TenantId tenant, String recordType, String key);

  /**
   * Stores the record of a create, in the same transaction as the create itself.
   *
   * @throws DuplicateKeyException if the tenant already has a record with the same type and key (a
   *     concurrent create with the same key won)
   */
  void insert(IdempotencyRecord record);
}
