package dev.etiquette.crm.api.party;

import static java.util.Objects.requireNonNull;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The host application's own key for a party in one of its systems (the billing system's account number,
 * the shop's customer id). Within a tenant, one (system, value) pair belongs to at most one party.
 *
 * @param system the system that issued the key; 1 to 64 characters from {@code [A-Za-z0-9._-]}
 * @param value the key in that system; 1 to 200 characters, no control characters; stored verbatim
 */
public record ExternalId(
    @NotBlank @Pattern(regexp = "[A-Za-z0-9._-]{1,64}", message = "must be 1 to 64 characters from [A-Za-z0-9._-]")
        String system,
    @NotBlank @Size(max = 200) @Pattern(regexp = "[^\\p{Cc}]*", message = "must not contain control characters")
        String value) {

  public ExternalId {
    requireNonNull(system, "system");
    requireNonNull(value, "value");
  }

  public static ExternalId of(String system, String value) {
    return new ExternalId(system, value);
  }

  @Override
  public String toString() {
    return system + ":" + value;
  }
}
