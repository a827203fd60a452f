package dev.etiquette.crm.api.spi;

import static java.util.Objects.requireNonNull;

import dev.etiquette.crm.api.StorageException;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.obligation.ObligationKind;
import dev.etiquette.crm.api.party.LifecycleStage;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The aggregates the built-in KPIs are computed from, over what the other stores keep. Every interval is
 * half-open, {@code [start, end)}. A database adapter computes them in the database (SQL aggregates, no rows
 * pulled into the JVM); the in-memory adapter in one pass over the records involved. The contract kit checks
 * that every adapter returns equal aggregates for the same data. {@code docs/measurement.md} defines each
 * KPI from them.
 *
 * <p>Percentiles are continuous, interpolated linearly between the closest ranks as PostgreSQL's
 * {@code percentile_cont} does: for sorted values {@code v[0..n-1]} and fraction {@code p}, with
 * {@code r = p·(n−1)}, {@code v[floor r] + (r − floor r)·(v[ceil r] − v[floor r])}.
 *
 * <p>"The state at a boundary {@code b}" is the state after every change strictly before {@code b}: a change
 * at the start of a period belongs to the period, one at its end to the next.
 *
 * <p>Every method may throw {@link StorageException}.
 */
public interface FactStore {

  /** Which clock a response time is read on. */
  enum TimeBasis {
    /** Wall-clock time between the two instants. */
    ELAPSED,
    /** Open time of the tenant's business calendar, as stored with the conversation's first reply. */
    BUSINESS
  }

  /**
   * A distribution of durations in milliseconds.
   *
   * @param count how many durations; 0 for none, when the other fields are 0
   * @param totalMillis their sum
   * @param medianMillis the continuous 0.5 percentile
   * @param p90Millis the continuous 0.9 percentile
   */
  record Distribution(long count, long totalMillis, double medianMillis, double p90Millis) {

    /** No durations. */
    public static final Distribution EMPTY = new Distribution(0, 0, 0, 0);

    public Distribution {
      if (count < 0) {
        throw new IllegalArgumentException("count must not be negative, was " + count);
      }
    }

    /**
     * The distribution of the durations, for an adapter that has them in the JVM: their count and sum, and
     * their continuous 0.5 and 0.9 percentiles ({@link #percentile}). The array is sorted in place.
     *
     * @param millis the durations in milliseconds, in any order; not copied
     * @return {@link #EMPTY} when there are none
     */
    public static Distribution of(long[] millis) {
      requireNonNull(millis, "millis");
      if (millis.length == 0) {
        return EMPTY;
      }
      java.util.Arrays.sort(millis);
      long total = 0;
      for (long m : millis) {
        total = Math.addExact(total, m);
      }
      return new Distribution(millis.length, total, percentile(millis, 0.5), percentile(millis, 0.9));
    }

    /**
     * The continuous percentile of sorted values, as PostgreSQL's {@code percentile_cont} computes it: with
     * {@code r = fraction·(n−1)}, {@code v[floor r] + (r − floor r)·(v[ceil r] − v[floor r])}.
     *
     * @param sorted at least one value, in ascending order
     * @param fraction from 0 to 1
     * @throws IllegalArgumentException if there are no values or the fraction is outside [0, 1]
     */
    public static double percentile(long[] sorted, double fraction) {
      requireNonNull(sorted, "sorted");
      if (sorted.length == 0) {
        throw new IllegalArgumentException("a percentile needs at least one value");
      }
      if (!(fraction >= 0 && fraction <= 1)) {
        throw new IllegalArgumentException("fraction must be from 0 to 1, was " + fraction);
      }
      double rank = fraction * (sorted.length - 1);
      int below = (int) Math.floor(rank);
      int above = (int) Math.ceil(rank);
      return sorted[below] + (rank - below) * (double) (sorted[above] - sorted[below]);
    }
  }

  /**
   * Obligations by outcome.
   *
   * @param onTime satisfied on time
   * @param late satisfied late
   * @param missed not satisfied, with the deadline before {@code asOf} (breached, or open and not yet processed)
   * @param pending not satisfied, with the deadline at or after {@code asOf}: not decided yet, excluded from
   *     compliance
   */
  record SlaCounts(long onTime, long late, long missed, long pending) {}

  /**
   * Customers of a period.
   *
   * @param atStart parties whose stage at the period's start is a customer stage
   * @param atEnd parties whose stage at the period's end is a customer stage
   * @param acquired parties whose first change to a customer stage fell in the period
   * @param active parties counted in {@code atEnd} with at least one interaction that occurred in the period
   */
  record CustomerCounts(long atStart, long atEnd, long acquired, long active) {}

  /**
   * Sums of the ledger's entries.
   *
   * @param cost sum of the cost entries (scale 4)
   * @param value sum of the value entries (scale 4)
   * @param costEntries how many cost entries
   * @param valueEntries how many value entries
   */
  record LedgerTotals(BigDecimal cost, BigDecimal value, long costEntries, long valueEntries) {

    public LedgerTotals {
      requireNonNull(cost, "cost");
      requireNonNull(value, "value");
    }
  }

  /**
   * First response times: over the conversations whose first inbound interaction occurred in the interval and
   * that have a first reply (the first outbound interaction at or after it), the time from one to the other:
   * elapsed ({@code firstReplyAt − firstInboundAt}), or the business time stored with the conversation
   * ({@code firstReplyBusinessTime}). Each duration counts in whole milliseconds, rounded down
   * ({@link java.time.Duration#toMillis()}: instants keep microseconds, so 1.9999 ms counts as 1).
   */
  Distribution firstResponseTimes(TenantId tenant, Instant start, Instant end, TimeBasis basis);

  /**
   * Resolution times: over the conversations that are resolved and whose state changed to resolved in the
   * interval ({@code stateChangedAt}), the elapsed time from opening to that change
   * ({@code stateChangedAt − openedAt}), in whole milliseconds rounded down.
   */
  Distribution resolutionTimes(TenantId tenant, Instant start, Instant end);

  /**
   * Outcomes of the obligations whose deadline falls in the interval, cancelled ones left out, of one kind or
   * of every kind.
   */
  SlaCounts slaCounts(TenantId tenant, Instant start, Instant end, Instant asOf, Optional<ObligationKind> kind);

  /** Obligations whose breach instant falls in the interval. */
  long breaches(TenantId tenant, Instant start, Instant end);

  /** Escalation steps reached (step at most the obligation's {@code escalated}) whose instant falls in the interval. */
  long escalations(TenantId tenant, Instant start, Instant end);

  /**
   * Denied contact-ledger entries whose contact instant falls in the interval, counted by the label of the first
   * denial in the receipt: {@code <rule set>/<rule>} when the denial names a rule, else the check in lower case
   * ({@code consent}, {@code do_not_contact}).
   */
  Map<String, Long> deniedContacts(TenantId tenant, Instant start, Instant end);

  /** Customer counts for the interval, a party being a customer while its stage is one of {@code customerStages}. */
  CustomerCounts customers(TenantId tenant, Instant start, Instant end, Set<LifecycleStage> customerStages);

  /** Parties by their stage at the instant (the state after every change strictly before it); no stage, no count. */
  Map<LifecycleStage, Long> stagesAt(TenantId tenant, Instant at);

  /**
   * Survey answers that occurred in the interval, by score: interactions of kind survey answer whose string
   * attribute {@code survey} equals the name and whose number attribute {@code score} is a whole number from
   * -1,000 to 1,000 (others are left out).
   */
  Map<Integer, Long> surveyScores(TenantId tenant, String survey, Instant start, Instant end);

  /** Sums of the ledger's entries dated in {@code [from, until)}. */
  LedgerTotals ledgerTotals(TenantId tenant, LocalDate from, LocalDate until);
}
