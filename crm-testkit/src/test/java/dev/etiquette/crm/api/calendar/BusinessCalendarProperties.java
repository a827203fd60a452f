package dev.etiquette.crm.api.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.etiquette.crm.api.ValidationException;
import dev.etiquette.crm.testkit.DomainArbitraries;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * The laws of business-time arithmetic over generated calendars ({@link DomainArbitraries#businessCalendars}):
 * zones with clock changes at all hours, half-hour offsets and a skipped day; weekly intervals touching,
 * all-day or closing at 24:00; holidays and special dates near the instants; calendars open only on special
 * dates. The instants are placed near a clock change of the zone two times in three, and the holidays and
 * special dates near the instants, so that the hard cases are common rather than rare.
 *
 * <p>Besides the algebraic laws, {@link #businessTimeIsTheNumberOfOpenMinutes} checks the walk against a
 * brute-force count that only uses {@link BusinessCalendar#isOpen}, the definition of open: all boundaries of
 * these calendars and zones are on whole minutes.
 */
@PropertyDefaults(tries = 300)
class BusinessCalendarProperties {

  private static final Instant FROM = Instant.parse("2005-01-01T00:00:00Z");
  private static final Instant UNTIL = Instant.parse("2035-01-01T00:00:00Z");

  /** A calendar and instants near one another: {@code instants} lie from 3 days before to 24 days after. */
  record Scenario(BusinessCalendar calendar, Instant anchor, List<Instant> instants) {
    Instant first() {
      return instants.get(0);
    }
  }

  @Provide
  Arbitrary<Scenario> scenarios() {
    return DomainArbitraries.calendarZones().flatMap(zone -> anchors(zone).flatMap(anchor -> {
      LocalDate date = LocalDate.ofInstant(anchor, zone);
      return Combinators.combine(
              DomainArbitraries.businessCalendars(zone, date.minusDays(5), date.plusDays(26)),
              nearby(anchor).list().ofSize(3))
          .as((calendar, instants) -> new Scenario(calendar, anchor, instants));
    }));
  }

  /** Whole minutes from 2005 to 2035; two in three within a day and a half of one of the zone's transitions. */
  private static Arbitrary<Instant> anchors(ZoneId zone) {
    Arbitrary<Instant> any = Arbitraries.longs()
        .between(FROM.getEpochSecond() / 60, UNTIL.getEpochSecond() / 60)
        .map(minute -> Instant.ofEpochSecond(minute * 60));
    Arbitrary<Instant> nearTransition = Combinators.combine(any, Arbitraries.integers().between(-36 * 60, 36 * 60))
        .as((instant, minutes) -> {
          ZoneOffsetTransition transition = zone.getRules().nextTransition(instant);
          Instant base = transition == null ? instant : transition.getInstant();
          return base.plus(minutes, ChronoUnit.MINUTES);
        });
    return Arbitraries.frequencyOf(Tuple.of(1, any), Tuple.of(2, nearTransition));
  }

  /** Instants from 3 days before to 24 days after {@code anchor}: whole minutes mostly, some with nanoseconds. */
  private static Arbitrary<Instant> nearby(Instant anchor) {
    return Arbitraries.frequencyOf(
        Tuple.of(4, Arbitraries.integers().between(-3 * 1_440, 24 * 1_440).map(m -> anchor.plus(m, ChronoUnit.MINUTES))),
        Tuple.of(1, Arbitraries.longs().between(-3 * 86_400_000_000_000L, 24 * 86_400_000_000_000L)
            .map(anchor::plusNanos)));
  }

  /** Business-time amounts: minutes up to 10 days, any nanoseconds up to 3 days, zero, and hours up to 3 years. */
  @Provide
  Arbitrary<Duration> amounts() {
    return Arbitraries.frequencyOf(
        Tuple.of(5, Arbitraries.integers().between(0, 10 * 1_440).map(Duration::ofMinutes)),
        Tuple.of(2, Arbitraries.longs().between(1, 3 * 86_400_000_000_000L).map(Duration::ofNanos)),
        Tuple.of(1, Arbitraries.just(Duration.ZERO)),
        Tuple.of(1, Arbitraries.integers().between(1, 3 * 365 * 24).map(Duration::ofHours)));
  }

  @Provide
  Arbitrary<Duration> positiveAmounts() {
    return amounts().filter(d -> !d.isZero());
  }

  // ------------------------------------------------------------------------------------------------ deadlines

  @Property
  void theBusinessTimeUntilTheDeadlineIsTheAmount(@ForAll("scenarios") Scenario s, @ForAll("amounts") Duration d) {
    Instant start = s.first();
    plus(s.calendar(), start, d).ifPresent(deadline -> {
      assertThat(deadline).isAfterOrEqualTo(start);
      assertThat(s.calendar().businessTimeBetween(start, deadline)).isEqualTo(d);
    });
  }

  @Property
  void theDeadlineIsTheEarliestInstantAndEndsOpenTime(@ForAll("scenarios") Scenario s,
      @ForAll("positiveAmounts") Duration d) {
    Instant start = s.first();
    plus(s.calendar(), start, d).ifPresent(deadline -> {
      Instant justBefore = deadline.minusNanos(1);
      // open just before it: the deadline lies inside an open stretch or ends one
      assertThat(s.calendar().isOpen(justBefore)).isTrue();
      assertThat(s.calendar().businessTimeBetween(start, justBefore)).isEqualTo(d.minusNanos(1));
    });
  }

  @Property(tries = 200)
  void wholeWeeksOfBusinessTimeEndInsideOrAtTheEndOfOpenTime(@ForAll("scenarios") Scenario s,
      @ForAll @net.jqwik.api.constraints.IntRange(min = 1, max = 60) int weeks, @ForAll boolean fromMidnight) {
    // amounts that are exact multiples of a week's open time, from a local midnight or not: skipping whole
    // weeks must stop before the deadline, not at the end of the last week skipped
    BusinessCalendar calendar = s.calendar();
    Duration perWeek = calendar.weekly().values().stream().flatMap(List::stream)
        .map(OpenInterval::length).reduce(Duration.ZERO, Duration::plus);
    Duration d = perWeek.multipliedBy(weeks);
    Instant start = fromMidnight
        ? LocalDate.ofInstant(s.first(), calendar.zone()).atStartOfDay(calendar.zone()).toInstant()
        : s.first();
    plus(calendar, start, d).ifPresent(deadline -> {
      assertThat(calendar.businessTimeBetween(start, deadline)).isEqualTo(d);
      if (!d.isZero()) {
        assertThat(calendar.isOpen(deadline.minusNanos(1))).isTrue();
      }
    });
  }

  @Property
  void aLongerAmountNeverGivesAnEarlierDeadline(@ForAll("scenarios") Scenario s, @ForAll("amounts") Duration d1,
      @ForAll("amounts") Duration d2) {
    Duration shorter = d1.compareTo(d2) <= 0 ? d1 : d2;
    Duration longer = d1.compareTo(d2) <= 0 ? d2 : d1;
    Optional<Instant> later = plus(s.calendar(), s.first(), longer);
    Optional<Instant> earlier = plus(s.calendar(), s.first(), shorter);
    later.ifPresent(l -> assertThat(earlier).hasValueSatisfying(e -> assertThat(e).isBeforeOrEqualTo(l)));
  }

  @Property
  void deadlinesCompose(@ForAll("scenarios") Scenario s, @ForAll("amounts") Duration d1,
      @ForAll("amounts") Duration d2) {
    Optional<Instant> direct = plus(s.calendar(), s.first(), d1.plus(d2));
    Optional<Instant> inTwoSteps = plus(s.calendar(), s.first(), d1).flatMap(m -> plus(s.calendar(), m, d2));
    assertThat(inTwoSteps).isEqualTo(direct);
  }

  // ------------------------------------------------------------------------------------------------ business time

  @Property
  void businessTimeAddsUp(@ForAll("scenarios") Scenario s) {
    Instant a = s.instants().get(0);
    Instant b = s.instants().get(1);
    Instant c = s.instants().get(2);
    BusinessCalendar calendar = s.calendar();
    assertThat(calendar.businessTimeBetween(a, b).plus(calendar.businessTimeBetween(b, c)))
        .isEqualTo(calendar.businessTimeBetween(a, c));
    assertThat(calendar.businessTimeBetween(b, a)).isEqualTo(calendar.businessTimeBetween(a, b).negated());
  }

  @Property(tries = 100)
  void businessTimeAddsUpOverYears(@ForAll("scenarios") Scenario s,
      @ForAll @net.jqwik.api.constraints.LongRange(min = 0, max = 400 * 86_400L) long first,
      @ForAll @net.jqwik.api.constraints.LongRange(min = 0, max = 400 * 86_400L) long second) {
    // whole ordinary weeks are skipped at once; splitting the range anywhere must not change the sum
    Instant a = s.first();
    Instant b = a.plusSeconds(first);
    Instant c = b.plusSeconds(second);
    BusinessCalendar calendar = s.calendar();
    assertThat(calendar.businessTimeBetween(a, b).plus(calendar.businessTimeBetween(b, c)))
        .isEqualTo(calendar.businessTimeBetween(a, c));
  }

  @Property
  void businessTimeIsAtMostTheElapsedTime(@ForAll("scenarios") Scenario s) {
    Instant a = earliest(s.instants());
    Instant b = latest(s.instants());
    Duration business = s.calendar().businessTimeBetween(a, b);
    assertThat(business).isBetween(Duration.ZERO, Duration.between(a, b));
  }

  @Property(tries = 120)
  void businessTimeIsTheNumberOfOpenMinutes(@ForAll("scenarios") Scenario s) {
    Instant a = earliest(s.instants()).truncatedTo(ChronoUnit.MINUTES);
    Instant b = latest(s.instants()).truncatedTo(ChronoUnit.MINUTES);
    long openMinutes = 0;
    for (Instant minute = a; minute.isBefore(b); minute = minute.plusSeconds(60)) {
      if (s.calendar().isOpen(minute)) {
        openMinutes++;
      }
    }
    assertThat(s.calendar().businessTimeBetween(a, b)).isEqualTo(Duration.ofMinutes(openMinutes));
  }

  @Property
  void isOpenAgreesWithBusinessTime(@ForAll("scenarios") Scenario s) {
    for (Instant t : s.instants()) {
      boolean openForTheNextNanosecond = s.calendar().businessTimeBetween(t, t.plusNanos(1)).equals(Duration.ofNanos(1));
      assertThat(s.calendar().isOpen(t)).as("open at %s", t).isEqualTo(openForTheNextNanosecond);
    }
  }

  @Property
  void alwaysOpenIsElapsedTime(@ForAll("scenarios") Scenario s, @ForAll("amounts") Duration d) {
    BusinessCalendar elapsed = BusinessCalendar.alwaysOpen(s.calendar().zone());
    Instant a = s.instants().get(0);
    Instant b = s.instants().get(1);
    assertThat(elapsed.businessTimeBetween(a, b)).isEqualTo(Duration.between(a, b));
    assertThat(elapsed.plusBusinessTime(a, d)).isEqualTo(a.plus(d));
    assertThat(elapsed.isOpen(a)).isTrue();
  }

  // ------------------------------------------------------------------------------------------------ openings

  @Property
  void theNextOpeningIsTheFirstOpenInstant(@ForAll("scenarios") Scenario s) {
    BusinessCalendar calendar = s.calendar();
    Instant t = s.first();
    Optional<Instant> opening = calendar.nextOpening(t);
    if (opening.isPresent()) {
      Instant o = opening.get();
      assertThat(o).isAfterOrEqualTo(t);
      assertThat(calendar.isOpen(o)).isTrue();
      assertThat(calendar.businessTimeBetween(t, o)).isZero();
      if (calendar.isOpen(t)) {
        assertThat(o).isEqualTo(t);
      }
    } else {
      assertNoMoreOpenTime(calendar, t);
    }
  }

  @Property
  void theNextClosingEndsTheOpenStretch(@ForAll("scenarios") Scenario s) {
    BusinessCalendar calendar = s.calendar();
    Instant t = s.first();
    Optional<Instant> closing = calendar.nextClosing(t);
    Optional<Instant> opening = calendar.nextOpening(t);
    if (closing.isPresent()) {
      Instant c = closing.get();
      Instant o = opening.orElseThrow();
      assertThat(c).isAfter(o);
      assertThat(calendar.isOpen(c)).isFalse();
      // open all the way from the opening to the closing
      assertThat(calendar.businessTimeBetween(o, c)).isEqualTo(Duration.between(o, c));
    } else if (opening.isPresent()) {
      // never closes again within the supported range
      Instant o = opening.get();
      assertThat(calendar.businessTimeBetween(o, BusinessCalendar.LATEST_SUPPORTED))
          .isEqualTo(Duration.between(o, BusinessCalendar.LATEST_SUPPORTED));
    } else {
      assertNoMoreOpenTime(calendar, t);
    }
  }

  // ------------------------------------------------------------------------------------------------ helpers

  /**
   * {@code plusBusinessTime}, or empty when the calendar rejects the amount because it runs out of open time;
   * then checks that it really does (only a calendar without weekly intervals can).
   */
  private static Optional<Instant> plus(BusinessCalendar calendar, Instant start, Duration amount) {
    try {
      return Optional.of(calendar.plusBusinessTime(start, amount));
    } catch (ValidationException e) {
      assertThat(e.violations().get(0).path()).isEqualTo("amount");
      assertThat(calendar.weekly().values()).allMatch(List::isEmpty);
      assertThat(calendar.businessTimeBetween(start, BusinessCalendar.LATEST_SUPPORTED)).isLessThan(amount);
      return Optional.empty();
    }
  }

  private static void assertNoMoreOpenTime(BusinessCalendar calendar, Instant t) {
    assertThat(calendar.weekly().values()).allMatch(List::isEmpty);
    assertThat(calendar.businessTimeBetween(t, BusinessCalendar.LATEST_SUPPORTED)).isZero();
  }

  private static Instant earliest(List<Instant> instants) {
    return instants.stream().min(Instant::compareTo).orElseThrow();
  }

  private static Instant latest(List<Instant> instants) {
    return instants.stream().max(Instant::compareTo).orElseThrow();
  }
}
