package dev.etiquette.crm.internal;

import com.google.common.base.Equivalence;
import java.util.Locale;

/**
 * Two strings are equivalent when their {@code toLowerCase(Locale.ROOT)} are equal: the matching of
 * e-mail addresses that {@link dev.etiquette.crm.api.spi.PartyStore#findByEmail} documents. The hash is
 * {@code toLowerCase(Locale.ROOT).hashCode()}.
 *
 * <p>This is not {@link String#equalsIgnoreCase}, which compares char by char through both upper and lower
 * case: {@code "ı".equalsIgnoreCase("I")} (dotless i) and {@code "ς".equalsIgnoreCase("σ")} (final and
 * medial sigma) hold, while their lower cases differ; and {@code "İ"} (dotted capital I) lower-cases to
 * two chars, {@code "i̇"}, equivalent here but not by {@code equalsIgnoreCase}.
 *
 * <p>Strings of ASCII characters only (the usual case) are compared and hashed in place, without a
 * lower-cased copy: for them {@code toLowerCase(Locale.ROOT)} maps {@code A-Z} to {@code a-z}, one char for
 * one, and nothing else. As soon as either string holds another character, both are lower-cased.
 */
final class LowerCaseEquivalence extends Equivalence<String> {

  static final LowerCaseEquivalence INSTANCE = new LowerCaseEquivalence();

  private LowerCaseEquivalence() {}

  @Override
  protected boolean doEquivalent(String a, String b) {
    int length = a.length();
    if (length != b.length()) {
      // only a character outside ASCII (such as U+0130) may change the length when lower-cased
      return !(isAscii(a) && isAscii(b)) && slowEquivalent(a, b);
    }
    for (int i = 0; i < length; i++) {
      char x = a.charAt(i);
      char y = b.charAt(i);
      if ((x | y) >= 0x80) {
        return slowEquivalent(a, b);
      }
      if (x != y && lower(x) != lower(y)) {
        // the lower cases of both strings agree with the ASCII prefixes up to here, and differ at i
        return false;
      }
    }
    return true;
  }

  @Override
  protected int doHash(String s) {
    int hash = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 0x80) {
        return s.toLowerCase(Locale.ROOT).hashCode();
      }
      hash = 31 * hash + lower(c);
    }
    return hash; // String.hashCode of the lower-cased string
  }

  private static boolean slowEquivalent(String a, String b) {
    return a.toLowerCase(Locale.ROOT).equals(b.toLowerCase(Locale.ROOT));
  }

  private static boolean isAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  private static char lower(char ascii) {
    return ascii >= 'A' && ascii <= 'Z' ? (char) (ascii + ('a' - 'A')) : ascii;
  }

  @Override
  public String toString() {
    return "LowerCaseEquivalence";
  }
}
