package dev.etiquette.crm.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Assumptions;

/**
 * The databases the tests run on. PostgreSQL and MariaDB addresses come from the environment, with the
 * development machine's defaults:
 *
 * <ul>
 *   <li>{@code CRM_PG_URL} ({@code jdbc:postgresql://127.0.0.1:5432/test}), {@code CRM_PG_USER}
 *       ({@code postgres}), {@code CRM_PG_PASSWORD} (empty);</li>
 *   <li>{@code CRM_MARIADB_URL} ({@code jdbc:mariadb://127.0.0.1:3306/test}), {@code CRM_MARIADB_USER}
 *       ({@code root}), {@code CRM_MARIADB_PASSWORD} (empty).</li>
 * </ul>
 *
 * <p>Where a server does not answer, its tests are skipped with a message saying so, except under
 * {@code CI=true}, where a missing server fails the run.
 */
public final class TestDatabases {

  /** Every table of the schema, children first. */
  public static final List<String> TABLES = List.of("crm_party_role", "crm_party_tag", "crm_party_attribute",
      "crm_party_email", "crm_party_phone", "crm_party_external_id", "crm_party", "crm_relationship", "crm_audit",
      "crm_tenant_counter", "crm_tenant_settings", "crm_idempotency", "crm_interaction",
      "crm_interaction_last_contact", "crm_conversation", "crm_obligation_escalation", "crm_obligation",
      "crm_rule_set", "crm_notification", "crm_contact", "crm_outbox", "crm_party_stage", "crm_vision",
      "crm_measurement", "crm_ledger");

  private static final Map<Dialect, HikariDataSource> POOLS = new ConcurrentHashMap<>();

  private TestDatabases() {}

  public static boolean mandatory() {
    return "true".equalsIgnoreCase(System.getenv("CI"));
  }

  /** A pooled data source for the dialect's test database, or the test is skipped (failed under CI). */
  public static HikariDataSource dataSource(Dialect dialect) {
    return POOLS.computeIfAbsent(dialect, TestDatabases::open);
  }

  private static HikariDataSource open(Dialect dialect) {
    HikariConfig config = new HikariConfig();
    switch (dialect) {
      case POSTGRESQL -> {
        config.setJdbcUrl(env("CRM_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test"));
        config.setUsername(env("CRM_PG_USER", "postgres"));
        config.setPassword(env("CRM_PG_PASSWORD", ""));
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
      }
      case MARIADB -> {
        config.setJdbcUrl(env("CRM_MARIADB_URL", "jdbc:mariadb://127.0.0.1:3306/test"));
        config.setUsername(env("CRM_MARIADB_USER", "root"));
        config.setPassword(env("CRM_MARIADB_PASSWORD", ""));
      }
      case H2 -> {
        try {
          Path dir = Files.createTempDirectory("crm-h2-test");
          config.setJdbcUrl("jdbc:h2:file:" + dir.resolve("crm") + ";DB_CLOSE_ON_EXIT=FALSE");
        } catch (java.io.IOException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    config.setMaximumPoolSize(16);
    config.setConnectionTimeout(5_000);
    config.setInitializationFailTimeout(-1);
    config.setPoolName("crm-test-" + dialect.name().toLowerCase());
    HikariDataSource pool = new HikariDataSource(config);
    try (Connection c = pool.getConnection()) {
      c.isValid(5);
    } catch (SQLException e) {
      pool.close();
      String message = dialect + " is not reachable at " + config.getJdbcUrl() + " (" + e.getMessage() + ")";
      if (mandatory()) {
        throw new IllegalStateException(message + "; under CI=true the database tests are mandatory", e);
      }
      Assumptions.abort("skipped: " + message + "; start it or set the CRM_* variables to run these tests");
    }
    if (dialect == Dialect.H2) {
      return pool;
    }
    return inRunSchema(dialect, pool, config);
  }

  /**
   * A pool whose connections work in a schema (PostgreSQL) or database (MariaDB) of this test run alone,
   * dropped when the JVM exits, so that builds running at the same time on one server cannot clear each
   * other's rows.
   */
  private static HikariDataSource inRunSchema(Dialect dialect, HikariDataSource base, HikariConfig config) {
    String schema = "crm_run_" + Long.toHexString(ProcessHandle.current().pid()) + "_"
        + Long.toHexString(System.nanoTime() & 0xffffffL);
    String create = dialect == Dialect.POSTGRESQL ? "CREATE SCHEMA " + schema : "CREATE DATABASE " + schema;
    String drop = dialect == Dialect.POSTGRESQL ? "DROP SCHEMA " + schema + " CASCADE" : "DROP DATABASE " + schema;
    try (Connection c = base.getConnection(); Statement s = c.createStatement()) {
      s.execute(create);
    } catch (SQLException e) {
      throw new IllegalStateException("creating the test run's schema " + schema + " failed", e);
    }
    HikariConfig run = new HikariConfig();
    config.copyStateTo(run);
    run.setPoolName(config.getPoolName() + "-run");
    if (dialect == Dialect.POSTGRESQL) {
      run.setSchema(schema);
    } else {
      run.setCatalog(schema);
    }
    HikariDataSource pool = new HikariDataSource(run);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      pool.close();
      try (Connection c = base.getConnection(); Statement s = c.createStatement()) {
        s.execute(drop);
      } catch (SQLException e) {
        System.err.println("could not drop the test run's schema " + schema + ": " + e.getMessage());
      } finally {
        base.close();
      }
    }, "drop-" + schema));
    return pool;
  }

  /** Deletes every row of the schema's tables (the schema itself stays). */
  public static void clear(javax.sql.DataSource dataSource) {
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      for (String table : TABLES) {
        s.executeUpdate("DELETE FROM " + table);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("clearing the test database failed", e);
    }
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
