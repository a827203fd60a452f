package dev.etiquette.crm.jdbc.internal;

import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.TenantSettings;
import dev.etiquette.crm.api.calendar.BusinessCalendar;
import dev.etiquette.crm.api.contact.ContactEntry;
import dev.etiquette.crm.api.interaction.Conversation;
import dev.etiquette.crm.api.interaction.Interaction;
import dev.etiquette.crm.api.obligation.EscalationPoint;
import dev.etiquette.crm.api.obligation.Obligation;
import dev.etiquette.crm.api.party.Party;
import dev.etiquette.crm.json.CrmJson;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Schema version 6.1: gives the rows written before version 6 the measurement facts that version 6 added, by
 * reading their documents with the library's own code ({@link Facts}, as the write paths do):
 *
 * <ul>
 *   <li>conversations: the fact columns; and the first reply, which conversations did not record before: the
 *       earliest outbound interaction of the conversation at or after its first inbound one (read from
 *       {@code crm_interaction}), with the business time to it on the tenant's calendar as its settings hold it now
 *       (elapsed time when it has none). The document is rewritten with the two fields, its version unchanged;</li>
 *   <li>obligations that were breached or escalated: {@code breached_at} and the escalation steps reached;</li>
 *   <li>denied contacts: the label of the first denial;</li>
 *   <li>survey answers: the survey and the score;</li>
 *   <li>parties with a lifecycle stage: their stage moves.</li>
 * </ul>
 *
 * <p>Each table is read in pages of {@value #PAGE} rows in key order and written in batches, in the migration's
 * transaction. A database with no rows yet has nothing to do. One subclass per dialect sits in the dialect's
 * migration folder, where Flyway finds it next to the SQL migrations.
 */
public abstract class MeasurementFactsBackfill extends BaseJavaMigration {

  private static final int PAGE = 500;

  @Override
  public void migrate(Context context) throws SQLException {
    Connection connection = context.getConnection();
    new Run(connection).all();
  }

  /** One run over one connection, with the tenants' settings read once each. */
  private static final class Run {
    private final Connection connection;
    private final Map<String, Optional<BusinessCalendar>> calendars = new HashMap<>();

    Run(Connection connection) {
      this.connection = connection;
    }

    void all() throws SQLException {
      parties();
      conversations();
      obligations();
      contacts();
      interactions();
    }

    /** A document of a page, with its key. */
    private record Row(String tenant, String id, String document) {}

    /** The rows of {@code table} matching {@code filter}, a page at a time after {@code (tenant, id)}. */
    private List<Row> page(String table, String idColumn, String filter, String afterTenant, String afterId)
        throws SQLException {
      List<Row> rows = new ArrayList<>();
      try (PreparedStatement ps = connection.prepareStatement("SELECT tenant_id, " + idColumn + ", document FROM "
          + table + " WHERE " + filter + " AND (tenant_id > ? OR (tenant_id = ? AND " + idColumn + " > ?))"
          + " ORDER BY tenant_id, " + idColumn + " LIMIT " + PAGE)) {
        ps.setString(1, afterTenant);
        ps.setString(2, afterTenant);
        ps.setString(3, afterId);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            rows.add(new Row(rs.getString(1), rs.getString(2), rs.getString(3)));
          }
        }
      }
      return rows;
    }

    /** What to do with each page of a table. */
    @FunctionalInterface
    private interface PageWork {
      void run(List<Row> rows) throws SQLException;
    }

    private void eachPage(String table, String idColumn, String filter, PageWork work) throws SQLException {
      String tenant = "";
      String id = "";
      while (true) {
        List<Row> rows = page(table, idColumn, filter, tenant, id);
        if (rows.isEmpty()) {
          return;
        }
        work.run(rows);
        Row last = rows.get(rows.size() - 1);
        tenant = last.tenant();
        id = last.id();
      }
    }

    private void parties() throws SQLException {
      eachPage("crm_party", "party_id", "stage IS NOT NULL", rows -> {
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO crm_party_stage (tenant_id, party_id,"
            + " seq, stage, changed_at, until_at) VALUES (?, ?, ?, ?, ?, ?)")) {
          int pending = 0;
          for (Row row : rows) {
            Party party = CrmJson.fromJson(row.document(), Party.class);
            for (Facts.StageRow stage : Facts.stages(party)) {
              ps.setString(1, row.tenant());
              ps.setString(2, row.id());
              ps.setInt(3, stage.seq());
              ps.setString(4, stage.stage());
              ps.setLong(5, stage.changedAt());
              JdbcTransaction.setNullableLong(ps, 6, stage.untilAt());
              ps.addBatch();
              pending++;
            }
          }
          if (pending > 0) {
            ps.executeBatch();
          }
        }
      });
    }

    private void conversations() throws SQLException {
      eachPage("crm_conversation", "conversation_id", "1 = 1", rows -> {
        try (PreparedStatement firstReply = connection.prepareStatement("SELECT MIN(occurred_at) FROM crm_interaction"
            + " WHERE tenant_id = ? AND conversation_id = ? AND direction = 'OUTBOUND' AND occurred_at >= ?");
            PreparedStatement update = connection.prepareStatement("UPDATE crm_conversation SET "
                + JdbcTransaction.CONVERSATION_COLUMNS.replace(",", " = ?,")
                + " = ? WHERE tenant_id = ? AND conversation_id = ?")) {
          for (Row row : rows) {
            Conversation c = withFirstReply(CrmJson.fromJson(row.document(), Conversation.class), firstReply);
            int next = JdbcTransaction.bindConversation(update, c);
            update.setString(next, row.tenant());
            update.setString(next + 1, row.id());
            update.addBatch();
          }
          update.executeBatch();
        }
      });
    }

    /**
     * The conversation with its first reply, when it has an inbound interaction, no first reply recorded, and an
     * outbound interaction at or after the first inbound one.
     */
    private Conversation withFirstReply(Conversation c, PreparedStatement firstReply) throws SQLException {
      if (c.firstInboundAt().isEmpty() || c.firstReplyAt().isPresent()) {
        return c;
      }
      Instant inbound = c.firstInboundAt().get();
      firstReply.setString(1, c.tenantId().value());
      firstReply.setString(2, c.id().value());
      firstReply.setLong(3, JdbcContacts.ceilMicros(inbound));
      Optional<Instant> reply;
      try (ResultSet rs = firstReply.executeQuery()) {
        rs.next();
        long micros = rs.getLong(1);
        reply = rs.wasNull() ? Optional.empty() : Optional.of(Micros.toInstant(micros));
      }
      if (reply.isEmpty()) {
        return c;
      }
      Duration business = calendar(c.tenantId()).map(cal -> cal.businessTimeBetween(inbound, reply.get()))
          .orElseGet(() -> Duration.between(inbound, reply.get()));
      return new Conversation(c.tenantId(), c.id(), c.party(), c.channel(), c.state(), c.openedAt(),
          c.stateChangedAt(), c.firstInboundAt(), c.lastInboundAt(), c.lastOutboundAt(), reply, Optional.of(business),
          c.interactionCount(), c.version(), c.createdAt(), c.updatedAt());
    }

    /** The tenant's business calendar as its settings hold it; empty without settings or a calendar. */
    private Optional<BusinessCalendar> calendar(TenantId tenant) throws SQLException {
      Optional<BusinessCalendar> known = calendars.get(tenant.value());
      if (known != null) {
        return known;
      }
      Optional<BusinessCalendar> calendar = Optional.empty();
      try (PreparedStatement ps = connection.prepareStatement("SELECT document FROM crm_tenant_settings"
          + " WHERE tenant_id = ?")) {
        ps.setString(1, tenant.value());
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next()) {
            calendar = CrmJson.fromJson(rs.getString(1), TenantSettings.class).calendar();
          }
        }
      }
      calendars.put(tenant.value(), calendar);
      return calendar;
    }

    private void obligations() throws SQLException {
      eachPage("crm_obligation", "obligation_id",
          "(escalated > 0 OR state IN ('BREACHED', 'SATISFIED_LATE', 'CANCELLED'))", rows -> {
            try (PreparedStatement breached = connection.prepareStatement("UPDATE crm_obligation SET breached_at = ?"
                + " WHERE tenant_id = ? AND obligation_id = ?");
                PreparedStatement steps = connection.prepareStatement("INSERT INTO crm_obligation_escalation"
                    + " (tenant_id, obligation_id, step, due_at) VALUES (?, ?, ?, ?)")) {
              int pendingSteps = 0;
              for (Row row : rows) {
                Obligation o = CrmJson.fromJson(row.document(), Obligation.class);
                JdbcTransaction.setNullableLong(breached, 1, o.breachedAt().map(Micros::of));
                breached.setString(2, row.tenant());
                breached.setString(3, row.id());
                breached.addBatch();
                for (EscalationPoint point : Facts.reached(o)) {
                  steps.setString(1, row.tenant());
                  steps.setString(2, row.id());
                  steps.setInt(3, point.step());
                  steps.setLong(4, Micros.of(point.dueAt()));
                  steps.addBatch();
                  pendingSteps++;
                }
              }
              breached.executeBatch();
              if (pendingSteps > 0) {
                steps.executeBatch();
              }
            }
          });
    }

    private void contacts() throws SQLException {
      eachPage("crm_contact", "contact_id", "status = 'DENIED'", rows -> {
        try (PreparedStatement ps = connection.prepareStatement("UPDATE crm_contact SET denied_by = ?"
            + " WHERE tenant_id = ? AND contact_id = ?")) {
          for (Row row : rows) {
            JdbcTransaction.setNullable(ps, 1, Facts.deniedBy(CrmJson.fromJson(row.document(), ContactEntry.class)));
            ps.setString(2, row.tenant());
            ps.setString(3, row.id());
            ps.addBatch();
          }
          ps.executeBatch();
        }
      });
    }

    private void interactions() throws SQLException {
      eachPage("crm_interaction", "interaction_id", "kind = 'SURVEY_ANSWER'", rows -> {
        try (PreparedStatement ps = connection.prepareStatement("UPDATE crm_interaction SET survey = ?, score = ?"
            + " WHERE tenant_id = ? AND interaction_id = ?")) {
          int pending = 0;
          for (Row row : rows) {
            Optional<Facts.SurveyAnswer> answer =
                Facts.surveyAnswer(CrmJson.fromJson(row.document(), Interaction.class));
            if (answer.isPresent()) {
              ps.setString(1, answer.get().survey());
              ps.setInt(2, answer.get().score());
              ps.setString(3, row.tenant());
              ps.setString(4, row.id());
              ps.addBatch();
              pending++;
            }
          }
          if (pending > 0) {
            ps.executeBatch();
          }
        }
      });
    }
  }
}
