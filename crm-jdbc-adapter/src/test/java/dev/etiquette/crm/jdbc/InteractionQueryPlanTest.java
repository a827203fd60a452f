package dev.etiquette.crm.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.etiquette.crm.Crm;
import dev.etiquette.crm.api.Actor;
import dev.etiquette.crm.api.Channel;
import dev.etiquette.crm.api.CrmTenant;
import dev.etiquette.crm.api.Page;
import dev.etiquette.crm.api.PageRequest;
import dev.etiquette.crm.api.Purpose;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.interaction.ConversationId;
import dev.etiquette.crm.api.interaction.ConversationState;
import dev.etiquette.crm.api.interaction.Interaction;
import dev.etiquette.crm.api.interaction.InteractionDraft;
import dev.etiquette.crm.api.party.Party;
import dev.etiquette.crm.api.party.PartyDraft;
import dev.etiquette.crm.testkit.TestClock;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every query the interaction and conversation stores run is served by an index, in order: no table scan
 * and no sort, so that its cost does not grow with a party's or a tenant's history. The test records the
 * statements the storage actually prepares while the library records interactions, pages timelines and
 * reads last contacts, and asks each database for the plan of every SELECT and UPDATE among them, with the
 * same parameters.
 *
 * <p>To ask "is there an index that serves this query?" rather than "which plan is cheapest on a small
 * table?", PostgreSQL is told to avoid sequential scans and sorts wherever an index can do without them
 * ({@code enable_seqscan}, {@code enable_sort} off); a plan that still scans or sorts has no such index.
 */
class InteractionQueryPlanTest {

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void everyInteractionQueryIsServedByAnIndexWithoutSorting(Dialect dialect) throws Exception {
    DataSource base = TestDatabases.dataSource(dialect);
    JdbcStorageContractTests.storage(dialect); // migrated
    List<Captured> captured = new ArrayList<>();
    JdbcStorage storage = JdbcStorage.builder(recording(base, captured)).dialect(dialect).migrate(false).build();
    TestClock clock = TestClock.create();
    Crm crm = Crm.builder().clock(clock).storage(storage).build();
    CrmTenant acme = crm.tenant(TenantId.of("plan-" + UUID.randomUUID().toString().substring(0, 8)),
        Actor.user("agent"));

    List<Party> parties = new ArrayList<>();
    for (int p = 0; p < 5; p++) {
      parties.add(acme.parties().create(PartyDraft.person("Person " + p).build()));
    }
    // some history, so that the optimizers have something to choose between
    for (int i = 0; i < 200; i++) {
      Party party = parties.get(i % parties.size());
      clock.advance(Duration.ofSeconds(1));
      Channel channel = Channel.values()[(i % 10) % 3]; // conversation C-k: party k % 5, channel k % 3
      acme.interactions().record((i % 2 == 0
          ? InteractionDraft.inbound(party.id(), channel, Purpose.SERVICE)
          : InteractionDraft.outbound(party.id(), channel, Purpose.SERVICE))
          .conversation("C-" + (i % 10)).occurredAt(clock.instant().minusSeconds(i % 7)).build());
    }
    analyze(base, dialect);
    captured.clear();

    Party ada = parties.get(0);
    clock.advance(Duration.ofSeconds(1));
    Interaction recorded = acme.interactions().record(InteractionDraft.inbound(ada.id(), Channel.EMAIL,
        Purpose.SERVICE).conversation("C-0").build());
    acme.interactions().record(InteractionDraft.inbound(ada.id(), Channel.PHONE, Purpose.SERVICE)
        .conversation("C-new").build());
    acme.interactions().get(recorded.id());
    Page<Interaction> first = acme.interactions().timeline(ada.id(), PageRequest.first(5));
    acme.interactions().timeline(ada.id(), PageRequest.first(5).next(first).orElseThrow());
    Page<Interaction> firstOfConversation = acme.interactions().conversationTimeline(ConversationId.of("C-0"),
        PageRequest.first(5));
    acme.interactions().conversationTimeline(ConversationId.of("C-0"),
        PageRequest.first(5).next(firstOfConversation).orElseThrow());
    acme.interactions().lastContacts(ada.id());
    long version = acme.interactions().conversation(ConversationId.of("C-0")).version();
    acme.interactions().setConversationState(ConversationId.of("C-0"), version, ConversationState.RESOLVED);

    Map<String, Captured> statements = new TreeMap<>();
    for (Captured c : captured) {
      String sql = c.sql().trim().toUpperCase(Locale.ROOT);
      boolean interactionTable = sql.contains("CRM_INTERACTION") || sql.contains("CRM_CONVERSATION");
      if (interactionTable && (sql.startsWith("SELECT") || sql.startsWith("UPDATE"))) {
        statements.putIfAbsent(c.sql(), c);
      }
    }
    assertThat(statements).as("the statements of the interaction queries").hasSizeGreaterThanOrEqualTo(7);
    try (Connection connection = base.getConnection()) {
      if (dialect == Dialect.POSTGRESQL) {
        try (Statement s = connection.createStatement()) {
          s.execute("SET enable_seqscan = off");
          s.execute("SET enable_sort = off");
        }
      }
      for (Captured c : statements.values()) {
        String plan = explain(connection, dialect, c);
        switch (dialect) {
          case POSTGRESQL -> assertThat(plan).as(c.sql()).doesNotContain("Seq Scan").doesNotContain("Sort");
          // ALL: a table scan; index: a scan of a whole index
          case MARIADB -> assertThat(plan).as(c.sql()).doesNotContain("type=ALL ").doesNotContain("type=index ")
              .doesNotContain("filesort").doesNotContain("temporary");
          case H2 -> {
            assertThat(plan).as(c.sql()).doesNotContainIgnoringCase("tableScan");
            if (c.sql().contains("ORDER BY")) {
              assertThat(plan).as(c.sql()).containsIgnoringCase("index sorted");
            }
          }
        }
      }
      if (dialect == Dialect.POSTGRESQL) {
        try (Statement s = connection.createStatement()) {
          s.execute("RESET enable_seqscan");
          s.execute("RESET enable_sort");
        }
      }
    }
  }

  private static void analyze(DataSource base, Dialect dialect) throws SQLException {
    try (Connection c = base.getConnection(); Statement s = c.createStatement()) {
      for (String table : List.of("crm_interaction", "crm_interaction_last_contact", "crm_conversation")) {
        switch (dialect) {
          case POSTGRESQL -> s.execute("ANALYZE " + table);
          case MARIADB -> s.execute("ANALYZE TABLE " + table);
          case H2 -> s.execute("ANALYZE TABLE " + table);
        }
      }
    }
  }

  /** The database's plan for the captured statement with its parameters, as one line of text per row. */
  private static String explain(Connection connection, Dialect dialect, Captured c) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement("EXPLAIN " + c.sql())) {
      for (Map.Entry<Integer, Object> p : c.parameters().entrySet()) {
        ps.setObject(p.getKey(), p.getValue());
      }
      StringBuilder plan = new StringBuilder();
      try (ResultSet rs = ps.executeQuery()) {
        int columns = rs.getMetaData().getColumnCount();
        while (rs.next()) {
          for (int i = 1; i <= columns; i++) {
            plan.append(rs.getMetaData().getColumnLabel(i).toLowerCase(Locale.ROOT)).append('=')
                .append(rs.getString(i)).append(' ');
          }
          plan.append('\n');
        }
      }
      return plan.toString();
    }
  }

  /** A statement the storage prepared, with the parameters it last set. */
  record Captured(String sql, Map<Integer, Object> parameters) {}

  /** A data source whose connections record every statement prepared and its parameters. */
  private static DataSource recording(DataSource delegate, List<Captured> captured) {
    InvocationHandler dataSource = (proxy, method, args) -> {
      Object result = invoke(delegate, method, args);
      if (result instanceof Connection connection) {
        return Proxy.newProxyInstance(InteractionQueryPlanTest.class.getClassLoader(), new Class<?>[] {Connection.class},
            (p, m, a) -> {
              Object r = invoke(connection, m, a);
              if (r instanceof PreparedStatement ps && m.getName().equals("prepareStatement")) {
                Captured c = new Captured((String) a[0], new TreeMap<>());
                synchronized (captured) {
                  captured.add(c);
                }
                return Proxy.newProxyInstance(InteractionQueryPlanTest.class.getClassLoader(),
                    new Class<?>[] {PreparedStatement.class}, (p2, m2, a2) -> {
                      if (m2.getName().startsWith("set") && a2 != null && a2.length == 2 && a2[0] instanceof Integer i
                          && !m2.getName().equals("setNull")) {
                        c.parameters().put(i, a2[1]);
                      } else if (m2.getName().equals("setNull")) {
                        c.parameters().put((Integer) a2[0], null);
                      }
                      return invoke(ps, m2, a2);
                    });
              }
              return r;
            });
      }
      return result;
    };
    return (DataSource) Proxy.newProxyInstance(InteractionQueryPlanTest.class.getClassLoader(),
        new Class<?>[] {DataSource.class}, dataSource);
  }

  private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
