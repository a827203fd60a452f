package dev.etiquette.crm.api.party;

import static java.util.Objects.requireNonNull;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Optional;

/**
 * A phone number. Stored in E.164 ({@code +14155550123}); given in E.164, in international format, or in
 * the national format of the tenant's default region.
 *
 * @param number the number, at most 40 characters as given
 * @param label an optional label, at most 50 characters
 * @param primary whether this is the party's primary phone number
 */
public record PhoneNumber(
    @NotBlank @Size(max = 40) String number,
    Optional<@Size(min = 1, max = 50) @Pattern(regexp = "[^\\p{Cc}]*", message = "must not contain control characters") String> label,
    boolean primary) implements ContactPoint {

  public PhoneNumber {
    requireNonNull(number, "number");
    requireNonNull(label, "label");
  }

  @Override
  public ContactKind kind() {
    return ContactKind.PHONE;
  }

  @Override
  public PhoneNumber withPrimary(boolean primary) {
    return new PhoneNumber(number, label, primary);
  }

  /** This phone number with the given label. */
  public PhoneNumber withLabel(String label) {
    return new PhoneNumber(number, Optional.of(label), primary);
  }

  @Override
  public String key() {
    return "phone:" + number;
  }
}
