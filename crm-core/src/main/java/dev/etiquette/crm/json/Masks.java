package dev.etiquette.crm.json;

import dev.etiquette.crm.api.ValidationException;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Makes an offending value fit for an error message: printable (see {@link ValidationException#printable})
 * and, where it may be personal data, masked. A value that looks like an email address shows its first
 * character and its domain ({@code a***@example.com}); any value of a property that holds personal data
 * (an address, a number, a name) shows its first character and its length.
 */
final class Masks {

  private static final Set<String> PERSONAL =
      Set.of("address", "number", "lines", "locality", "postalCode", "handle", "displayName");
  private static final Pattern EMAIL_LIKE = Pattern.compile("(?s).+@[^@]+");

  private Masks() {}

  static String printable(String property, String value) {
    if (value == null) {
      return "null";
    }
    String trimmed = value.strip();
    if (EMAIL_LIKE.matcher(trimmed).matches()) {
      int at = trimmed.lastIndexOf('@');
      return ValidationException.printable(trimmed.substring(0, 1) + "***" + trimmed.substring(at));
    }
    if (PERSONAL.contains(property) && !value.isEmpty() && !value.equals("(missing)") && !value.equals("null")) {
      int first = value.codePointAt(0);
      return ValidationException.printable(new String(Character.toChars(first))) + "***(" + value.length()
          + " chars)";
    }
    return ValidationException.printable(value);
  }
}
