package dev.etiquette.crm.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The law of {@link IsoTimes}: for any text, it returns what the JDK's {@code parse} returns, or throws what
 * it throws (same class, same message). Checked on what the writer writes, on texts a character or two away
 * from it, and on the forms the JDK accepts that the shortcut leaves to it.
 */
class IsoTimesProperties {

  private static final String NEAR = "0123456789-:.TtZz+ ";

  @Property(tries = 1_000)
  void instantsAsWrittenAreReadBackExactly(@ForAll("instants") Instant instant) {
    assertThat(IsoTimes.instant(instant.toString())).isEqualTo(instant);
  }

  @Property(tries = 3_000)
  void instantsAreWrittenAsTheJdkWritesThem(@ForAll("instants") Instant instant) {
    assertThat(IsoTimes.format(instant)).isEqualTo(instant.toString());
  }

  @Property(tries = 2_000)
  void anInstantTextNearTheWrittenFormIsReadAsTheJdkReadsIt(@ForAll("instants") Instant instant,
      @ForAll Random random) {
    String text = damage(instant.toString(), random);
    assertThat(outcome(() -> IsoTimes.instant(text))).as(text).isEqualTo(outcome(() -> Instant.parse(text)));
  }

  @Property(tries = 1_000)
  void aDateTextNearTheWrittenFormIsReadAsTheJdkReadsIt(@ForAll("dates") LocalDate date, @ForAll Random random) {
    String text = random.nextBoolean() ? date.toString() : damage(date.toString(), random);
    assertThat(outcome(() -> IsoTimes.localDate(text))).as(text).isEqualTo(outcome(() -> LocalDate.parse(text)));
  }

  @Property(tries = 1_000)
  void aTimeTextNearTheWrittenFormIsReadAsTheJdkReadsIt(@ForAll("times") LocalTime time, @ForAll Random random) {
    String text = random.nextBoolean() ? time.toString() : damage(time.toString(), random);
    assertThat(outcome(() -> IsoTimes.localTime(text))).as(text).isEqualTo(outcome(() -> LocalTime.parse(text)));
  }

  @Example
  void edgeCasesAreTheJdksToo() {
    List<String> instants = List.of("0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z",
        "2024-02-29T12:00:00Z", "2023-02-29T12:00:00Z", "2024-04-31T00:00:00Z", "2024-01-31T23:59:60Z",
        "2024-01-31T24:00:00Z", "2024-01-31T24:00:01Z", "2024-01-31t09:30:00z", "2024-01-31T09:30:00.Z",
        "2024-01-31T09:30:00.1234567891Z", "2024-01-31T09:30:00+01:00", "2024-01-31T09:30Z", "+10000-01-01T00:00:00Z",
        "-0001-01-01T00:00:00Z", "2024-1-31T09:30:00Z", "2024-01-31T09:30:00", "", "Z", "\u0662024-01-31T09:30:00Z",
        "2024-01-31T09:30:00.000Z", "2024-00-10T00:00:00Z", "2024-13-10T00:00:00Z", "2024-01-00T00:00:00Z");
    for (String text : instants) {
      assertThat(outcome(() -> IsoTimes.instant(text))).as(text).isEqualTo(outcome(() -> Instant.parse(text)));
    }
    for (String text : List.of("0000-01-01", "2024-02-29", "2023-02-29", "2024-02-30", "+2024-01-31", "2024-1-31",
        "24-01-31", "2024-01-31T", "2024/01/31")) {
      assertThat(outcome(() -> IsoTimes.localDate(text))).as(text).isEqualTo(outcome(() -> LocalDate.parse(text)));
    }
    for (String text : List.of("00:00", "23:59", "23:59:59", "24:00", "23:60", "21:00:60", "21:00:30.5", "9:00",
        "21:00:3", "21-00", "2100")) {
      assertThat(outcome(() -> IsoTimes.localTime(text))).as(text).isEqualTo(outcome(() -> LocalTime.parse(text)));
    }
  }

  @Provide
  Arbitrary<Instant> instants() {
    Arbitrary<Long> seconds = Arbitraries.oneOf(
        Arbitraries.longs().between(-62_167_219_200L, 253_402_300_799L), // years 0000 to 9999
        Arbitraries.longs().between(Instant.MIN.getEpochSecond(), Instant.MAX.getEpochSecond()));
    Arbitrary<Integer> nanos = Arbitraries.oneOf(Arbitraries.just(0), Arbitraries.integers().between(0, 999)
        .map(ms -> ms * 1_000_000), Arbitraries.integers().between(0, 999_999).map(us -> us * 1_000),
        Arbitraries.integers().between(0, 999_999_999));
    return Combinators.combine(seconds, nanos).as(Instant::ofEpochSecond);
  }

  @Provide
  Arbitrary<LocalDate> dates() {
    return Arbitraries.longs().between(LocalDate.of(-50, 1, 1).toEpochDay(), LocalDate.of(10_050, 1, 1).toEpochDay())
        .map(LocalDate::ofEpochDay);
  }

  @Provide
  Arbitrary<LocalTime> times() {
    return Arbitraries.oneOf(Arbitraries.integers().between(0, 86_399).map(LocalTime::ofSecondOfDay),
        Arbitraries.longs().between(0, 86_399_999_999_999L).map(LocalTime::ofNanoOfDay));
  }

  /** Replaces, inserts or deletes one or two characters, mostly with characters of the format. */
  private static String damage(String text, Random random) {
    StringBuilder out = new StringBuilder(text);
    for (int edits = 1 + random.nextInt(2); edits > 0 && out.length() > 0; edits--) {
      int at = random.nextInt(out.length());
      char c = NEAR.charAt(random.nextInt(NEAR.length()));
      switch (random.nextInt(3)) {
        case 0 -> out.setCharAt(at, c);
        case 1 -> out.insert(at, c);
        default -> out.deleteCharAt(at);
      }
    }
    return out.toString();
  }

  /** The value, or the class and message of what was thrown. */
  private static Object outcome(Callable<?> parse) {
    try {
      return parse.call();
    } catch (Exception e) {
      return e.getClass().getName() + ": " + e.getMessage();
    }
  }
}
