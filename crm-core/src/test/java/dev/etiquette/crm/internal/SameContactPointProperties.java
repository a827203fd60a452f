package dev.etiquette.crm.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.etiquette.crm.api.party.ContactPoint;
import dev.etiquette.crm.api.party.EmailAddress;
import dev.etiquette.crm.api.party.PhoneNumber;
import dev.etiquette.crm.api.party.PostalAddress;
import dev.etiquette.crm.api.party.SocialHandle;
import dev.etiquette.crm.api.party.Website;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link PartyRules#sameContactPoint} answers exactly what comparing {@link PartyRules#matchKey} of both contact
 * points answers, for every kind against every kind, with texts chosen so that keys often collide (the same text in
 * different kinds, e-mail addresses that differ in case only, among them characters whose lower case is not
 * {@code equalsIgnoreCase}'s).
 */
class SameContactPointProperties {

  @Provide
  Arbitrary<String> texts() {
    return Arbitraries.of(List.of("a", "A", "b", "@", "x.org", "X.ORG", "İ", "i\u0307", "ı", "I", "ς", "σ", "+1", "5",
        ":", "|", "email:", "phone:")).list().ofMinSize(1).ofMaxSize(4).map(parts -> String.join("", parts));
  }

  @Provide
  Arbitrary<ContactPoint> points() {
    Arbitrary<Optional<String>> labels = Arbitraries.of(Optional.<String>empty(), Optional.of("work"));
    Arbitrary<Boolean> primary = Arbitraries.of(true, false);
    return Arbitraries.oneOf(
        Combinators.combine(texts(), labels, primary).as(EmailAddress::new),
        Combinators.combine(texts(), labels, primary).as(PhoneNumber::new),
        Combinators.combine(texts(), labels, primary).as(Website::new),
        Combinators.combine(texts(), texts(), labels, primary).as(SocialHandle::new),
        Combinators.combine(texts(), texts(), labels, primary).as((line, locality, label, p) ->
            new PostalAddress(List.of(line), locality, Optional.empty(), Optional.empty(), "US", label, p)));
  }

  /** Pairs that often match: the second is the first, re-cased, re-labelled or another kind with the same text. */
  @Provide
  Arbitrary<List<ContactPoint>> pairs() {
    Arbitrary<List<ContactPoint>> related = points().flatMap(a -> Arbitraries.integers().between(0, 4).map(how ->
        List.of(a, switch (how) {
          case 0 -> a instanceof EmailAddress e ? new EmailAddress(e.address().toUpperCase(java.util.Locale.ROOT),
              Optional.empty(), !e.primary()) : a.withPrimary(!a.primary());
          case 1 -> a instanceof EmailAddress e ? new EmailAddress(e.address().toLowerCase(java.util.Locale.ROOT),
              Optional.of("home"), e.primary()) : a;
          case 2 -> a instanceof EmailAddress e ? new PhoneNumber(e.address(), Optional.empty(), false)
              : new EmailAddress(keyText(a), Optional.empty(), false);
          case 3 -> a instanceof PhoneNumber p ? new Website(p.number(), Optional.empty(), false)
              : new PhoneNumber(keyText(a), Optional.empty(), false);
          default -> a;
        })));
    return Arbitraries.oneOf(related, Combinators.combine(points(), points()).as(List::of));
  }

  private static String keyText(ContactPoint point) {
    return point.key().substring(point.key().indexOf(':') + 1);
  }

  @Property(tries = 5000)
  void sameExactlyWhenTheMatchKeysAreEqual(@ForAll("pairs") List<ContactPoint> pair) {
    ContactPoint a = pair.get(0);
    ContactPoint b = pair.get(1);
    boolean expected = PartyRules.matchKey(a).equals(PartyRules.matchKey(b));
    assertThat(PartyRules.sameContactPoint(a, b)).as("%s vs %s", a, b).isEqualTo(expected);
    assertThat(PartyRules.sameContactPoint(b, a)).as("%s vs %s", b, a).isEqualTo(expected);
  }
}
