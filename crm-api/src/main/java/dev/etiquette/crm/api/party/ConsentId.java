package dev.etiquette.crm.api.party;

import static java.util.Objects.requireNonNull;

import dev.etiquette.crm.api.RecordIds;
import dev.etiquette.crm.api.ValidationException;

/**
 * Identifies one consent record among its party's consent records. The library assigns it when the
 * consent is recorded: the party's first record is {@code "1"}, the next {@code "2"}, and so on. Consent
 * records belong to their party (they are part of the {@link Party} record), so the id is local to the
 * party, like a line number of an order: elsewhere, a record is named by the party's id and this id (a
 * decision that relies on a consent names both).
 *
 * @param value 1 to 64 characters from {@code [A-Za-z0-9_-]}
 */
public record ConsentId(String value) {

  /** @throws ValidationException if {@code value} does not have the documented format */
  public ConsentId {
    requireNonNull(value, "value");
    if (!RecordIds.isWellFormed(value)) {
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
