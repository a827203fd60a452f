package dev.etiquette.crm.api.interaction;

import static java.util.Objects.requireNonNull;

import dev.etiquette.crm.api.ValidationException;
import java.util.regex.Pattern;

/**
 * Identifies a conversation within its tenant. The host application chooses it, usually the id its
 * channel already gives the thread: a ticket number ({@code "ZD-48213"}), a chat or e-mail thread id
 * ({@code "<CAF=x7q@mail.example.com>"}), a call id. The first interaction recorded with a new id opens the
 * conversation.
 *
 * <p>Ids are compared exactly: case, punctuation and all ({@code "T-1"} and {@code "t-1"} are two
 * conversations).
 *
 * @param value 1 to 128 printable ASCII characters ({@code !} to {@code ~}; no spaces, no control
 *     characters)
 */
public record ConversationId(String value) implements Comparable<ConversationId> {

  /** The longest id allowed. */
  public static final int MAX_LENGTH = 128;

  private static final Pattern FORMAT = Pattern.compile("[\\x21-\\x7E]{1," + MAX_LENGTH + "}");

  /** @throws ValidationException if {@code value} does not have the documented format */
  public ConversationId {
    requireNonNull(value, "value");
    if (!FORMAT.matcher(value).matches()) {
      throw ValidationException.of("conversationId", value,
          "must be 1 to " + MAX_LENGTH + " printable ASCII characters (! to ~), without spaces");
    }
  }

  public static ConversationId of(String value) {
    return new ConversationId(value);
  }

  /** Orders ids as {@link String#compareTo} orders their values (code-point order). */
  @Override
  public int compareTo(ConversationId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
