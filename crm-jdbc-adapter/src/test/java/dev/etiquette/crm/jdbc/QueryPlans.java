package dev.etiquette.crm.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * What the query-plan tests share: a data source that records the statements the storage prepares, and a check
 * that the database serves each of them by an index, in order: no table scan and no sort.
 *
 * <p>To ask "is there an index that serves this query?" rather than "which plan is cheapest on a small
 * table?", PostgreSQL is told to avoid sequential scans and sorts wherever an index can do without them
 * ({@code enable_seqscan}, {@code enable_sort} off); a plan that still scans or sorts has no such index.
 */
final class QueryPlans {

  private QueryPlans() {}

  /** A statement the storage prepared, with the parameters it last set. */
  record Captured(String sql, Map<Integer, Object> parameters) {}

  /**
   * The SELECT and UPDATE statements among {@code captured} that name one of {@code tables}, each once (with the
   * parameters of its first use), by their text.
   */
  static Map<String, Captured> selectsAndUpdatesOf(List<Captured> captured, List<String> tables) {
    Map<String, Captured> statements = new TreeMap<>();
    synchronized (captured) {
      for (Captured c : captured) {
        String sql = c.sql().trim().toUpperCase(Locale.ROOT);
        boolean named = tables.stream().anyMatch(t -> sql.contains(t.toUpperCase(Locale.ROOT)));
        if (named && (sql.startsWith("SELECT") || sql.startsWith("UPDATE"))) {
          statements.putIfAbsent(c.sql(), c);
        }
      }
    }
    return statements;
  }

  /** Asks the database for the plan of each statement and checks that it neither scans a table nor sorts. */
  static void assertServedByIndexes(DataSource base, Dialect dialect, Collection<Captured> statements)
      throws SQLException {
    try (Connection connection = base.getConnection()) {
      if (dialect == Dialect.POSTGRESQL) {
        try (Statement s = connection.createStatement()) {
          s.execute("SET enable_seqscan = off");
          s.execute("SET enable_sort = off");
        }
      }
      try {
        for (Captured c : statements) {
          String plan = explain(connection, c);
          switch (dialect) {
            case POSTGRESQL -> assertThat(plan).as(c.sql()).doesNotContain("Seq Scan").doesNotContain("Sort");
            // ALL: a table scan; index: a scan of a whole index
            case MARIADB -> assertThat(plan).as(c.sql()).doesNotContain("type=ALL ").doesNotContain("type=index ")
                .doesNotContain("filesort").doesNotContain("temporary");
            case H2 -> {
              assertThat(plan).as(c.sql()).doesNotContainIgnoringCase("tableScan");
              if (c.sql().contains("ORDER BY")) {
                // "index sorted: 1 of 3 columns" is a sort of what the index leaves unsorted
                assertThat(plan).as(c.sql()).containsIgnoringCase("index sorted")
                    .doesNotContainPattern("(?i)index sorted: \\d+ of");
              }
            }
          }
        }
      } finally {
        if (dialect == Dialect.POSTGRESQL) {
          try (Statement s = connection.createStatement()) {
            s.execute("RESET enable_seqscan");
            s.execute("RESET enable_sort");
          }
        }
      }
    }
  }

  /** Refreshes the optimizer's statistics of the tables. */
  static void analyze(DataSource base, Dialect dialect, List<String> tables) throws SQLException {
    try (Connection c = base.getConnection(); Statement s = c.createStatement()) {
      for (String table : tables) {
        s.execute(dialect == Dialect.POSTGRESQL ? "ANALYZE " + table : "ANALYZE TABLE " + table);
      }
    }
  }

  /** The database's plan for the captured statement with its parameters, as one line of text per row. */
  static String explain(Connection connection, Captured c) throws SQLException {
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

  /**
   * A storage on the test database of {@code dialect} (migrated first) whose connections record every statement
   * they prepare into {@code captured}.
   */
  static JdbcStorage recordingStorage(Dialect dialect, List<Captured> captured) {
    JdbcStorageContractTests.storage(dialect); // migrated
    return JdbcStorage.builder(recording(TestDatabases.dataSource(dialect), captured)).dialect(dialect)
        .migrate(false).build();
  }

  /** A data source whose connections record every statement prepared and its parameters. */
  static DataSource recording(DataSource delegate, List<Captured> captured) {
    ClassLoader loader = QueryPlans.class.getClassLoader();
    InvocationHandler dataSource = (proxy, method, args) -> {
      Object result = invoke(delegate, method, args);
      if (result instanceof Connection connection) {
        return Proxy.newProxyInstance(loader, new Class<?>[] {Connection.class}, (p, m, a) -> {
          Object r = invoke(connection, m, a);
          if (r instanceof PreparedStatement ps && m.getName().equals("prepareStatement")) {
            Captured c = new Captured((String) a[0], new TreeMap<>());
            synchronized (captured) {
              captured.add(c);
            }
            return Proxy.newProxyInstance(loader, new Class<?>[] {PreparedStatement.class}, (p2, m2, a2) -> {
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
    return (DataSource) Proxy.newProxyInstance(loader, new Class<?>[] {DataSource.class}, dataSource);
  }

  private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
