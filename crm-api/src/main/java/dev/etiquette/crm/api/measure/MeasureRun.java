package dev.etiquette.crm.api.measure;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import java.time.Instant;
import java.util.List;

/**
 * What one {@link Measurements#measureDue()} did.
 *
 * @param at the instant it ran at
 * @param measured the measurements it took, of closed periods that had none
 * @param stale the KPIs whose measurement is overdue (manual KPIs not recorded, custom KPIs whose function
 *     failed)
 * @param notified how many notifications it wrote (stale KPIs, KPIs that went off track); each is written once
 */
public record MeasureRun(Instant at, List<Measurement> measured, List<KpiAssessment> stale, int notified) {

  public MeasureRun {
    requireNonNull(at, "at");
    measured = ImmutableList.copyOf(requireNonNull(measured, "measured"));
    stale = ImmutableList.copyOf(requireNonNull(stale, "stale"));
    if (notified < 0) {
      throw new IllegalArgumentException("notified must not be negative, was " + notified);
    }
  }
}
