package dev.etiquette.crm.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.etiquette.crm.api.RecordIds;
import dev.etiquette.crm.api.ValidationException;
import dev.etiquette.crm.api.party.PartyId;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * {@link RecordIds#isWellFormed} answers exactly what the documented regular expression answers, over strings
 * built mostly from the characters at the format's edges (the neighbours of every allowed range, lengths 0, 1,
 * 64 and 65) and arbitrary strings; the id records accept exactly those values.
 */
class RecordIdsProperties {

  private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  @Provide
  Arbitrary<String> candidates() {
    Arbitrary<String> edges = Arbitraries.strings().withChars("azAZ09_-").withChars('`', '{', '@', '[', '/', ':', '^',
        '.', ',', ' ', 'é', '\u0000', '\uFF21').ofMinLength(0).ofMaxLength(66);
    Arbitrary<String> allowed = Arbitraries.strings().withChars("abcxyzABCXYZ0189_-").ofMinLength(60).ofMaxLength(66);
    return Arbitraries.oneOf(edges, allowed, Arbitraries.strings().ofMaxLength(70));
  }

  @Property(tries = 20_000)
  void answersAsTheRegularExpression(@ForAll("candidates") String value) {
    boolean expected = FORMAT.matcher(value).matches();
    Statistics.collect(expected ? "well-formed" : "not");
    assertThat(RecordIds.isWellFormed(value)).as(value).isEqualTo(expected);
    if (expected) {
      assertThat(PartyId.of(value).value()).isEqualTo(value);
    } else {
      assertThatThrownBy(() -> PartyId.of(value)).isInstanceOf(ValidationException.class);
    }
  }

  @Example
  void nullIsRejected() {
    assertThatThrownBy(() -> RecordIds.isWellFormed(null)).isInstanceOf(NullPointerException.class);
  }
}
