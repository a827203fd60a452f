package dev.etiquette.crm.api.party;

import static java.util.Objects.requireNonNull;

import dev.etiquette.crm.api.RecordIds;
import dev.etiquette.crm.api.ValidationException;

/**
 * Identifies a relationship within its tenant. The library assigns it on create; it never changes.
 *
 * @param value 1 to 64 characters from {@code [A-Za-z0-9_-]}
 */
public record RelationshipId(String value) implements Comparable<RelationshipId> {

  /** @throws ValidationException if {@code value} does not have the documented format */
  public RelationshipId {
    requireNonNull(value, "value");
    if (!RecordIds.isWellFormed(value)) {
      throw ValidationException.of("relationshipId", value, "must be 1 to 64 characters from [A-Za-z0-9_-]");
    }
  }

  public static RelationshipId of(String value) {
    return new RelationshipId(value);
  }

  @Override
  public int compareTo(RelationshipId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
