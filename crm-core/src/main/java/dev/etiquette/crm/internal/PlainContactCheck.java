package dev.etiquette.crm.internal;

import dev.etiquette.crm.api.party.ContactPoint;
import dev.etiquette.crm.api.party.EmailAddress;
import dev.etiquette.crm.api.party.PhoneNumber;

/**
 * Recognizes normalized contact points that Bean Validation would certainly accept, so that the common case of
 * an import skips it: a phone number in E.164 without a label, and an e-mail address of plain ASCII (letters,
 * digits, {@code . _ + -} before the {@code @}; lower-case letters, digits and inner hyphens in dot-separated
 * labels after it) within the length limits, without a label. Anything else answers {@code false} and goes
 * through the validator as before, so no violation is lost; {@code PlainContactCheckProperties} holds every
 * {@code true} answer to the validator's verdict.
 */
final class PlainContactCheck {

  private static final int MAX_ADDRESS = 254;
  private static final int MAX_LOCAL = 64;
  private static final int MAX_LABEL = 63;

  private PlainContactCheck() {}

  /** Whether {@code point}, as normalized, certainly breaks none of its Bean Validation constraints. */
  static boolean certainlyValid(ContactPoint point) {
    if (point instanceof PhoneNumber phone) {
      return phone.label().isEmpty() && isE164(phone.number());
    }
    if (point instanceof EmailAddress email) {
      return email.label().isEmpty() && isPlainAddress(email.address());
    }
    return false;
  }

  static boolean isE164(String number) {
    int n = number.length();
    if (n < 3 || n > 16 || number.charAt(0) != '+' || number.charAt(1) == '0') {
      return false;
    }
    for (int i = 1; i < n; i++) {
      char c = number.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  static boolean isPlainAddress(String address) {
    int n = address.length();
    int at = address.indexOf('@');
    if (n > MAX_ADDRESS || at < 1 || at > MAX_LOCAL || at == n - 1) {
      return false;
    }
    // the local part: [A-Za-z0-9_+-] runs separated by single dots
    char previous = '.';
    for (int i = 0; i < at; i++) {
      char c = address.charAt(i);
      if (c == '.') {
        if (previous == '.') {
          return false;
        }
      } else if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '+'
          || c == '-')) {
        return false;
      }
      previous = c;
    }
    if (previous == '.') {
      return false;
    }
    // the domain: labels of [a-z0-9-], not starting or ending with '-', 1 to 63 characters, separated by dots
    int labelLength = 0;
    previous = '.';
    for (int i = at + 1; i < n; i++) {
      char c = address.charAt(i);
      if (c == '.') {
        if (labelLength == 0 || previous == '-') {
          return false;
        }
        labelLength = 0;
      } else if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' && labelLength > 0) {
        if (++labelLength > MAX_LABEL) {
          return false;
        }
      } else {
        return false;
      }
      previous = c;
    }
    return labelLength > 0 && previous != '-';
  }
}
