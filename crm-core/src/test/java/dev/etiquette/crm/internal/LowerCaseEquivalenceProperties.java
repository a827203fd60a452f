package dev.etiquette.crm.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link LowerCaseEquivalence} is exactly "equal after {@code toLowerCase(Locale.ROOT)}", with the hash of
 * the lower-cased string, including for the characters where that differs from
 * {@link String#equalsIgnoreCase} and where lower-casing changes the length.
 */
class LowerCaseEquivalenceProperties {

  static final LowerCaseEquivalence EQUIVALENCE = LowerCaseEquivalence.INSTANCE;

  /**
   * Characters chosen to be awkward: ASCII letters and symbols; Latin-1 letters; dotless i and dotted
   * capital I (which lower-cases to two chars); the Kelvin and Ohm signs (which lower-case to ASCII k and to
   * omega); final, medial and capital sigma; long s; sharp s; the title-case digraph DŽ; a full-width letter;
   * Deseret capital and small letters (outside the BMP, as surrogate pairs); a combining dot above.
   */
  static final List<String> ALPHABET = List.of("a", "A", "k", "K", "i", "I", "s", "S", "z", "@", ".", "-", "0",
      "å", "Å", "ß", "ẞ", "ı", "İ", "\u0307", "\u212A", "\u2126", "ω", "Ω", "ς", "σ", "Σ", "ſ", "ǅ", "ǆ", "Ǆ",
      "Ａ", "ａ", "\uD801\uDC00", "\uD801\uDC28");

  @Provide
  Arbitrary<String> strings() {
    return Arbitraries.of(ALPHABET).list().ofMaxSize(6).map(parts -> String.join("", parts));
  }

  /** Pairs that are often equivalent: the second is the first with some characters re-cased or swapped. */
  @Provide
  Arbitrary<List<String>> pairs() {
    Arbitrary<String> variant = strings().flatMap(s -> Arbitraries.integers().between(0, 5).map(how -> switch (how) {
      case 0 -> s.toUpperCase(Locale.ROOT);
      case 1 -> s.toLowerCase(Locale.ROOT);
      case 2 -> s.replace('σ', 'ς').replace('I', 'ı');
      case 3 -> s.replace("İ", "i\u0307").replace("\u212A", "K");
      case 4 -> s.replace('s', 'ſ').replace('ǆ', 'ǅ');
      default -> s;
    }));
    Arbitrary<List<String>> related = strings().flatMap(s -> variant.map(v -> List.of(s, v)))
        .flatMap(p -> Arbitraries.integers().between(0, 3).map(how -> switch (how) {
          case 0 -> List.of(p.get(0), p.get(0).toUpperCase(Locale.ROOT));
          case 1 -> List.of(p.get(0), p.get(0).toLowerCase(Locale.ROOT));
          default -> p;
        }));
    return Arbitraries.oneOf(related, Combinators.combine(strings(), strings()).as(List::of));
  }

  @Property(tries = 2000)
  void equivalentExactlyWhenTheLowerCasesAreEqual(@ForAll("pairs") List<String> pair) {
    String a = pair.get(0);
    String b = pair.get(1);
    boolean expected = a.toLowerCase(Locale.ROOT).equals(b.toLowerCase(Locale.ROOT));
    assertThat(EQUIVALENCE.equivalent(a, b)).as("%s vs %s", a, b).isEqualTo(expected);
    assertThat(EQUIVALENCE.equivalent(b, a)).as("%s vs %s", b, a).isEqualTo(expected);
  }

  @Property(tries = 1000)
  void theHashIsThatOfTheLowerCase(@ForAll("strings") String s) {
    assertThat(EQUIVALENCE.hash(s)).isEqualTo(s.toLowerCase(Locale.ROOT).hashCode());
  }

  @Property(tries = 1000)
  void equivalentStringsHashAlike(@ForAll("pairs") List<String> pair) {
    if (EQUIVALENCE.equivalent(pair.get(0), pair.get(1))) {
      assertThat(EQUIVALENCE.hash(pair.get(0))).isEqualTo(EQUIVALENCE.hash(pair.get(1)));
    }
  }

  @Example
  void asciiIgnoresCaseOnly() {
    assertThat(EQUIVALENCE.equivalent("Customer17@Example.com", "customer17@example.COM")).isTrue();
    assertThat(EQUIVALENCE.equivalent("customer17@example.com", "customer18@example.com")).isFalse();
    assertThat(EQUIVALENCE.equivalent("a@b.c", "a@b.cd")).isFalse();
    assertThat(EQUIVALENCE.equivalent("a-b", "a_b")).as("only A-Z change case").isFalse();
  }

  @Example
  void differsFromEqualsIgnoreCaseWhereTheLowerCasesDiffer() {
    // equalsIgnoreCase holds for these, through their upper cases; their lower cases differ
    assertThat("ı@x".equalsIgnoreCase("I@x")).isTrue();
    assertThat(EQUIVALENCE.equivalent("ı@x", "I@x")).as("dotless i").isFalse();
    assertThat("ας@x".equalsIgnoreCase("ασ@x")).isTrue();
    assertThat(EQUIVALENCE.equivalent("ας@x", "ασ@x")).as("final and medial sigma").isFalse();
    assertThat(EQUIVALENCE.equivalent("ſ@x", "s@x")).as("long s").isFalse();
    assertThat(EQUIVALENCE.equivalent("ß@x", "SS@x")).as("sharp s").isFalse();
  }

  @Example
  void followsTheLowerCaseWhereItChangesTheLengthOrLeavesAscii() {
    assertThat("İ@x".equalsIgnoreCase("i\u0307@x")).isFalse();
    assertThat(EQUIVALENCE.equivalent("İ@x", "i\u0307@x")).as("dotted capital I is i and a combining dot").isTrue();
    assertThat(EQUIVALENCE.equivalent("İ@x", "i@x")).isFalse();
    assertThat(EQUIVALENCE.equivalent("\u212A@x", "k@x")).as("Kelvin sign").isTrue();
    assertThat(EQUIVALENCE.hash("\u212A@x")).isEqualTo(EQUIVALENCE.hash("K@x"));
    assertThat(EQUIVALENCE.equivalent("ΑΣ@x", "ας@x")).as("a capital sigma ending a word is a final sigma").isTrue();
    assertThat(EQUIVALENCE.equivalent("\uD801\uDC00@x", "\uD801\uDC28@x")).as("Deseret, outside the BMP").isTrue();
    assertThat(EQUIVALENCE.equivalent("ǅ@x", "Ǆ@X")).as("title-case digraph").isTrue();
  }
}
