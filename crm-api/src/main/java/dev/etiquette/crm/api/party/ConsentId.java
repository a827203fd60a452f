package dev.etiquette.crm.api.party;

import static java.util.Objects.requireNonNull;

import dev.etiquette.crm.api.ValidationException;

/**
 * Identifies one consent record. The library assigns it when the consent is recorded; a decision that
 * relies on a consent names it by this id.
 *
 * @param value 1 to 64 characters from {@code [A-Za-z0-9_-]}
 */
public record ConsentId(String value) {

  /** @throws ValidationException if {@code value} does not have the documented format */
  public ConsentId {
    requireNonNull(value, "value");
    if (!PartyId.FORMAT.matcher(value).matches()) {
      throw ValidationException.of("consentId", value, "must be 1 to 64 characters from [A-Za-z0-9_-]");
    }
  }

  public static ConsentId of(String value) {
    return new ConsentId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
