package dev.etiquette.crm.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.etiquette.crm.api.Violation;
import dev.etiquette.crm.api.party.ContactPoint;
import dev.etiquette.crm.api.party.EmailAddress;
import dev.etiquette.crm.api.party.PhoneNumber;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * The plain check may only ever answer "certainly valid" for a contact point that Bean Validation accepts: over
 * addresses and numbers built mostly from the characters and shapes at the check's edges (dots, hyphens, plus
 * signs, lengths at the limits, upper case in the domain, non-ASCII letters), every {@code true} is held to the
 * validator's verdict, and most inputs of the plain shape must be answered {@code true} (or the check saves
 * nothing).
 */
class PlainContactCheckProperties {

  private final InputValidator validator = new InputValidator();

  private boolean validatorAccepts(ContactPoint point) {
    List<Violation> violations = new ArrayList<>();
    validator.validate(point, "", s -> s, violations);
    return violations.isEmpty();
  }

  @Provide
  Arbitrary<String> addresses() {
    Arbitrary<String> local = Arbitraries.strings().withChars("aZ09._+-").withChars('é', '"', ' ', '@', '!')
        .ofMinLength(0).ofMaxLength(70);
    Arbitrary<String> label = Arbitraries.strings().withChars("az09-").withChars('A', 'ü', '_')
        .ofMinLength(0).ofMaxLength(65);
    Arbitrary<String> domain = label.list().ofMinSize(1).ofMaxSize(5).map(labels -> String.join(".", labels));
    Arbitrary<String> plain = Combinators.combine(local, domain).as((l, d) -> l + "@" + d);
    Arbitrary<String> typical = Combinators.combine(
        Arbitraries.strings().withChars("abcxyz019").ofMinLength(1).ofMaxLength(12),
        Arbitraries.of("example.com", "mail.example.co.uk", "a-b.io", "x.y")).as((l, d) -> l + "." + l + "@" + d);
    return Arbitraries.oneOf(plain, typical, Arbitraries.strings().ofMaxLength(260));
  }

  @Property(tries = 20_000)
  void aPlainAddressIsOneTheValidatorAccepts(@ForAll("addresses") String address) {
    EmailAddress point = new EmailAddress(address, Optional.empty(), false);
    boolean certain = PlainContactCheck.certainlyValid(point);
    Statistics.collect(certain ? "plain" : "validator decides");
    if (certain) {
      assertThat(validatorAccepts(point)).as(address).isTrue();
    }
  }

  @Property(tries = 2_000)
  void typicalAddressesAreRecognizedAsPlain(@ForAll("typicalAddresses") String address) {
    assertThat(PlainContactCheck.certainlyValid(new EmailAddress(address, Optional.empty(), true))).as(address)
        .isTrue();
  }

  @Provide
  Arbitrary<String> typicalAddresses() {
    return Combinators.combine(Arbitraries.strings().withChars("abcdefghij0123456789").ofMinLength(1).ofMaxLength(20),
        Arbitraries.strings().withChars("abcdefghij").ofMinLength(1).ofMaxLength(20),
        Arbitraries.of("com", "de", "co.uk", "example")).as((user, host, tld) -> user + "+tag@" + host + "." + tld);
  }

  @Property(tries = 5_000)
  void aPlainNumberIsOneTheValidatorAccepts(@ForAll("numbers") String number) {
    PhoneNumber point = new PhoneNumber(number, Optional.empty(), false);
    if (PlainContactCheck.certainlyValid(point)) {
      assertThat(validatorAccepts(point)).as(number).isTrue();
    }
  }

  @Provide
  Arbitrary<String> numbers() {
    return Arbitraries.oneOf(Arbitraries.strings().withChars("+0123456789 ").ofMaxLength(45),
        Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(20).map(d -> "+" + d));
  }

  @Property(tries = 200)
  void aLabelAlwaysGoesToTheValidator(@ForAll("typicalAddresses") String address) {
    assertThat(PlainContactCheck.certainlyValid(new EmailAddress(address, Optional.of("work"), false))).isFalse();
    assertThat(PlainContactCheck.certainlyValid(new PhoneNumber("+14155550123", Optional.of("\u0007"), false)))
        .isFalse();
  }
}
