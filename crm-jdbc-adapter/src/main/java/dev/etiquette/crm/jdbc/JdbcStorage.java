package dev.etiquette.crm.jdbc;

import static java.util.Objects.requireNonNull;

import dev.etiquette.crm.api.StorageException;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.party.AuditEntry;
import dev.etiquette.crm.api.party.Party;
import dev.etiquette.crm.api.spi.Prepared;
import dev.etiquette.crm.api.spi.Storage;
import dev.etiquette.crm.jdbc.internal.JdbcTransaction;
import dev.etiquette.crm.jdbc.internal.RuleSetCache;
import dev.etiquette.crm.jdbc.internal.SqlErrors;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.h2.jdbcx.JdbcConnectionPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Storage} over JDBC, for H2, PostgreSQL and MariaDB.
 *
 * <p>Each {@link #write} runs in one database transaction on one connection from the data source, and
 * commits when the work returns; each {@link #read} runs on one connection in auto-commit mode. The host
 * brings the data source, and with it the pool: the storage opens and closes connections as it needs them.
 * The transaction isolation is the data source's default (read committed on H2 and PostgreSQL, repeatable
 * read on MariaDB); the storage's guarantees hold under either.
 *
 * <p>On {@link Builder#build()} the storage connects once, detects the dialect and (unless turned off)
 * migrates the schema. Migrations are safe when several processes start at once: they take a database
 * lock (an advisory lock on PostgreSQL, a named lock on MariaDB) around Flyway, so one process migrates
 * and the others find the schema up to date. Building needs three connections from the pool at once (one
 * holds the lock, Flyway uses two).
 *
 * <p>Failures are reported as {@link StorageException}s naming the operation and saying whether a retry
 * may help; the transaction is rolled back first, so nothing is half-written. No {@link SQLException}
 * escapes.
 */
public final class JdbcStorage implements Storage {

  private static final Logger LOG = LoggerFactory.getLogger(JdbcStorage.class);
  /** Serializes migrations of storages built in this JVM. */
  private static final Object MIGRATION_LOCK = new Object();
  /** The PostgreSQL advisory lock key of migrations ("ETQCRM" in ASCII). */
  private static final long MIGRATION_LOCK_KEY = 0x455451_43524DL;

  private final DataSource dataSource;
  private final String location;
  private final Dialect dialect;
  private final AutoCloseable onClose;
  private final AtomicBoolean closed = new AtomicBoolean();
  /** Parsed rule sets, shared by every transaction: a stored version never changes. */
  private final RuleSetCache ruleSets = new RuleSetCache(RuleSetCache.DEFAULT_MAX_CHARS);

  private JdbcStorage(DataSource dataSource, String location, Dialect dialect, AutoCloseable onClose) {
    this.dataSource = dataSource;
    this.location = location;
    this.dialect = dialect;
    this.onClose = onClose;
  }

  /** Starts building a storage over {@code dataSource}. */
  public static Builder builder(DataSource dataSource) {
    requireNonNull(dataSource, "dataSource");
    return new Builder(dataSource, describe(dataSource));
  }

  /**
   * A storage in an embedded H2 database file, with a small connection pool, migrated and ready. The
   * database lives in {@code <file>.mv.db}; its folder is created if missing. {@link #close()} closes the
   * pool and the database. The database keeps JSON documents of up to 16 KiB inside their rows
   * ({@code MAX_LENGTH_INPLACE_LOB=16384}; H2's default is 256 bytes): writing and reading a party then touches no
   * separate LOB store.
   *
   * @param file the database file, without the {@code .mv.db} suffix
   * @throws StorageException if the file cannot be opened (for instance another process holds it)
   */
  public static JdbcStorage embeddedH2(Path file) {
    requireNonNull(file, "file");
    String url = "jdbc:h2:file:" + file.toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE;MAX_LENGTH_INPLACE_LOB=16384";
    JdbcConnectionPool pool = JdbcConnectionPool.create(url, "sa", "");
    pool.setMaxConnections(16);
    try {
      return new Builder(pool, withoutPassword(url)).dialect(Dialect.H2).closing(() -> {
        try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement("SHUTDOWN")) {
          ps.execute();
        } finally {
          pool.dispose();
        }
      }).build();
    } catch (RuntimeException e) {
      pool.dispose();
      throw e;
    }
  }

  /** The database this storage talks to. */
  public Dialect dialect() {
    return dialect;
  }

  @Override
  public <T> T write(Work<T> work) {
    requireNonNull(work, "work");
    try (Connection connection = connect("begin a write transaction")) {
      JdbcTransaction tx = new JdbcTransaction(connection, dialect, this::createCounter, ruleSets);
      try {
        connection.setAutoCommit(false);
        T result = work.run(tx);
        tx.flush(); // the rows that bulk inserts left for the end of the transaction
        connection.commit();
        return result;
      } catch (SQLException e) {
        rollback(connection);
        throw SqlErrors.commitFailed(e);
      } catch (RuntimeException | Error e) {
        rollback(connection);
        throw e;
      } finally {
        tx.close();
      }
    } catch (SQLException e) {
      throw SqlErrors.storage("release connection", e);
    }
  }

  @Override
  public <T> T read(Work<T> work) {
    requireNonNull(work, "work");
    try (Connection connection = connect("begin a read")) {
      JdbcTransaction tx = new JdbcTransaction(connection, dialect, this::createCounter, ruleSets);
      try {
        return work.run(tx);
      } finally {
        tx.close();
      }
    } catch (SQLException e) {
      throw SqlErrors.storage("release connection", e);
    }
  }

  /**
   * Writes the parties' JSON documents and the values of their index and lifecycle rows, so that the
   * {@code insertAll} of a transaction only binds and sends them.
   */
  @Override
  public Prepared<Party> prepareParties(List<Party> parties) {
    requireNonNull(parties, "parties");
    return JdbcTransaction.prepareParties(parties);
  }

  /** Writes the JSON of the entries' changes, so that the {@code appendAll} of a transaction only binds and sends it. */
  @Override
  public Prepared<AuditEntry> prepareAudit(List<AuditEntry> entries) {
    requireNonNull(entries, "entries");
    return JdbcTransaction.prepareAudit(entries);
  }

  /** Closes what the builder was told to close; a second call does nothing. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      onClose.close();
    } catch (Exception e) {
      LOG.warn("closing the JDBC storage failed", e);
    }
  }

  private Connection connect(String operation) {
    try {
      Connection connection = dataSource.getConnection();
      if (!connection.getAutoCommit()) {
        connection.setAutoCommit(true);
      }
      return connection;
    } catch (SQLException e) {
      throw SqlErrors.connect(operation + " (connect to " + location + ")", e);
    }
  }

  private static void rollback(Connection connection) {
    try {
      connection.rollback();
    } catch (SQLException e) {
      LOG.debug("rollback failed; the connection is probably gone, and its transaction with it", e);
    }
  }

  /** Creates a tenant's counter row in a transaction of its own; losing a race to another creator is fine. */
  private void createCounter(TenantId tenant, String name) {
    try (Connection connection = connect("create counter")) {
      connection.setAutoCommit(true);
      try (PreparedStatement ps = connection.prepareStatement(
          "INSERT INTO crm_tenant_counter (tenant_id, counter_name, current_value) VALUES (?, ?, 0)")) {
        ps.setString(1, tenant.value());
        ps.setString(2, name);
        ps.executeUpdate();
      } catch (SQLException e) {
        if (!SqlErrors.isUniqueViolation(e)) {
          throw SqlErrors.storage("create counter", e);
        }
      }
    } catch (SQLException e) {
      throw SqlErrors.storage("create counter", e);
    }
  }

  /** The data source's JDBC URL without credentials, for messages; or its class name. */
  static String describe(DataSource dataSource) {
    for (String getter : new String[] {"getJdbcUrl", "getUrl", "getURL"}) {
      try {
        Method method = dataSource.getClass().getMethod(getter);
        Object url = method.invoke(dataSource);
        if (url instanceof String s && !s.isBlank()) {
          return withoutPassword(s);
        }
      } catch (ReflectiveOperationException | RuntimeException e) {
        // try the next getter
      }
    }
    return dataSource.getClass().getName();
  }

  static String withoutPassword(String url) {
    return SqlErrors.withoutPassword(url);
  }

  /** Builds a {@link JdbcStorage}. */
  public static final class Builder {
    private final DataSource dataSource;
    private final String location;
    private Dialect dialect;
    private boolean migrate = true;
    private AutoCloseable onClose = () -> {};

    /** @param location where the data source connects to, without password, for messages */
    private Builder(DataSource dataSource, String location) {
      this.dataSource = dataSource;
      this.location = location;
    }

    /** The database's dialect; detected from the connection when not given. */
    public Builder dialect(Dialect dialect) {
      this.dialect = requireNonNull(dialect, "dialect");
      return this;
    }

    /**
     * Whether {@link #build()} migrates the schema (the default). Turn it off when the host runs the
     * shipped migrations with its own tool.
     */
    public Builder migrate(boolean migrate) {
      this.migrate = migrate;
      return this;
    }

    /** What {@link JdbcStorage#close()} closes, such as the host's pool; by default nothing. */
    public Builder closing(AutoCloseable onClose) {
      this.onClose = requireNonNull(onClose, "onClose");
      return this;
    }

    /**
     * Connects, detects the dialect, migrates the schema and returns the storage.
     *
     * @throws StorageException if the database cannot be reached (naming its URL without the password), is
     *     not a supported one, or the migration fails
     */
    public JdbcStorage build() {
      Dialect detected;
      try (Connection connection = dataSource.getConnection()) {
        String product = connection.getMetaData().getDatabaseProductName();
        detected = dialect != null ? dialect : Dialect.fromProductName(product).orElseThrow(() ->
            new StorageException("detect dialect", false, "the database " + product
                + " is not supported; use H2, PostgreSQL or MariaDB", null));
      } catch (SQLException e) {
        throw SqlErrors.connect("connect to " + location, e);
      }
      if (migrate) {
        migrate(detected);
      }
      return new JdbcStorage(dataSource, location, detected, onClose);
    }

    /**
     * Runs the migrations while holding a database-wide lock (an advisory lock on PostgreSQL, a named lock
     * on MariaDB; H2 files belong to one process), so that storages starting at once in several processes
     * migrate one after the other: the first applies the migrations, the others find nothing to do.
     * Flyway's own locking does not cover its first steps on an empty schema.
     */
    private void migrate(Dialect detected) {
      synchronized (MIGRATION_LOCK) {
        try (Connection lock = dataSource.getConnection()) {
          lock.setAutoCommit(true);
          execute(lock, switch (detected) {
            case POSTGRESQL -> "SELECT pg_advisory_lock(" + MIGRATION_LOCK_KEY + ")";
            case MARIADB -> "SELECT GET_LOCK('etiquette_crm_migration', 300)";
            case H2 -> "SELECT 1";
          });
          try {
            Flyway.configure(JdbcStorage.class.getClassLoader())
                .dataSource(dataSource)
                .locations(detected.migrationLocation())
                .table("crm_schema_history")
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
          } catch (FlywayException e) {
            throw new StorageException("migrate schema", false,
                java.util.Objects.toString(e.getMessage(), e.getClass().getName()), e);
          } finally {
            execute(lock, switch (detected) {
              case POSTGRESQL -> "SELECT pg_advisory_unlock(" + MIGRATION_LOCK_KEY + ")";
              case MARIADB -> "SELECT RELEASE_LOCK('etiquette_crm_migration')";
              case H2 -> "SELECT 1";
            });
          }
        } catch (SQLException e) {
          throw SqlErrors.storage("lock the schema for migration", e);
        }
      }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
      try (PreparedStatement ps = connection.prepareStatement(sql)) {
        ps.execute();
      }
    }
  }
}
