package dev.etiquette.crm.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Migrations on an empty schema: several storages starting at once (each with a pool of its own, as
 * separate processes would) all come up, and the schema is migrated exactly once.
 */
class MigrationTest {

  /**
   * How many versioned migrations each dialect has (V1__customer_records, V2__interactions, V3__obligations,
   * V4__contacts, V5__outbox, V6__measurement and the Java migration V6_1__Backfill_measurement_facts).
   */
  private static final int MIGRATIONS = 7;

  @ParameterizedTest
  @EnumSource(value = Dialect.class, names = {"POSTGRESQL", "MARIADB"})
  void storagesStartingAtOnceMigrateTheSchemaOnce(Dialect dialect) throws Exception {
    HikariDataSource admin = TestDatabases.dataSource(dialect);
    String schema = "crm_mig_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    try (Connection c = admin.getConnection(); Statement s = c.createStatement()) {
      s.execute(dialect == Dialect.POSTGRESQL ? "CREATE SCHEMA " + schema : "CREATE DATABASE " + schema);
    }
    List<HikariDataSource> pools = new ArrayList<>();
    ExecutorService starters = Executors.newFixedThreadPool(4);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<JdbcStorage>> started = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        HikariDataSource pool = poolOn(admin, dialect, schema);
        pools.add(pool);
        started.add(starters.submit(() -> {
          go.await();
          return JdbcStorage.builder(pool).build();
        }));
      }
      go.countDown();
      for (Future<JdbcStorage> storage : started) {
        assertThat(storage.get(2, TimeUnit.MINUTES).dialect()).isEqualTo(dialect);
      }
      try (Connection c = pools.get(0).getConnection(); Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM crm_schema_history WHERE success = "
              + (dialect == Dialect.POSTGRESQL ? "true" : "1") + " AND version IS NOT NULL AND version <> '0'")) {
        rs.next();
        assertThat(rs.getInt(1)).as("each migration applied once").isEqualTo(MIGRATIONS);
      }
    } finally {
      starters.shutdownNow();
      pools.forEach(HikariDataSource::close);
      try (Connection c = admin.getConnection(); Statement s = c.createStatement()) {
        s.execute(dialect == Dialect.POSTGRESQL ? "DROP SCHEMA " + schema + " CASCADE" : "DROP DATABASE " + schema);
      }
    }
  }

  private static HikariDataSource poolOn(HikariDataSource admin, Dialect dialect, String schema) {
    HikariConfig config = new HikariConfig();
    String url = admin.getJdbcUrl();
    config.setJdbcUrl(dialect == Dialect.POSTGRESQL
        ? url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema
        : url.replaceFirst("/[^/?]*(\\?|$)", "/" + schema + "$1"));
    config.setUsername(admin.getUsername());
    config.setPassword(admin.getPassword());
    config.setMaximumPoolSize(4);
    return new HikariDataSource(config);
  }
}
