package dev.etiquette.crm.api.party;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Optional;

/**
 * A postal address, stored as given (trimmed).
 *
 * @param lines the street lines, 1 to 5, each at most 200 characters
 * @param locality the city or town, at most 100 characters
 * @param region the state, province or county, if the country uses one
 * @param postalCode the postal code, if the country uses one
 * @param country the ISO 3166-1 alpha-2 country code, upper case ({@code DE}, {@code US})
 * @param label an optional label, at most 50 characters
 * @param primary whether this is the party's primary postal address
 */
public record PostalAddress(
    @NotEmpty @Size(max = 5) List<@NotBlank @Size(max = 200) String> lines,
    @NotBlank @Size(max = 100) String locality,
    Optional<@Size(min = 1, max = 100) @Pattern(regexp = "[^\\p{Cc}]*", message = "must not contain control characters") String> region,
    Optional<@Size(min = 1, max = 20) @Pattern(regexp = "[^\\p{Cc}]*", message = "must not contain control characters") String> postalCode,
    @NotBlank @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166-1 alpha-2 code such as DE or US")
        String country,
    Optional<@Size(min = 1, max = 50) @Pattern(regexp = "[^\\p{Cc}]*", message = "must not contain control characters") String> label,
    boolean primary) implements ContactPoint {

  public PostalAddress {
    lines = ImmutableList.copyOf(requireNonNull(lines, "lines"));
    requireNonNull(locality, "locality");
    requireNonNull(region, "region");
    requireNonNull(postalCode, "postalCode");
    requireNonNull(country, "country");
    requireNonNull(label, "label");
  }

  @Override
  public ContactKind kind() {
    return ContactKind.POSTAL;
  }

  @Override
  public PostalAddress withPrimary(boolean primary) {
    return new PostalAddress(lines, locality, region, postalCode, country, label, primary);
  }

  @Override
  public String key() {
    return "postal:" + String.join("|", lines) + "|" + locality + "|" + region.orElse("") + "|"
        + postalCode.orElse("") + "|" + country;
  }
}
