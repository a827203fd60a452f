package dev.etiquette.crm.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.etiquette.crm.jdbc.Dialect;
import dev.etiquette.crm.jdbc.JdbcStorage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * One benchmark database: the library's {@link JdbcStorage} and, beside it, a data source to the same
 * database for the hand-written baseline.
 *
 * <ul>
 *   <li>H2: a file in a new temporary folder. The library uses {@link JdbcStorage#embeddedH2(Path)}; the
 *       baseline uses an H2 {@link JdbcConnectionPool} with exactly the URL, user and pool size that
 *       {@code embeddedH2} uses, so both talk to the same open database the same way.</li>
 *   <li>PostgreSQL: {@code CRM_PG_URL} ({@code jdbc:postgresql://127.0.0.1:5432/test}), {@code CRM_PG_USER}
 *       ({@code postgres}), {@code CRM_PG_PASSWORD} (empty), as the tests; the tables live in the schema
 *       {@code CRM_BENCH_PG_SCHEMA} ({@code crm_bench}) so that the benchmarks never touch the tests' tables.
 *       One HikariCP pool with {@code reWriteBatchedInserts=true} serves the library and the baseline.</li>
 * </ul>
 */
final class BenchDatabase implements AutoCloseable {

  /** Every table of the schema. */
  static final List<String> TABLES = List.of("crm_party_role", "crm_party_tag", "crm_party_attribute",
      "crm_party_email", "crm_party_phone", "crm_party_external_id", "crm_party", "crm_relationship", "crm_audit",
      "crm_tenant_counter", "crm_tenant_settings", "crm_idempotency", "crm_interaction",
      "crm_interaction_last_contact", "crm_conversation", "crm_obligation_escalation", "crm_obligation",
      "crm_rule_set", "crm_notification", "crm_contact", "crm_outbox", "crm_party_stage", "crm_vision",
      "crm_measurement", "crm_ledger");

  private final Dialect dialect;
  private final JdbcStorage storage;
  private final DataSource dataSource;
  private final AutoCloseable closer;

  private BenchDatabase(Dialect dialect, JdbcStorage storage, DataSource dataSource, AutoCloseable closer) {
    this.dialect = dialect;
    this.storage = storage;
    this.dataSource = dataSource;
    this.closer = closer;
  }

  /** A new, empty H2 file in a new temporary folder (deleted on close), or the PostgreSQL schema as it is. */
  static BenchDatabase open(Dialect dialect) {
    return open(dialect, "");
  }

  /**
   * A new, empty H2 file in a new temporary folder (deleted on close), or the PostgreSQL schema named
   * {@code CRM_BENCH_PG_SCHEMA} followed by {@code schemaSuffix} (created if missing) as it is: a benchmark that
   * needs two databases at once gives each its own suffix.
   */
  static BenchDatabase open(Dialect dialect, String schemaSuffix) {
    return switch (dialect) {
      case H2 -> h2(newTemporaryFolder(), true);
      case POSTGRESQL -> postgres(pgSchema() + schemaSuffix);
      case MARIADB -> throw new IllegalArgumentException("the benchmarks run on H2 and PostgreSQL");
    };
  }

  /** The H2 database in {@code folder} (created if missing), kept on close; or the PostgreSQL schema. */
  static BenchDatabase open(Dialect dialect, Path folder) {
    return dialect == Dialect.H2 ? h2(folder, false) : open(dialect);
  }

  static Path newTemporaryFolder() {
    try {
      return Files.createTempDirectory("crm-bench-h2");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static BenchDatabase h2(Path dir, boolean deleteOnClose) {
    Path file = dir.resolve("crm");
    JdbcStorage storage = JdbcStorage.embeddedH2(file);
    // the same URL, user and pool size as JdbcStorage.embeddedH2
    JdbcConnectionPool pool = JdbcConnectionPool.create("jdbc:h2:file:" + file.toAbsolutePath()
        + ";DB_CLOSE_ON_EXIT=FALSE;MAX_LENGTH_INPLACE_LOB=16384", "sa", "");
    pool.setMaxConnections(16);
    return new BenchDatabase(Dialect.H2, storage, pool, () -> {
      pool.dispose();
      storage.close();
      if (deleteOnClose) {
        deleteRecursively(dir);
      }
    });
  }

  private static BenchDatabase postgres(String schema) {
    if (!schema.matches("[a-z_][a-z0-9_]{0,62}")) {
      throw new IllegalArgumentException("the PostgreSQL schema must be a plain lower-case identifier, was " + schema);
    }
    try (Connection c = DriverManager.getConnection(pgUrl(), pgProperties());
        Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
    } catch (SQLException e) {
      throw new IllegalStateException("PostgreSQL is not reachable at " + pgUrl() + ": " + e.getMessage(), e);
    }
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(pgUrl());
    config.setUsername(env("CRM_PG_USER", "postgres"));
    config.setPassword(env("CRM_PG_PASSWORD", ""));
    config.addDataSourceProperty("reWriteBatchedInserts", "true");
    config.addDataSourceProperty("currentSchema", schema);
    config.setMaximumPoolSize(4);
    config.setPoolName("crm-bench");
    HikariDataSource pool = new HikariDataSource(config);
    JdbcStorage storage = JdbcStorage.builder(pool).build();
    return new BenchDatabase(Dialect.POSTGRESQL, storage, pool, pool::close);
  }

  /** Whether PostgreSQL answers at the configured address; the reason it does not, otherwise. */
  static String postgresProblem() {
    Properties properties = pgProperties();
    properties.setProperty("connectTimeout", "3");
    try (Connection c = DriverManager.getConnection(pgUrl(), properties)) {
      return c.isValid(3) ? null : "the connection is not valid";
    } catch (SQLException e) {
      return e.getMessage();
    }
  }

  static String pgUrl() {
    return env("CRM_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
  }

  private static String pgSchema() {
    String schema = env("CRM_BENCH_PG_SCHEMA", "crm_bench");
    if (!schema.matches("[a-z_][a-z0-9_]{0,62}")) {
      throw new IllegalArgumentException("CRM_BENCH_PG_SCHEMA must be a plain lower-case identifier, was " + schema);
    }
    return schema;
  }

  private static Properties pgProperties() {
    Properties properties = new Properties();
    properties.setProperty("user", env("CRM_PG_USER", "postgres"));
    properties.setProperty("password", env("CRM_PG_PASSWORD", ""));
    return properties;
  }

  Dialect dialect() {
    return dialect;
  }

  /** The library's storage. */
  JdbcStorage storage() {
    return storage;
  }

  /** The same database, for the hand-written baseline. */
  DataSource dataSource() {
    return dataSource;
  }

  /** Empties every table (the schema stays). */
  void truncate() {
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      if (dialect == Dialect.POSTGRESQL) {
        s.execute("TRUNCATE " + String.join(", ", TABLES));
      } else {
        for (String table : TABLES) {
          s.execute("TRUNCATE TABLE " + table);
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("emptying the benchmark tables failed", e);
    }
  }

  /** Refreshes the planner's statistics after a bulk load (PostgreSQL; H2 needs nothing). */
  void analyze() {
    if (dialect != Dialect.POSTGRESQL) {
      return;
    }
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      s.execute("ANALYZE");
    } catch (SQLException e) {
      throw new IllegalStateException("ANALYZE failed", e);
    }
  }

  /** The number of rows of {@code table}. */
  long count(String table) {
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
        var rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException("counting " + table + " failed", e);
    }
  }

  @Override
  public void close() {
    try {
      closer.close();
    } catch (Exception e) {
      throw new IllegalStateException("closing the benchmark database failed", e);
    }
  }

  static void deleteRecursively(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
