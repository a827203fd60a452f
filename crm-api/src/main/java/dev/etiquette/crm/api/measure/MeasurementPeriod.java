package dev.etiquette.crm.api.measure;

import static java.util.Objects.requireNonNull;

import dev.etiquette.crm.api.ValidationException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * A half-open span of local dates {@code [start, end)} in a time zone: the days from {@code start} up to, not
 * including, {@code end}. Its instants run from the first instant of {@code start} in the zone to the first
 * instant of {@code end}, so a month that crosses a daylight-saving change is as long as the zone makes it.
 *
 * @param start the first day
 * @param end the day after the last day; after {@code start}
 * @param zone the zone in which the days begin, the tenant's zone
 */
public record MeasurementPeriod(LocalDate start, LocalDate end, ZoneId zone) {

  public MeasurementPeriod {
    requireNonNull(start, "start");
    requireNonNull(end, "end");
    requireNonNull(zone, "zone");
    if (!end.isAfter(start)) {
      throw ValidationException.of("period.end", end.toString(), "must be after the start " + start);
    }
  }

  /** The first instant of the period: the start of {@link #start()} in the zone. */
  public Instant startInstant() {
    return start.atStartOfDay(zone).toInstant();
  }

  /** The first instant after the period: the start of {@link #end()} in the zone. */
  public Instant endInstant() {
    return end.atStartOfDay(zone).toInstant();
  }

  /** Whether the instant is at or after the start and before the end. */
  public boolean contains(Instant instant) {
    requireNonNull(instant, "instant");
    return !instant.isBefore(startInstant()) && instant.isBefore(endInstant());
  }

  /** Whether the local date is one of the period's days. */
  public boolean contains(LocalDate date) {
    requireNonNull(date, "date");
    return !date.isBefore(start) && date.isBefore(end);
  }

  @Override
  public String toString() {
    return "[" + start + ", " + end + ") " + zone;
  }
}
