package dev.etiquette.crm.api.party;

import java.util.Optional;

/**
 * A way to reach a party: an email address, a phone number, a postal address, a website or a social
 * handle.
 *
 * <p>Contact points given to the library are validated (Bean Validation constraints on each record, plus
 * the library's own checks) and normalized before they are stored: an email address is trimmed and its
 * domain lower-cased; a phone number is written in E.164 ({@code +442079460958}), read with the tenant's
 * default region when it has no country code. Normalizing a normalized contact point changes nothing.
 *
 * <p>At most one contact point of each {@link ContactKind} is primary. Two contact points of a party with
 * the same {@link #key()} are the same contact point.
 */
public sealed interface ContactPoint
    permits EmailAddress, PhoneNumber, PostalAddress, Website, SocialHandle {

  /** What kind of contact point this is. */
  ContactKind kind();

  /** A free label such as {@code work} or {@code home}; at most 50 characters. */
  Optional<String> label();

  /** Whether this is the party's primary contact point of its kind. */
  boolean primary();

  /** This contact point, primary or not. */
  ContactPoint withPrimary(boolean primary);

  /**
   * The identity of the contact point within its party: the kind and the address, number or handle, as
   * given (compare normalized contact points to compare normalized keys).
   */
  String key();

  /** An email address, neither labelled nor primary. */
  static EmailAddress email(String address) {
    return new EmailAddress(address, Optional.empty(), false);
  }

  /** A phone number, neither labelled nor primary; E.164 or national format of the tenant's region. */
  static PhoneNumber phone(String number) {
    return new PhoneNumber(number, Optional.empty(), false);
  }

  /** A website address ({@code http} or {@code https}), neither labelled nor primary. */
  static Website website(String url) {
    return new Website(url, Optional.empty(), false);
  }

  /** A handle on a social network, neither labelled nor primary. */
  static SocialHandle social(String network, String handle) {
    return new SocialHandle(network, handle, Optional.empty(), false);
  }
}
