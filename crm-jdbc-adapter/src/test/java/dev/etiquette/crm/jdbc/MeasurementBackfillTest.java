package dev.etiquette.crm.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.etiquette.crm.api.Actor;
import dev.etiquette.crm.api.Channel;
import dev.etiquette.crm.api.Purpose;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.TenantSettings;
import dev.etiquette.crm.api.calendar.BusinessCalendar;
import dev.etiquette.crm.api.contact.ContactEntry;
import dev.etiquette.crm.api.interaction.Conversation;
import dev.etiquette.crm.api.interaction.ConversationId;
import dev.etiquette.crm.api.interaction.ConversationState;
import dev.etiquette.crm.api.interaction.Direction;
import dev.etiquette.crm.api.interaction.Interaction;
import dev.etiquette.crm.api.interaction.InteractionId;
import dev.etiquette.crm.api.interaction.InteractionKind;
import dev.etiquette.crm.api.measure.MeasurementPeriod;
import dev.etiquette.crm.api.obligation.Obligation;
import dev.etiquette.crm.api.party.Party;
import dev.etiquette.crm.api.party.PartyId;
import dev.etiquette.crm.api.spi.FactStore.Distribution;
import dev.etiquette.crm.api.spi.FactStore.TimeBasis;
import dev.etiquette.crm.internal.InMemoryStorage;
import dev.etiquette.crm.json.CrmJson;
import dev.etiquette.crm.testkit.MeasurementDataset;
import dev.etiquette.crm.testkit.MeasurementSamples;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A database written by a version of the library before schema version 6 (rows with the columns of version 5,
 * conversation documents without a first reply) is migrated to the current version: the Java migration V6_1 gives
 * every row its measurement facts, so that the aggregates equal the in-memory adapter's over the same records, and
 * it records the first reply of each conversation (the earliest outbound interaction at or after the first inbound
 * one, with the business time on the tenant's calendar) in its document.
 */
class MeasurementBackfillTest {

  /** Weekdays 09:00 to 17:00 UTC. */
  private static final BusinessCalendar OFFICE = BusinessCalendar.weekdays(ZoneOffset.UTC, LocalTime.of(9, 0),
      LocalTime.of(17, 0));

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void rowsWrittenBeforeVersion6GetTheirFacts(Dialect dialect) throws Exception {
    TenantId tenant = TenantId.of("old-" + UUID.randomUUID().toString().substring(0, 8));
    MeasurementDataset samples = MeasurementSamples.dataset(tenant);
    List<Conversation> answered = conversations(tenant);
    List<Interaction> interactions = new ArrayList<>(samples.interactions());
    interactions.addAll(conversationInteractions(tenant));

    try (Fresh fresh = Fresh.database(dialect)) {
      Flyway.configure(JdbcStorage.class.getClassLoader()).dataSource(fresh.dataSource())
          .locations(dialect.migrationLocation()).table("crm_schema_history").target("5").load().migrate();
      try (Connection c = fresh.dataSource().getConnection()) {
        insert(c, "INSERT INTO crm_tenant_settings (tenant_id, document) VALUES (?, ?)", tenant.value(),
            CrmJson.toJson(TenantSettings.defaults(tenant).withCalendar(OFFICE)));
        for (Party p : samples.parties()) {
          insert(c, "INSERT INTO crm_party (tenant_id, party_id, version, kind, name_key, stage, owner_id, created_at,"
              + " updated_at, document) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", tenant.value(), p.id().value(),
              p.version(), p.kind().name(), p.displayName().toLowerCase(Locale.ROOT),
              p.stage().map(s -> s.name()).orElse(null), p.owner().orElse(null), micros(p.createdAt()),
              micros(p.updatedAt()), CrmJson.toJson(p));
        }
        for (Interaction i : interactions) {
          insert(c, "INSERT INTO crm_interaction (tenant_id, interaction_id, party_id, conversation_id, kind, channel,"
              + " purpose, direction, occurred_at, recorded_at, document) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
              tenant.value(), i.id().value(), i.party().value(), i.conversation().map(ConversationId::value)
                  .orElse(null), i.kind().name(), i.channel().name(), i.purpose().name(), i.direction().name(),
              micros(i.occurredAt()), micros(i.recordedAt()), CrmJson.toJson(i));
        }
        for (Conversation a : answered) {
          // as the library wrote it before version 6: no first reply
          Conversation old = new Conversation(a.tenantId(), a.id(), a.party(), a.channel(), a.state(), a.openedAt(),
              a.stateChangedAt(), a.firstInboundAt(), a.lastInboundAt(), a.lastOutboundAt(), Optional.empty(),
              Optional.empty(), a.interactionCount(), a.version(), a.createdAt(), a.updatedAt());
          insert(c, "INSERT INTO crm_conversation (tenant_id, conversation_id, version, party_id, channel, state,"
              + " state_changed_at, updated_at, document) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", tenant.value(),
              old.id().value(), old.version(), old.party().value(), old.channel().name(), old.state().name(),
              micros(old.stateChangedAt()), micros(old.updatedAt()), CrmJson.toJson(old));
        }
        for (Obligation o : samples.obligations()) {
          insert(c, "INSERT INTO crm_obligation (tenant_id, obligation_id, version, party_id, conversation_id, kind,"
              + " state, settled, assignee_kind, assignee_name, due_at, next_due_at, escalated, exclusive_key,"
              + " created_at, updated_at, document) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
              tenant.value(), o.id().value(), o.version(), o.party().value(),
              o.conversation().map(ConversationId::value).orElse(null), o.kind().name(), o.state().name(),
              o.state().isFinal() ? 1 : 0, o.assignee().kind().name(), o.assignee().name(), micros(o.dueAt()),
              o.nextDueAt().map(MeasurementBackfillTest::micros).orElse(null), o.escalated(),
              o.exclusiveKey().orElse(null), micros(o.createdAt()), micros(o.updatedAt()), CrmJson.toJson(o));
        }
        for (ContactEntry e : samples.contacts()) {
          insert(c, "INSERT INTO crm_contact (tenant_id, contact_id, version, party_id, contact_at, status, counted,"
              + " created_at, updated_at, document) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", tenant.value(),
              e.id().value(), e.version(), e.party().value(), micros(e.at()), e.status().name(), e.counted() ? 1 : 0,
              micros(e.createdAt()), micros(e.updatedAt()), CrmJson.toJson(e));
        }
      }

      JdbcStorage migrated = JdbcStorage.builder(fresh.dataSource()).dialect(dialect).build();

      InMemoryStorage memory = new InMemoryStorage();
      memory.write(tx -> {
        samples.parties().forEach(tx.parties()::insert);
        answered.forEach(tx.conversations()::insert);
        interactions.forEach(tx.interactions()::insert);
        samples.obligations().forEach(tx.obligations()::insert);
        samples.contacts().forEach(tx.contacts()::insert);
        return null;
      });
      List<MeasurementPeriod> periods = List.of(MeasurementSamples.SEPTEMBER, MeasurementSamples.OCTOBER,
          MeasurementSamples.WEEK_43, MeasurementSamples.NOVEMBER);
      assertThat(FactsSnapshot.of(migrated, tenant, periods, MeasurementSamples.AS_OF))
          .isEqualTo(FactsSnapshot.of(memory, tenant, periods, MeasurementSamples.AS_OF));
      for (Conversation expected : answered) {
        Optional<Conversation> stored = migrated.read(tx -> tx.conversations().find(tenant, expected.id()));
        assertThat(stored).contains(expected);
      }
      // what the facts are for: a few of them by hand
      Instant start = MeasurementSamples.OCTOBER.startInstant();
      Instant end = MeasurementSamples.OCTOBER.endInstant();
      Distribution business = migrated.read(tx -> tx.facts().firstResponseTimes(tenant, start, end,
          TimeBasis.BUSINESS));
      assertThat(business).isEqualTo(Distribution.of(new long[] {Duration.ofMinutes(90).toMillis(),
          Duration.ofMinutes(20).toMillis(), Duration.ofHours(2).toMillis()}));
      long escalations = migrated.read(tx -> tx.facts().escalations(tenant, start, end));
      assertThat(escalations).isPositive();
    }
  }

  /**
   * Conversations with their interactions, first replies as the write path records them: {@code cA} answered at
   * 10:30 after an inbound message at 08:00, before the office opened (business time 1h30); {@code cB} whose
   * first message was the business's, answered 20 minutes after the party wrote; {@code cC} never answered;
   * {@code cD} written on a Friday at 16:00 and answered on Monday at 10:00 (business time 2h); {@code cE} with
   * outbound messages only.
   */
  private static List<Conversation> conversations(TenantId t) {
    return List.of(
        conversation(t, "cA", "pA", "2026-10-12T08:00:00Z", "2026-10-12T08:00:00Z", "2026-10-12T11:00:00Z",
            "2026-10-12T10:30:00Z", "2026-10-12T10:30:00Z", Duration.ofMinutes(90), 3, ConversationState.RESOLVED,
            "2026-10-12T12:00:00Z"),
        conversation(t, "cB", "pB", "2026-10-13T09:00:00Z", "2026-10-13T10:00:00Z", "2026-10-13T10:00:00Z",
            "2026-10-13T10:20:00Z", "2026-10-13T10:20:00Z", Duration.ofMinutes(20), 3, ConversationState.OPEN,
            "2026-10-13T09:00:00Z"),
        conversation(t, "cC", "pC", "2026-10-14T09:00:00Z", "2026-10-14T09:00:00Z", "2026-10-14T09:00:00Z", null,
            null, null, 1, ConversationState.OPEN, "2026-10-14T09:00:00Z"),
        conversation(t, "cD", "pD", "2026-10-16T16:00:00Z", "2026-10-16T16:00:00Z", "2026-10-16T16:00:00Z",
            "2026-10-19T10:00:00Z", "2026-10-19T10:00:00Z", Duration.ofHours(2), 2, ConversationState.RESOLVED,
            "2026-10-19T11:00:00Z"),
        conversation(t, "cE", "pE", "2026-10-15T09:00:00Z", null, null, null, "2026-10-15T09:30:00Z", null, 2,
            ConversationState.OPEN, "2026-10-15T09:00:00Z"));
  }

  private static List<Interaction> conversationInteractions(TenantId t) {
    return List.of(
        message(t, "cA-1", "pA", "cA", Direction.INBOUND, "2026-10-12T08:00:00Z"),
        message(t, "cA-2", "pA", "cA", Direction.OUTBOUND, "2026-10-12T10:30:00Z"),
        message(t, "cA-3", "pA", "cA", Direction.INBOUND, "2026-10-12T11:00:00Z"),
        message(t, "cB-1", "pB", "cB", Direction.OUTBOUND, "2026-10-13T09:00:00Z"),
        message(t, "cB-2", "pB", "cB", Direction.INBOUND, "2026-10-13T10:00:00Z"),
        message(t, "cB-3", "pB", "cB", Direction.OUTBOUND, "2026-10-13T10:20:00Z"),
        message(t, "cC-1", "pC", "cC", Direction.INBOUND, "2026-10-14T09:00:00Z"),
        message(t, "cD-1", "pD", "cD", Direction.INBOUND, "2026-10-16T16:00:00Z"),
        message(t, "cD-2", "pD", "cD", Direction.OUTBOUND, "2026-10-19T10:00:00Z"),
        message(t, "cE-1", "pE", "cE", Direction.OUTBOUND, "2026-10-15T09:00:00Z"),
        message(t, "cE-2", "pE", "cE", Direction.OUTBOUND, "2026-10-15T09:30:00Z"));
  }

  private static Conversation conversation(TenantId t, String id, String party, String opened, String firstInbound,
      String lastInbound, String firstReply, String lastOutbound, Duration business, int count,
      ConversationState state, String changed) {
    Instant openedAt = Instant.parse(opened);
    Instant changedAt = Instant.parse(changed);
    return new Conversation(t, ConversationId.of(id), PartyId.of(party), Channel.EMAIL, state, openedAt, changedAt,
        instant(firstInbound), instant(lastInbound), instant(lastOutbound), instant(firstReply),
        Optional.ofNullable(business), count, count + 1, openedAt, changedAt.isAfter(openedAt) ? changedAt : openedAt);
  }

  private static Interaction message(TenantId t, String id, String party, String conversation, Direction direction,
      String at) {
    Instant occurred = Instant.parse(at);
    return new Interaction(t, InteractionId.of(id), PartyId.of(party), InteractionKind.CONTACT, Channel.EMAIL,
        Purpose.SERVICE, direction, Actor.system(), Optional.of(ConversationId.of(conversation)), occurred, occurred,
        Optional.empty(), Map.of());
  }

  private static Optional<Instant> instant(String text) {
    return Optional.ofNullable(text).map(Instant::parse);
  }

  private static long micros(Instant instant) {
    return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
  }

  private static void insert(Connection c, String sql, Object... values) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < values.length; i++) {
        if (values[i] == null) {
          ps.setNull(i + 1, Types.NULL);
        } else {
          ps.setObject(i + 1, values[i]);
        }
      }
      ps.executeUpdate();
    }
  }

  /** An empty database of its own: a PostgreSQL schema, a MariaDB database, an H2 in-memory database. */
  private record Fresh(DataSource dataSource, AutoCloseable drop) implements AutoCloseable {

    static Fresh database(Dialect dialect) throws SQLException {
      String name = "crm_old_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
      if (dialect == Dialect.H2) {
        JdbcConnectionPool pool = JdbcConnectionPool.create("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", "sa", "");
        return new Fresh(pool, () -> {
          try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute("SHUTDOWN");
          }
          pool.dispose();
        });
      }
      HikariDataSource admin = TestDatabases.dataSource(dialect);
      try (Connection c = admin.getConnection(); Statement s = c.createStatement()) {
        s.execute(dialect == Dialect.POSTGRESQL ? "CREATE SCHEMA " + name : "CREATE DATABASE " + name);
      }
      HikariConfig config = new HikariConfig();
      String url = admin.getJdbcUrl();
      config.setJdbcUrl(dialect == Dialect.POSTGRESQL
          ? url + (url.contains("?") ? "&" : "?") + "currentSchema=" + name
          : url.replaceFirst("/[^/?]*(\\?|$)", "/" + name + "$1"));
      config.setUsername(admin.getUsername());
      config.setPassword(admin.getPassword());
      config.setMaximumPoolSize(4);
      HikariDataSource pool = new HikariDataSource(config);
      return new Fresh(pool, () -> {
        pool.close();
        try (Connection c = admin.getConnection(); Statement s = c.createStatement()) {
          s.execute(dialect == Dialect.POSTGRESQL ? "DROP SCHEMA " + name + " CASCADE" : "DROP DATABASE " + name);
        }
      });
    }

    @Override
    public void close() throws Exception {
      drop.close();
    }
  }
}
