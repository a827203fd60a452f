package dev.etiquette.crm.api.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.etiquette.crm.api.ValidationException;
import dev.etiquette.crm.api.Violation;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The arithmetic of {@link BusinessCalendar} on hand-computed cases. Each expectation is worked out in the
 * comment beside it; instants are written in UTC ({@code Z}) or as local wall-clock time in the calendar's zone.
 */
class BusinessCalendarTest {

  private static final ZoneId UTC = ZoneOffset.UTC;
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  private static final ZoneId AUCKLAND = ZoneId.of("Pacific/Auckland");
  private static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles");
  private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

  private static Instant z(String utc) {
    return Instant.parse(utc);
  }

  /** The instant at which the wall clock in {@code zone} shows {@code local} (the earlier one in an overlap). */
  private static Instant local(String local, ZoneId zone) {
    return LocalDateTime.parse(local).atZone(zone).toInstant();
  }

  private static BusinessCalendar nineToFive(ZoneId zone) {
    return BusinessCalendar.weekdays(zone, LocalTime.of(9, 0), LocalTime.of(17, 0));
  }

  /** Open every day of the week with the same intervals. */
  private static BusinessCalendar everyDay(ZoneId zone, String... intervals) {
    BusinessCalendar.Builder builder = BusinessCalendar.builder(zone);
    for (DayOfWeek day : DayOfWeek.values()) {
      builder.open(day, intervals);
    }
    return builder.build();
  }

  @Nested
  class WeekendsAndHolidays {

    @Test
    void aResponseDeadlineSkipsTheWeekend() {
      BusinessCalendar calendar = nineToFive(BERLIN);
      // Friday 2026-05-08 15:00 CEST: 2 h left on Friday, the other 2 h from Monday 09:00 -> Monday 11:00 CEST
      Instant inbound = local("2026-05-08T15:00", BERLIN);
      assertThat(inbound.atZone(BERLIN).getDayOfWeek()).isEqualTo(DayOfWeek.FRIDAY);
      Instant deadline = calendar.plusBusinessTime(inbound, Duration.ofHours(4));
      assertThat(deadline).isEqualTo(z("2026-05-11T09:00:00Z"));
      assertThat(calendar.businessTimeBetween(inbound, deadline)).isEqualTo(Duration.ofHours(4));
      // the weekend counts nothing
      assertThat(calendar.businessTimeBetween(local("2026-05-08T17:00", BERLIN), local("2026-05-11T09:00", BERLIN)))
          .isZero();
    }

    @Test
    void exactlyAWeekOfBusinessTimeEndsAtFridaysClosing() {
      BusinessCalendar calendar = nineToFive(UTC);
      // from Monday 2026-06-01 00:00, 40 h are used up at Friday 17:00, not at the next Monday's opening
      assertThat(calendar.plusBusinessTime(z("2026-06-01T00:00:00Z"), Duration.ofHours(40)))
          .isEqualTo(z("2026-06-05T17:00:00Z"));
      assertThat(calendar.plusBusinessTime(z("2026-06-01T00:00:00Z"), Duration.ofHours(400)))
          .isEqualTo(z("2026-08-07T17:00:00Z"));
      assertThat(calendar.businessTimeBetween(z("2026-06-01T00:00:00Z"), z("2026-08-08T00:00:00Z")))
          .isEqualTo(Duration.ofHours(400));
    }

    @Test
    void aResponseDeadlineSkipsAHoliday() {
      // Ascension Day, Thursday 2026-05-14, is a holiday
      BusinessCalendar calendar = BusinessCalendar.builder(BERLIN).weekdays("09:00-17:00")
          .holiday(LocalDate.of(2026, 5, 14)).build();
      // Wednesday 16:00: 1 h on Wednesday, none on Thursday, 2 h on Friday from 09:00 -> Friday 11:00 CEST
      Instant deadline = calendar.plusBusinessTime(local("2026-05-13T16:00", BERLIN), Duration.ofHours(3));
      assertThat(deadline).isEqualTo(local("2026-05-15T11:00", BERLIN)).isEqualTo(z("2026-05-15T09:00:00Z"));
      assertThat(calendar.isOpen(local("2026-05-14T12:00", BERLIN))).isFalse();
      assertThat(calendar.intervalsOn(LocalDate.of(2026, 5, 14))).isEmpty();
      // the whole week: 4 working days of 8 h
      assertThat(calendar.businessTimeBetween(local("2026-05-11T00:00", BERLIN), local("2026-05-18T00:00", BERLIN)))
          .isEqualTo(Duration.ofHours(32));
    }

    @Test
    void aSpecialDateReplacesTheWeeklyHours() {
      // Christmas Eve 2026 is a Thursday with short hours
      BusinessCalendar calendar = BusinessCalendar.builder(BERLIN).weekdays("09:00-17:00")
          .specialDate(LocalDate.of(2026, 12, 24), "09:00-12:00").build();
      // Thursday 11:00 + 3 h: 1 h until 12:00, then Friday 09:00 + 2 h
      assertThat(calendar.plusBusinessTime(local("2026-12-24T11:00", BERLIN), Duration.ofHours(3)))
          .isEqualTo(local("2026-12-25T11:00", BERLIN));
      assertThat(calendar.isOpen(local("2026-12-24T13:00", BERLIN))).isFalse();
      assertThat(calendar.intervalsOn(LocalDate.of(2026, 12, 24))).containsExactly(OpenInterval.parse("09:00-12:00"));
    }

    @Test
    void aSpecialDateWithoutIntervalsIsClosed() {
      BusinessCalendar calendar = BusinessCalendar.builder(UTC).weekdays("09:00-17:00")
          .specialDate(LocalDate.of(2026, 6, 1)).build();
      // Monday 2026-06-01 closed: Friday 16:00 + 2 h -> Tuesday 10:00
      assertThat(calendar.plusBusinessTime(z("2026-05-29T16:00:00Z"), Duration.ofHours(2)))
          .isEqualTo(z("2026-06-02T10:00:00Z"));
    }
  }

  @Nested
  class ClockChanges {

    @Test
    void aNineToFiveDayIsEightHoursOnBothDstDaysInNewYork() {
      BusinessCalendar calendar = everyDay(NEW_YORK, "09:00-17:00");
      // spring forward: 2026-03-08 is 23 h long; autumn: 2026-11-01 is 25 h long; both have 8 open hours
      assertThat(calendar.businessTimeBetween(local("2026-03-08T00:00", NEW_YORK), local("2026-03-09T00:00", NEW_YORK)))
          .isEqualTo(Duration.ofHours(8));
      assertThat(calendar.businessTimeBetween(local("2026-11-01T00:00", NEW_YORK), local("2026-11-02T00:00", NEW_YORK)))
          .isEqualTo(Duration.ofHours(8));
    }

    @Test
    void anIntervalAcrossTheSkippedHourIsShorterByIt() {
      // New York springs forward on 2026-03-08 at 02:00 EST (07:00Z) to 03:00 EDT
      BusinessCalendar calendar = everyDay(NEW_YORK, "01:00-04:00");
      Instant open = z("2026-03-08T06:00:00Z");   // 01:00 EST
      Instant close = z("2026-03-08T08:00:00Z");  // 04:00 EDT
      assertThat(calendar.businessTimeBetween(local("2026-03-08T00:00", NEW_YORK), local("2026-03-09T00:00", NEW_YORK)))
          .isEqualTo(Duration.ofHours(2));
      assertThat(calendar.nextOpening(z("2026-03-08T05:00:00Z"))).contains(open);
      assertThat(calendar.nextClosing(open)).contains(close);
      assertThat(calendar.plusBusinessTime(open, Duration.ofHours(2))).isEqualTo(close);
      // 01:59:59 EST and 03:00 EDT are one second apart and both open
      assertThat(calendar.isOpen(z("2026-03-08T06:59:59Z"))).isTrue();
      assertThat(calendar.isOpen(z("2026-03-08T07:00:00Z"))).isTrue();
      // 1.5 h from 01:30 EST: 30 min to 02:00 EST = 03:00 EDT, 1 h more -> 04:00 EDT, the closing
      assertThat(calendar.plusBusinessTime(local("2026-03-08T01:30", NEW_YORK), Duration.ofMinutes(90))).isEqualTo(close);
      // the next day is 3 h again
      assertThat(calendar.businessTimeBetween(local("2026-03-09T00:00", NEW_YORK), local("2026-03-10T00:00", NEW_YORK)))
          .isEqualTo(Duration.ofHours(3));
    }

    @Test
    void anIntervalInsideTheSkippedHourIsNeverOpen() {
      BusinessCalendar calendar = everyDay(NEW_YORK, "02:15-02:45", "09:00-10:00");
      assertThat(calendar.businessTimeBetween(local("2026-03-08T00:00", NEW_YORK), local("2026-03-09T00:00", NEW_YORK)))
          .isEqualTo(Duration.ofHours(1));
      // from 01:00 EST the next opening is 09:00 EDT, not a wall-clock 02:15 that does not exist
      assertThat(calendar.nextOpening(local("2026-03-08T01:00", NEW_YORK))).contains(local("2026-03-08T09:00", NEW_YORK));
    }

    @Test
    void anIntervalContainingTheRepeatedHourIsLongerByIt() {
      // New York falls back on 2026-11-01 at 02:00 EDT (06:00Z) to 01:00 EST
      BusinessCalendar calendar = everyDay(NEW_YORK, "00:00-03:00");
      Instant open = z("2026-11-01T04:00:00Z");   // 00:00 EDT
      Instant close = z("2026-11-01T08:00:00Z");  // 03:00 EST
      assertThat(calendar.businessTimeBetween(local("2026-11-01T00:00", NEW_YORK), local("2026-11-02T00:00", NEW_YORK)))
          .isEqualTo(Duration.ofHours(4));
      assertThat(calendar.nextClosing(open)).contains(close);
      assertThat(calendar.plusBusinessTime(open, Duration.ofHours(4))).isEqualTo(close);
      // 3 h of business time from 00:00 EDT ends at the second 02:00, i.e. 02:00 EST
      assertThat(calendar.plusBusinessTime(open, Duration.ofHours(3))).isEqualTo(z("2026-11-01T07:00:00Z"));
    }

    @Test
    void anIntervalInsideTheRepeatedHourIsOpenInBothOccurrences() {
      BusinessCalendar calendar = everyDay(NEW_YORK, "01:15-01:45");
      Instant firstOpen = z("2026-11-01T05:15:00Z");   // 01:15 EDT
      Instant firstClose = z("2026-11-01T05:45:00Z");
      Instant secondOpen = z("2026-11-01T06:15:00Z");  // 01:15 EST
      Instant secondClose = z("2026-11-01T06:45:00Z");
      assertThat(calendar.businessTimeBetween(local("2026-11-01T00:00", NEW_YORK), local("2026-11-02T00:00", NEW_YORK)))
          .isEqualTo(Duration.ofHours(1));
      assertThat(calendar.isOpen(z("2026-11-01T05:30:00Z"))).isTrue();
      assertThat(calendar.isOpen(z("2026-11-01T06:00:00Z"))).isFalse();
      assertThat(calendar.isOpen(z("2026-11-01T06:30:00Z"))).isTrue();
      assertThat(calendar.nextClosing(firstOpen)).contains(firstClose);
      assertThat(calendar.nextOpening(firstClose)).contains(secondOpen);
      assertThat(calendar.nextClosing(firstClose)).contains(secondClose);
      // 45 min from the first 01:15: 30 min in the first occurrence, 15 in the second
      assertThat(calendar.plusBusinessTime(firstOpen, Duration.ofMinutes(45))).isEqualTo(z("2026-11-01T06:30:00Z"));
      // 30 min ends exactly at the first closing, not at the second opening
      assertThat(calendar.plusBusinessTime(firstOpen, Duration.ofMinutes(30))).isEqualTo(firstClose);
    }

    @Test
    void berlinSpringsForwardOnMarch29() {
      // 2026-03-29 02:00 CET (01:00Z) becomes 03:00 CEST
      BusinessCalendar calendar = everyDay(BERLIN, "01:00-04:00");
      assertThat(calendar.businessTimeBetween(local("2026-03-29T00:00", BERLIN), local("2026-03-30T00:00", BERLIN)))
          .isEqualTo(Duration.ofHours(2));
      // open from 01:00 CET (00:00Z) to 04:00 CEST (02:00Z), without a break at the change
      assertThat(calendar.nextOpening(z("2026-03-28T23:00:00Z"))).contains(z("2026-03-29T00:00:00Z"));
      assertThat(calendar.nextClosing(z("2026-03-29T00:00:00Z"))).contains(z("2026-03-29T02:00:00Z"));
      // a working week around the change: Friday 16:00 CET + 2 h -> Monday 10:00 CEST
      BusinessCalendar office = nineToFive(BERLIN);
      assertThat(office.plusBusinessTime(local("2026-03-27T16:00", BERLIN), Duration.ofHours(2)))
          .isEqualTo(z("2026-03-30T08:00:00Z"));
    }

    @Test
    void berlinFallsBackOnOctober25() {
      // 2026-10-25 03:00 CEST (01:00Z) becomes 02:00 CET
      BusinessCalendar calendar = everyDay(BERLIN, "00:00-03:00");
      // open from 00:00 CEST (22:00Z the day before) to 03:00 CET (02:00Z): 4 h
      assertThat(calendar.businessTimeBetween(local("2026-10-25T00:00", BERLIN), local("2026-10-26T00:00", BERLIN)))
          .isEqualTo(Duration.ofHours(4));
      assertThat(calendar.nextClosing(z("2026-10-24T22:00:00Z"))).contains(z("2026-10-25T02:00:00Z"));
      BusinessCalendar repeated = everyDay(BERLIN, "02:15-02:45");
      assertThat(repeated.businessTimeBetween(z("2026-10-24T22:00:00Z"), z("2026-10-25T23:00:00Z")))
          .isEqualTo(Duration.ofHours(1));
      assertThat(repeated.isOpen(z("2026-10-25T00:30:00Z"))).isTrue();  // 02:30 CEST
      assertThat(repeated.isOpen(z("2026-10-25T01:00:00Z"))).isFalse(); // 02:00 CET
      assertThat(repeated.isOpen(z("2026-10-25T01:30:00Z"))).isTrue();  // 02:30 CET
      assertThat(repeated.plusBusinessTime(z("2026-10-25T00:15:00Z"), Duration.ofMinutes(40)))
          .isEqualTo(z("2026-10-25T01:25:00Z"));
    }

    @Test
    void aFallBackAtMidnightRepeatsTheEveningOfTheDayBefore() {
      // Sao Paulo fell back on 2012-02-26 at 00:00 -02:00 (02:00Z) to 23:00 -03:00 of the 25th; a calendar open
      // on the 25th only 23:00-24:00 is open twice: 01:00Z-02:00Z and 02:00Z-03:00Z, one 2 h stretch. A later
      // special date must not make the walk jump over the repeated hour.
      ZoneId saoPaulo = ZoneId.of("America/Sao_Paulo");
      BusinessCalendar calendar = BusinessCalendar.builder(saoPaulo)
          .specialDate(LocalDate.of(2012, 2, 25), "23:00-24:00")
          .specialDate(LocalDate.of(2012, 3, 10), "10:00-11:00").build();
      assertThat(calendar.businessTimeBetween(z("2012-02-20T00:00:00Z"), z("2012-03-01T00:00:00Z")))
          .isEqualTo(Duration.ofHours(2));
      assertThat(calendar.nextOpening(z("2012-02-20T00:00:00Z"))).contains(z("2012-02-26T01:00:00Z"));
      assertThat(calendar.nextClosing(z("2012-02-26T01:00:00Z"))).contains(z("2012-02-26T03:00:00Z"));
      assertThat(calendar.plusBusinessTime(z("2012-02-20T00:00:00Z"), Duration.ofMinutes(90)))
          .isEqualTo(z("2012-02-26T02:30:00Z"));
      // then 10:00-11:00 -03:00 on March 10th
      assertThat(calendar.plusBusinessTime(z("2012-02-20T00:00:00Z"), Duration.ofHours(3)))
          .isEqualTo(z("2012-03-10T14:00:00Z"));
    }

    @Test
    void aSkippedDateIsNeverOpen() {
      // Samoa skipped Friday 2011-12-30: Thursday 23:59:59 -10:00 was followed by Saturday 00:00 +14:00
      ZoneId apia = ZoneId.of("Pacific/Apia");
      BusinessCalendar calendar = nineToFive(apia);
      // Thursday 16:00 + 2 h: 1 h on Thursday, Friday does not exist, Monday 2012-01-02 09:00 + 1 h
      assertThat(calendar.plusBusinessTime(local("2011-12-29T16:00", apia), Duration.ofHours(2)))
          .isEqualTo(local("2012-01-02T10:00", apia)).isEqualTo(z("2012-01-01T20:00:00Z"));
    }

    @Test
    void alwaysOpenIsElapsedTimeAcrossDst() {
      BusinessCalendar elapsed = BusinessCalendar.alwaysOpen(NEW_YORK);
      Instant springDay = local("2026-03-08T00:00", NEW_YORK);
      Instant autumnDay = local("2026-11-01T00:00", NEW_YORK);
      assertThat(elapsed.businessTimeBetween(springDay, local("2026-03-09T00:00", NEW_YORK))).isEqualTo(Duration.ofHours(23));
      assertThat(elapsed.businessTimeBetween(autumnDay, local("2026-11-02T00:00", NEW_YORK))).isEqualTo(Duration.ofHours(25));
      assertThat(elapsed.plusBusinessTime(springDay, Duration.ofHours(24))).isEqualTo(springDay.plus(Duration.ofHours(24)));
      assertThat(elapsed.isOpen(z("2026-03-08T07:00:00Z"))).isTrue();
      assertThat(elapsed.nextOpening(springDay)).contains(springDay);
      assertThat(elapsed.nextClosing(springDay)).isEmpty();
    }

    @Test
    void aCalendarOpenAllDayInTwoHalvesIsAlsoElapsedTime() {
      // not the alwaysOpen shortcut: the general walk must give the same answers
      BusinessCalendar halves = everyDay(NEW_YORK, "00:00-12:00", "12:00-24:00");
      Instant springDay = local("2026-03-08T00:00", NEW_YORK);
      assertThat(halves.businessTimeBetween(springDay, local("2026-03-09T00:00", NEW_YORK))).isEqualTo(Duration.ofHours(23));
      assertThat(halves.businessTimeBetween(local("2026-11-01T00:00", NEW_YORK), local("2026-11-02T00:00", NEW_YORK)))
          .isEqualTo(Duration.ofHours(25));
      assertThat(halves.businessTimeBetween(springDay, springDay.plus(Duration.ofDays(400))))
          .isEqualTo(Duration.ofDays(400));
      assertThat(halves.plusBusinessTime(springDay, Duration.ofDays(400))).isEqualTo(springDay.plus(Duration.ofDays(400)));
      assertThat(halves.nextClosing(springDay)).isEmpty();
    }
  }

  @Nested
  class SplitDaysAndBoundaries {

    private final BusinessCalendar split = BusinessCalendar.builder(UTC).weekdays("08:00-12:00", "13:00-16:00").build();

    @Test
    void aSplitWorkingDayPausesForLunch() {
      // Monday 2026-06-01
      assertThat(split.businessTimeBetween(z("2026-06-01T00:00:00Z"), z("2026-06-02T00:00:00Z")))
          .isEqualTo(Duration.ofHours(7));
      // 11:00 + 2 h: 1 h to 12:00, lunch, 1 h from 13:00 -> 14:00
      assertThat(split.plusBusinessTime(z("2026-06-01T11:00:00Z"), Duration.ofHours(2))).isEqualTo(z("2026-06-01T14:00:00Z"));
      // from inside lunch, counting starts at 13:00
      assertThat(split.plusBusinessTime(z("2026-06-01T12:30:00Z"), Duration.ofHours(1))).isEqualTo(z("2026-06-01T14:00:00Z"));
      // 12:00 + 4 h: 3 h in the afternoon, then Tuesday 08:00 + 1 h
      assertThat(split.plusBusinessTime(z("2026-06-01T12:00:00Z"), Duration.ofHours(4))).isEqualTo(z("2026-06-02T09:00:00Z"));
      assertThat(split.nextClosing(z("2026-06-01T09:00:00Z"))).contains(z("2026-06-01T12:00:00Z"));
      assertThat(split.nextOpening(z("2026-06-01T12:00:00Z"))).contains(z("2026-06-01T13:00:00Z"));
    }

    @Test
    void aStartInsideClosedHoursCountsFromTheNextOpening() {
      BusinessCalendar calendar = nineToFive(UTC);
      // Monday 06:00 + 1 h -> 10:00; Saturday 10:00 + 1 h -> Monday 10:00
      assertThat(calendar.plusBusinessTime(z("2026-06-01T06:00:00Z"), Duration.ofHours(1))).isEqualTo(z("2026-06-01T10:00:00Z"));
      assertThat(calendar.plusBusinessTime(z("2026-06-06T10:00:00Z"), Duration.ofHours(1))).isEqualTo(z("2026-06-08T10:00:00Z"));
      assertThat(calendar.nextOpening(z("2026-06-06T10:00:00Z"))).contains(z("2026-06-08T09:00:00Z"));
    }

    @Test
    void aStartExactlyAtTheOpening() {
      BusinessCalendar calendar = nineToFive(UTC);
      Instant opening = z("2026-06-01T09:00:00Z");
      assertThat(calendar.isOpen(opening)).isTrue();
      assertThat(calendar.nextOpening(opening)).contains(opening);
      // a full day from the opening ends at that day's closing, not at the next opening
      assertThat(calendar.plusBusinessTime(opening, Duration.ofHours(8))).isEqualTo(z("2026-06-01T17:00:00Z"));
      assertThat(calendar.plusBusinessTime(opening, Duration.ZERO)).isEqualTo(opening);
    }

    @Test
    void aStartExactlyAtTheClosing() {
      BusinessCalendar calendar = nineToFive(UTC);
      Instant closing = z("2026-06-01T17:00:00Z");
      assertThat(calendar.isOpen(closing)).isFalse();
      assertThat(calendar.isOpen(closing.minusNanos(1))).isTrue();
      assertThat(calendar.nextOpening(closing)).contains(z("2026-06-02T09:00:00Z"));
      assertThat(calendar.nextClosing(closing)).contains(z("2026-06-02T17:00:00Z"));
      assertThat(calendar.plusBusinessTime(closing, Duration.ofHours(1))).isEqualTo(z("2026-06-02T10:00:00Z"));
      // zero from a closed instant is the instant itself, not the next opening
      assertThat(calendar.plusBusinessTime(closing, Duration.ZERO)).isEqualTo(closing);
    }

    @Test
    void anIntervalEndingAt24IsJoinedToTheNextDaysMidnightOpening() {
      // Monday 20:00-24:00 and Tuesday 00:00-06:00 make one stretch from Monday 20:00 to Tuesday 06:00
      BusinessCalendar calendar = BusinessCalendar.builder(UTC)
          .open(DayOfWeek.MONDAY, "20:00-24:00").open(DayOfWeek.TUESDAY, "00:00-06:00").build();
      Instant monday = z("2026-06-01T20:00:00Z");
      assertThat(calendar.nextClosing(z("2026-06-01T21:00:00Z"))).contains(z("2026-06-02T06:00:00Z"));
      assertThat(calendar.nextClosing(z("2026-06-01T10:00:00Z"))).contains(z("2026-06-02T06:00:00Z"));
      assertThat(calendar.isOpen(z("2026-06-02T00:00:00Z"))).isTrue();
      assertThat(calendar.businessTimeBetween(monday, z("2026-06-02T06:00:00Z"))).isEqualTo(Duration.ofHours(10));
      assertThat(calendar.plusBusinessTime(z("2026-06-01T23:00:00Z"), Duration.ofHours(2))).isEqualTo(z("2026-06-02T01:00:00Z"));
      // 4 h from Monday 20:00 ends at midnight, the end of Monday's interval
      assertThat(calendar.plusBusinessTime(monday, Duration.ofHours(4))).isEqualTo(z("2026-06-02T00:00:00Z"));
      // the next week's stretch follows
      assertThat(calendar.plusBusinessTime(monday, Duration.ofHours(11))).isEqualTo(z("2026-06-08T21:00:00Z"));
    }

    @Test
    void businessTimeBackwardsIsNegative() {
      BusinessCalendar calendar = nineToFive(UTC);
      Instant a = z("2026-06-01T10:00:00Z");
      Instant b = z("2026-06-02T10:00:00Z");
      assertThat(calendar.businessTimeBetween(a, b)).isEqualTo(Duration.ofHours(8));
      assertThat(calendar.businessTimeBetween(b, a)).isEqualTo(Duration.ofHours(-8));
      assertThat(calendar.businessTimeBetween(a, a)).isZero();
    }

    @Test
    void nanosecondsCount() {
      BusinessCalendar calendar = nineToFive(UTC);
      Instant start = z("2026-06-01T16:59:59.999999999Z");
      assertThat(calendar.plusBusinessTime(start, Duration.ofNanos(2))).isEqualTo(z("2026-06-02T09:00:00.000000001Z"));
    }
  }

  @Nested
  class CustomersElsewhere {

    @Test
    void aCustomerInAucklandIsAlreadyInTheWeekend() {
      // a Californian business answers a New Zealand customer within 2 h of the customer's own office hours
      BusinessCalendar customer = nineToFive(AUCKLAND);
      // Friday 2026-06-05 10:00 PDT (17:00Z) is Saturday 05:00 NZST: closed until Monday 09:00 NZST
      Instant inbound = local("2026-06-05T10:00", LOS_ANGELES);
      assertThat(customer.isOpen(inbound)).isFalse();
      assertThat(customer.nextOpening(inbound)).contains(local("2026-06-08T09:00", AUCKLAND))
          .contains(z("2026-06-07T21:00:00Z"));
      // the deadline is Monday 11:00 in Auckland, which is still Sunday 16:00 in California
      Instant deadline = customer.plusBusinessTime(inbound, Duration.ofHours(2));
      assertThat(deadline).isEqualTo(z("2026-06-07T23:00:00Z"));
      assertThat(deadline.atZone(LOS_ANGELES).toLocalDateTime()).isEqualTo(LocalDateTime.parse("2026-06-07T16:00"));
      // Monday 10:00 in California is Tuesday 05:00 in Auckland: closed there
      assertThat(customer.isOpen(local("2026-06-08T10:00", LOS_ANGELES))).isFalse();
    }

    @Test
    void aCustomerInTokyoAndABusinessInBerlinShareAnHourADay() {
      BusinessCalendar tokyo = nineToFive(TOKYO);       // 00:00Z-08:00Z on weekdays
      BusinessCalendar berlin = nineToFive(BERLIN);     // 07:00Z-15:00Z on summer weekdays
      Instant mondayMorningBerlin = local("2026-06-01T09:00", BERLIN);    // 07:00Z, 16:00 in Tokyo
      assertThat(tokyo.isOpen(mondayMorningBerlin)).isTrue();
      assertThat(tokyo.nextClosing(mondayMorningBerlin)).contains(z("2026-06-01T08:00:00Z"));
      // 3 customer hours from Berlin's opening: 1 h on Monday, then Tuesday 09:00 JST (00:00Z) + 2 h
      assertThat(tokyo.plusBusinessTime(mondayMorningBerlin, Duration.ofHours(3))).isEqualTo(z("2026-06-02T02:00:00Z"));
      assertThat(berlin.plusBusinessTime(mondayMorningBerlin, Duration.ofHours(3))).isEqualTo(z("2026-06-01T10:00:00Z"));
    }
  }

  @Nested
  class RunningOutAndLimits {

    private final BusinessCalendar event = BusinessCalendar.builder(BERLIN)
        .specialDate(LocalDate.of(2026, 9, 12), "10:00-18:00")
        .specialDate(LocalDate.of(2026, 9, 13), "10:00-16:00").build();

    @Test
    void aCalendarOfSpecialDatesOnlyIsOpenOnThem() {
      assertThat(event.businessTimeBetween(z("2026-01-01T00:00:00Z"), z("2027-01-01T00:00:00Z")))
          .isEqualTo(Duration.ofHours(14));
      assertThat(event.plusBusinessTime(z("2026-01-01T00:00:00Z"), Duration.ofHours(10)))
          .isEqualTo(local("2026-09-13T12:00", BERLIN));
      assertThat(event.nextOpening(z("2026-01-01T00:00:00Z"))).contains(local("2026-09-12T10:00", BERLIN));
    }

    @Test
    void afterItsLastSpecialDateThereIsNoDeadline() {
      Instant after = z("2026-10-01T00:00:00Z");
      assertThat(event.businessTimeBetween(after, z("2030-01-01T00:00:00Z"))).isZero();
      assertThat(event.nextOpening(after)).isEmpty();
      assertThat(event.nextClosing(after)).isEmpty();
      assertThat(event.plusBusinessTime(after, Duration.ZERO)).isEqualTo(after);
      assertThatThrownBy(() -> event.plusBusinessTime(after, Duration.ofMinutes(1)))
          .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations()).singleElement()
              .satisfies(v -> {
                assertThat(v.path()).isEqualTo("amount");
                assertThat(v.value()).isEqualTo("PT1M");
                assertThat(v.message()).contains("open for only PT0S").contains("2026-09-13");
              }));
      // halfway through the last day: 2 h are left, 3 h are not
      Instant lastDay = local("2026-09-13T14:00", BERLIN);
      assertThat(event.plusBusinessTime(lastDay, Duration.ofHours(2))).isEqualTo(local("2026-09-13T16:00", BERLIN));
      assertThat(event.nextClosing(lastDay)).contains(local("2026-09-13T16:00", BERLIN));
      assertThatThrownBy(() -> event.plusBusinessTime(lastDay, Duration.ofHours(3)))
          .isInstanceOf(ValidationException.class).hasMessageContaining("open for only PT2H");
    }

    @Test
    void aSpecialDateThatFallsInASkippedHourGivesNoTime() {
      BusinessCalendar gap = BusinessCalendar.builder(NEW_YORK).specialDate(LocalDate.of(2026, 3, 8), "02:00-03:00").build();
      assertThat(gap.nextOpening(z("2026-01-01T00:00:00Z"))).isEmpty();
      assertThatThrownBy(() -> gap.plusBusinessTime(z("2026-01-01T00:00:00Z"), Duration.ofSeconds(1)))
          .isInstanceOf(ValidationException.class);
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void aDeadlineBeyondTheYear9999IsRejectedAfterABoundedWalk() {
      BusinessCalendar calendar = BusinessCalendar.builder(NEW_YORK).weekdays("09:00-17:00")
          .holiday(LocalDate.of(2026, 12, 25)).build();
      Instant start = z("2026-06-01T00:00:00Z");
      for (Duration tooMuch : List.of(Duration.ofDays(365L * 3000), Duration.ofSeconds(Long.MAX_VALUE, 999_999_999))) {
        assertThatThrownBy(() -> calendar.plusBusinessTime(start, tooMuch))
            .isInstanceOfSatisfying(ValidationException.class, e -> {
              assertThat(e.violations().get(0).path()).isEqualTo("amount");
              assertThat(e.getMessage()).contains("+10000-01-01T00:00:00Z");
            });
      }
      assertThatThrownBy(() -> BusinessCalendar.alwaysOpen(UTC).plusBusinessTime(start, Duration.ofDays(365L * 8000)))
          .isInstanceOf(ValidationException.class).hasMessageContaining("would lie after");
      // 1,000 years of 40-hour weeks (less Christmas 2026) are reached
      Duration thousandYears = Duration.ofHours(40).multipliedBy(52_000);
      Instant deadline = calendar.plusBusinessTime(start, thousandYears);
      assertThat(calendar.businessTimeBetween(start, deadline)).isEqualTo(thousandYears);
      assertThat(deadline.atZone(NEW_YORK).getYear()).isBetween(3020, 3030);
    }

    @Test
    void negativeAmountsAndUnsupportedInstantsAreRejected() {
      BusinessCalendar calendar = nineToFive(UTC);
      assertThatThrownBy(() -> calendar.plusBusinessTime(z("2026-06-01T00:00:00Z"), Duration.ofMinutes(-5)))
          .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
              .containsExactly(new Violation("amount", "PT-5M", "must not be negative")));
      assertThatThrownBy(() -> calendar.isOpen(Instant.MAX))
          .isInstanceOfSatisfying(ValidationException.class,
              e -> assertThat(e.violations().get(0).path()).isEqualTo("instant"));
      assertThatThrownBy(() -> calendar.businessTimeBetween(Instant.MIN, z("2026-06-01T00:00:00Z")))
          .isInstanceOfSatisfying(ValidationException.class,
              e -> assertThat(e.violations().get(0).path()).isEqualTo("from"));
      // the ends of the supported range are accepted; 0001-01-01 is a Monday
      assertThat(calendar.isOpen(BusinessCalendar.EARLIEST_SUPPORTED)).isFalse();
      assertThat(calendar.nextOpening(BusinessCalendar.EARLIEST_SUPPORTED)).contains(z("0001-01-01T09:00:00Z"));
      assertThat(calendar.isOpen(BusinessCalendar.LATEST_SUPPORTED)).isFalse();
      assertThat(calendar.nextOpening(BusinessCalendar.LATEST_SUPPORTED)).isEmpty();
      assertThatThrownBy(() -> calendar.nextOpening(BusinessCalendar.LATEST_SUPPORTED.plusNanos(1)))
          .isInstanceOf(ValidationException.class);
    }
  }

  @Nested
  class Validation {

    @Test
    void everyProblemIsReportedAtOnce() {
      Map<DayOfWeek, List<OpenInterval>> weekly = Map.of(
          DayOfWeek.MONDAY, List.of(OpenInterval.parse("13:00-17:00"), OpenInterval.parse("09:00-12:00")),
          DayOfWeek.TUESDAY, List.of(OpenInterval.parse("09:00-12:00"), OpenInterval.parse("11:00-17:00")),
          DayOfWeek.FRIDAY, List.of(OpenInterval.parse("20:00-24:00"), OpenInterval.parse("23:00-23:30")));
      LocalDate christmas = LocalDate.of(2026, 12, 24);
      assertThatThrownBy(() -> new BusinessCalendar(BERLIN, weekly, Set.of(christmas, LocalDate.of(10_000, 1, 1)),
          Map.of(christmas, List.of(OpenInterval.parse("09:00-12:00")))))
          .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
              .extracting(Violation::path, Violation::value)
              .containsExactlyInAnyOrder(
                  org.assertj.core.groups.Tuple.tuple("weekly.MONDAY[1]", "09:00-12:00"),
                  org.assertj.core.groups.Tuple.tuple("weekly.TUESDAY[1]", "11:00-17:00"),
                  org.assertj.core.groups.Tuple.tuple("weekly.FRIDAY[1]", "23:00-23:30"),
                  org.assertj.core.groups.Tuple.tuple("holidays", "2026-12-24"),
                  org.assertj.core.groups.Tuple.tuple("holidays", "+10000-01-01")));
    }

    @Test
    void theMessagesSayWhatIsWrong() {
      ValidationException e = org.junit.jupiter.api.Assertions.assertThrows(ValidationException.class,
          () -> BusinessCalendar.builder(UTC).open(DayOfWeek.MONDAY, "09:00-12:00", "11:00-13:00")
              .holiday(LocalDate.of(2026, 1, 1)).specialDate(LocalDate.of(2026, 1, 1), "10:00-12:00").build());
      assertThat(e.violations()).extracting(Violation::message).containsExactly(
          "overlaps the interval before it (09:00-12:00)",
          "is also a special date: a date is either a holiday (closed) or a special date with its own intervals,"
              + " not both");
      ValidationException unsorted = org.junit.jupiter.api.Assertions.assertThrows(ValidationException.class,
          () -> new BusinessCalendar(UTC, Map.of(DayOfWeek.MONDAY,
              List.of(OpenInterval.parse("13:00-17:00"), OpenInterval.parse("09:00-12:00"))), Set.of(), Map.of()));
      assertThat(unsorted.violations().get(0).message()).startsWith("is out of order");
    }

    @Test
    void aCalendarThatIsNeverOpenIsRejected() {
      assertThatThrownBy(() -> BusinessCalendar.builder(UTC).holiday(LocalDate.of(2026, 1, 1))
          .specialDate(LocalDate.of(2026, 1, 2)).build())
          .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations()).singleElement()
              .satisfies(v -> {
                assertThat(v.path()).isEqualTo("weekly");
                assertThat(v.message()).contains("never open");
              }));
      // special dates with intervals are enough
      assertThat(BusinessCalendar.builder(UTC).specialDate(LocalDate.of(2026, 1, 2), "10:00-11:00").build()
          .intervalsOn(LocalDate.of(2026, 1, 2))).hasSize(1);
    }

    @Test
    void touchingIntervalsAreAllowed() {
      BusinessCalendar calendar = BusinessCalendar.builder(UTC).open(DayOfWeek.MONDAY, "12:00-17:00", "09:00-12:00").build();
      // the builder sorts them; the stretch runs from 09:00 to 17:00
      assertThat(calendar.weekly().get(DayOfWeek.MONDAY)).extracting(OpenInterval::toString)
          .containsExactly("09:00-12:00", "12:00-17:00");
      assertThat(calendar.nextClosing(z("2026-06-01T10:00:00Z"))).contains(z("2026-06-01T17:00:00Z"));
    }

    @Test
    void theWeeklyScheduleListsEveryDay() {
      BusinessCalendar calendar = nineToFive(UTC);
      assertThat(calendar.weekly().keySet()).containsExactly(DayOfWeek.values());
      assertThat(calendar.weekly().get(DayOfWeek.SUNDAY)).isEmpty();
      // a map without the closed days and one with them empty are the same calendar
      Map<DayOfWeek, List<OpenInterval>> withClosedDays = new java.util.EnumMap<>(calendar.weekly());
      withClosedDays.put(DayOfWeek.SUNDAY, List.of());
      assertThat(new BusinessCalendar(UTC, withClosedDays, Set.of(), Map.of())).isEqualTo(calendar);
      assertThatThrownBy(() -> calendar.weekly().put(DayOfWeek.SUNDAY, List.of()))
          .isInstanceOf(UnsupportedOperationException.class);
    }
  }
}
