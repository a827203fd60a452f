package dev.etiquette.crm.json;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;

/**
 * Parses the ISO-8601 texts that {@link DomainWriter} writes without going through {@code DateTimeFormatter}:
 * {@code 2024-01-31T09:30:00Z} and {@code 2024-01-31T09:30:00.123456Z}, {@code 2024-01-31}, {@code 21:00}
 * and {@code 21:00:30}. Any other text, and any text whose fields are out of range, is handed to
 * {@link Instant#parse}, {@link LocalDate#parse} or {@link LocalTime#parse} unchanged, so each method returns
 * exactly what the JDK's method returns and throws exactly what it throws.
 */
final class IsoTimes {

  private static final long SECONDS_PER_DAY = 86_400;
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
}
