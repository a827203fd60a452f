package dev.etiquette.crm.api.party;

import static java.util.Objects.requireNonNull;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Optional;

/**
 * A website. Stored trimmed, with the scheme and host lower-cased.
 *
 * @param url an absolute {@code http} or {@code https} URL, at most 2,000 characters
 * @param label an optional label, at most 50 characters
 * @param primary whether this is the party's primary website
 */
public record Website(
    @NotBlank @Size(max = 2000)
    @Pattern(regexp = "(?i)\\s*https?://[^\\s/?#]+([/?#]\\S*)?\\s*", message = "must be an absolute http or https URL")
        String url,
    Optional<@Size(min = 1, max = 50) @Pattern(regexp = "[^\\p{Cc}]*", message = "must not contain control characters") String> label,
    boolean primary) implements ContactPoint {

  public Website {
    requireNonNull(url, "url");
    requireNonNull(label, "label");
  }

  @Override
  public ContactKind kind() {
    return ContactKind.WEBSITE;
  }

  @Override
  public Website withPrimary(boolean primary) {
    return new Website(url, label, primary);
  }

  @Override
  public String key() {
    return "website:" + url;
  }
}
