package dev.etiquette.crm.api;

import static java.util.Objects.requireNonNull;

/**
 * Thrown when an operation needs a record that does not exist in the caller's tenant. A record of another
 * tenant is reported exactly like a record that does not exist.
 */
public final class NotFoundException extends CrmException {

  private static final long serialVersionUID = 1L;

  private final String recordType;
  private final String id;

  public NotFoundException(String recordType, String id) {
    super(requireNonNull(recordType, "recordType") + " " + requireNonNull(id, "id") + " was not found");
    this.recordType = recordType;
    this.id = id;
  }

  /** The kind of record looked for, such as {@code party}. */
  public String recordType() {
    return recordType;
  }

  /** The id looked for. */
  public String id() {
    return id;
  }
}
