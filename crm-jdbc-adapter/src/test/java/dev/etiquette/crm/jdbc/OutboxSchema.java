package dev.etiquette.crm.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * A schema (PostgreSQL) or database (MariaDB) of one outbox reliability test alone, migrated, and dropped by
 * {@link #close()}: relays claim across every tenant of a storage, so these tests must not share an outbox with
 * other tests (or with what an earlier, interrupted run left). The server comes from {@link TestDatabases}, with
 * its skip rules (mandatory under {@code CI=true}).
 */
final class OutboxSchema implements AutoCloseable {

  final Dialect dialect;
  final String name;
  private final HikariConfig base;

  private OutboxSchema(Dialect dialect, String name, HikariConfig base) {
    this.dialect = dialect;
    this.name = name;
    this.base = base;
  }

  /** Creates a fresh schema on the dialect's test server and migrates it. */
  static OutboxSchema create(Dialect dialect) {
    HikariDataSource shared = TestDatabases.dataSource(dialect); // skips (fails under CI) without a server
    String name = "crm_outbox_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (Connection c = shared.getConnection(); Statement s = c.createStatement()) {
      s.execute(dialect == Dialect.POSTGRESQL ? "CREATE SCHEMA " + name : "CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create " + name + " on " + dialect + ": " + e.getMessage(), e);
    }
    HikariConfig base = new HikariConfig();
    shared.copyStateTo(base);
    OutboxSchema schema = new OutboxSchema(dialect, name, base);
    try (HikariDataSource pool = schema.pool("crm-outbox-migrate", 4)) {
      JdbcStorage.builder(pool).build(); // migrates; closing the pool is enough
    }
    return schema;
  }

  /** A new pool of at most {@code size} connections on the schema. */
  HikariDataSource pool(String poolName, int size) {
    return new HikariDataSource(config(poolName, size));
  }

  /** The configuration of such a pool, to change before opening it. */
  HikariConfig config(String poolName, int size) {
    HikariConfig config = new HikariConfig();
    base.copyStateTo(config);
    config.setPoolName(poolName);
    config.setMaximumPoolSize(size);
    config.setMinimumIdle(1);
    if (dialect == Dialect.POSTGRESQL) {
      config.setSchema(name);
    } else {
      config.setCatalog(name);
    }
    return config;
  }

  /** The {@code CRM_WORKER_*} variables under which {@link ConcurrencyWorkload#workerConfig} opens the schema. */
  Map<String, String> workerEnvironment() {
    Map<String, String> env = new HashMap<>();
    env.put("CRM_WORKER_URL", base.getJdbcUrl());
    env.put("CRM_WORKER_USER", base.getUsername());
    env.put("CRM_WORKER_PASSWORD", base.getPassword() == null ? "" : base.getPassword());
    env.put("CRM_WORKER_SCHEMA", dialect == Dialect.POSTGRESQL ? name : "");
    env.put("CRM_WORKER_CATALOG", dialect == Dialect.POSTGRESQL ? "" : name);
    return env;
  }

  @Override
  public void close() {
    try (Connection c = TestDatabases.dataSource(dialect).getConnection(); Statement s = c.createStatement()) {
      s.execute(dialect == Dialect.POSTGRESQL ? "DROP SCHEMA " + name + " CASCADE" : "DROP DATABASE " + name);
    } catch (SQLException e) {
      System.err.println("could not drop " + name + " on " + dialect.name().toLowerCase(Locale.ROOT) + ": "
          + e.getMessage());
    }
  }
}
