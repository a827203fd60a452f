package dev.etiquette.crm.api.calendar;

import com.google.common.testing.ClassSanityTester;
import dev.etiquette.crm.api.CrmPackageSanityTests;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Package sanity checks (nulls, equals/hashCode) over the public API of {@code dev.etiquette.crm.api.calendar}:
 * calendars, their intervals, their builder and the calendar choices.
 */
class CalendarPackageSanityTest extends CrmPackageSanityTests {

  /**
   * Values whose constructors check an invariant across parameters, which {@link ClassSanityTester} cannot
   * satisfy with its samples (an interval that closes when it opens, a calendar that is never open). They are
   * checked below through factories of valid instances.
   */
  private static final Set<Class<?>> CROSS_FIELD_INVARIANTS = Set.of(OpenInterval.class, BusinessCalendar.class);

  CalendarPackageSanityTest() {
    ignoreClasses(CROSS_FIELD_INVARIANTS::contains);
    distinct(Duration.class, Duration.ofHours(1), Duration.ofMinutes(90));
    distinct(OpenInterval.class, OpenInterval.parse("09:00-17:00"), OpenInterval.ALL_DAY);
    distinct(BusinessCalendar.class, BusinessCalendar.alwaysOpen(ZoneOffset.UTC),
        BusinessCalendar.weekdays(ZoneId.of("Europe/Berlin"), LocalTime.of(9, 0), LocalTime.of(17, 0)));
    distinct(CalendarChoice.class, CalendarChoice.business(), CalendarChoice.team("alpha"));
  }

  @Test
  public void valuesWithCrossFieldInvariants() throws Exception {
    ClassSanityTester tester = classTester();
    for (Class<?> type : CROSS_FIELD_INVARIANTS) {
      tester.forAllPublicStaticMethods(ValidInstances.class).thatReturn(type).testNulls().testEquals();
      nullTester().testAllPublicConstructors(type);
      nullTester().testAllPublicStaticMethods(type);
      nullTester().testAllPublicInstanceMethods(ValidInstances.sample(type));
    }
  }

  @Test
  public void builderRejectsNulls() throws Exception {
    classTester().forAllPublicStaticMethods(BusinessCalendar.class).thatReturn(BusinessCalendar.Builder.class)
        .testNulls();
  }

  /** Factories of valid instances, each varying in its parameters. Public for {@link ClassSanityTester}. */
  public static final class ValidInstances {
    private ValidInstances() {}

    public static OpenInterval intervalOpeningAt(LocalTime open) {
      return OpenInterval.of(open, LocalTime.MIDNIGHT);
    }

    public static OpenInterval intervalClosingAt(LocalTime close) {
      return OpenInterval.of(LocalTime.MIDNIGHT, close);
    }

    /** A calendar in any zone, open on one day with one interval, closed on one date, special on the next. */
    public static BusinessCalendar calendar(ZoneId zone, DayOfWeek day, OpenInterval interval, LocalDate holiday) {
      return new BusinessCalendar(zone, Map.of(day, List.of(interval)), Set.of(holiday),
          Map.of(holiday.plusDays(1), List.of(interval)));
    }

    static Object sample(Class<?> type) {
      return type == OpenInterval.class
          ? OpenInterval.parse("08:00-12:00")
          : calendar(ZoneId.of("America/New_York"), DayOfWeek.MONDAY, OpenInterval.ALL_DAY, LocalDate.of(2026, 1, 1));
    }
  }
}
