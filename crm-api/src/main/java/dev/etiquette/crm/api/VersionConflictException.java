package dev.etiquette.crm.api;

import static java.util.Objects.requireNonNull;

/**
 * Thrown when an update names a version that is no longer the record's current version: somebody else
 * changed the record since the caller read it. Nothing was changed. Read the record again, re-apply the
 * change and retry.
 */
public final class VersionConflictException extends CrmException {

  private static final long serialVersionUID = 1L;

  private final String recordType;
  private final String id;
  private final long expectedVersion;
  private final long actualVersion;

  public VersionConflictException(String recordType, String id, long expectedVersion, long actualVersion) {
    super(requireNonNull(recordType, "recordType") + " " + requireNonNull(id, "id") + " is at version " + actualVersion + ", not the expected version "
        + expectedVersion + "; nothing was changed");
    this.recordType = recordType;
    this.id = id;
    this.expectedVersion = expectedVersion;
    this.actualVersion = actualVersion;
  }

  public String recordType() {
    return recordType;
  }

  public String id() {
    return id;
  }

  /** The version the caller said it was updating. */
  public long expectedVersion() {
    return expectedVersion;
  }

  /** The record's version when the update was refused. */
  public long actualVersion() {
    return actualVersion;
  }
}
