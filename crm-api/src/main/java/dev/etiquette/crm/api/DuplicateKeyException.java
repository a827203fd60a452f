package dev.etiquette.crm.api;

import static java.util.Objects.requireNonNull;

/**
 * Thrown when a create or update would give a record a key that another record of the same tenant
 * already holds (a record id, or an external id of the same system). Nothing was changed.
 */
public final class DuplicateKeyException extends CrmException {

  private static final long serialVersionUID = 1L;

  private final String recordType;
  private final String key;

  public DuplicateKeyException(String recordType, String key) {
    super(requireNonNull(recordType, "recordType") + " key " + requireNonNull(key, "key")
        + " is already taken; nothing was changed");
    this.recordType = recordType;
    this.key = key;
  }

  /** The kind of record whose key is taken, such as {@code party}. */
  public String recordType() {
    return recordType;
  }

  /** The key that is taken, such as {@code externalId billing:42}. */
  public String key() {
    return key;
  }
}
