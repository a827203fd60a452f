package dev.etiquette.crm.api.party;

import static java.util.Objects.requireNonNull;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Optional;

/**
 * An email address. Stored trimmed, with its domain lower-cased; the local part keeps its case, since
 * mail servers may distinguish it.
 *
 * @param address the address, at most 254 characters
 * @param label an optional label, at most 50 characters
 * @param primary whether this is the party's primary email address
 */
public record EmailAddress(
    @NotBlank @Email @Size(max = 254) String address,
    Optional<@Size(min = 1, max = 50) @Pattern(regexp = "[^\\p{Cc}]*", message = "must not contain control characters") String> label,
    boolean primary) implements ContactPoint {

  public EmailAddress {
    requireNonNull(address, "address");
    requireNonNull(label, "label");
  }

  @Override
  public ContactKind kind() {
    return ContactKind.EMAIL;
  }

  @Override
  public EmailAddress withPrimary(boolean primary) {
    return new EmailAddress(address, label, primary);
  }

  /** This email address with the given label. */
  public EmailAddress withLabel(String label) {
    return new EmailAddress(address, Optional.of(label), primary);
  }

  @Override
  public String key() {
    return "email:" + address;
  }
}
