package dev.etiquette.crm.internal;

import dev.etiquette.crm.api.measure.Kpi;
import dev.etiquette.crm.api.measure.KpiAssessment;
import dev.etiquette.crm.api.measure.KpiStatus;
import dev.etiquette.crm.api.measure.Measurement;
import dev.etiquette.crm.api.measure.MeasurementPeriod;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A KPI's status, trend and staleness, as {@code docs/measurement.md} ("Status", "Staleness") defines them. Pure:
 * the measurements, the instant and the zone are given.
 *
 * <ul>
 *   <li>The trend is the least-squares line {@code value = a + b·x} through the last {@link #POINTS} measurements
 *       that have a value (ordered by period), {@code x} being the period's end date as an epoch day. One point
 *       gives a flat line through it. The projection is the line at the deadline's epoch day.</li>
 *   <li>{@code NO_DATA} without a value; {@code ACHIEVED} when the latest value meets the target;
 *       {@code OFF_TRACK} when the deadline's day has passed in the zone; otherwise by the progress
 *       {@code (projected − baseline) ÷ (target − baseline)}: at least 1 {@code ON_TRACK}, at least
 *       {@link #AT_RISK_PROGRESS} {@code AT_RISK}, else {@code OFF_TRACK}.</li>
 *   <li>A KPI is stale at {@code t} when the last closed period of its cadence at {@code t} has no measurement and
 *       {@code t} is at least {@link #GRACE} after that period's end.</li>
 * </ul>
 */
final class StatusMethod {

  /** How many of the latest measurements with a value the trend is fitted to. */
  static final int POINTS = 6;

  /** The share of the way from the baseline to the target below which a KPI is off track, not at risk. */
  static final double AT_RISK_PROGRESS = 0.8;

  /** How long after its period's end a measurement may still be missing before the KPI is stale. */
  static final Duration GRACE = Duration.ofHours(24);

  private static final Comparator<Measurement> BY_PERIOD = Comparator
      .comparing((Measurement m) -> m.period().start()).thenComparing(m -> m.period().end());

  private StatusMethod() {}

  /**
   * A straight line {@code value = intercept + slope·x}.
   *
   * @param intercept the value at {@code x = 0}
   * @param slope the change per unit of {@code x} (per day)
   */
  record Line(double intercept, double slope) {

    double at(double x) {
      return intercept + slope * x;
    }
  }

  /**
   * The least-squares line through the points ({@code xs[i]}, {@code ys[i]}): the one that minimises the sum of
   * squared vertical distances. With one point, or with every {@code x} equal, the flat line through the mean.
   *
   * @throws IllegalArgumentException if there is no point or the arrays differ in length
   */
  static Line fit(double[] xs, double[] ys) {
    if (xs.length == 0 || xs.length != ys.length) {
      throw new IllegalArgumentException("need at least one point and as many xs as ys, had " + xs.length + " and "
          + ys.length);
    }
    int n = xs.length;
    double meanX = 0;
    double meanY = 0;
    for (int i = 0; i < n; i++) {
      meanX += xs[i];
      meanY += ys[i];
    }
    meanX /= n;
    meanY /= n;
    double sxy = 0;
    double sxx = 0;
    for (int i = 0; i < n; i++) { // centred, so that epoch days of 20,000 lose no precision
      double dx = xs[i] - meanX;
      sxy += dx * (ys[i] - meanY);
      sxx += dx * dx;
    }
    double slope = sxx == 0 ? 0 : sxy / sxx;
    return new Line(meanY - slope * meanX, slope);
  }

  /**
   * The last closed period of the KPI's cadence at {@code at} when it has no measurement and the grace after its end
   * has passed; empty otherwise.
   */
  static Optional<MeasurementPeriod> overdue(Kpi kpi, List<Measurement> history, Instant at, ZoneId zone) {
    MeasurementPeriod last = kpi.cadence().lastClosed(at, zone);
    if (at.isBefore(last.endInstant().plus(GRACE))) {
      return Optional.empty();
    }
    for (Measurement m : history) {
      if (m.period().start().equals(last.start()) && m.period().end().equals(last.end())) {
        return Optional.empty();
      }
    }
    return Optional.of(last);
  }

  /** The KPI's assessment at {@code at}, staleness included. */
  static KpiAssessment assess(Kpi kpi, List<Measurement> history, Instant at, ZoneId zone) {
    return assess(kpi, history, at, zone, overdue(kpi, history, at, zone));
  }

  /** The KPI's assessment at {@code at}, with the overdue period given. */
  static KpiAssessment assess(Kpi kpi, List<Measurement> history, Instant at, ZoneId zone,
      Optional<MeasurementPeriod> overdue) {
    List<Measurement> valued = new ArrayList<>();
    for (Measurement m : history) {
      if (m.value().isPresent()) {
        valued.add(m);
      }
    }
    if (valued.isEmpty()) {
      return new KpiAssessment(kpi, KpiStatus.NO_DATA, Optional.empty(), Optional.empty(), 0, 0, overdue, at);
    }
    valued.sort(BY_PERIOD);
    List<Measurement> last = valued.subList(Math.max(0, valued.size() - POINTS), valued.size());
    double[] xs = new double[last.size()];
    double[] ys = new double[last.size()];
    for (int i = 0; i < last.size(); i++) {
      xs[i] = last.get(i).period().end().toEpochDay();
      ys[i] = last.get(i).value().orElseThrow();
    }
    Line line = fit(xs, ys);
    double projected = line.at(kpi.deadline().toEpochDay());
    Measurement latest = last.get(last.size() - 1);
    KpiStatus status = status(kpi, latest.value().orElseThrow(), projected, at.atZone(zone).toLocalDate());
    return new KpiAssessment(kpi, status, Optional.of(latest), Optional.of(projected), line.slope(), last.size(),
        overdue, at);
  }

  /**
   * The status of a KPI whose latest value is {@code latest} and whose trend reaches {@code projected} at the
   * deadline, on the day {@code today}.
   */
  static KpiStatus status(Kpi kpi, double latest, double projected, LocalDate today) {
    if (kpi.meetsTarget(latest)) {
      return KpiStatus.ACHIEVED;
    }
    if (today.isAfter(kpi.deadline())) {
      return KpiStatus.OFF_TRACK;
    }
    double progress = (projected - kpi.baseline()) / (kpi.target() - kpi.baseline());
    if (progress >= 1) {
      return KpiStatus.ON_TRACK;
    }
    return progress >= AT_RISK_PROGRESS ? KpiStatus.AT_RISK : KpiStatus.OFF_TRACK;
  }

  /** How bad a status is, for the worst of an objective's KPIs: off track is the worst, achieved the best. */
  static int severity(KpiStatus status) {
    switch (status) {
      case OFF_TRACK:
        return 4;
      case AT_RISK:
        return 3;
      case NO_DATA:
        return 2;
      case ON_TRACK:
        return 1;
      default:
        return 0;
    }
  }
}
