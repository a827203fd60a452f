package dev.etiquette.crm.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneMetadata;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneNumberDesc;
import com.google.i18n.phonenumbers.metadata.DefaultMetadataDependenciesProvider;
import com.google.i18n.phonenumbers.metadata.source.MetadataSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link DigitAutomaton} answers what {@code Pattern.matcher(text).matches()} answers, for every number pattern of
 * libphonenumber's metadata (the general description and every number type of every region and non-geographical
 * entity, and the leading digits) and for hand-written expressions over the syntax it reads, on the example numbers,
 * on variations of them (digits changed, added, dropped; prefixes of every length) and on random digits.
 */
class DigitAutomatonProperties {

  private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
  private static final MetadataSource METADATA =
      DefaultMetadataDependenciesProvider.getInstance().getPhoneNumberMetadataSource();

  /** Each distinct pattern of the metadata, with example numbers that its descriptions give. */
  private static final Map<String, List<String>> PATTERNS = patterns();
  private static final List<String> REGEXES = List.copyOf(PATTERNS.keySet());
  private static final Map<String, DigitAutomaton> AUTOMATA = new java.util.concurrent.ConcurrentHashMap<>();

  private static Map<String, List<String>> patterns() {
    List<PhoneMetadata> all = new ArrayList<>();
    for (String region : new TreeSet<>(PHONES.getSupportedRegions())) {
      all.add(METADATA.getMetadataForRegion(region));
    }
    for (int code : new TreeSet<>(PHONES.getSupportedGlobalNetworkCallingCodes())) {
      all.add(METADATA.getMetadataForNonGeographicalRegion(code));
    }
    Map<String, List<String>> patterns = new LinkedHashMap<>();
    for (PhoneMetadata metadata : all) {
      for (PhoneNumberDesc desc : List.of(metadata.getGeneralDesc(), metadata.getFixedLine(), metadata.getMobile(),
          metadata.getTollFree(), metadata.getPremiumRate(), metadata.getSharedCost(), metadata.getPersonalNumber(),
          metadata.getVoip(), metadata.getPager(), metadata.getUan(), metadata.getVoicemail(),
          metadata.getNoInternationalDialling())) {
        if (desc != null && !desc.getNationalNumberPattern().isEmpty()) {
          List<String> examples = patterns.computeIfAbsent(desc.getNationalNumberPattern(), p -> new ArrayList<>());
          if (!desc.getExampleNumber().isEmpty()) {
            examples.add(desc.getExampleNumber());
          }
        }
      }
      if (metadata.hasLeadingDigits()) {
        patterns.computeIfAbsent(metadata.getLeadingDigits(), p -> new ArrayList<>());
      }
    }
    return patterns;
  }

  private static DigitAutomaton automaton(String regex) {
    return AUTOMATA.computeIfAbsent(regex, r -> {
      DigitAutomaton compiled = DigitAutomaton.compile(r);
      if (compiled == null) {
        throw new AssertionError("not compiled: " + r);
      }
      return compiled;
    });
  }

  @Example
  void everyPatternOfTheMetadataIsCompiled() {
    assertThat(REGEXES).hasSizeGreaterThan(1_000);
    for (String regex : REGEXES) {
      assertThat(DigitAutomaton.compile(regex)).as(regex).isNotNull();
    }
  }

  @Example
  void everyExampleNumberGetsThePatternsAnswerFromEveryPattern() {
    List<String> numbers = new ArrayList<>();
    PATTERNS.values().forEach(numbers::addAll);
    int matched = 0;
    for (String regex : REGEXES) {
      Pattern pattern = Pattern.compile(regex);
      DigitAutomaton automaton = automaton(regex);
      for (String number : PATTERNS.get(regex)) {
        assertThat(automaton.matches(number)).as("%s on %s", regex, number).isTrue();
        assertThat(pattern.matcher(number).matches()).isTrue();
        matched++;
      }
      for (int i = 0; i < numbers.size(); i += 7) { // others' examples: mostly not matched
        String number = numbers.get(i);
        assertThat(automaton.matches(number)).as("%s on %s", regex, number)
            .isEqualTo(pattern.matcher(number).matches());
      }
    }
    assertThat(matched).isGreaterThan(1_000);
  }

  /** An example number of some pattern, changed: a digit replaced, added or dropped, cut short, or unchanged. */
  @Provide
  Arbitrary<String> numbers() {
    List<String> examples = new ArrayList<>();
    PATTERNS.values().forEach(examples::addAll);
    Arbitrary<String> example = Arbitraries.of(examples);
    Arbitrary<String> changed = Combinators.combine(example, Arbitraries.integers().between(0, 20),
        Arbitraries.chars().range('0', '9'), Arbitraries.integers().between(0, 4)).as((n, at, digit, how) -> {
          int i = Math.min(at, n.length());
          return switch (how) {
            case 0 -> i < n.length() ? n.substring(0, i) + digit + n.substring(i + 1) : n + digit;
            case 1 -> n.substring(0, i) + digit + n.substring(i);
            case 2 -> i < n.length() ? n.substring(0, i) + n.substring(i + 1) : n;
            case 3 -> n.substring(0, i);
            default -> n;
          };
        });
    Arbitrary<String> random = Arbitraries.strings().withCharRange('0', '9').ofMinLength(0).ofMaxLength(18);
    Arbitrary<String> other = Arbitraries.strings().withChars("0123456789 +-x").ofMinLength(1).ofMaxLength(12);
    return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(6, changed), net.jqwik.api.Tuple.of(3, random),
        net.jqwik.api.Tuple.of(1, other));
  }

  @Property(tries = 3_000)
  void anyPatternOfTheMetadataOnAnyNumber(@ForAll("numbers") String number,
      @ForAll("regexIndexes") int index) {
    String regex = REGEXES.get(index);
    assertThat(automaton(regex).matches(number)).as("%s on %s", regex, number)
        .isEqualTo(Pattern.compile(regex).matcher(number).matches());
  }

  @Provide
  Arbitrary<Integer> regexIndexes() {
    return Arbitraries.integers().between(0, REGEXES.size() - 1);
  }

  /** Every number type pattern of the US (whose fixed-line pattern the benchmark's numbers meet) on many numbers. */
  @Property(tries = 3_000)
  void theUsPatternsOnNanpNumbers(@ForAll("tenDigits") String number) {
    PhoneMetadata us = METADATA.getMetadataForRegion("US");
    for (PhoneNumberDesc desc : List.of(us.getGeneralDesc(), us.getFixedLine(), us.getMobile(), us.getTollFree(),
        us.getPremiumRate(), us.getPersonalNumber())) {
      String regex = desc.getNationalNumberPattern();
      assertThat(automaton(regex).matches(number)).as("%s on %s", regex, number)
          .isEqualTo(Pattern.compile(regex).matcher(number).matches());
    }
  }

  @Provide
  Arbitrary<String> tenDigits() {
    return Arbitraries.strings().withCharRange('0', '9').ofLength(10);
  }

  /** Hand-written expressions over the syntax, including the quantifier forms the metadata hardly uses. */
  @Property(tries = 3_000)
  void handWrittenExpressions(@ForAll("expressions") String regex, @ForAll("shortDigits") String text) {
    DigitAutomaton automaton = DigitAutomaton.compile(regex);
    assertThat(automaton).as(regex).isNotNull();
    assertThat(automaton.matches(text)).as("%s on %s", regex, text)
        .isEqualTo(Pattern.compile(regex).matcher(text).matches());
  }

  @Provide
  Arbitrary<String> expressions() {
    return Arbitraries.of("1", "\\d", "[2-9]", "[013-5]", "[\\d]", "(?:12|3)", "(1|23)", "[12]\\d", "0?")
        .list().ofMinSize(1).ofMaxSize(4)
        .flatMap(parts -> Arbitraries.of("", "?", "*", "+", "{2}", "{0,2}", "{1,}", "{0}").list()
            .ofSize(parts.size()).map(quantifiers -> {
              StringBuilder out = new StringBuilder();
              for (int i = 0; i < parts.size(); i++) {
                String part = parts.get(i);
                boolean group = part.length() > 1 && !part.startsWith("[") && !part.startsWith("(")
                    && !part.equals("\\d");
                out.append(group ? "(?:" + part + ")" : part).append(quantifiers.get(i));
                if (i == 1) {
                  out.append('|');
                }
              }
              return out.toString();
            }));
  }

  @Provide
  Arbitrary<String> shortDigits() {
    return Arbitraries.strings().withChars("0123459").ofMinLength(0).ofMaxLength(6);
  }

  @Example
  void otherSyntaxIsLeftToThePattern() {
    for (String regex : List.of("[^1]", "a", "1??", "1*+", "\\s", ".", "^1", "1$", "(?=1)1", "(?i)1", "1{2,1}",
        "(1", "1)", "[]", "\\1", "[1-]")) {
      assertThat(DigitAutomaton.compile(regex)).as(regex).isNull();
    }
  }
}
