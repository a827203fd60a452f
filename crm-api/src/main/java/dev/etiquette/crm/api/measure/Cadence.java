package dev.etiquette.crm.api.measure;

import static java.util.Objects.requireNonNull;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;

/**
 * How often a KPI is measured, and so the periods its measurements cover: calendar weeks (Monday to Sunday),
 * calendar months or calendar quarters (starting January, April, July, October), in the tenant's zone.
 */
public enum Cadence {
  /** Monday 00:00 to the next Monday 00:00. */
  WEEKLY,
  /** The first of a month 00:00 to the first of the next. */
  MONTHLY,
  /** January, April, July or October the first 00:00, for three months. */
  QUARTERLY;

  /** The period of this cadence that holds the date. */
  public MeasurementPeriod periodContaining(LocalDate date, ZoneId zone) {
    requireNonNull(date, "date");
    requireNonNull(zone, "zone");
    LocalDate start;
    switch (this) {
      case WEEKLY:
        start = date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        break;
      case MONTHLY:
        start = date.withDayOfMonth(1);
        break;
      default:
        start = LocalDate.of(date.getYear(), (date.getMonthValue() - 1) / 3 * 3 + 1, 1);
    }
    return new MeasurementPeriod(start, advance(start, 1), zone);
  }

  /** The period of this cadence that holds the instant, in the zone. */
  public MeasurementPeriod periodContaining(Instant instant, ZoneId zone) {
    requireNonNull(instant, "instant");
    requireNonNull(zone, "zone");
    return periodContaining(instant.atZone(zone).toLocalDate(), zone);
  }

  /**
   * The last period of this cadence that has ended at the instant: the one before the period holding it.
   */
  public MeasurementPeriod lastClosed(Instant instant, ZoneId zone) {
    return previous(periodContaining(instant, zone));
  }

  /** The period after the given one, of this cadence. */
  public MeasurementPeriod next(MeasurementPeriod period) {
    requireNonNull(period, "period");
    return periodContaining(period.end(), period.zone());
  }

  /** The period before the given one, of this cadence. */
  public MeasurementPeriod previous(MeasurementPeriod period) {
    requireNonNull(period, "period");
    return periodContaining(period.start().minusDays(1), period.zone());
  }

  private LocalDate advance(LocalDate start, int periods) {
    switch (this) {
      case WEEKLY:
        return start.plusWeeks(periods);
      case MONTHLY:
        return start.plusMonths(periods);
      default:
        return start.plusMonths(3L * periods);
    }
  }
}
