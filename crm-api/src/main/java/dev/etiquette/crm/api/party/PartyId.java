package dev.etiquette.crm.api.party;

import static java.util.Objects.requireNonNull;

import dev.etiquette.crm.api.RecordIds;
import dev.etiquette.crm.api.ValidationException;

/**
 * Identifies a party within its tenant. The library assigns it on create; it never changes.
 *
 * @param value 1 to 64 characters from {@code [A-Za-z0-9_-]}
 */
public record PartyId(String value) implements Comparable<PartyId> {

  /** @throws ValidationException if {@code value} does not have the documented format */
  public PartyId {
    requireNonNull(value, "value");
    if (!RecordIds.isWellFormed(value)) {
      throw ValidationException.of("partyId", value, "must be 1 to 64 characters from [A-Za-z0-9_-]");
    }
  }

  public static PartyId of(String value) {
    return new PartyId(value);
  }

  @Override
  public int compareTo(PartyId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
