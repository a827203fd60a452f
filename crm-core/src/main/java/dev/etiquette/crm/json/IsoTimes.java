package dev.etiquette.crm.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the ISO-8601 texts that {@link DomainWriter} writes without going through {@code DateTimeFormatter}:
 * {@code 2024-01-31T09:30:00Z} and {@code 2024-01-31T09:30:00.123456Z}, {@code 2024-01-31}, {@code 21:00}
 * and {@code 21:00:30}. Any other text, and any text whose fields are out of range, is handed to
 * {@link Instant#parse}, {@link LocalDate#parse} or {@link LocalTime#parse} unchanged, so each method returns
 * exactly what the JDK's method returns and throws exactly what it throws.
 *
 * <p>Durations have a format of their own, {@link #format(Duration)} and {@link #duration(String)}: both readers
 * use the one parser here, so they accept exactly the same texts.
 */
final class IsoTimes {

  private static final long SECONDS_PER_DAY = 86_400;
  /** The epoch days of the years {@link #format(Instant)} writes itself: 0000 to 9999. */
  private static final long EPOCH_DAY_0000 = LocalDate.of(0, 1, 1).toEpochDay();
  private static final long EPOCH_DAY_9999 = LocalDate.of(9999, 12, 31).toEpochDay();
  private static final int[] NANO_SCALE = {0, 100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100, 10,
      1};

  private IsoTimes() {}

  /** As {@link Instant#parse}. */
  static Instant instant(String text) {
    int length = text.length();
    // yyyy-MM-ddTHH:mm:ssZ is 20 characters; a fraction of 1 to 9 digits adds 2 to 10
    if (length < 20 || length > 30 || length == 21 || text.charAt(length - 1) != 'Z' || text.charAt(10) != 'T'
        || text.charAt(13) != ':' || text.charAt(16) != ':') {
      return Instant.parse(text);
    }
    long epochDay = epochDay(text);
    int hour = twoDigits(text, 11);
    int minute = twoDigits(text, 14);
    int second = twoDigits(text, 17);
    if (epochDay == Long.MIN_VALUE || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0
        || second > 59) {
      return Instant.parse(text);
    }
    int nanos = 0;
    if (length > 20) {
      if (text.charAt(19) != '.') {
        return Instant.parse(text);
      }
      for (int i = 20; i < length - 1; i++) {
        int digit = text.charAt(i) - '0';
        if (digit < 0 || digit > 9) {
          return Instant.parse(text);
        }
        nanos = nanos * 10 + digit;
      }
      nanos *= NANO_SCALE[length - 21];
    }
    return Instant.ofEpochSecond(epochDay * SECONDS_PER_DAY + hour * 3_600L + minute * 60L + second, nanos);
  }

  /** As {@link LocalDate#parse(CharSequence)}. */
  static LocalDate localDate(String text) {
    if (text.length() != 10) {
      return LocalDate.parse(text);
    }
    long epochDay = epochDay(text);
    return epochDay == Long.MIN_VALUE ? LocalDate.parse(text) : LocalDate.ofEpochDay(epochDay);
  }

  /** As {@link LocalTime#parse(CharSequence)}. */
  static LocalTime localTime(String text) {
    int length = text.length();
    if ((length != 5 && length != 8) || text.charAt(2) != ':' || (length == 8 && text.charAt(5) != ':')) {
      return LocalTime.parse(text);
    }
    int hour = twoDigits(text, 0);
    int minute = twoDigits(text, 3);
    int second = length == 8 ? twoDigits(text, 6) : 0;
    if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
      return LocalTime.parse(text);
    }
    return LocalTime.of(hour, minute, second);
  }

  /**
   * The epoch day of {@code yyyy-MM-dd} at the start of {@code text}, or {@link Long#MIN_VALUE} if it is not
   * four digits, a dash, two digits, a dash, two digits naming an existing date.
   */
  private static long epochDay(String text) {
    if (text.charAt(4) != '-' || text.charAt(7) != '-') {
      return Long.MIN_VALUE;
    }
    int high = twoDigits(text, 0);
    int low = twoDigits(text, 2);
    int month = twoDigits(text, 5);
    int day = twoDigits(text, 8);
    if (high < 0 || low < 0 || month < 1 || month > 12 || day < 1 || day > 31) {
      return Long.MIN_VALUE;
    }
    try {
      return LocalDate.of(high * 100 + low, month, day).toEpochDay();
    } catch (DateTimeException e) {
      return Long.MIN_VALUE; // February 30th and the like: the JDK's parser says what is wrong
    }
  }

  /** The number of the two ASCII digits at {@code at}, or -1. */
  private static int twoDigits(String text, int at) {
    int tens = text.charAt(at) - '0';
    int ones = text.charAt(at + 1) - '0';
    if (tens < 0 || tens > 9 || ones < 0 || ones > 9) {
      return -1;
    }
    return tens * 10 + ones;
  }

  // ---------------------------------------------------------------------------------------------- durations

  /** The longest duration text read; longer texts are rejected without parsing their digits. */
  static final int MAX_DURATION_LENGTH = 64;

  /**
   * An optional minus sign, {@code P}, then days, and/or {@code T} and hours, minutes and seconds (with up to
   * nine decimals): a subset of ISO-8601 durations without years, months or weeks, in upper case, each part at
   * most once and in this order, at least one part, and a {@code T} only before a time part.
   */
  private static final Pattern DURATION = Pattern.compile(
      "(-)?P(?:([0-9]+)D)?(?:T(?=[0-9])(?:([0-9]+)H)?(?:([0-9]+)M)?(?:([0-9]+)(?:\\.([0-9]{1,9}))?S)?)?");
  private static final BigInteger SECONDS_PER_DAY_BIG = BigInteger.valueOf(SECONDS_PER_DAY);
  private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
  private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

  /**
   * Reads a duration written as {@link #format} writes it, or in any other form of the same grammar
   * ({@code PT90M}, {@code PT1.50S}, {@code P0D}, {@code -PT4H}): {@code -?P(nD)?(T(nH)?(nM)?(n(.f)?S)?)?} with
   * at least one part, ASCII digits, upper-case letters, at most {@value #MAX_DURATION_LENGTH} characters. Days
   * are 24 hours. Unlike {@link Duration#parse}, it accepts no lower case, no signs inside, no comma and no
   * empty fraction, and it reads every {@code Duration}, {@link Duration#MIN} included.
   *
   * @throws DateTimeParseException if the text is not of that form or the duration is out of range
   */
  static Duration duration(String text) {
    if (text.length() > MAX_DURATION_LENGTH) {
      throw new DateTimeParseException("too long for a duration", text, MAX_DURATION_LENGTH);
    }
    Matcher m = DURATION.matcher(text);
    if (!m.matches() || text.equals("P") || text.equals("-P")) {
      throw new DateTimeParseException("not an ISO-8601 duration", text, 0);
    }
    BigInteger seconds = BigInteger.ZERO;
    if (m.group(2) != null) {
      seconds = seconds.add(new BigInteger(m.group(2)).multiply(SECONDS_PER_DAY_BIG));
    }
    if (m.group(3) != null) {
      seconds = seconds.add(new BigInteger(m.group(3)).multiply(BigInteger.valueOf(3_600)));
    }
    if (m.group(4) != null) {
      seconds = seconds.add(new BigInteger(m.group(4)).multiply(BigInteger.valueOf(60)));
    }
    if (m.group(5) != null) {
      seconds = seconds.add(new BigInteger(m.group(5)));
    }
    int nanos = 0;
    if (m.group(6) != null) {
      nanos = Integer.parseInt(m.group(6)) * NANO_SCALE[m.group(6).length()];
    }
    if (m.group(1) != null && (seconds.signum() != 0 || nanos != 0)) {
      // -(s + n/1e9) = (-s - 1) + (1e9 - n)/1e9
      seconds = nanos == 0 ? seconds.negate() : seconds.negate().subtract(BigInteger.ONE);
      nanos = nanos == 0 ? 0 : 1_000_000_000 - nanos;
    }
    if (seconds.compareTo(LONG_MIN) < 0 || seconds.compareTo(LONG_MAX) > 0) {
      throw new DateTimeParseException("duration out of range", text, 0);
    }
    return Duration.ofSeconds(seconds.longValueExact(), nanos);
  }

  /**
   * As {@link Instant#toString()}: {@code 2026-03-02T09:30:00Z}, the fraction of a second in groups of three
   * digits as needed ({@code .5} is written {@code .500}). Years outside 0000–9999 go to the JDK.
   */
  static String format(Instant instant) {
    long seconds = instant.getEpochSecond();
    long epochDay = Math.floorDiv(seconds, SECONDS_PER_DAY);
    if (epochDay < EPOCH_DAY_0000 || epochDay > EPOCH_DAY_9999) {
      return instant.toString();
    }
    int secondOfDay = (int) Math.floorMod(seconds, SECONDS_PER_DAY);
    LocalDate date = LocalDate.ofEpochDay(epochDay);
    int nanos = instant.getNano();
    char[] out = new char[nanos == 0 ? 20 : nanos % 1_000_000 == 0 ? 24 : nanos % 1_000 == 0 ? 27 : 30];
    digits(out, 0, date.getYear(), 4);
    out[4] = '-';
    digits(out, 5, date.getMonthValue(), 2);
    out[7] = '-';
    digits(out, 8, date.getDayOfMonth(), 2);
    out[10] = 'T';
    digits(out, 11, secondOfDay / 3_600, 2);
    out[13] = ':';
    digits(out, 14, secondOfDay / 60 % 60, 2);
    out[16] = ':';
    digits(out, 17, secondOfDay % 60, 2);
    if (nanos != 0) {
      out[19] = '.';
      int width = out.length - 21;
      digits(out, 20, nanos / (width == 3 ? 1_000_000 : width == 6 ? 1_000 : 1), width);
    }
    out[out.length - 1] = 'Z';
    return new String(out);
  }

  private static void digits(char[] out, int at, int value, int width) {
    for (int i = at + width - 1; i >= at; i--) {
      out[i] = (char) ('0' + value % 10);
      value /= 10;
    }
  }

  /**
   * Writes a duration in ISO-8601 form, days as 24 hours: {@code PT4H}, {@code PT1H30M}, {@code P3D},
   * {@code P1DT2H}, {@code PT0.5S}, {@code PT0S}, and a negative one with a leading minus ({@code -PT4H}).
   * {@link #duration(String)} reads it back as the same duration.
   */
  static String format(Duration duration) {
    boolean negative = duration.isNegative();
    // the magnitude as whole seconds and nanoseconds, in BigInteger so that Duration.MIN has one too
    BigInteger total = BigInteger.valueOf(duration.getSeconds()).multiply(BigInteger.valueOf(1_000_000_000))
        .add(BigInteger.valueOf(duration.getNano())).abs();
    BigInteger[] split = total.divideAndRemainder(BigInteger.valueOf(1_000_000_000));
    BigInteger[] days = split[0].divideAndRemainder(SECONDS_PER_DAY_BIG);
    long rest = days[1].longValueExact();
    long hours = rest / 3_600;
    long minutes = rest % 3_600 / 60;
    long seconds = rest % 60;
    int nanos = split[1].intValueExact();
    StringBuilder out = new StringBuilder(negative ? "-P" : "P");
    if (days[0].signum() > 0) {
      out.append(days[0]).append('D');
    }
    if (hours > 0 || minutes > 0 || seconds > 0 || nanos > 0 || days[0].signum() == 0) {
      out.append('T');
      if (hours > 0) {
        out.append(hours).append('H');
      }
      if (minutes > 0) {
        out.append(minutes).append('M');
      }
      if (seconds > 0 || nanos > 0 || hours == 0 && minutes == 0) {
        out.append(seconds);
        if (nanos > 0) {
          out.append('.').append(new BigDecimal(BigInteger.valueOf(nanos), 9).stripTrailingZeros()
              .toPlainString().substring(2));
        }
        out.append('S');
      }
    }
    return out.toString();
  }
}
