package dev.etiquette.crm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.etiquette.crm.api.CrmTenant;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.party.ContactPoint;
import dev.etiquette.crm.api.party.EmailAddress;
import dev.etiquette.crm.api.party.Party;
import dev.etiquette.crm.api.party.PartyDraft;
import dev.etiquette.crm.api.party.PhoneNumber;
import dev.etiquette.crm.api.party.PostalAddress;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Normalization is idempotent: storing what was stored changes nothing. */
class NormalizationProperties {

  final CrmTenant tenant = tenant();

  static CrmTenant tenant() {
    CrmTenant t = Crm.builder().build().tenant(TenantId.of("t"));
    t.configure(t.settings().withDefaultRegion("DE"));
    return t;
  }

  @Property(tries = 300)
  void normalizingANormalizedContactPointChangesNothing(@ForAll("contactPoints") ContactPoint given) {
    Party once = tenant.parties().create(PartyDraft.person("N").contactPoint(given).build());
    ContactPoint normalized = once.contactPoints().get(0);
    Party twice = tenant.parties().create(PartyDraft.person("N").contactPoint(normalized).build());
    assertThat(twice.contactPoints().get(0)).isEqualTo(normalized);
  }

  @Property(tries = 300)
  void emailsKeepTheirLocalPartAndLowerCaseTheirDomain(@ForAll("emails") String email) {
    Party p = tenant.parties().create(PartyDraft.person("N").email("  " + email + "\t").build());
    String stored = p.primaryEmail().orElseThrow();
    int at = email.lastIndexOf('@');
    assertThat(stored).isEqualTo(email.substring(0, at + 1) + email.substring(at + 1).toLowerCase(Locale.ROOT));
    assertThat(tenant.parties().findByEmail(email.toUpperCase(Locale.ROOT))).extracting(Party::id).contains(p.id());
  }

  @Property(tries = 200)
  void phonesAreStoredInE164WhateverTheFormatGiven(@ForAll("germanNumbers") String subscriber,
      @ForAll("formats") int format) {
    String national = "030 " + subscriber;
    String given = switch (format) {
      case 0 -> national;
      case 1 -> "+49 30 " + subscriber;
      case 2 -> "+49 (0)30-" + subscriber;
      default -> "0049 30 " + subscriber;
    };
    Party p = tenant.parties().create(PartyDraft.person("N").phone(given).build());
    assertThat(p.primaryPhone()).contains("+4930" + subscriber);
  }

  @Provide
  Arbitrary<String> emails() {
    Arbitrary<String> local = Arbitraries.strings().withCharRange('a', 'z').withCharRange('A', 'Z')
        .withChars('.', '_', '+', '-').ofMinLength(1).ofMaxLength(20)
        .filter(s -> !s.startsWith(".") && !s.endsWith(".") && !s.contains(".."));
    Arbitrary<String> label = Arbitraries.strings().withCharRange('a', 'z').withCharRange('A', 'Z').ofMinLength(1)
        .ofMaxLength(10);
    return Combinators.combine(local, label, label).as((l, d, tld) -> l + "@" + d + "." + tld);
  }

  @Provide
  Arbitrary<String> germanNumbers() {
    return Arbitraries.strings().numeric().ofLength(8).filter(s -> s.charAt(0) != '0');
  }

  @Provide
  Arbitrary<Integer> formats() {
    return Arbitraries.integers().between(0, 3);
  }

  @Provide
  Arbitrary<ContactPoint> contactPoints() {
    Arbitrary<Optional<String>> labels = Arbitraries.of("work", " home ", "Mobile").optional(0.5);
    Arbitrary<ContactPoint> emails = Combinators.combine(emails(), labels)
        .as((e, l) -> new EmailAddress(" " + e, l, false));
    Arbitrary<ContactPoint> phones = Combinators.combine(germanNumbers(), labels)
        .as((n, l) -> new PhoneNumber("030 " + n, l, false));
    Arbitrary<ContactPoint> sites = Arbitraries.of("HTTP://Example.COM/Path?Q=A", "https://WWW.example.org",
        " https://shop.example.com/a/B ").map(ContactPoint::website);
    Arbitrary<ContactPoint> socials = Arbitraries.of("LinkedIn", " mastodon ", "X")
        .map(n -> ContactPoint.social(n, " @Ada "));
    Arbitrary<ContactPoint> postal = Arbitraries.of("de", "DE", " gb ")
        .map(c -> new PostalAddress(List.of(" Unter den Linden 1 "), " Berlin ", Optional.empty(),
            Optional.of(" 10117 "), c, Optional.empty(), false));
    return Arbitraries.oneOf(emails, phones, sites, socials, postal);
  }
}
