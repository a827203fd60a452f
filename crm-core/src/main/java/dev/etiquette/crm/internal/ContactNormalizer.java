package dev.etiquette.crm.internal;

import com.google.common.collect.ImmutableList;
import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import dev.etiquette.crm.api.Violation;
import dev.etiquette.crm.api.party.ContactPoint;
import dev.etiquette.crm.api.party.EmailAddress;
import dev.etiquette.crm.api.party.PhoneNumber;
import dev.etiquette.crm.api.party.PostalAddress;
import dev.etiquette.crm.api.party.SocialHandle;
import dev.etiquette.crm.api.party.Website;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Normalizes contact points: emails trimmed with the domain lower-cased, phones in E.164, websites with
 * scheme and host lower-cased, social networks lower-cased, everything trimmed. Normalizing a normalized
 * contact point returns it unchanged.
 */
final class ContactNormalizer {

  private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

  private ContactNormalizer() {}

  /** The regions libphonenumber knows, for validating a tenant's default region. */
  static Set<String> supportedRegions() {
    return PHONES.getSupportedRegions();
  }

  /**
   * The normalized contact point, or empty with the problem added to {@code violations} (path relative to
   * the contact point, value masked).
   */
  static Optional<ContactPoint> normalize(ContactPoint point, Optional<String> defaultRegion, String path,
      List<Violation> violations) {
    Optional<String> label = point.label().map(String::strip);
    if (point instanceof EmailAddress email) {
      return Optional.of(new EmailAddress(normalizeEmail(email.address()), label, email.primary()));
    }
    if (point instanceof PhoneNumber phone) {
      return normalizePhone(phone.number(), defaultRegion, path + ".number", violations)
          .map(e164 -> new PhoneNumber(e164, label, phone.primary()));
    }
    if (point instanceof Website website) {
      return Optional.of(new Website(normalizeUrl(website.url()), label, website.primary()));
    }
    if (point instanceof SocialHandle social) {
      return Optional.of(new SocialHandle(social.network().strip().toLowerCase(Locale.ROOT), social.handle().strip(),
          label, social.primary()));
    }
    PostalAddress postal = (PostalAddress) point;
    return Optional.of(new PostalAddress(
        postal.lines().stream().map(String::strip).collect(ImmutableList.toImmutableList()),
        postal.locality().strip(), postal.region().map(String::strip), postal.postalCode().map(String::strip),
        // ASCII only: toUpperCase would turn "ß" into "SS", a valid-looking country code
        com.google.common.base.Ascii.toUpperCase(postal.country().strip()), label, postal.primary()));
  }

  /** Trims and lower-cases the domain (the part after the last {@code @}); the local part keeps its case. */
  static String normalizeEmail(String address) {
    String trimmed = address.strip();
    int at = trimmed.lastIndexOf('@');
    if (at < 0) {
      return trimmed;
    }
    return trimmed.substring(0, at + 1) + trimmed.substring(at + 1).toLowerCase(Locale.ROOT);
  }

  /**
   * The number in E.164, or empty with a violation when it cannot be read as a valid number. Numbers of the plain
   * shape (digits, spaces, parentheses, dots, dashes, an optional leading {@code +}) are read by
   * {@link PlainPhoneNumbers} when it is certain of libphonenumber's answer; everything else, and every number that
   * is not valid, by libphonenumber ({@link #normalizePhoneSlow}), so that answers and violations are the same.
   */
  static Optional<String> normalizePhone(String number, Optional<String> defaultRegion, String path,
      List<Violation> violations) {
    String e164 = PlainPhoneNumbers.e164(number, defaultRegion);
    if (e164 != null) {
      return Optional.of(e164);
    }
    return normalizePhoneSlow(number, defaultRegion, path, violations);
  }

  /** {@link #normalizePhone} by libphonenumber alone: {@code parse}, {@code isValidNumber}, E.164. */
  static Optional<String> normalizePhoneSlow(String number, Optional<String> defaultRegion, String path,
      List<Violation> violations) {
    String region = defaultRegion.orElse("ZZ");
    try {
      com.google.i18n.phonenumbers.Phonenumber.PhoneNumber parsed = PHONES.parse(number.strip(), region);
      if (!PHONES.isValidNumber(parsed)) {
        violations.add(new Violation(path, Masking.phone(number), "is not a valid phone number"
            + defaultRegion.map(r -> " (default region " + r + ")").orElse("")));
        return Optional.empty();
      }
      return Optional.of(PHONES.format(parsed, PhoneNumberUtil.PhoneNumberFormat.E164));
    } catch (NumberParseException e) {
      String why = switch (e.getErrorType()) {
        case INVALID_COUNTRY_CODE -> defaultRegion.isPresent()
            ? "has an invalid country code"
            : "needs a country code (+…), since the tenant has no default region";
        case NOT_A_NUMBER -> "is not a phone number";
        case TOO_SHORT_AFTER_IDD, TOO_SHORT_NSN -> "is too short to be a phone number";
        case TOO_LONG -> "is too long to be a phone number";
      };
      violations.add(new Violation(path, Masking.phone(number), why));
      return Optional.empty();
    }
  }

  private static String normalizeUrl(String url) {
    String trimmed = url.strip();
    try {
      URI uri = new URI(trimmed);
      if (uri.getScheme() == null || uri.getRawAuthority() == null) {
        return trimmed;
      }
      String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
      String authority = uri.getRawAuthority().toLowerCase(Locale.ROOT);
      int start = trimmed.indexOf("://") + 3 + uri.getRawAuthority().length();
      return scheme + "://" + authority + trimmed.substring(start);
    } catch (URISyntaxException e) {
      // not a strict RFC 3986 URI (an unencoded <, > or " in the path): lower-case scheme and host all the same
      int schemeEnd = trimmed.indexOf("://");
      if (schemeEnd <= 0) {
        return trimmed;
      }
      int authorityEnd = schemeEnd + 3;
      while (authorityEnd < trimmed.length() && "/?#".indexOf(trimmed.charAt(authorityEnd)) < 0) {
        authorityEnd++;
      }
      return trimmed.substring(0, authorityEnd).toLowerCase(Locale.ROOT) + trimmed.substring(authorityEnd);
    }
  }
}
