package dev.etiquette.crm.internal;

import dev.etiquette.crm.api.NotFoundException;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.ValidationException;
import dev.etiquette.crm.api.Violation;
import dev.etiquette.crm.api.spi.IdempotencyRecord;
import dev.etiquette.crm.api.spi.StorageTransaction;
import dev.etiquette.crm.json.CrmJson;
import com.google.common.hash.Hashing;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Creates with a client's idempotency key: at most one record per (tenant, record type, key). A repeat with
 * an equal draft returns the record created first, as it is now; a repeat with a different draft is a
 * {@link ValidationException}. Drafts are compared by a SHA-256 fingerprint of their canonical JSON, so
 * equal drafts match whatever order their sets and maps were filled in.
 */
final class Idempotency {

  private Idempotency() {}

  /** The key as given, after checking it is 1 to 200 printable characters. */
  static String checkKey(String key) {
    List<Violation> violations = new ArrayList<>();
    InputValidator.checkText(key, "idempotencyKey", 200, false, violations);
    if (!violations.isEmpty()) {
      throw new ValidationException(violations);
    }
    return key;
  }

  /** The fingerprint of a draft: equal drafts, equal fingerprints. */
  static String fingerprint(Object draft) {
    return Hashing.sha256().hashString(CrmJson.toJson(draft), StandardCharsets.UTF_8).toString();
  }

  /**
   * Within {@code tx}: the record created earlier with {@code key}, or a new one from {@code create}, whose
   * key is then stored with it.
   *
   * @param find reads a record by its id
   * @param id a record's id
   * @param createdAt when a record was created
   */
  static <T> T once(StorageTransaction tx, TenantId tenant, String recordType, String key, String fingerprint,
      Function<String, Optional<T>> find, Supplier<T> create, Function<T, String> id, Function<T, Instant> createdAt) {
    Optional<IdempotencyRecord> earlier = tx.idempotency().find(tenant, recordType, key);
    if (earlier.isPresent()) {
      if (!earlier.get().fingerprint().equals(fingerprint)) {
        throw ValidationException.of("idempotencyKey", key, "was used for a different draft on "
            + earlier.get().createdAt());
      }
      String recordId = earlier.get().recordId();
      return find.apply(recordId).orElseThrow(() -> new NotFoundException(recordType, recordId));
    }
    T created = create.get();
    tx.idempotency().insert(new IdempotencyRecord(tenant, key, recordType, id.apply(created), fingerprint,
        createdAt.apply(created)));
    return created;
  }
}
