package dev.etiquette.crm.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/**
 * The laws of the duration format: what {@link IsoTimes#format} writes, {@link IsoTimes#duration} reads back as the
 * same duration, for every {@code Duration}; and every text {@link IsoTimes#duration} accepts means what
 * {@link Duration#parse} says it means (the format is a subset of the JDK's, minus case and signs inside).
 */
class IsoDurationProperties {

  @Property(tries = 2_000)
  void whatIsWrittenIsReadBack(@ForAll long seconds, @ForAll @IntRange(max = 999_999_999) int nanos) {
    Duration duration = Duration.ofSeconds(seconds, nanos);
    String text = IsoTimes.format(duration);

    assertThat(IsoTimes.duration(text)).isEqualTo(duration);
    assertThat(text).matches("-?P([0-9]+D)?(T([0-9]+H)?([0-9]+M)?([0-9]+(\\.[0-9]{1,9})?S)?)?");
    if (!duration.equals(Duration.ofSeconds(Long.MIN_VALUE, 0))) {
      assertThat(Duration.parse(text)).isEqualTo(duration);
    }
  }

  @Property(tries = 3_000)
  void whatIsReadMeansWhatTheJdkSays(@ForAll("durationLike") String text) {
    Optional<Duration> mine = parse(text);
    Statistics.collect(mine.isPresent() ? "a duration" : "not a duration");
    if (mine.isPresent()) {
      assertThat(Duration.parse(text)).as(text).isEqualTo(mine.get());
    }
    Statistics.coverage(c -> {
      c.check("a duration").percentage(p -> p > 5);
      c.check("not a duration").percentage(p -> p > 10);
    });
  }

  /** Texts from the letters and digits of durations, and a few others, mostly near the grammar. */
  @Provide
  Arbitrary<String> durationLike() {
    Arbitrary<String> part = Arbitraries.oneOf(
        Arbitraries.strings().withChars("0123456789").ofMinLength(1).ofMaxLength(4).map(d -> d + "D"),
        Arbitraries.strings().withChars("0123456789").ofMinLength(1).ofMaxLength(4).map(d -> d + "H"),
        Arbitraries.strings().withChars("0123456789").ofMinLength(1).ofMaxLength(4).map(d -> d + "M"),
        Arbitraries.strings().withChars("0123456789.").ofMinLength(1).ofMaxLength(12).map(d -> d + "S"),
        Arbitraries.of("T", "P", "-", "+", ",", "W", "Y", "h", "t", " "));
    Arbitrary<String> digits = Arbitraries.strings().withChars("0123456789").ofMinLength(1).ofMaxLength(6);
    Arbitrary<String> wellFormed = net.jqwik.api.Combinators.combine(Arbitraries.of("", "-"),
            digits.map(d -> d + "D").injectNull(0.4), digits.map(d -> d + "H").injectNull(0.5),
            digits.map(d -> d + "M").injectNull(0.5), digits.map(d -> d + "S").injectNull(0.5))
        .as((sign, d, h, m, sec) -> sign + "P" + (d == null ? "" : d)
            + (h == null && m == null && sec == null ? "" : "T" + (h == null ? "" : h) + (m == null ? "" : m)
                + (sec == null ? "" : sec)));
    return Arbitraries.oneOf(
        wellFormed,
        part.list().ofMinSize(1).ofMaxSize(5).map(parts -> "P" + String.join("", parts)),
        part.list().ofMinSize(1).ofMaxSize(4).map(parts -> "PT" + String.join("", parts)),
        part.list().ofMinSize(1).ofMaxSize(4).map(parts -> "-PT" + String.join("", parts)),
        Arbitraries.strings().withChars("PTDHMS0123456789.-").ofMaxLength(12));
  }

  private static Optional<Duration> parse(String text) {
    try {
      return Optional.of(IsoTimes.duration(text));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
