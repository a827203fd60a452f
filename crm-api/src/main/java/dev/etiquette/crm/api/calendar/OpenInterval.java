package dev.etiquette.crm.api.calendar;

import static java.util.Objects.requireNonNull;

import dev.etiquette.crm.api.ValidationException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;

/**
 * One daily stretch of opening hours, {@code [open, close)} in local time: open from {@code open} (inclusive)
 * until {@code close} (exclusive). A {@code close} of {@code 00:00} means the end of the day (24:00), so
 * {@code 22:00-00:00} is open until midnight and {@code 00:00-00:00} is the whole day ({@link #ALL_DAY}).
 * An interval never spans midnight: hours past midnight belong to the next day's schedule, and an interval
 * closing at 24:00 followed by the next day's interval opening at 00:00 form one continuous open stretch.
 *
 * @param open the first local time inside the interval
 * @param close the first local time after the interval; after {@code open}, or {@code 00:00} for the end
 *     of the day
 */
public record OpenInterval(LocalTime open, LocalTime close) implements Comparable<OpenInterval> {

  /** The whole day, {@code 00:00-24:00}. */
  public static final OpenInterval ALL_DAY = new OpenInterval(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT);

  private static final long NANOS_PER_DAY = Duration.ofDays(1).toNanos();

  /**
   * @throws ValidationException if {@code close} is not after {@code open} and is not {@code 00:00}
   */
  public OpenInterval {
    requireNonNull(open, "open");
    requireNonNull(close, "close");
    if (!close.equals(LocalTime.MIDNIGHT) && !open.isBefore(close)) {
      throw ValidationException.of("interval", render(open, close),
          "must open before it closes (an interval does not span midnight; a close of 00:00 or 24:00 means"
              + " the end of the day)");
    }
  }

  /** The interval {@code [open, close)}; see the class description for the meaning of {@code 00:00}. */
  public static OpenInterval of(LocalTime open, LocalTime close) {
    return new OpenInterval(open, close);
  }

  /**
   * Reads an interval written as two ISO local times separated by a hyphen: {@code 09:00-17:00},
   * {@code 08:30:15-12:00}, {@code 22:00-24:00} (or {@code 22:00-00:00}) until midnight, and
   * {@code 00:00-24:00} for the whole day. White space around the times is ignored. {@link #toString()}
   * writes the same format, so {@code parse(i.toString())} equals {@code i}.
   *
   * @throws ValidationException if {@code text} is not of that form, or the interval is empty
   */
  public static OpenInterval parse(String text) {
    requireNonNull(text, "text");
    int dash = text.indexOf('-');
    if (dash < 0 || text.indexOf('-', dash + 1) >= 0) {
      throw notAnInterval(text);
    }
    String openText = text.substring(0, dash).strip();
    String closeText = text.substring(dash + 1).strip();
    try {
      LocalTime open = LocalTime.parse(openText);
      LocalTime close = closeText.equals("24:00") ? LocalTime.MIDNIGHT : LocalTime.parse(closeText);
      return new OpenInterval(open, close);
    } catch (DateTimeParseException e) {
      throw notAnInterval(text);
    }
  }

  private static ValidationException notAnInterval(String text) {
    return ValidationException.of("interval", text,
        "must be two local times separated by '-', such as 09:00-17:00 or 22:00-24:00");
  }

  /** Whether the interval lasts until the end of the day (its {@code close} is {@code 00:00}). */
  public boolean closesAtEndOfDay() {
    return close.equals(LocalTime.MIDNIGHT);
  }

  /**
   * The interval's length as written: {@code close - open}, with a close of {@code 00:00} counting as 24:00.
   * On a day on which the clocks change, the open time the interval gives may differ (see
   * {@link BusinessCalendar}).
   */
  public Duration length() {
    return Duration.ofNanos(closeNanoOfDay() - open.toNanoOfDay());
  }

  /** Whether the local time {@code time} lies in {@code [open, close)}. */
  public boolean contains(LocalTime time) {
    requireNonNull(time, "time");
    return !time.isBefore(open) && (closesAtEndOfDay() || time.isBefore(close));
  }

  /** Orders by opening time, then by closing time (with 00:00 as the end of the day). */
  @Override
  public int compareTo(OpenInterval other) {
    int byOpen = open.compareTo(other.open);
    return byOpen != 0 ? byOpen : Long.compare(closeNanoOfDay(), other.closeNanoOfDay());
  }

  /** {@code open-close}, such as {@code 09:00-17:00}; a close at the end of the day is written {@code 24:00}. */
  @Override
  public String toString() {
    return render(open, close);
  }

  /** The nano of day at which the interval closes, 24 h for the end of the day. */
  long closeNanoOfDay() {
    return closesAtEndOfDay() ? NANOS_PER_DAY : close.toNanoOfDay();
  }

  /** The local date-time at which the interval opens on {@code date}. */
  LocalDateTime opensOn(LocalDate date) {
    return date.atTime(open);
  }

  /** The local date-time at which the interval closes on {@code date}: the next midnight for 24:00. */
  LocalDateTime closesOn(LocalDate date) {
    return closesAtEndOfDay() ? date.plusDays(1).atStartOfDay() : date.atTime(close);
  }

  private static String render(LocalTime open, LocalTime close) {
    return open + "-" + (close.equals(LocalTime.MIDNIGHT) ? "24:00" : close.toString());
  }
}
