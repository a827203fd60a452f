package dev.etiquette.crm.benchmarks;

import static dev.etiquette.crm.benchmarks.MeasurementTemplate.MARK;

import dev.etiquette.crm.api.measure.KpiValue;
import dev.etiquette.crm.api.measure.MeasurementPeriod;
import java.math.BigDecimal;
import java.math.MathContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntConsumer;
import javax.sql.DataSource;

/**
 * The PostgreSQL side of the measurement benchmark: filling the tables with copies of the template in SQL, and the
 * hand-written monthly report, the baseline.
 */
final class MeasurementSql {

  /**
   * The tables that hold the template's records, each with the column that tells a template row (its id ends with
   * {@value MeasurementTemplate#MARK}). The audit trail, notifications, outbox, idempotency records, rule sets,
   * settings, vision and ledger are not copied: the KPIs do not read the first five, and the others are the
   * tenant's, not its customers'.
   */
  static final Map<String, String> COPIED = copied();

  private static Map<String, String> copied() {
    Map<String, String> tables = new LinkedHashMap<>();
    tables.put("crm_party", "party_id");
    tables.put("crm_party_role", "party_id");
    tables.put("crm_party_tag", "party_id");
    tables.put("crm_party_attribute", "party_id");
    tables.put("crm_party_email", "party_id");
    tables.put("crm_party_phone", "party_id");
    tables.put("crm_party_external_id", "party_id");
    tables.put("crm_party_stage", "party_id");
    tables.put("crm_conversation", "conversation_id");
    tables.put("crm_interaction", "interaction_id");
    tables.put("crm_interaction_last_contact", "party_id");
    tables.put("crm_obligation", "obligation_id");
    tables.put("crm_obligation_escalation", "obligation_id");
    tables.put("crm_contact", "contact_id");
    return tables;
  }

  private MeasurementSql() {}

  /**
   * Adds copies 1 to {@code copies − 1} of the template's rows (copy 0, the template, already written through the
   * library's storage) with {@code INSERT ... SELECT} over {@code generate_series}: in every text column but
   * {@code tenant_id} (ids, references, e-mail addresses, JSON documents), {@value MeasurementTemplate#MARK}
   * becomes {@value MeasurementTemplate#MARK}{@code k}; every other column (instants, states, every fact column
   * of schema version 6) is the template row's. The columns are read from the catalogue, so a column added to a
   * table is copied too. {@code VACUUM ANALYZE} follows, as autovacuum would after a bulk load, so that the
   * covering indexes are read without visiting the table.
   *
   * @param perStatement copies inserted by one statement (each its own transaction)
   * @param progress told the number of copies written so far after each statement of {@code crm_interaction}
   */
  static void multiply(DataSource dataSource, String tenant, int copies, int perStatement, IntConsumer progress)
      throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(true);
      for (Map.Entry<String, String> table : COPIED.entrySet()) {
        String name = table.getKey();
        List<String> columns = new ArrayList<>();
        List<String> values = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT column_name, data_type FROM information_schema.columns"
            + " WHERE table_schema = current_schema() AND table_name = ? AND is_generated = 'NEVER'"
            + " AND is_identity = 'NO' ORDER BY ordinal_position")) {
          ps.setString(1, name);
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              String column = rs.getString(1);
              String type = rs.getString(2);
              columns.add(column);
              boolean text = type.equals("text") || type.startsWith("character");
              values.add(text && !column.equals("tenant_id")
                  ? "replace(t." + column + ", '" + MARK + "', '" + MARK + "' || g.k)" : "t." + column);
            }
          }
        }
        if (columns.isEmpty()) {
          throw new IllegalStateException("no table " + name + " in the benchmark schema");
        }
        try (Statement s = c.createStatement()) {
          s.execute("DROP TABLE IF EXISTS template_rows");
        }
        try (PreparedStatement ps = c.prepareStatement("CREATE TEMPORARY TABLE template_rows AS SELECT * FROM " + name
            + " WHERE tenant_id = ? AND " + table.getValue() + " LIKE ?")) {
          ps.setString(1, tenant);
          ps.setString(2, "%" + MARK.replace("_", "\\_"));
          ps.execute();
        }
        String insert = "INSERT INTO " + name + " (" + String.join(", ", columns) + ") SELECT "
            + String.join(", ", values) + " FROM template_rows t CROSS JOIN generate_series(?, ?) AS g(k)";
        for (int from = 1; from < copies; from += perStatement) {
          int to = Math.min(copies - 1, from + perStatement - 1);
          try (PreparedStatement ps = c.prepareStatement(insert)) {
            ps.setInt(1, from);
            ps.setInt(2, to);
            ps.executeUpdate();
          }
          if (name.equals("crm_interaction")) {
            progress.accept(to + 1);
          }
        }
        try (Statement s = c.createStatement()) {
          s.execute("DROP TABLE template_rows");
        }
      }
      try (Statement s = c.createStatement()) {
        for (String name : COPIED.keySet()) {
          s.execute("VACUUM ANALYZE " + name);
        }
        s.execute("ANALYZE");
      }
    }
  }

  // ------------------------------------------------------------------------------------ the hand-written report

  private static final double MILLIS_PER_MINUTE = 60_000.0;
  private static final String CUSTOMER_STAGES = "('customer', 'evangelist')";

  /**
   * The vision's KPIs for the month, by KPI id, as a host would compute them by hand from the library's tables:
   * ten statements, each aggregate computed once (the first response's three statistics in one pass over the
   * month's conversations, both SLA compliances in one pass over its obligations, the four customer counts in one
   * statement, both surveys' scores in one), and the values derived from the counts in Java, by the definitions of
   * {@code docs/measurement.md}.
   */
  static Map<String, KpiValue> report(DataSource dataSource, String tenant, MeasurementPeriod period, Instant asOf)
      throws SQLException {
    long start = HandWrittenJdbc.micros(period.startInstant());
    long end = HandWrittenJdbc.micros(period.endInstant());
    long now = HandWrittenJdbc.micros(asOf);
    Map<String, KpiValue> values = new LinkedHashMap<>();
    try (Connection c = dataSource.getConnection()) {
      c.setReadOnly(true);
      c.setAutoCommit(false);
      try {
        // first response: median and mean of the business time, p90 of the elapsed time
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*),"
            + " percentile_cont(0.5) WITHIN GROUP (ORDER BY first_reply_business_ms),"
            + " COALESCE(SUM(first_reply_business_ms), 0), COUNT(first_reply_business_ms),"
            + " percentile_cont(0.9) WITHIN GROUP (ORDER BY first_reply_ms)"
            + " FROM crm_conversation WHERE tenant_id = ? AND first_inbound_at >= ? AND first_inbound_at < ?"
            + " AND first_reply_ms IS NOT NULL")) {
          bind(ps, tenant, start, end);
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            long elapsed = rs.getLong(1);
            long business = rs.getLong(4);
            values.put("frt-median", business == 0 ? none("answered", 0)
                : KpiValue.of(rs.getDouble(2) / MILLIS_PER_MINUTE, Map.of("answered", business)));
            values.put("frt-p90", elapsed == 0 ? none("answered", 0)
                : KpiValue.of(rs.getDouble(5) / MILLIS_PER_MINUTE, Map.of("answered", elapsed)));
            values.put("frt-mean", business == 0 ? none("answered", 0)
                : KpiValue.of((double) rs.getLong(3) / business / MILLIS_PER_MINUTE, Map.of("answered", business)));
          }
        }
        // time to resolution: the median
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*),"
            + " percentile_cont(0.5) WITHIN GROUP (ORDER BY resolution_ms)"
            + " FROM crm_conversation WHERE tenant_id = ? AND state = 'RESOLVED' AND state_changed_at >= ?"
            + " AND state_changed_at < ?")) {
          bind(ps, tenant, start, end);
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            long resolved = rs.getLong(1);
            values.put("resolution", resolved == 0 ? none("resolved", 0)
                : KpiValue.of(rs.getDouble(2) / MILLIS_PER_MINUTE, Map.of("resolved", resolved)));
          }
        }
        // SLA compliance, of every kind and of first responses, in one pass
        try (PreparedStatement ps = c.prepareStatement("SELECT"
            + " COUNT(*) FILTER (WHERE state = 'SATISFIED_ON_TIME'),"
            + " COUNT(*) FILTER (WHERE state = 'SATISFIED_LATE'),"
            + " COUNT(*) FILTER (WHERE state NOT IN ('SATISFIED_ON_TIME', 'SATISFIED_LATE') AND due_at < ?),"
            + " COUNT(*) FILTER (WHERE state NOT IN ('SATISFIED_ON_TIME', 'SATISFIED_LATE') AND due_at >= ?),"
            + " COUNT(*) FILTER (WHERE kind = 'FIRST_RESPONSE' AND state = 'SATISFIED_ON_TIME'),"
            + " COUNT(*) FILTER (WHERE kind = 'FIRST_RESPONSE' AND state = 'SATISFIED_LATE'),"
            + " COUNT(*) FILTER (WHERE kind = 'FIRST_RESPONSE' AND state NOT IN ('SATISFIED_ON_TIME', 'SATISFIED_LATE')"
            + " AND due_at < ?),"
            + " COUNT(*) FILTER (WHERE kind = 'FIRST_RESPONSE' AND state NOT IN ('SATISFIED_ON_TIME', 'SATISFIED_LATE')"
            + " AND due_at >= ?)"
            + " FROM crm_obligation WHERE tenant_id = ? AND due_at >= ? AND due_at < ? AND state <> 'CANCELLED'")) {
          for (int i = 1; i <= 4; i++) {
            ps.setLong(i, now);
          }
          ps.setString(5, tenant);
          ps.setLong(6, start);
          ps.setLong(7, end);
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            values.put("sla", compliance(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)));
            values.put("sla-first", compliance(rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8)));
          }
        }
        long breaches = count(c, "SELECT COUNT(*) FROM crm_obligation WHERE tenant_id = ? AND breached_at >= ?"
            + " AND breached_at < ?", tenant, start, end);
        values.put("breaches", KpiValue.of(breaches, Map.of("breaches", breaches)));
        long escalations = count(c, "SELECT COUNT(*) FROM crm_obligation_escalation e JOIN crm_obligation o"
            + " ON o.tenant_id = e.tenant_id AND o.obligation_id = e.obligation_id"
            + " WHERE e.tenant_id = ? AND e.due_at >= ? AND e.due_at < ? AND e.step <= o.escalated", tenant, start, end);
        values.put("escalations", KpiValue.of(escalations, Map.of("escalations", escalations)));
        // contacts denied, by the first denial's label
        try (PreparedStatement ps = c.prepareStatement("SELECT denied_by, COUNT(*) FROM crm_contact"
            + " WHERE tenant_id = ? AND contact_at >= ? AND contact_at < ? AND denied_by IS NOT NULL"
            + " GROUP BY denied_by")) {
          bind(ps, tenant, start, end);
          long total = 0;
          Map<String, Double> byLabel = new TreeMap<>();
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              total += rs.getLong(2);
              byLabel.put(rs.getString(1), (double) rs.getLong(2));
            }
          }
          values.put("denied", KpiValue.of(total, Map.of("denied", total)).withBreakdown(byLabel));
        }
        // NPS and CSAT from the month's survey answers, by survey and score
        try (PreparedStatement ps = c.prepareStatement("SELECT survey, score, COUNT(*) FROM crm_interaction"
            + " WHERE tenant_id = ? AND survey IN ('nps', 'csat') AND occurred_at >= ? AND occurred_at < ?"
            + " GROUP BY survey, score")) {
          bind(ps, tenant, start, end);
          long promoters = 0;
          long passives = 0;
          long detractors = 0;
          long npsIgnored = 0;
          long csatAnswers = 0;
          long satisfied = 0;
          long csatIgnored = 0;
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              int score = rs.getInt(2);
              long n = rs.getLong(3);
              if (rs.getString(1).equals("nps")) {
                if (score < 0 || score > 10) {
                  npsIgnored += n;
                } else if (score >= 9) {
                  promoters += n;
                } else if (score >= 7) {
                  passives += n;
                } else {
                  detractors += n;
                }
              } else if (score < 1 || score > 5) {
                csatIgnored += n;
              } else {
                csatAnswers += n;
                satisfied += score >= 4 ? n : 0;
              }
            }
          }
          long answers = promoters + passives + detractors;
          Map<String, Long> npsInputs = Map.of("answers", answers, "promoters", promoters, "passives", passives,
              "detractors", detractors, "ignored", npsIgnored);
          values.put("nps", answers == 0 ? KpiValue.none(npsInputs)
              : KpiValue.of((promoters - detractors) * 100.0 / answers, npsInputs));
          Map<String, Long> csatInputs = Map.of("answers", csatAnswers, "satisfied", satisfied, "ignored",
              csatIgnored);
          values.put("csat", csatAnswers == 0 ? KpiValue.none(csatInputs)
              : KpiValue.of(satisfied * 100.0 / csatAnswers, csatInputs));
        }
        // customers: at the start, at the end, acquired (first move to a customer stage in the month), active
        try (PreparedStatement ps = c.prepareStatement("WITH at_end AS (SELECT party_id FROM crm_party_stage"
            + " WHERE tenant_id = ? AND stage IN " + CUSTOMER_STAGES + " AND changed_at < ?"
            + " AND (until_at IS NULL OR until_at >= ?))"
            + " SELECT (SELECT COUNT(*) FROM crm_party_stage WHERE tenant_id = ? AND stage IN " + CUSTOMER_STAGES
            + " AND changed_at < ? AND (until_at IS NULL OR until_at >= ?)),"
            + " (SELECT COUNT(*) FROM at_end),"
            + " (SELECT COUNT(*) FROM (SELECT MIN(changed_at) AS first_at FROM crm_party_stage WHERE tenant_id = ?"
            + " AND stage IN " + CUSTOMER_STAGES + " GROUP BY party_id) f WHERE first_at >= ? AND first_at < ?),"
            + " (SELECT COUNT(*) FROM at_end a WHERE EXISTS (SELECT 1 FROM crm_interaction i WHERE i.tenant_id = ?"
            + " AND i.party_id = a.party_id AND i.occurred_at >= ? AND i.occurred_at < ?))")) {
          int p = 1;
          ps.setString(p++, tenant);
          ps.setLong(p++, end);
          ps.setLong(p++, end);
          ps.setString(p++, tenant);
          ps.setLong(p++, start);
          ps.setLong(p++, start);
          ps.setString(p++, tenant);
          ps.setLong(p++, start);
          ps.setLong(p++, end);
          ps.setString(p++, tenant);
          ps.setLong(p++, start);
          ps.setLong(p, end);
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            long atStart = rs.getLong(1);
            long atEnd = rs.getLong(2);
            long acquired = rs.getLong(3);
            long active = rs.getLong(4);
            Map<String, Long> inputs = Map.of("at_start", atStart, "at_end", atEnd, "acquired", acquired);
            values.put("active", KpiValue.of(active, Map.of("at_start", atStart, "at_end", atEnd, "acquired",
                acquired, "active", active)));
            values.put("acquisition", KpiValue.of(acquired, inputs));
            if (atStart == 0) {
              values.put("retention", KpiValue.none(inputs));
              values.put("churn", KpiValue.none(inputs));
            } else {
              double retention = (atEnd - acquired) * 100.0 / atStart;
              values.put("retention", KpiValue.of(retention, inputs));
              values.put("churn", KpiValue.of(100 - retention, inputs));
            }
          }
        }
        // parties by stage at the month's end
        try (PreparedStatement ps = c.prepareStatement("SELECT stage, COUNT(*) FROM crm_party_stage"
            + " WHERE tenant_id = ? AND changed_at < ? AND (until_at IS NULL OR until_at >= ?) GROUP BY stage")) {
          ps.setString(1, tenant);
          ps.setLong(2, end);
          ps.setLong(3, end);
          long total = 0;
          Map<String, Double> byStage = new TreeMap<>();
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              total += rs.getLong(2);
              byStage.put(rs.getString(1), (double) rs.getLong(2));
            }
          }
          values.put("stages", KpiValue.of(total, Map.of("parties", total)).withBreakdown(byStage));
        }
        // ROI from the ledger's entries dated in the month
        try (PreparedStatement ps = c.prepareStatement("SELECT"
            + " COALESCE(SUM(amount) FILTER (WHERE entry_kind = 'COST'), 0),"
            + " COALESCE(SUM(amount) FILTER (WHERE entry_kind = 'VALUE'), 0),"
            + " COUNT(*) FILTER (WHERE entry_kind = 'COST'), COUNT(*) FILTER (WHERE entry_kind = 'VALUE')"
            + " FROM crm_ledger WHERE tenant_id = ? AND entry_date >= ? AND entry_date < ?")) {
          ps.setString(1, tenant);
          ps.setObject(2, period.start());
          ps.setObject(3, period.end());
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            BigDecimal cost = rs.getBigDecimal(1);
            BigDecimal value = rs.getBigDecimal(2);
            Map<String, Long> inputs = Map.of("cost_entries", rs.getLong(3), "value_entries", rs.getLong(4));
            Map<String, Double> breakdown = Map.of("cost", cost.doubleValue(), "value", value.doubleValue());
            values.put("roi", (cost.signum() == 0 ? KpiValue.none(inputs) : KpiValue.of(value.subtract(cost)
                .multiply(BigDecimal.valueOf(100)).divide(cost, MathContext.DECIMAL64).doubleValue(), inputs))
                .withBreakdown(breakdown));
          }
        }
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
    return values;
  }

  private static KpiValue none(String input, long count) {
    return KpiValue.none(Map.of(input, count));
  }

  private static KpiValue compliance(long onTime, long late, long missed, long pending) {
    Map<String, Long> inputs = Map.of("on_time", onTime, "late", late, "missed", missed, "pending", pending);
    long decided = onTime + late + missed;
    return decided == 0 ? KpiValue.none(inputs) : KpiValue.of(onTime * 100.0 / decided, inputs);
  }

  private static void bind(PreparedStatement ps, String tenant, long start, long end) throws SQLException {
    ps.setString(1, tenant);
    ps.setLong(2, start);
    ps.setLong(3, end);
  }

  private static long count(Connection c, String sql, String tenant, long start, long end) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, tenant, start, end);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }
}
