package dev.etiquette.crm.api.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.etiquette.crm.api.ValidationException;
import dev.etiquette.crm.api.Violation;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OpenIntervalTest {

  @Test
  void parsesTimesSeparatedByAHyphen() {
    assertThat(OpenInterval.parse("09:00-17:00")).isEqualTo(OpenInterval.of(LocalTime.of(9, 0), LocalTime.of(17, 0)));
    assertThat(OpenInterval.parse(" 08:30:15 - 12:00 "))
        .isEqualTo(OpenInterval.of(LocalTime.of(8, 30, 15), LocalTime.NOON));
  }

  @Test
  void twentyFourHundredAndMidnightBothCloseAtTheEndOfTheDay() {
    OpenInterval evening = OpenInterval.parse("22:00-24:00");
    assertThat(evening).isEqualTo(OpenInterval.parse("22:00-00:00"));
    assertThat(evening.close()).isEqualTo(LocalTime.MIDNIGHT);
    assertThat(evening.closesAtEndOfDay()).isTrue();
    assertThat(evening.length()).isEqualTo(Duration.ofHours(2));
    assertThat(evening).hasToString("22:00-24:00");
    assertThat(OpenInterval.parse("00:00-24:00")).isEqualTo(OpenInterval.ALL_DAY);
    assertThat(OpenInterval.ALL_DAY.length()).isEqualTo(Duration.ofHours(24));
  }

  @Test
  void toStringReadsBack() {
    for (String text : List.of("09:00-17:00", "00:00-00:01", "23:59:59.500-24:00", "07:15:30-07:15:31")) {
      assertThat(OpenInterval.parse(text)).hasToString(text);
      assertThat(OpenInterval.parse("23:59:59.5-24:00")).hasToString("23:59:59.500-24:00");
      assertThat(OpenInterval.parse(OpenInterval.parse(text).toString())).isEqualTo(OpenInterval.parse(text));
    }
  }

  @Test
  void containsItsOpeningButNotItsClosing() {
    OpenInterval day = OpenInterval.parse("09:00-17:00");
    assertThat(day.contains(LocalTime.of(9, 0))).isTrue();
    assertThat(day.contains(LocalTime.of(16, 59, 59, 999_999_999))).isTrue();
    assertThat(day.contains(LocalTime.of(17, 0))).isFalse();
    assertThat(day.contains(LocalTime.of(8, 59))).isFalse();
    OpenInterval evening = OpenInterval.parse("22:00-24:00");
    assertThat(evening.contains(LocalTime.MAX)).isTrue();
    assertThat(evening.contains(LocalTime.MIDNIGHT)).isFalse();
    assertThat(OpenInterval.ALL_DAY.contains(LocalTime.MIDNIGHT)).isTrue();
  }

  @Test
  void anIntervalMustOpenBeforeItCloses() {
    assertThatThrownBy(() -> OpenInterval.of(LocalTime.of(17, 0), LocalTime.of(9, 0)))
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations()).singleElement()
            .satisfies(v -> {
              assertThat(v.path()).isEqualTo("interval");
              assertThat(v.value()).isEqualTo("17:00-09:00");
              assertThat(v.message()).contains("must open before it closes");
            }));
    assertThatThrownBy(() -> OpenInterval.parse("12:00-12:00")).isInstanceOf(ValidationException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "09:00", "9-17", "09:00-17:00-18:00", "09:00–17:00", "24:00-24:00", "ab-cd",
      "09:00-25:00"})
  void malformedTextIsRejectedWithTheTextAndTheExpectedForm(String text) {
    assertThatThrownBy(() -> OpenInterval.parse(text))
        .isInstanceOfSatisfying(ValidationException.class, e -> {
          Violation v = e.violations().get(0);
          assertThat(v.path()).isEqualTo("interval");
          assertThat(v.value()).isEqualTo(text);
          assertThat(v.message()).contains("09:00-17:00");
        });
  }

  @Test
  void ordersByOpeningThenClosing() {
    List<OpenInterval> intervals = new ArrayList<>(List.of(OpenInterval.parse("13:00-24:00"),
        OpenInterval.parse("13:00-14:00"), OpenInterval.parse("08:00-12:00")));
    intervals.sort(null);
    assertThat(intervals).extracting(OpenInterval::toString)
        .containsExactly("08:00-12:00", "13:00-14:00", "13:00-24:00");
  }
}
