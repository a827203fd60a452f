package dev.etiquette.crm.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.EnumMap;
import java.util.Map;

/**
 * The PostgreSQL and MariaDB test databases of {@link TestDatabases} (same addresses, same skip rules), but
 * in a schema of their own ({@value #SCHEMA}; on MariaDB a database of that name): the contract suite's
 * {@code reset()} deletes every row of the default schema, and the concurrency and fault tests must not
 * lose their customers to a suite running at the same time (another build on the same server).
 */
final class ConcurrencyDatabases {

  static final String SCHEMA = "crm_reliability";

  private static final Map<Dialect, HikariDataSource> POOLS = new EnumMap<>(Dialect.class);
  private static final Map<Dialect, JdbcStorage> STORAGES = new EnumMap<>(Dialect.class);

  private ConcurrencyDatabases() {}

  /** A pool on the dialect's own schema, created if missing; skips (or, under CI, fails) like TestDatabases. */
  static synchronized HikariDataSource dataSource(Dialect dialect) {
    HikariDataSource pool = POOLS.get(dialect);
    if (pool == null) {
      HikariConfig config = config(dialect, "crm-reliability-" + dialect.name().toLowerCase(java.util.Locale.ROOT));
      pool = new HikariDataSource(config);
      POOLS.put(dialect, pool);
    }
    return pool;
  }

  /** The migrated storage over {@link #dataSource}. */
  static synchronized JdbcStorage storage(Dialect dialect) {
    return STORAGES.computeIfAbsent(dialect, d -> JdbcStorage.builder(dataSource(d)).build());
  }

  /**
   * A configuration for a new pool on the dialect's own schema: the shared test pool's settings plus the
   * schema (PostgreSQL) or catalog (MariaDB).
   */
  static HikariConfig config(Dialect dialect, String poolName) {
    if (dialect == Dialect.H2) {
      throw new IllegalArgumentException("H2 tests use a file of their own");
    }
    HikariDataSource shared = TestDatabases.dataSource(dialect);
    createSchema(dialect, shared);
    HikariConfig config = new HikariConfig();
    shared.copyStateTo(config);
    config.setPoolName(poolName);
    if (dialect == Dialect.POSTGRESQL) {
      config.setSchema(SCHEMA);
    } else {
      config.setCatalog(SCHEMA);
    }
    return config;
  }

  private static void createSchema(Dialect dialect, HikariDataSource shared) {
    String ddl = dialect == Dialect.POSTGRESQL ? "CREATE SCHEMA IF NOT EXISTS " + SCHEMA
        : "CREATE DATABASE IF NOT EXISTS " + SCHEMA;
    try (Connection c = shared.getConnection(); Statement s = c.createStatement()) {
      s.execute(ddl);
    } catch (SQLException e) {
      if (dialect == Dialect.POSTGRESQL && "23505".equals(e.getSQLState())) {
        return; // another process created it at the same moment
      }
      throw new IllegalStateException("cannot create the schema " + SCHEMA + " for the reliability tests on "
          + dialect + " (" + e.getMessage() + ")", e);
    }
  }
}
