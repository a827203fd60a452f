package dev.etiquette.crm.api.party;

import static java.util.Objects.requireNonNull;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Optional;

/**
 * A handle on a social network. Stored trimmed; the network name lower-cased.
 *
 * @param network the network, such as {@code linkedin} or {@code mastodon}; 1 to 40 characters from
 *     {@code [A-Za-z0-9._-]}
 * @param handle the handle on that network, at most 200 characters, no white space or control characters
 * @param label an optional label, at most 50 characters
 * @param primary whether this is the party's primary social handle
 */
public record SocialHandle(
    @NotBlank @Pattern(regexp = "\\s*[A-Za-z0-9._-]{1,40}\\s*", message = "must be 1 to 40 characters from [A-Za-z0-9._-]")
        String network,
    @NotBlank @Size(max = 200) @Pattern(regexp = "\\s*\\S+\\s*", message = "must not contain white space")
        String handle,
    Optional<@Size(min = 1, max = 50) @Pattern(regexp = "[^\\p{Cc}]*", message = "must not contain control characters") String> label,
    boolean primary) implements ContactPoint {

  public SocialHandle {
    requireNonNull(network, "network");
    requireNonNull(handle, "handle");
    requireNonNull(label, "label");
  }

  @Override
  public ContactKind kind() {
    return ContactKind.SOCIAL;
  }

  @Override
  public SocialHandle withPrimary(boolean primary) {
    return new SocialHandle(network, handle, label, primary);
  }

  @Override
  public String key() {
    return "social:" + network + ":" + handle;
  }
}
