package dev.etiquette.crm.api.interaction;

import static java.util.Objects.requireNonNull;

import dev.etiquette.crm.api.RecordIds;
import dev.etiquette.crm.api.ValidationException;

/**
 * Identifies an interaction within its tenant. The library assigns it when the interaction is recorded; it
 * never changes.
 *
 * @param value 1 to 64 characters from {@code [A-Za-z0-9_-]}
 */
public record InteractionId(String value) implements Comparable<InteractionId> {

  /** @throws ValidationException if {@code value} does not have the documented format */
  public InteractionId {
    requireNonNull(value, "value");
    if (!RecordIds.isWellFormed(value)) {
      throw ValidationException.of("interactionId", value, "must be 1 to 64 characters from [A-Za-z0-9_-]");
    }
  }

  public static InteractionId of(String value) {
    return new InteractionId(value);
  }

  /** Orders ids as {@link String#compareTo} orders their values (code-point order). */
  @Override
  public int compareTo(InteractionId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
