package dev.etiquette.crm.api.calendar;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSortedMap;
import com.google.common.collect.ImmutableSortedSet;
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
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * When a business (a tenant, a team, a customer) is open: a time zone, a weekly schedule, holidays and
 * special dates. Business time — the time that counts towards a response deadline — is the time during which
 * the calendar is open.
 *
 * <h2>What "open" means</h2>
 * The calendar is open at instant {@code t} exactly when {@code t}'s wall-clock time in {@link #zone()} (its
 * local date and local time) lies in one of the {@linkplain #intervalsOn(LocalDate) intervals of that local
 * date}. The intervals of a date are none on a {@linkplain #holidays() holiday}, a
 * {@linkplain #specialDates() special date}'s own intervals on that date, and otherwise the
 * {@linkplain #weekly() weekly} intervals of its day of the week. Because the definition is about the set of
 * instants whose wall-clock time is inside an interval, days on which the clocks change need no special rule:
 * <ul>
 *   <li>a {@code 09:00-17:00} day is 8 h on a day with a clock change at 02:00, since 09:00 and 17:00 both
 *       exist once;</li>
 *   <li>an interval that crosses a skipped hour is shorter by it: {@code 01:00-04:00} on the day America/New_York
 *       springs forward (2026-03-08, 02:00 becomes 03:00) is 2 h;</li>
 *   <li>an interval that contains a repeated hour is longer by it: {@code 00:00-03:00} on the day
 *       America/New_York falls back (2026-11-01, 02:00 becomes 01:00) is 4 h, and an interval inside the
 *       repeated hour ({@code 01:15-01:45}) is open in both of its occurrences (1 h in all).</li>
 * </ul>
 * An interval closing at 24:00 and the next day's interval opening at 00:00 make one continuous open stretch.
 * {@link #alwaysOpen(ZoneId)} is open at every instant, so its business time is elapsed time, DST or not.
 *
 * <h2>Arithmetic</h2>
 * {@link #isOpen}, {@link #businessTimeBetween}, {@link #plusBusinessTime}, {@link #nextOpening} and
 * {@link #nextClosing} are pure functions of this value and the arguments: no clock, no cache. They walk the
 * open time forward piece by piece (a piece is a stretch of constant UTC offset), a day at a time, and skip
 * whole ordinary weeks (weeks without holidays or special dates) at once, so a deadline days ahead costs a
 * handful of steps and one years ahead a few per clock change.
 *
 * <p>Instants from {@link #EARLIEST_SUPPORTED} to {@link #LATEST_SUPPORTED} (years 1 to 9999) are supported;
 * an argument outside that range is rejected with a {@link ValidationException}, and so is a
 * {@link #plusBusinessTime} whose result would lie after {@link #LATEST_SUPPORTED}.
 *
 * <h2>Running out of open time</h2>
 * A calendar with a weekly interval is open again every week, forever. A calendar open only on special dates
 * has a last open instant; after it no business time passes. Such a calendar answers
 * {@link #businessTimeBetween} with the open time there is, {@link #nextOpening} and {@link #nextClosing} with
 * an empty result, and {@link #plusBusinessTime} with a {@link ValidationException} on {@code amount}: the
 * deadline asked for does not exist, which is a problem of the input (calendar, start and amount together), not
 * of any state. The end of open time is known from the value itself (the last special date), so no search is
 * needed to find it and every method terminates.
 *
 * <h2>Validation</h2>
 * The constructor (and so {@link Builder#build()}) reports every problem at once in one
 * {@link ValidationException}: intervals of a day that are out of order or overlap, a date that is both a
 * holiday and a special date, a date outside years 1 to 9999, and a calendar that is never open (no weekly
 * interval and no special date with an interval). Intervals that touch ({@code 09:00-12:00, 12:00-17:00}) are
 * allowed and count as one stretch.
 *
 * @param zone the time zone whose wall-clock time the intervals are in
 * @param weekly the open intervals of each day of the week, sorted and not overlapping; every day is present,
 *     in order from Monday, a closed day with no intervals (days missing from the map given are closed)
 * @param holidays dates on which the calendar is closed all day, sorted
 * @param specialDates dates with their own intervals, replacing the weekly ones of that date, sorted by date;
 *     an empty list means closed that day
 */
public record BusinessCalendar(
    ZoneId zone,
    Map<DayOfWeek, List<OpenInterval>> weekly,
    Set<LocalDate> holidays,
    Map<LocalDate, List<OpenInterval>> specialDates) {

  /** The earliest instant the arithmetic accepts: {@code 0001-01-01T00:00:00Z}. */
  public static final Instant EARLIEST_SUPPORTED = Instant.parse("0001-01-01T00:00:00Z");

  /** The latest instant the arithmetic accepts or returns: {@code +10000-01-01T00:00:00Z}. */
  public static final Instant LATEST_SUPPORTED = Instant.parse("+10000-01-01T00:00:00Z");

  private static final LocalDate FIRST_DATE = LocalDate.of(1, 1, 1);
  private static final LocalDate LAST_DATE = LocalDate.of(9999, 12, 31);
  private static final List<OpenInterval> ALL_DAY = List.of(OpenInterval.ALL_DAY);
  private static final Duration WEEK = Duration.ofDays(7);

  /**
   * @throws ValidationException listing every problem: unsorted or overlapping intervals, a date that is both
   *     a holiday and a special date, a date outside years 1 to 9999, a calendar that is never open
   */
  public BusinessCalendar {
    requireNonNull(zone, "zone");
    Map<DayOfWeek, List<OpenInterval>> givenWeekly = ImmutableMap.copyOf(requireNonNull(weekly, "weekly"));
    ImmutableMap.Builder<DayOfWeek, List<OpenInterval>> days = ImmutableMap.builder();
    for (DayOfWeek day : DayOfWeek.values()) {
      days.put(day, ImmutableList.copyOf(givenWeekly.getOrDefault(day, List.of())));
    }
    weekly = days.build();
    holidays = ImmutableSortedSet.copyOf(requireNonNull(holidays, "holidays"));
    ImmutableSortedMap.Builder<LocalDate, List<OpenInterval>> specials = ImmutableSortedMap.naturalOrder();
    requireNonNull(specialDates, "specialDates").forEach((date, intervals) ->
        specials.put(requireNonNull(date, "date"), ImmutableList.copyOf(requireNonNull(intervals, "intervals"))));
    specialDates = specials.build();

    List<Violation> violations = new ArrayList<>();
    weekly.forEach((day, intervals) -> checkIntervals("weekly." + day, intervals, violations));
    for (LocalDate date : holidays) {
      checkDate("holidays", date, violations);
      if (specialDates.containsKey(date)) {
        violations.add(new Violation("holidays", date.toString(), "is also a special date: a date is either a"
            + " holiday (closed) or a special date with its own intervals, not both"));
      }
    }
    specialDates.forEach((date, intervals) -> {
      checkDate("specialDates", date, violations);
      checkIntervals("specialDates." + date, intervals, violations);
    });
    boolean weeklyOpen = weekly.values().stream().anyMatch(intervals -> !intervals.isEmpty());
    boolean specialOpen = specialDates.values().stream().anyMatch(intervals -> !intervals.isEmpty());
    if (!weeklyOpen && !specialOpen) {
      violations.add(new Violation("weekly", "no intervals", "the calendar is never open: no day of the week has"
          + " an interval and no special date has one"));
    }
    if (!violations.isEmpty()) {
      throw new ValidationException(violations);
    }
  }

  private static void checkIntervals(String path, List<OpenInterval> intervals, List<Violation> violations) {
    for (int i = 1; i < intervals.size(); i++) {
      OpenInterval previous = intervals.get(i - 1);
      OpenInterval current = intervals.get(i);
      if (current.open().isBefore(previous.open())) {
        violations.add(new Violation(path + "[" + i + "]", current.toString(),
            "is out of order: it opens before the interval before it (" + previous + "); intervals must be"
                + " sorted by opening time"));
      } else if (current.open().toNanoOfDay() < previous.closeNanoOfDay()) {
        violations.add(new Violation(path + "[" + i + "]", current.toString(),
            "overlaps the interval before it (" + previous + ")"));
      }
    }
  }

  private static void checkDate(String path, LocalDate date, List<Violation> violations) {
    if (date.isBefore(FIRST_DATE) || date.isAfter(LAST_DATE)) {
      violations.add(new Violation(path, date.toString(), "must be between " + FIRST_DATE + " and " + LAST_DATE));
    }
  }

  // ------------------------------------------------------------------------------------------------ factories

  /** Starts a calendar in {@code zone} that is closed until intervals are added. */
  public static Builder builder(ZoneId zone) {
    return new Builder(zone);
  }

  /**
   * A calendar open at every instant: every day {@code 00:00-24:00}, no holidays. Its business time is elapsed
   * time, on days with clock changes too; it is the calendar of a rule that counts plain elapsed time.
   */
  public static BusinessCalendar alwaysOpen(ZoneId zone) {
    Map<DayOfWeek, List<OpenInterval>> days = new EnumMap<>(DayOfWeek.class);
    for (DayOfWeek day : DayOfWeek.values()) {
      days.put(day, ALL_DAY);
    }
    return new BusinessCalendar(zone, days, Set.of(), Map.of());
  }

  /**
   * A calendar open Monday to Friday from {@code open} to {@code close} (a close of {@code 00:00} meaning the
   * end of the day), closed at weekends, no holidays.
   *
   * @throws ValidationException if {@code close} is not after {@code open} and is not {@code 00:00}
   */
  public static BusinessCalendar weekdays(ZoneId zone, LocalTime open, LocalTime close) {
    requireNonNull(zone, "zone");
    return builder(zone).weekdays(OpenInterval.of(open, close)).build();
  }

  // ------------------------------------------------------------------------------------------------ queries

  /**
   * The intervals in effect on {@code date}, in local time: none on a holiday, the special date's own on a
   * special date, otherwise the weekly intervals of the date's day of the week.
   */
  public List<OpenInterval> intervalsOn(LocalDate date) {
    requireNonNull(date, "date");
    if (holidays.contains(date)) {
      return List.of();
    }
    List<OpenInterval> special = specialDates.get(date);
    return special != null ? special : weekly.get(date.getDayOfWeek());
  }

  /**
   * Whether the calendar is open at {@code instant}: whether its wall-clock time in the zone lies in one of the
   * intervals of its local date.
   *
   * @throws ValidationException if {@code instant} is outside the supported range
   */
  public boolean isOpen(Instant instant) {
    checkSupported("instant", instant);
    LocalDateTime local = LocalDateTime.ofInstant(instant, zone);
    LocalTime time = local.toLocalTime();
    for (OpenInterval interval : intervalsOn(local.toLocalDate())) {
      if (interval.contains(time)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The business time between two instants: how long the calendar is open in {@code [from, to)}. When
   * {@code to} is before {@code from}, the negative of the business time in {@code [to, from)}; so
   * {@code between(a, b) + between(b, c)} equals {@code between(a, c)} for any three instants. Never more than
   * the elapsed time. A calendar that has run out of open time simply contributes none.
   *
   * @throws ValidationException if an instant is outside the supported range
   */
  public Duration businessTimeBetween(Instant from, Instant to) {
    checkSupported("from", from);
    checkSupported("to", to);
    if (to.isBefore(from)) {
      return businessTimeBetween(to, from).negated();
    }
    if (isAlwaysOpen()) {
      return Duration.between(from, to);
    }
    Sum sum = new Sum();
    OpenTimeWalk.walk(this, from, to, sum);
    return sum.total;
  }

  /**
   * The deadline {@code amount} of business time after {@code start}: the earliest instant {@code d} such that
   * the calendar is open for exactly {@code amount} in {@code [start, d)}. Counting starts at {@code start} if
   * the calendar is open then, otherwise at its next opening. A deadline that uses up an open stretch exactly is
   * that stretch's closing time, not the next opening. An amount of zero returns {@code start} itself.
   *
   * @throws ValidationException naming {@code amount} if it is negative, if the calendar runs out of open time
   *     before {@code amount} has passed (a calendar open only on special dates), or if the deadline would lie
   *     after {@link #LATEST_SUPPORTED}; naming {@code start} if it is outside the supported range
   */
  public Instant plusBusinessTime(Instant start, Duration amount) {
    checkSupported("start", start);
    requireNonNull(amount, "amount");
    if (amount.isNegative()) {
      throw ValidationException.of("amount", amount.toString(), "must not be negative");
    }
    if (amount.isZero()) {
      return start;
    }
    if (isAlwaysOpen()) {
      // the room left, from seconds and nanoseconds: Duration.between would overflow its nanosecond count over
      // this span and fall back through an exception on every call
      Duration room = Duration.ofSeconds(LATEST_SUPPORTED.getEpochSecond() - start.getEpochSecond(),
          LATEST_SUPPORTED.getNano() - start.getNano());
      if (room.compareTo(amount) < 0) {
        throw beyondSupportedRange(start, amount);
      }
      return start.plus(amount);
    }
    Countdown countdown = new Countdown(amount);
    OpenTimeWalk.End end = OpenTimeWalk.walk(this, start, LATEST_SUPPORTED, countdown);
    switch (end) {
      case STOPPED:
        return countdown.deadline;
      case NO_MORE_OPEN_TIME:
        throw ValidationException.of("amount", amount.toString(), "the calendar is open for only "
            + amount.minus(countdown.remaining) + " from " + start + " on (it has no weekly intervals and its last"
            + " special date with intervals is " + lastSpecialOpenDate().orElseThrow() + "), so no deadline "
            + amount + " ahead exists");
      default:
        throw beyondSupportedRange(start, amount);
    }
  }

  private static ValidationException beyondSupportedRange(Instant start, Duration amount) {
    return ValidationException.of("amount", amount.toString(), "the deadline from " + start
        + " would lie after " + LATEST_SUPPORTED + ", the latest instant a calendar supports");
  }

  /**
   * The first instant at or after {@code instant} at which the calendar is open: {@code instant} itself if it
   * is open, otherwise the start of the next open stretch. Empty if the calendar is never open again (it is
   * open only on special dates, all of them over) or not before {@link #LATEST_SUPPORTED}.
   *
   * @throws ValidationException if {@code instant} is outside the supported range
   */
  public Optional<Instant> nextOpening(Instant instant) {
    checkSupported("instant", instant);
    if (isAlwaysOpen()) {
      return Optional.of(instant);
    }
    FirstOpening first = new FirstOpening();
    OpenTimeWalk.walk(this, instant, LATEST_SUPPORTED, first);
    return Optional.ofNullable(first.opening);
  }

  /**
   * The end of the open stretch that contains {@code instant} or, if the calendar is closed at {@code instant},
   * of the next open stretch: the first instant after {@code instant} at which the calendar goes from open to
   * closed. Touching intervals (24:00 followed by 00:00 the next day) are one stretch. Empty if the calendar is
   * never open again, or stays open until {@link #LATEST_SUPPORTED} ({@link #alwaysOpen} never closes).
   *
   * @throws ValidationException if {@code instant} is outside the supported range
   */
  public Optional<Instant> nextClosing(Instant instant) {
    checkSupported("instant", instant);
    if (isAlwaysOpen()) {
      return Optional.empty();
    }
    Stretch stretch = new Stretch();
    OpenTimeWalk.walk(this, instant, LATEST_SUPPORTED, stretch);
    return Optional.ofNullable(stretch.end).filter(end -> end.isBefore(LATEST_SUPPORTED));
  }

  private static void checkSupported(String path, Instant instant) {
    requireNonNull(instant, path);
    if (instant.isBefore(EARLIEST_SUPPORTED) || instant.isAfter(LATEST_SUPPORTED)) {
      throw ValidationException.of(path, instant.toString(),
          "must be between " + EARLIEST_SUPPORTED + " and " + LATEST_SUPPORTED);
    }
  }

  // ------------------------------------------------------------------------------------------------ for the walk

  /** Open every day all day with no exceptions that close it: business time is elapsed time. */
  private boolean isAlwaysOpen() {
    return holidays.isEmpty()
        && weekly.values().stream().allMatch(ALL_DAY::equals)
        && specialDates.values().stream().allMatch(ALL_DAY::equals);
  }

  /** The open time of a week without holidays or special dates, as written (no clock change in it). */
  Duration weeklyOpenTime() {
    long nanos = 0;
    for (List<OpenInterval> intervals : weekly.values()) {
      for (OpenInterval interval : intervals) {
        nanos += interval.closeNanoOfDay() - interval.open().toNanoOfDay();
      }
    }
    return Duration.ofNanos(nanos);
  }

  /** How many whole weeks from {@code date} on contain no holiday and no special date. */
  long ordinaryWeeksFrom(LocalDate date) {
    LocalDate holiday = sortedHolidays().ceiling(date);
    LocalDate special = sortedSpecialDates().ceilingKey(date);
    LocalDate next = holiday == null || (special != null && special.isBefore(holiday)) ? special : holiday;
    return next == null ? Long.MAX_VALUE : (next.toEpochDay() - date.toEpochDay()) / 7;
  }

  /** The first special date at or after {@code date} that has intervals, if any. */
  Optional<LocalDate> nextSpecialOpenDate(LocalDate date) {
    for (Map.Entry<LocalDate, List<OpenInterval>> entry : sortedSpecialDates().tailMap(date).entrySet()) {
      if (!entry.getValue().isEmpty()) {
        return Optional.of(entry.getKey());
      }
    }
    return Optional.empty();
  }

  /** The last special date that has intervals, if any. */
  Optional<LocalDate> lastSpecialOpenDate() {
    for (Map.Entry<LocalDate, List<OpenInterval>> entry : sortedSpecialDates().descendingMap().entrySet()) {
      if (!entry.getValue().isEmpty()) {
        return Optional.of(entry.getKey());
      }
    }
    return Optional.empty();
  }

  /** The holidays as the constructor keeps them. */
  private ImmutableSortedSet<LocalDate> sortedHolidays() {
    return (ImmutableSortedSet<LocalDate>) holidays;
  }

  /** The special dates as the constructor keeps them. */
  private ImmutableSortedMap<LocalDate, List<OpenInterval>> sortedSpecialDates() {
    return (ImmutableSortedMap<LocalDate, List<OpenInterval>>) specialDates;
  }

  /**
   * For a calendar without weekly intervals, an instant from which on no local date has intervals: the first
   * instant whose wall-clock date is after the last special date with intervals in every zone (offset
   * -18:00 or later). Empty for a calendar with weekly intervals, which never runs out.
   */
  Optional<Instant> endOfOpenTime() {
    if (weekly.values().stream().anyMatch(intervals -> !intervals.isEmpty())) {
      return Optional.empty();
    }
    return lastSpecialOpenDate().map(last -> last.plusDays(1).atStartOfDay().toInstant(ZoneOffset.MIN));
  }

  /** Sums the open time of the walk. */
  private static final class Sum implements OpenTimeWalk.Visitor {
    private Duration total = Duration.ZERO;

    @Override
    public boolean open(Instant start, Instant end) {
      total = total.plus(Duration.between(start, end));
      return true;
    }

    @Override
    public long wholeWeeks(Instant start, long weeks, Duration perWeek) {
      // the walk offers only weeks before its bound, so all of them count
      total = total.plus(perWeek.multipliedBy(weeks));
      return weeks;
    }
  }

  /** Counts the amount down; stops at the instant where it reaches zero. */
  private static final class Countdown implements OpenTimeWalk.Visitor {
    private Duration remaining;
    private Instant deadline;

    Countdown(Duration amount) {
      this.remaining = amount;
    }

    @Override
    public boolean open(Instant start, Instant end) {
      Duration length = Duration.between(start, end);
      if (length.compareTo(remaining) >= 0) {
        deadline = start.plus(remaining);
        remaining = Duration.ZERO;
        return false;
      }
      remaining = remaining.minus(length);
      return true;
    }

    @Override
    public long wholeWeeks(Instant start, long weeks, Duration perWeek) {
      // take only weeks after which some amount is left, so the deadline is found inside an open range
      long taken = Math.min(weeks, remaining.minusNanos(1).dividedBy(perWeek));
      remaining = remaining.minus(perWeek.multipliedBy(taken));
      return taken;
    }
  }

  /** Stops at the start of the first open range. */
  private static final class FirstOpening implements OpenTimeWalk.Visitor {
    private Instant opening;

    @Override
    public boolean open(Instant start, Instant end) {
      opening = start;
      return false;
    }
  }

  /** Follows the first open stretch through touching ranges and records where it ends. */
  private static final class Stretch implements OpenTimeWalk.Visitor {
    private Instant end;

    @Override
    public boolean open(Instant start, Instant end) {
      if (this.end == null || this.end.equals(start)) {
        this.end = end;
        return true;
      }
      return false;
    }

    @Override
    public long wholeWeeks(Instant start, long weeks, Duration perWeek) {
      // a week that is open all the time continues the stretch (or starts it, at the walk's first instant)
      if (perWeek.equals(WEEK) && (end == null || end.equals(start))) {
        end = start.plus(WEEK.multipliedBy(weeks));
        return weeks;
      }
      return 0;
    }
  }

  // ------------------------------------------------------------------------------------------------ builder

  /**
   * Builds a {@link BusinessCalendar}. Each method rejects {@code null} and reads its intervals at once (a
   * malformed or empty interval is reported by the method); the intervals of each day are kept sorted, and
   * {@link #build()} reports the remaining problems (overlaps, dates both holiday and special, a calendar never
   * open) all at once. Methods add to what was given before.
   */
  public static final class Builder {
    private static final Set<DayOfWeek> MONDAY_TO_FRIDAY = Set.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY,
        DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY);

    private final ZoneId zone;
    private final Map<DayOfWeek, List<OpenInterval>> weekly = new EnumMap<>(DayOfWeek.class);
    private final Set<LocalDate> holidays = new TreeSet<>();
    private final Map<LocalDate, List<OpenInterval>> specialDates = new TreeMap<>();

    private Builder(ZoneId zone) {
      this.zone = requireNonNull(zone, "zone");
    }

    /** Adds open intervals to {@code day}, each written as {@link OpenInterval#parse} reads it. */
    public Builder open(DayOfWeek day, String... intervals) {
      requireNonNull(day, "day");
      for (OpenInterval interval : parseAll(intervals)) {
        weekly.computeIfAbsent(day, d -> new ArrayList<>()).add(interval);
      }
      return this;
    }

    /** Adds an open interval to {@code day}. */
    public Builder open(DayOfWeek day, OpenInterval interval) {
      requireNonNull(day, "day");
      weekly.computeIfAbsent(day, d -> new ArrayList<>()).add(requireNonNull(interval, "interval"));
      return this;
    }

    /** Adds open intervals to each day from Monday to Friday, each written as {@link OpenInterval#parse} reads it. */
    public Builder weekdays(String... intervals) {
      List<OpenInterval> parsed = parseAll(intervals);
      for (DayOfWeek day : MONDAY_TO_FRIDAY) {
        parsed.forEach(interval -> open(day, interval));
      }
      return this;
    }

    /** Adds open intervals to each day from Monday to Friday. */
    public Builder weekdays(OpenInterval... intervals) {
      requireNonNull(intervals, "intervals");
      for (OpenInterval interval : intervals) {
        requireNonNull(interval, "interval");
        MONDAY_TO_FRIDAY.forEach(day -> open(day, interval));
      }
      return this;
    }

    /** Makes {@code date} a holiday: closed all day. */
    public Builder holiday(LocalDate date) {
      holidays.add(requireNonNull(date, "date"));
      return this;
    }

    /** Makes each of {@code dates} a holiday. */
    public Builder holidays(Iterable<LocalDate> dates) {
      requireNonNull(dates, "dates").forEach(this::holiday);
      return this;
    }

    /**
     * Makes {@code date} a special date and adds the intervals (written as {@link OpenInterval#parse} reads
     * them) to its own; a special date given no intervals is closed.
     */
    public Builder specialDate(LocalDate date, String... intervals) {
      return specialDate(date, parseAll(intervals));
    }

    /** Makes {@code date} a special date and adds {@code intervals} to its own; with none, it is closed. */
    public Builder specialDate(LocalDate date, List<OpenInterval> intervals) {
      requireNonNull(date, "date");
      List<OpenInterval> own = specialDates.computeIfAbsent(date, d -> new ArrayList<>());
      for (OpenInterval interval : requireNonNull(intervals, "intervals")) {
        own.add(requireNonNull(interval, "interval"));
      }
      return this;
    }

    /**
     * The calendar, with the intervals of each day sorted by opening time.
     *
     * @throws ValidationException listing every problem (see {@link BusinessCalendar})
     */
    public BusinessCalendar build() {
      Map<DayOfWeek, List<OpenInterval>> days = new EnumMap<>(DayOfWeek.class);
      weekly.forEach((day, intervals) -> days.put(day, sorted(intervals)));
      Map<LocalDate, List<OpenInterval>> specials = new TreeMap<>();
      specialDates.forEach((date, intervals) -> specials.put(date, sorted(intervals)));
      return new BusinessCalendar(zone, days, holidays, specials);
    }

    private static List<OpenInterval> sorted(List<OpenInterval> intervals) {
      List<OpenInterval> copy = new ArrayList<>(intervals);
      Collections.sort(copy);
      return copy;
    }

    private static List<OpenInterval> parseAll(String... intervals) {
      requireNonNull(intervals, "intervals");
      List<OpenInterval> parsed = new ArrayList<>();
      for (String interval : intervals) {
        parsed.add(OpenInterval.parse(requireNonNull(interval, "interval")));
      }
      return parsed;
    }
  }
}
