package dev.etiquette.crm.internal;

import dev.etiquette.crm.api.ValidationException;

/** Masks personal data before it appears in an exception message or a log line. */
final class Masking {

  private Masking() {}

  /** {@code ada@example.com} becomes {@code a***@example.com}. */
  static String email(String value) {
    if (value == null) {
      return "null";
    }
    String trimmed = value.strip();
    int at = trimmed.lastIndexOf('@');
    if (at <= 0) {
      return text(trimmed);
    }
    return ValidationException.printable(trimmed.substring(0, trimmed.offsetByCodePoints(0, 1)) + "***"
        + trimmed.substring(at));
  }

  /** {@code +14155550123} becomes {@code +1*******23}: the first two and the last two characters. */
  static String phone(String value) {
    if (value == null) {
      return "null";
    }
    String trimmed = value.strip();
    int length = trimmed.codePointCount(0, trimmed.length());
    if (length <= 4) {
      return "*".repeat(length);
    }
    // by code point, so that an emoji is never cut in half
    return ValidationException.printable(trimmed.substring(0, trimmed.offsetByCodePoints(0, 2))
        + "*".repeat(Math.min(length - 4, 12)) + trimmed.substring(trimmed.offsetByCodePoints(trimmed.length(), -2)));
  }

  /** Free text that may be personal: its first character and its length ({@code A***(12 chars)}). */
  static String text(String value) {
    if (value == null) {
      return "null";
    }
    if (value.isEmpty()) {
      return "";
    }
    int first = value.codePointAt(0);
    String head = ValidationException.printable(new String(Character.toChars(first)));
    return head + "***(" + value.length() + " chars)";
  }
}
