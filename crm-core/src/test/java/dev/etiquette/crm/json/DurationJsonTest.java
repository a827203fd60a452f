package dev.etiquette.crm.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.etiquette.crm.api.ValidationException;
import dev.etiquette.crm.api.Violation;
import dev.etiquette.crm.api.calendar.BusinessCalendar;
import dev.etiquette.crm.api.calendar.CalendarChoice;
import dev.etiquette.crm.api.calendar.OpenInterval;
import dev.etiquette.crm.api.rules.EscalationStep;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Durations (ISO-8601, days as 24 hours) in the writer, the strict reader and the fast reader, and the calendar
 * package's values, whose special dates are a map keyed by date.
 */
class DurationJsonTest {

  private static String written(Duration duration) {
    return CrmJson.toJson(EscalationStep.of("lead", duration));
  }

  @ParameterizedTest
  @CsvSource({
      "PT4H, PT4H", "PT30M, PT30M", "PT90M, PT1H30M", "P3D, P3D", "PT72H, P3D", "PT26H, P1DT2H", "PT0.5S, PT0.5S",
      "PT0S, PT0S", "P0D, PT0S", "PT1.500S, PT1.5S", "PT0.000000001S, PT0.000000001S", "-PT4H, -PT4H",
      "-PT0.5S, -PT0.5S", "P1DT0H0M0S, P1D", "PT59M60S, PT1H", "P3650D, P3650D"})
  void durationsAreWrittenInOneFormAndReadInAny(String read, String written) {
    Duration duration = IsoTimes.duration(read);

    assertThat(duration).isEqualTo(Duration.parse(read));
    assertThat(IsoTimes.format(duration)).isEqualTo(written);
    assertThat(written(duration)).isEqualTo("{\"role\":\"lead\",\"after\":\"" + written + "\"}");
    String json = "{\"role\":\"lead\",\"after\":\"" + read + "\"}";
    assertThat(CrmJson.fromJson(json, EscalationStep.class)).isEqualTo(EscalationStep.of("lead", duration));
    assertThat(CrmJson.fromJsonFast(json, EscalationStep.class)).contains(EscalationStep.of("lead", duration));
  }

  @Test
  void theExtremesRoundTrip() {
    for (Duration duration : List.of(Duration.ZERO, Duration.ofNanos(1), Duration.ofNanos(-1), Duration.ofSeconds(
        Long.MAX_VALUE, 999_999_999), Duration.ofSeconds(Long.MIN_VALUE), Duration.ofSeconds(Long.MIN_VALUE, 1))) {
      String json = written(duration);
      assertThat(CrmJson.fromJson(json, EscalationStep.class).after()).as(json).isEqualTo(duration);
      assertThat(CrmJson.fromJsonFast(json, EscalationStep.class)).as(json).isPresent();
    }
    assertThat(IsoTimes.format(Duration.ofSeconds(Long.MIN_VALUE))).isEqualTo("-P106751991167300DT15H30M8S");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "P", "-P", "PT", "P1DT", "pt4h", "PT4h", "4h", "PT4", "P1W", "P1M", "P1Y", "PT1,5S",
      "PT1.S", "PT.5S", "PT-4H", "+PT4H", "PT4H30", "PT1H1H", "PT30M1H", "T4H", " PT4H", "PT4H ", "PT1.0000000001S",
      "P999999999999999999999D", "PT99999999999999999999S"})
  void otherTextsAreNotDurations(String text) {
    assertThatThrownBy(() -> IsoTimes.duration(text)).isInstanceOf(DateTimeParseException.class);
    String json = "{\"role\":\"lead\",\"after\":\"" + text + "\"}";
    Violation violation = catchThrowableOfType(ValidationException.class,
        () -> CrmJson.fromJson(json, EscalationStep.class)).violations().get(0);
    assertThat(violation.path()).isEqualTo("$.after (line 1, column 24)");
    assertThat(violation.message()).isEqualTo("is not an ISO-8601 duration: expected an ISO-8601 duration string"
        + " such as \"PT4H\", \"PT1H30M\" or \"P3D\"");
    assertThat(CrmJson.fromJsonFast(json, EscalationStep.class)).isEmpty();
  }

  @Test
  void aDurationIsAStringNotANumber() {
    assertThat(catchThrowableOfType(ValidationException.class,
        () -> CrmJson.fromJson("{\"role\":\"lead\",\"after\":3600}", EscalationStep.class)).violations())
        .singleElement().satisfies(v -> assertThat(v.message()).endsWith("got a number"));
  }

  @Test
  void tooLongATextIsRejectedWithoutReadingItsDigits() {
    assertThatThrownBy(() -> IsoTimes.duration("P" + "9".repeat(100_000) + "D"))
        .isInstanceOf(DateTimeParseException.class);
  }

  @Test
  void aCalendarHasThePinnedShape() {
    BusinessCalendar calendar = BusinessCalendar.builder(ZoneId.of("Europe/Berlin"))
        .weekdays("09:00-12:00", "13:00-17:00")
        .holiday(LocalDate.of(2026, 12, 25))
        .specialDate(LocalDate.of(2026, 12, 31), "10:00-24:00")
        .specialDate(LocalDate.of(2026, 12, 24), "09:00-12:00")
        .build();
    String day = "[{\"open\":\"09:00\",\"close\":\"12:00\"},{\"open\":\"13:00\",\"close\":\"17:00\"}]";

    String json = CrmJson.toJson(calendar);

    assertThat(json).isEqualTo("{\"zone\":\"Europe/Berlin\",\"weekly\":{\"FRIDAY\":" + day + ",\"MONDAY\":" + day
        + ",\"SATURDAY\":[],\"SUNDAY\":[],\"THURSDAY\":" + day + ",\"TUESDAY\":" + day + ",\"WEDNESDAY\":" + day
        + "},\"holidays\":[\"2026-12-25\"],\"specialDates\":{\"2026-12-24\":[{\"open\":\"09:00\",\"close\":\"12:00\"}],"
        + "\"2026-12-31\":[{\"open\":\"10:00\",\"close\":\"00:00\"}]}}");
    assertThat(CrmJson.fromJson(json, BusinessCalendar.class)).isEqualTo(calendar);
    assertThat(CrmJson.fromJsonFast(json, BusinessCalendar.class)).contains(calendar);
    assertThat(CrmJson.toJson(CalendarChoice.team("emea"))).isEqualTo("{\"type\":\"team\",\"team\":\"emea\"}");
    assertThat(CrmJson.fromJson("{\"type\":\"elapsed\"}", CalendarChoice.class)).isEqualTo(CalendarChoice.elapsed());
  }

  @Test
  void aDateKeyMustBeADate() {
    String json = "{\"zone\":\"UTC\",\"weekly\":{\"MONDAY\":[]},\"holidays\":[],"
        + "\"specialDates\":{\"2026-02-30\":[{\"open\":\"09:00\",\"close\":\"12:00\"}]}}";

    assertThat(catchThrowableOfType(ValidationException.class, () -> CrmJson.fromJson(json, BusinessCalendar.class))
        .violations()).singleElement().satisfies(v -> {
          assertThat(v.path()).isEqualTo("$.specialDates['2026-02-30'] (line 1, column 68)");
          assertThat(v.message()).startsWith("is not an ISO-8601 date");
        });
    assertThat(CrmJson.fromJsonFast(json, BusinessCalendar.class)).isEmpty();
    // a calendar with a day missing has it closed; the constructor's own checks keep their path
    assertThat(CrmJson.fromJson("{\"zone\":\"UTC\",\"weekly\":{\"MONDAY\":[{\"open\":\"09:00\",\"close\":\"12:00\"}]},"
        + "\"holidays\":[],\"specialDates\":{}}", BusinessCalendar.class))
        .isEqualTo(new BusinessCalendar(ZoneId.of("UTC"), Map.of(DayOfWeek.MONDAY,
            List.of(OpenInterval.parse("09:00-12:00"))), Set.of(), Map.of()));
  }
}
