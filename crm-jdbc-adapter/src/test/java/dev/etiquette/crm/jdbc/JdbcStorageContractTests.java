package dev.etiquette.crm.jdbc;

import dev.etiquette.crm.api.spi.Storage;
import dev.etiquette.crm.testkit.StorageContract;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Nested;

/** The storage contract on each database: one small subclass per dialect. */
class JdbcStorageContractTests {

  private static final Map<Dialect, JdbcStorage> STORAGES = new EnumMap<>(Dialect.class);

  static synchronized JdbcStorage storage(Dialect dialect) {
    return STORAGES.computeIfAbsent(dialect, d -> JdbcStorage.builder(TestDatabases.dataSource(d)).build());
  }

  abstract static class OnDatabase extends StorageContract {
    abstract Dialect dialect();

    @Override
    protected Storage storage() {
      return JdbcStorageContractTests.storage(dialect());
    }

    @Override
    protected void reset() {
      storage();
      TestDatabases.clear(TestDatabases.dataSource(dialect()));
    }
  }

  @Nested
  class OnH2 extends OnDatabase {
    @Override
    Dialect dialect() {
      return Dialect.H2;
    }
  }

  @Nested
  class OnPostgreSql extends OnDatabase {
    @Override
    Dialect dialect() {
      return Dialect.POSTGRESQL;
    }
  }

  @Nested
  class OnMariaDb extends OnDatabase {
    @Override
    Dialect dialect() {
      return Dialect.MARIADB;
    }
  }
}
