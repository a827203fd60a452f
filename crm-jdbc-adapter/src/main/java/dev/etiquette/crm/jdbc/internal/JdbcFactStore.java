package dev.etiquette.crm.jdbc.internal;

import static java.util.Objects.requireNonNull;

import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.obligation.ObligationKind;
import dev.etiquette.crm.api.party.LifecycleStage;
import dev.etiquette.crm.api.spi.FactStore;
import dev.etiquette.crm.jdbc.Dialect;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The measurement aggregates ({@link FactStore}) as SQL aggregates over the fact columns and tables of schema
 * version 6, on the connection of one {@link JdbcTransaction}: every method is one statement that returns a few
 * numbers, never the rows they are computed from. Each statement is served by an index (see
 * {@code MeasurementQueryPlanTest}); a period's query reads the records of that period, not the tenant's history,
 * except the stage counts, which read every stage move before the boundary (the state at a boundary needs them).
 *
 * <h2>Percentiles</h2>
 * The contract's percentile is PostgreSQL's {@code percentile_cont} computed in doubles:
 * {@code v[floor r] + (r − floor r)·(v[ceil r] − v[floor r])} with {@code r = p·(n−1)}. On PostgreSQL the
 * statement calls {@code percentile_cont} over the durations cast to {@code DOUBLE PRECISION}, which computes
 * exactly that expression in IEEE doubles (its {@code float8_lerp}), so the result equals the in-memory adapter's
 * bit for bit. H2's {@code PERCENTILE_CONT} interpolates in exact decimals (and MariaDB's window function with
 * another formula), which can differ in the last bit; there the statement numbers the durations in order
 * ({@code ROW_NUMBER() OVER (ORDER BY ms)}) and returns only the few at the ranks around {@code p·(n−1)}, and the
 * interpolation is done here, with the contract's expression. Counts and sums are SQL {@code COUNT} and
 * {@code SUM}; a mean is the caller's {@code total ÷ count}.
 *
 * <h2>Instants</h2>
 * The columns hold whole microseconds, as the library's instants have; a bound is rounded up to a whole
 * microsecond ({@link JdbcContacts#ceilMicros}), so that {@code [start, end)} keeps exactly the records it should.
 *
 * <h2>Survey names</h2>
 * The {@code survey} column holds names of at most {@value Facts#MAX_SURVEY} characters, as long as a KPI's
 * parameter may be: answers to a survey with a longer name are not counted, and asking for one gives no scores.
 */
final class JdbcFactStore implements FactStore {

  private static final BigDecimal ZERO = BigDecimal.ZERO.setScale(4);

  private final Dialect dialect;
  private final JdbcTransaction tx;

  /**
   * @param dialect the database
   * @param tx the transaction whose connection the statements run on, and whose queries fail once it has ended
   */
  JdbcFactStore(Dialect dialect, JdbcTransaction tx) {
    this.dialect = requireNonNull(dialect, "dialect");
    this.tx = requireNonNull(tx, "tx");
  }

  // ---------------------------------------------------------------- durations

  /** Served by {@code crm_conversation_first_reply}. */
  @Override
  public Distribution firstResponseTimes(TenantId tenant, Instant start, Instant end, TimeBasis basis) {
    requireNonNull(basis, "basis");
    String column = basis == TimeBasis.ELAPSED ? "first_reply_ms" : "first_reply_business_ms";
    return distribution("compute first response times", "SELECT " + column + " AS ms FROM crm_conversation"
        + " WHERE tenant_id = ? AND first_inbound_at >= ? AND first_inbound_at < ? AND first_reply_ms IS NOT NULL"
        + (basis == TimeBasis.BUSINESS ? " AND first_reply_business_ms IS NOT NULL" : ""),
        List.of(tenant.value(), JdbcContacts.ceilMicros(start), JdbcContacts.ceilMicros(end)));
  }

  /** Served by {@code crm_conversation_resolved}. */
  @Override
  public Distribution resolutionTimes(TenantId tenant, Instant start, Instant end) {
    return distribution("compute resolution times", "SELECT resolution_ms AS ms FROM crm_conversation"
        + " WHERE tenant_id = ? AND state = 'RESOLVED' AND state_changed_at >= ? AND state_changed_at < ?",
        List.of(tenant.value(), JdbcContacts.ceilMicros(start), JdbcContacts.ceilMicros(end)));
  }

  /** The count, sum and percentiles of the column {@code ms} of {@code select}'s rows. */
  private Distribution distribution(String operation, String select, List<Object> args) {
    if (dialect == Dialect.POSTGRESQL) {
      return tx.query(operation, "SELECT COUNT(*), COALESCE(SUM(ms), 0),"
          + " percentile_cont(CAST(0.5 AS DOUBLE PRECISION)) WITHIN GROUP (ORDER BY CAST(ms AS DOUBLE PRECISION)),"
          + " percentile_cont(CAST(0.9 AS DOUBLE PRECISION)) WITHIN GROUP (ORDER BY CAST(ms AS DOUBLE PRECISION))"
          + " FROM (" + select + ") d", args, rs -> rs.getLong(1) == 0 ? Distribution.EMPTY
              : new Distribution(rs.getLong(1), rs.getLong(2), rs.getDouble(3), rs.getDouble(4))).get(0);
    }
    // the durations at the ranks next to each percentile's (one more either side, so that the choice of ranks is
    // this class's, in doubles, whatever the database's arithmetic of 0.9·(n−1))
    record Ranked(long count, long total, long rank, long millis) {}
    List<Ranked> rows = tx.query(operation, "SELECT n, total, k, ms FROM (SELECT ms,"
        + " ROW_NUMBER() OVER (ORDER BY ms) - 1 AS k, COUNT(*) OVER () AS n, SUM(ms) OVER () AS total"
        + " FROM (" + select + ") s) d WHERE (k >= FLOOR(0.5 * (n - 1)) - 1 AND k <= CEIL(0.5 * (n - 1)) + 1)"
        + " OR (k >= FLOOR(0.9 * (n - 1)) - 1 AND k <= CEIL(0.9 * (n - 1)) + 1)", args,
        rs -> new Ranked(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)));
    if (rows.isEmpty()) {
      return Distribution.EMPTY;
    }
    Map<Long, Long> byRank = new HashMap<>();
    for (Ranked row : rows) {
      byRank.put(row.rank(), row.millis());
    }
    long count = rows.get(0).count();
    return new Distribution(count, rows.get(0).total(), percentile(byRank, count, 0.5),
        percentile(byRank, count, 0.9));
  }

  /**
   * The continuous percentile of {@code count} sorted values of which {@code byRank} holds those around the
   * fraction's rank: the expression of {@link Distribution#percentile}, term for term.
   */
  static double percentile(Map<Long, Long> byRank, long count, double fraction) {
    double rank = fraction * (count - 1);
    long below = (long) Math.floor(rank);
    long above = (long) Math.ceil(rank);
    Long low = byRank.get(below);
    Long high = byRank.get(above);
    if (low == null || high == null) {
      throw new IllegalStateException("the ranks " + below + " and " + above + " of " + count + " were not read");
    }
    return low + (rank - below) * (double) (high - low);
  }

  // ---------------------------------------------------------------- obligations

  /** Served by {@code crm_obligation_by_deadline}. */
  @Override
  public SlaCounts slaCounts(TenantId tenant, Instant start, Instant end, Instant asOf,
      Optional<ObligationKind> kind) {
    requireNonNull(kind, "kind");
    long at = JdbcContacts.ceilMicros(asOf);
    List<Object> args = new ArrayList<>(List.of(at, at, tenant.value(), JdbcContacts.ceilMicros(start),
        JdbcContacts.ceilMicros(end)));
    kind.ifPresent(k -> args.add(k.name()));
    String unsatisfied = "state <> 'SATISFIED_ON_TIME' AND state <> 'SATISFIED_LATE'";
    return tx.query("count obligations by outcome", "SELECT"
        + " COALESCE(SUM(CASE WHEN state = 'SATISFIED_ON_TIME' THEN 1 ELSE 0 END), 0),"
        + " COALESCE(SUM(CASE WHEN state = 'SATISFIED_LATE' THEN 1 ELSE 0 END), 0),"
        + " COALESCE(SUM(CASE WHEN " + unsatisfied + " AND due_at < ? THEN 1 ELSE 0 END), 0),"
        + " COALESCE(SUM(CASE WHEN " + unsatisfied + " AND due_at >= ? THEN 1 ELSE 0 END), 0)"
        + " FROM crm_obligation WHERE tenant_id = ? AND due_at >= ? AND due_at < ? AND state <> 'CANCELLED'"
        + (kind.isPresent() ? " AND kind = ?" : ""), args,
        rs -> new SlaCounts(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4))).get(0);
  }

  /** Served by {@code crm_obligation_breached}. */
  @Override
  public long breaches(TenantId tenant, Instant start, Instant end) {
    return count("count breaches", "SELECT COUNT(*) FROM crm_obligation WHERE tenant_id = ?"
        + " AND breached_at >= ? AND breached_at < ?",
        List.of(tenant.value(), JdbcContacts.ceilMicros(start), JdbcContacts.ceilMicros(end)));
  }

  /**
   * Served by {@code crm_obligation_escalation_by_instant}, each step's obligation by its key: a step counts while
   * it is at most the obligation's {@code escalated}.
   */
  @Override
  public long escalations(TenantId tenant, Instant start, Instant end) {
    return count("count escalations", "SELECT COUNT(*) FROM crm_obligation_escalation e JOIN crm_obligation o"
        + " ON o.tenant_id = e.tenant_id AND o.obligation_id = e.obligation_id"
        + " WHERE e.tenant_id = ? AND e.due_at >= ? AND e.due_at < ? AND e.step <= o.escalated",
        List.of(tenant.value(), JdbcContacts.ceilMicros(start), JdbcContacts.ceilMicros(end)));
  }

  // ---------------------------------------------------------------- contacts

  /** Served by {@code crm_contact_denied}. */
  @Override
  public Map<String, Long> deniedContacts(TenantId tenant, Instant start, Instant end) {
    record Count(String label, long count) {}
    Map<String, Long> counts = new HashMap<>();
    for (Count c : tx.query("count denied contacts", "SELECT denied_by, COUNT(*) FROM crm_contact"
        + " WHERE tenant_id = ? AND contact_at >= ? AND contact_at < ? AND denied_by IS NOT NULL GROUP BY denied_by",
        List.of(tenant.value(), JdbcContacts.ceilMicros(start), JdbcContacts.ceilMicros(end)),
        rs -> new Count(rs.getString(1), rs.getLong(2)))) {
      counts.put(c.label(), c.count());
    }
    return Map.copyOf(counts);
  }

  // ---------------------------------------------------------------- customers

  /**
   * One statement of four counts over {@code crm_party_stage} (by {@code crm_party_stage_by_stage}; the earlier
   * moves of a party by its key), the active customers' interactions by {@code crm_interaction_by_party}.
   */
  @Override
  public CustomerCounts customers(TenantId tenant, Instant start, Instant end, Set<LifecycleStage> customerStages) {
    requireNonNull(customerStages, "customerStages");
    if (customerStages.isEmpty()) {
      return new CustomerCounts(0, 0, 0, 0);
    }
    List<String> stages = customerStages.stream().map(LifecycleStage::name).sorted().toList();
    String in = " IN (" + String.join(", ", Collections.nCopies(stages.size(), "?")) + ")";
    long from = JdbcContacts.ceilMicros(start);
    long until = JdbcContacts.ceilMicros(end);
    String t = tenant.value();
    String customerAt = "SELECT COUNT(*) FROM crm_party_stage s WHERE s.tenant_id = ? AND s.stage" + in
        + " AND s.changed_at < ? AND (s.until_at IS NULL OR s.until_at >= ?)";
    List<Object> args = new ArrayList<>();
    // at start, at end
    for (long boundary : new long[] {from, until}) {
      args.add(t);
      args.addAll(stages);
      args.add(boundary);
      args.add(boundary);
    }
    // acquired: a move to a customer stage in the period with no earlier one
    args.add(t);
    args.addAll(stages);
    args.add(from);
    args.add(until);
    args.addAll(stages);
    // active: a customer at the end with an interaction in the period
    args.add(t);
    args.addAll(stages);
    args.add(until);
    args.add(until);
    args.add(from);
    args.add(until);
    return tx.query("count customers", "SELECT (" + customerAt + "), (" + customerAt + "),"
        + " (SELECT COUNT(*) FROM crm_party_stage s WHERE s.tenant_id = ? AND s.stage" + in
        + " AND s.changed_at >= ? AND s.changed_at < ? AND NOT EXISTS (SELECT 1 FROM crm_party_stage e"
        + " WHERE e.tenant_id = s.tenant_id AND e.party_id = s.party_id AND e.seq < s.seq AND e.stage" + in + ")),"
        + " (" + customerAt + " AND EXISTS (SELECT 1 FROM crm_interaction i WHERE i.tenant_id = s.tenant_id"
        + " AND i.party_id = s.party_id AND i.occurred_at >= ? AND i.occurred_at < ?))", args,
        rs -> new CustomerCounts(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4))).get(0);
  }

  /** Served by {@code crm_party_stage_by_stage}. */
  @Override
  public Map<LifecycleStage, Long> stagesAt(TenantId tenant, Instant at) {
    long boundary = JdbcContacts.ceilMicros(at);
    record Count(String stage, long count) {}
    Map<LifecycleStage, Long> counts = new HashMap<>();
    for (Count c : tx.query("count parties by stage", "SELECT stage, COUNT(*) FROM crm_party_stage"
        + " WHERE tenant_id = ? AND changed_at < ? AND (until_at IS NULL OR until_at >= ?) GROUP BY stage",
        List.of(tenant.value(), boundary, boundary), rs -> new Count(rs.getString(1), rs.getLong(2)))) {
      counts.put(LifecycleStage.of(c.stage()), c.count());
    }
    return Map.copyOf(counts);
  }

  // ---------------------------------------------------------------- surveys

  /** Served by {@code crm_interaction_survey}. */
  @Override
  public Map<Integer, Long> surveyScores(TenantId tenant, String survey, Instant start, Instant end) {
    requireNonNull(survey, "survey");
    if (survey.length() > Facts.MAX_SURVEY) {
      return Map.of();
    }
    record Count(int score, long count) {}
    Map<Integer, Long> counts = new HashMap<>();
    for (Count c : tx.query("count survey scores", "SELECT score, COUNT(*) FROM crm_interaction"
        + " WHERE tenant_id = ? AND survey = ? AND occurred_at >= ? AND occurred_at < ? GROUP BY score",
        List.of(tenant.value(), survey, JdbcContacts.ceilMicros(start), JdbcContacts.ceilMicros(end)),
        rs -> new Count(rs.getInt(1), rs.getLong(2)))) {
      counts.put(c.score(), c.count());
    }
    return Map.copyOf(counts);
  }

  // ---------------------------------------------------------------- ledger

  /** Served by {@code crm_ledger_by_date}. */
  @Override
  public LedgerTotals ledgerTotals(TenantId tenant, LocalDate from, LocalDate until) {
    requireNonNull(from, "from");
    requireNonNull(until, "until");
    return tx.query("sum the ledger", "SELECT"
        + " SUM(CASE WHEN entry_kind = 'COST' THEN amount END), SUM(CASE WHEN entry_kind = 'VALUE' THEN amount END),"
        + " COUNT(CASE WHEN entry_kind = 'COST' THEN 1 END), COUNT(CASE WHEN entry_kind = 'VALUE' THEN 1 END)"
        + " FROM crm_ledger WHERE tenant_id = ? AND entry_date >= ? AND entry_date < ?",
        List.of(tenant.value(), from, until), rs -> new LedgerTotals(amount(rs.getBigDecimal(1)),
            amount(rs.getBigDecimal(2)), rs.getLong(3), rs.getLong(4))).get(0);
  }

  /** A sum at scale 4; 0 for the sum of no entries (NULL). */
  private static BigDecimal amount(BigDecimal sum) {
    return sum == null ? ZERO : sum.setScale(4, RoundingMode.UNNECESSARY);
  }

  // ---------------------------------------------------------------- helpers

  private long count(String operation, String sql, List<Object> args) {
    return tx.query(operation, sql, args, rs -> rs.getLong(1)).get(0);
  }
}
