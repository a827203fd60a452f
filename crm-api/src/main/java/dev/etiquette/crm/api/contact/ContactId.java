package dev.etiquette.crm.api.contact;

import static java.util.Objects.requireNonNull;

import dev.etiquette.crm.api.RecordIds;
import dev.etiquette.crm.api.ValidationException;

/**
 * Identifies an entry of the contact ledger within its tenant. The library assigns it; it never changes.
 *
 * @param value 1 to 64 characters from {@code [A-Za-z0-9_-]}
 */
public record ContactId(String value) implements Comparable<ContactId> {

  /** @throws ValidationException if {@code value} does not have the documented format */
  public ContactId {
    requireNonNull(value, "value");
    if (!RecordIds.isWellFormed(value)) {
      throw ValidationException.of("contactId", value, "must be 1 to 64 characters from [A-Za-z0-9_-]");
    }
  }

  public static ContactId of(String value) {
    return new ContactId(value);
  }

  /** Orders ids as {@link String#compareTo} orders their values. */
  @Override
  public int compareTo(ContactId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
