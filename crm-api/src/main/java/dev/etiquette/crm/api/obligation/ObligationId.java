package dev.etiquette.crm.api.obligation;

import static java.util.Objects.requireNonNull;

import dev.etiquette.crm.api.RecordIds;
import dev.etiquette.crm.api.ValidationException;

/**
 * Identifies an obligation within its tenant. The library assigns it when the obligation is created; it never
 * changes.
 *
 * @param value 1 to 64 characters from {@code [A-Za-z0-9_-]}
 */
public record ObligationId(String value) implements Comparable<ObligationId> {

  /** @throws ValidationException if {@code value} does not have the documented format */
  public ObligationId {
    requireNonNull(value, "value");
    if (!RecordIds.isWellFormed(value)) {
      throw ValidationException.of("obligationId", value, "must be 1 to 64 characters from [A-Za-z0-9_-]");
    }
  }

  public static ObligationId of(String value) {
    return new ObligationId(value);
  }

  /** Orders ids as {@link String#compareTo} orders their values (code-point order). */
  @Override
  public int compareTo(ObligationId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
