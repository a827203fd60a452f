package dev.etiquette.crm.api.calendar;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.Optional;

/**
 * Walks a calendar's open time forward from an instant and hands each open range to a {@link Visitor}, in
 * instant order.
 *
 * <p>Time is cut into pieces of constant UTC offset at the zone's transitions. Inside a piece, wall-clock time
 * and instants differ by the offset, so the instants at which the calendar is open are the piece's local range
 * intersected with each date's intervals, shifted by the offset. A wall-clock hour that the clocks skip lies in
 * no piece and is never open; one that they repeat lies in two pieces and is open in both. Open ranges of one
 * piece come out in order and the pieces are in order, so the whole walk is in instant order; ranges may touch
 * (at midnight between an interval closing at 24:00 and one opening at 00:00, or at a transition), and visitors
 * that care about stretches join them.
 *
 * <p>Inside a piece, a run of whole weeks without holidays or special dates has exactly the weekly open time per
 * week; such runs are offered to the visitor at once ({@link Visitor#wholeWeeks}), which may take them
 * without seeing their ranges. A calendar without weekly intervals jumps from special date to special date and
 * ends after the last one. The walk never passes its bound, so it always terminates.
 */
final class OpenTimeWalk {

  private static final long SECONDS_PER_WEEK = 7L * 24 * 3600;

  /** Why a walk ended. */
  enum End {
    /** The visitor asked to stop. */
    STOPPED,
    /** The walk reached its bound. */
    REACHED_BOUND,
    /** The calendar has no open time after the point reached (it has no weekly intervals). */
    NO_MORE_OPEN_TIME
  }

  /** Receives the open ranges of a walk. */
  interface Visitor {

    /**
     * The open range {@code [start, end)}, with {@code start < end}, clipped to the walk's bounds; after every
     * range and block handed over before it.
     *
     * @return whether to continue
     */
    boolean open(Instant start, Instant end);

    /**
     * Offers {@code weeks >= 1} consecutive whole weeks from {@code start}, before the walk's bound, each open for
     * exactly {@code perWeek} (which is positive) in the layout of the weekly schedule, so the first starts at
     * a local midnight.
     *
     * @return how many of them (from 0 to {@code weeks}) the visitor takes as a block; the walk goes on after
     *     them, and hands the ranges of the weeks not taken over one by one
     */
    default long wholeWeeks(Instant start, long weeks, Duration perWeek) {
      return 0;
    }
  }

  private OpenTimeWalk() {}

  /**
   * Walks the open time of {@code calendar} in {@code [from, bound)}.
   *
   * @param from where to start; open time before it is ignored
   * @param bound where to stop, at or after {@code from}
   */
  static End walk(BusinessCalendar calendar, Instant from, Instant bound, Visitor visitor) {
    ZoneRules rules = calendar.zone().getRules();
    Duration perWeek = calendar.weeklyOpenTime();
    boolean weeklyOpen = !perWeek.isZero();
    Optional<Instant> endOfOpenTime = calendar.endOfOpenTime();
    Instant cursor = from;
    while (cursor.isBefore(bound)) {
      if (endOfOpenTime.isPresent() && !cursor.isBefore(endOfOpenTime.get())) {
        return End.NO_MORE_OPEN_TIME;
      }
      ZoneOffset offset = rules.getOffset(cursor);
      ZoneOffsetTransition transition = rules.nextTransition(cursor);
      Instant pieceEnd = transition == null || !transition.getInstant().isBefore(bound)
          ? bound : transition.getInstant();
      LocalDateTime low = local(cursor, offset);
      LocalDateTime high = local(pieceEnd, offset);
      Instant next = pieceEnd;
      LocalDate date = low.toLocalDate();
      while (date.atStartOfDay().isBefore(high)) {
        LocalDateTime dayStart = date.atStartOfDay();
        if (weeklyOpen && !dayStart.isBefore(low)) {
          long weeks = Math.min(calendar.ordinaryWeeksFrom(date), wholeWeeksBetween(dayStart, high));
          if (weeks > 0) {
            long taken = visitor.wholeWeeks(dayStart.toInstant(offset), weeks, perWeek);
            if (taken > 0) {
              date = date.plusWeeks(taken);
              continue;
            }
          }
        }
        for (OpenInterval interval : calendar.intervalsOn(date)) {
          LocalDateTime open = later(interval.opensOn(date), low);
          LocalDateTime close = earlier(interval.closesOn(date), high);
          if (open.isBefore(close) && !visitor.open(open.toInstant(offset), close.toInstant(offset))) {
            return End.STOPPED;
          }
        }
        if (weeklyOpen) {
          date = date.plusDays(1);
          continue;
        }
        // no weekly intervals: only special dates are open, so jump to the next one
        Optional<LocalDate> special = calendar.nextSpecialOpenDate(date.plusDays(1));
        if (special.isEmpty()) {
          // nothing after this date in this piece; a later piece may repeat earlier wall-clock dates, but none
          // at or after the end of open time
          Instant end = endOfOpenTime.orElseThrow();
          next = end.isBefore(pieceEnd) ? end : pieceEnd;
          break;
        }
        LocalDateTime specialStart = special.get().atStartOfDay();
        if (specialStart.isBefore(high)) {
          date = special.get();
          continue;
        }
        // the next special date is in a later piece. Every instant from `safe` on has a wall-clock date after
        // this one in any zone, so from there on only that special date can open; before it, later pieces may
        // still repeat hours of this date and are walked normally.
        Instant safe = date.plusDays(1).atStartOfDay().toInstant(ZoneOffset.MIN);
        if (!pieceEnd.isBefore(safe)) {
          Instant earliestOfSpecial = specialStart.toInstant(ZoneOffset.MAX);
          next = earliestOfSpecial.isAfter(pieceEnd) ? earliestOfSpecial : pieceEnd;
        }
        break;
      }
      cursor = next;
    }
    return End.REACHED_BOUND;
  }

  private static LocalDateTime local(Instant instant, ZoneOffset offset) {
    return LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(), offset);
  }

  /** How many whole weeks fit between a local midnight and {@code high}. */
  private static long wholeWeeksBetween(LocalDateTime dayStart, LocalDateTime high) {
    long seconds = high.toEpochSecond(ZoneOffset.UTC) - dayStart.toEpochSecond(ZoneOffset.UTC);
    return seconds / SECONDS_PER_WEEK;
  }

  private static LocalDateTime later(LocalDateTime a, LocalDateTime b) {
    return a.isAfter(b) ? a : b;
  }

  private static LocalDateTime earlier(LocalDateTime a, LocalDateTime b) {
    return a.isBefore(b) ? a : b;
  }
}
