package dev.etiquette.crm.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber;
import dev.etiquette.crm.api.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * {@link ContactNormalizer#normalizePhone} (plain numbers read by {@link PlainPhoneNumbers}) answers exactly what
 * {@link ContactNormalizer#normalizePhoneSlow} (libphonenumber alone) answers, the same value and the same violations:
 * for the example numbers of every region, non-geographical entity and number type in E.164, international,
 * national and RFC 3966 format, with their separators replaced and digits added, dropped, changed, or prefixed;
 * for random digits with and without {@code +}; each with its own region, another, none or an unsupported one. The
 * validity test is also held to {@code isValidNumber} directly.
 */
class PlainPhoneNumbersProperties {

  private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
  private static final List<String> REGIONS = List.copyOf(new TreeSet<>(PHONES.getSupportedRegions()));
  /** Example numbers with the region they are an example of ("001" for non-geographical entities). */
  private static final List<Tuple.Tuple2<String, Phonenumber.PhoneNumber>> EXAMPLES = examples();
  private static final PhoneNumberFormat[] FORMATS = {PhoneNumberFormat.E164, PhoneNumberFormat.INTERNATIONAL,
      PhoneNumberFormat.NATIONAL, PhoneNumberFormat.RFC3966};
  private static final String SEPARATORS = " ().-";

  private static List<Tuple.Tuple2<String, Phonenumber.PhoneNumber>> examples() {
    List<Tuple.Tuple2<String, Phonenumber.PhoneNumber>> examples = new ArrayList<>();
    for (String region : REGIONS) {
      add(examples, region, PHONES.getExampleNumber(region));
      add(examples, region, PHONES.getInvalidExampleNumber(region));
      for (PhoneNumberType type : PhoneNumberType.values()) {
        add(examples, region, PHONES.getExampleNumberForType(region, type));
      }
    }
    for (int code : new TreeSet<>(PHONES.getSupportedGlobalNetworkCallingCodes())) {
      add(examples, "001", PHONES.getExampleNumberForNonGeoEntity(code));
    }
    for (PhoneNumberType type : PhoneNumberType.values()) {
      add(examples, "001", PHONES.getExampleNumberForType(type));
    }
    return List.copyOf(examples);
  }

  private static void add(List<Tuple.Tuple2<String, Phonenumber.PhoneNumber>> examples, String region,
      Phonenumber.PhoneNumber number) {
    if (number != null) {
      examples.add(Tuple.of(region, number));
    }
  }

  private static String text(Phonenumber.PhoneNumber number, PhoneNumberFormat format) {
    String formatted = PHONES.format(number, format);
    return format == PhoneNumberFormat.RFC3966 ? formatted.substring("tel:".length()) : formatted;
  }

  /** The new path and the libphonenumber-only path give the same answer and violations; which one answered. */
  private static String assertSame(String number, Optional<String> region) {
    List<Violation> fast = new ArrayList<>();
    List<Violation> slow = new ArrayList<>();
    Optional<String> fastAnswer = ContactNormalizer.normalizePhone(number, region, "phones[0].number", fast);
    Optional<String> slowAnswer = ContactNormalizer.normalizePhoneSlow(number, region, "phones[0].number", slow);
    assertThat(fastAnswer).as("%s, region %s", number, region).isEqualTo(slowAnswer);
    assertThat(fast).as("%s, region %s", number, region).isEqualTo(slow);
    String plain = PlainPhoneNumbers.e164(number, region);
    if (plain != null) {
      // more digits given than the answer's national number and calling code: a national prefix was stripped
      long given = number.chars().filter(c -> c >= '0' && c <= '9').count();
      boolean national = !number.strip().startsWith("+") && number.indexOf('+') < 0;
      long answered = plain.length() - 1 - (national ? String.valueOf(PHONES.getCountryCodeForRegion(region.get()))
          .length() : 0);
      return given > answered ? "fast path, national prefix stripped" : "fast path";
    }
    return slowAnswer.isPresent() ? "libphonenumber, valid" : "libphonenumber, rejected";
  }

  /**
   * Every example number of every region and type (and non-geographical entity), in every format, read with its own
   * region, none, US and DE: not sampled, all of them.
   */
  @Example
  void everyExampleNumberInEveryFormatIsReadAsLibphonenumberReadsIt() {
    int checked = 0;
    int fast = 0;
    for (Tuple.Tuple2<String, Phonenumber.PhoneNumber> example : EXAMPLES) {
      for (PhoneNumberFormat format : FORMATS) {
        String number = text(example.get2(), format);
        for (Optional<String> region : List.of(Optional.of(example.get1()), Optional.<String>empty(),
            Optional.of("US"), Optional.of("DE"))) {
          if (assertSame(number, region).startsWith("fast path")) {
            fast++;
          }
          checked++;
        }
      }
    }
    Statistics.label("exhaustive").collect("inputs checked: " + checked, "fast path: " + fast);
    // the fast path must carry most valid example numbers (or it saves nothing)
    assertThat(fast).isGreaterThan(checked / 4);
  }

  @Property(tries = 30_000)
  void theFastPathAnswersAsLibphonenumberDoes(@ForAll("inputs") Tuple.Tuple2<String, Optional<String>> input) {
    Statistics.collect(assertSame(input.get1(), input.get2()));
  }

  @Provide
  Arbitrary<Tuple.Tuple2<String, Optional<String>>> inputs() {
    Arbitrary<String> anyRegionCode = Arbitraries.oneOf(Arbitraries.of(REGIONS), Arbitraries.of("US", "DE", "GB",
        "FR", "IT", "CA", "RU", "KZ", "BR", "AR", "MX", "AU", "CN", "JP", "IN"), Arbitraries.of("XX", "ZZ", "001",
        "us", "UK"));
    Arbitrary<Optional<String>> region = Arbitraries.frequencyOf(
        Tuple.of(6, anyRegionCode.map(Optional::of)), Tuple.of(1, Arbitraries.just(Optional.empty())));
    Arbitrary<Tuple.Tuple2<String, Optional<String>>> fromExamples = Combinators.combine(Arbitraries.of(EXAMPLES),
        Arbitraries.of(FORMATS), Arbitraries.longs(), region, Arbitraries.integers().between(0, 3))
        .as((example, format, seed, otherRegion, regionChoice) -> {
          String number = mutate(text(example.get2(), format), new Random(seed), example.get2());
          Optional<String> chosen = regionChoice <= 2 ? Optional.of(example.get1()) : otherRegion;
          return Tuple.of(number, chosen);
        });
    Arbitrary<String> digits = Arbitraries.strings().withChars("0123456789").ofMinLength(0).ofMaxLength(24);
    Arbitrary<String> randomNumbers = Combinators.combine(Arbitraries.of("", "+", "0", "00", "+0", "011", "1", "+1",
        " +", "(+", "8", "810", "0011"), digits, Arbitraries.longs())
        .as((prefix, rest, seed) -> separate(prefix + rest, new Random(seed)));
    Arbitrary<String> oddNumbers = Arbitraries.oneOf(
        Arbitraries.strings().withChars("0123456789+ ().-x#,;/*A").ofMaxLength(30),
        Arbitraries.strings().ofMaxLength(30),
        Arbitraries.of("++14155550123", "+1 415 555 0123 ext 7", "+1 415 555 0123#", "1-800-FLOWERS", "+4930 1234567/x",
            "tel:+1-415-555-0123", "+1-415-555-0123;ext=12", "\uFF0B1 415 555 0123", "+1 ４１５ 555 0123",
            "+1\u00A0415\u00A05550123", "  (415) 555-0123  ", "+49 (0)30 1234567", "0049 30 1234567",
            "011 44 20 7946 0958", "+" + "1".repeat(260), " ".repeat(251) + "+14155550123"));
    return Arbitraries.frequencyOf(
        Tuple.of(8, fromExamples),
        Tuple.of(3, Combinators.combine(randomNumbers, region).as(Tuple::of)),
        Tuple.of(1, Combinators.combine(oddNumbers, region).as(Tuple::of)));
  }

  /** Separators replaced or added at random, and sometimes a digit added, dropped, changed or a prefix put first. */
  private static String mutate(String formatted, Random random, Phonenumber.PhoneNumber number) {
    String text = formatted;
    switch (random.nextInt(10)) {
      case 0 -> text = edit(text, random);
      case 1 -> text = "0" + text.replace("+", "");
      case 2 -> text = number.getCountryCode() + " " + PHONES.getNationalSignificantNumber(number);
      case 3 -> text = PHONES.getNationalSignificantNumber(number);
      case 4 -> text = "00" + number.getCountryCode() + PHONES.getNationalSignificantNumber(number);
      case 5 -> text = "+" + number.getCountryCode() + " 0" + PHONES.getNationalSignificantNumber(number);
      case 6 -> text = "+" + number.getCountryCode() + " " + PHONES.getNationalSignificantNumber(number)
          .substring(Math.min(1, PHONES.getNationalSignificantNumber(number).length()));
      default -> {
        // formatted as is
      }
    }
    return random.nextBoolean() ? separate(text, random) : text;
  }

  /** Adds, drops or changes one digit. */
  private static String edit(String text, Random random) {
    if (text.isEmpty()) {
      return "5";
    }
    int at = random.nextInt(text.length());
    char digit = (char) ('0' + random.nextInt(10));
    return switch (random.nextInt(3)) {
      case 0 -> text.substring(0, at) + digit + text.substring(at);
      case 1 -> text.substring(0, at) + text.substring(at + 1);
      default -> text.substring(0, at) + digit + text.substring(at + 1);
    };
  }

  /** Each separator replaced by a random one (or none), random separators put between digits. */
  private static String separate(String text, Random random) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (SEPARATORS.indexOf(c) >= 0) {
        if (random.nextInt(4) > 0) {
          out.append(SEPARATORS.charAt(random.nextInt(SEPARATORS.length())));
        }
      } else {
        out.append(c);
        if (random.nextInt(6) == 0) {
          out.append(SEPARATORS.charAt(random.nextInt(SEPARATORS.length())));
        }
      }
    }
    return random.nextInt(8) == 0 ? "  " + out + " " : out.toString();
  }

  /** The validity test alone, against {@code isValidNumber}, on example numbers with digits changed. */
  @Property(tries = 20_000)
  void validityIsLibphonenumbers(@ForAll("nationalNumbers") Tuple.Tuple2<Integer, String> number) {
    Phonenumber.PhoneNumber parsed = new Phonenumber.PhoneNumber().setCountryCode(number.get1())
        .setNationalNumber(Long.parseLong(number.get2()));
    boolean valid = PHONES.isValidNumber(parsed);
    Statistics.collect(valid ? "valid" : "not valid");
    assertThat(PlainPhoneNumbers.isValid(number.get1(), number.get2())).as("+%s %s", number.get1(), number.get2())
        .isEqualTo(valid);
  }

  @Provide
  Arbitrary<Tuple.Tuple2<Integer, String>> nationalNumbers() {
    return Combinators.combine(Arbitraries.of(EXAMPLES), Arbitraries.longs()).as((example, seed) -> {
      Random random = new Random(seed);
      String national = PHONES.getNationalSignificantNumber(example.get2());
      if (random.nextBoolean()) {
        national = edit(national, random).replaceAll("[^0-9]", "");
      }
      national = national.replaceFirst("^0+", "");
      if (national.length() < 2 || national.length() > 17) {
        national = "23";
      }
      return Tuple.of(example.get2().getCountryCode(), national);
    });
  }
}
