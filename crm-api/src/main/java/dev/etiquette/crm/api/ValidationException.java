package dev.etiquette.crm.api;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown when an input is invalid. It lists <em>every</em> violation found, each with its path, its
 * (masked) value and the reason, and guarantees that nothing was stored or changed.
 */
public final class ValidationException extends CrmException {

  private static final long serialVersionUID = 1L;
  private static final int MAX_VALUE_LENGTH = 60;

  private final ImmutableList<Violation> violations;

  /**
   * @param violations at least one violation
   * @throws IllegalArgumentException if {@code violations} is empty
   */
  public ValidationException(List<Violation> violations) {
    super(message(violations));
    this.violations = ImmutableList.copyOf(violations);
  }

  /**
   * One violation of a value that is not personal data; the value is shortened and its control
   * characters are escaped.
   */
  public static ValidationException of(String path, String value, String message) {
    return new ValidationException(List.of(new Violation(path, printable(value), message)));
  }

  /** The violations, in the order they were found; never empty. */
  public List<Violation> violations() {
    return violations;
  }

  /**
   * Renders a value for a message: at most 60 characters (longer ones end in {@code …(N chars)}), with
   * control characters, direction overrides and unpaired surrogates written as {@code \\uXXXX}, so that the
   * message is well-formed, printable text. Not a mask: personal data must be masked first.
   */
  public static String printable(String value) {
    if (value == null) {
      return "null";
    }
    StringBuilder out = new StringBuilder();
    int shown = Math.min(value.length(), MAX_VALUE_LENGTH);
    if (shown < value.length() && Character.isHighSurrogate(value.charAt(shown - 1))) {
      shown--; // never cut a surrogate pair in half
    }
    for (int i = 0; i < shown; i++) {
      char c = value.charAt(i);
      boolean paired = Character.isHighSurrogate(c) && i + 1 < value.length()
          && Character.isLowSurrogate(value.charAt(i + 1));
      if (paired) {
        out.append(c).append(value.charAt(++i));
      } else if (Character.isISOControl(c) || isBidiControl(c) || Character.isSurrogate(c)) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    if (value.length() > shown) {
      out.append("…(").append(value.length()).append(" chars)");
    }
    return out.toString();
  }

  /** The invisible characters that reorder text (bidirectional controls and marks). */
  private static boolean isBidiControl(char c) {
    return c == '\u061C' || c == '\u200E' || c == '\u200F' || (c >= '\u202A' && c <= '\u202E')
        || (c >= '\u2066' && c <= '\u2069');
  }

  private static String message(List<Violation> violations) {
    requireNonNull(violations, "violations");
    if (violations.isEmpty()) {
      throw new IllegalArgumentException("a ValidationException needs at least one violation");
    }
    String head = violations.size() == 1 ? "invalid input: " : violations.size() + " invalid inputs: ";
    return head + violations.stream().map(Violation::toString).collect(Collectors.joining("; "));
  }
}
