package dev.etiquette.crm.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.etiquette.crm.Crm;
import dev.etiquette.crm.api.Actor;
import dev.etiquette.crm.api.CrmTenant;
import dev.etiquette.crm.api.PageRequest;
import dev.etiquette.crm.api.StorageException;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.party.AttributeDefinition;
import dev.etiquette.crm.api.party.AttributeSchema;
import dev.etiquette.crm.api.party.AttributeValue;
import dev.etiquette.crm.api.party.AuditEntry;
import dev.etiquette.crm.api.party.ExternalId;
import dev.etiquette.crm.api.party.Party;
import dev.etiquette.crm.api.party.PartyDraft;
import dev.etiquette.crm.api.party.PartyId;
import dev.etiquette.crm.api.party.PartyUpdate;
import dev.etiquette.crm.api.party.Role;
import dev.etiquette.crm.api.spi.AuditStore;
import dev.etiquette.crm.api.spi.IdempotencyStore;
import dev.etiquette.crm.api.spi.PartyStore;
import dev.etiquette.crm.api.spi.RelationshipStore;
import dev.etiquette.crm.api.spi.Storage;
import dev.etiquette.crm.api.spi.StorageTransaction;
import dev.etiquette.crm.api.spi.TenantSettingsStore;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.logging.Logger;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A connection killed by the database while its transaction is open and has written: on PostgreSQL with
 * {@code pg_terminate_backend} from another connection, on MariaDB with {@code KILL CONNECTION}. The kill
 * happens inside a {@code Parties.create} through the library, either right after the party and its index
 * rows are written (the next statement, the audit append, meets the dead connection) or after every write
 * (the commit meets it). Either way the caller gets a retryable {@link StorageException} naming the
 * operation, nothing of the transaction is in the database, and the storage keeps working on a fresh
 * connection, even from a pool of one.
 */
class FaultKilledConnectionTest {

  enum KillPoint {
    /** After the party and its index rows are written, before the audit entry: the next statement fails. */
    AFTER_PARTY_WRITES("advance counter"),
    /**
     * When the work returns, after its last statement (the library reads and writes obligations after the audit
     * entry): the commit fails.
     */
    BEFORE_COMMIT("commit");

    final String failingOperation;

    KillPoint(String failingOperation) {
      this.failingOperation = failingOperation;
    }
  }

  static Stream<Arguments> cases() {
    List<Arguments> cases = new ArrayList<>();
    for (Dialect dialect : List.of(Dialect.POSTGRESQL, Dialect.MARIADB)) {
      for (KillPoint point : KillPoint.values()) {
        cases.add(Arguments.of(dialect, point));
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}, killed {1}")
  @MethodSource("cases")
  void aConnectionKilledMidTransactionLeavesNothingHalfWrittenAndRaisesARetryableStorageException(Dialect dialect,
      KillPoint point) throws SQLException {
    HikariConfig config = ConcurrencyDatabases.config(dialect, "crm-fault-kill");
    config.setMaximumPoolSize(1); // the next operation gets the dead connection again, unless the pool dropped it
    config.setMinimumIdle(1);
    DataSource inspector = ConcurrencyDatabases.dataSource(dialect); // the same schema, another pool
    try (HikariDataSource pool = new HikariDataSource(config)) {
      RecordingDataSource recording = new RecordingDataSource(pool);
      ConcurrencyDatabases.storage(dialect); // migrated there: Flyway needs two connections on PostgreSQL
      KillingStorage storage = new KillingStorage(JdbcStorage.builder(recording).migrate(false).build(), recording,
          dialect, inspector);
      AtomicReference<String> lastPartyId = new AtomicReference<>();
      Crm crm = Crm.builder().storage(storage).idGenerator(type -> {
        String id = UUID.randomUUID().toString();
        if (type.equals("party")) {
          lastPartyId.set(id);
        }
        return id;
      }).writeAttempts(1).build(); // no automatic retry: this test looks at the failure itself
      String tenantId = "fk-" + UUID.randomUUID().toString().substring(0, 8);
      CrmTenant tenant = crm.tenant(TenantId.of(tenantId), Actor.user("fault-test"));
      tenant.configure(tenant.settings().withDefaultRegion("US")
          .withAttributes(AttributeSchema.of(AttributeDefinition.string("notes"))));
      long auditCounterBefore = auditCounter(inspector, tenantId);
      PartyDraft draft = PartyDraft.person("Killed Midway").roles(Role.CUSTOMER).email("killed@example.com")
          .phone("+14155550100").externalId("billing", "K-1").tags("vip")
          .attribute("notes", AttributeValue.of("half")).build();

      storage.arm(point);
      StorageException e = catchThrowableOfType(StorageException.class, () -> tenant.parties().create(draft));

      Kill kill = storage.kill.get();
      assertThat(kill).as("the kill happened").isNotNull();
      assertThat(kill.openAndWritten()).as("the killed session had an open transaction that had written: %s",
          kill.evidence()).isTrue();
      assertThat(e).as("what create threw after the kill").isNotNull();
      assertThat(e.retryable()).as("retryable: " + e.getMessage()).isTrue();
      assertThat(e.operation()).isEqualTo(point.failingOperation);
      assertThat(e.getMessage()).startsWith(point.failingOperation + " failed (retryable): SQL state ");
      assertThat(e).hasCauseInstanceOf(SQLException.class);
      System.out.printf("[fault] %s killed %s (%s): %s%n", dialect, point, kill.evidence(), e.getMessage());

      String partyId = lastPartyId.get();
      for (String table : List.of("crm_party", "crm_party_role", "crm_party_tag", "crm_party_attribute",
          "crm_party_email", "crm_party_phone", "crm_party_external_id")) {
        assertThat(count(inspector, "SELECT COUNT(*) FROM " + table + " WHERE tenant_id = ? AND party_id = ?",
            tenantId, partyId)).as("rows of the killed transaction in %s", table).isZero();
      }
      assertThat(count(inspector, "SELECT COUNT(*) FROM crm_audit WHERE tenant_id = ? AND record_id = ?",
          tenantId, partyId)).as("audit rows of the killed transaction").isZero();
      assertThat(auditCounter(inspector, tenantId)).as("the tenant's audit counter").isEqualTo(auditCounterBefore);

      // the storage keeps working, on a fresh connection, through the same pool of one
      assertThat(tenant.parties().find(PartyId.of(partyId))).isEmpty();
      assertThat(tenant.parties().findByExternalId(new ExternalId("billing", "K-1"))).isEmpty();
      Party again = tenant.parties().create(draft);
      assertThat(storage.lastBackend.get()).as("the backend of the next transaction").isNotEqualTo(kill.backend());
      Party updated = tenant.parties().update(again.id(), again.version(), PartyUpdate.builder().addTag("retried")
          .build());
      assertThat(tenant.parties().findByEmail("killed@example.com")).containsExactly(updated);
      List<AuditEntry> audit = tenant.audit().all(PageRequest.first(10)).items();
      assertThat(audit).extracting(AuditEntry::sequence).containsExactly(1L, 2L, 3L);
      crm.close();
    }
  }

  /** What the killer saw before the kill. */
  record Kill(long backend, boolean openAndWritten, String evidence) {}

  /**
   * A storage whose next write, once armed, has its connection killed by the database at the given point,
   * from another connection. Every write records its connection's backend id.
   */
  static final class KillingStorage implements Storage {
    private final JdbcStorage delegate;
    private final RecordingDataSource recording;
    private final Dialect dialect;
    private final DataSource killer;
    private final AtomicReference<KillPoint> armed = new AtomicReference<>();
    final AtomicReference<Kill> kill = new AtomicReference<>();
    final AtomicReference<Long> lastBackend = new AtomicReference<>();

    KillingStorage(JdbcStorage delegate, RecordingDataSource recording, Dialect dialect, DataSource killer) {
      this.delegate = delegate;
      this.recording = recording;
      this.dialect = dialect;
      this.killer = killer;
    }

    void arm(KillPoint point) {
      armed.set(point);
    }

    @Override
    public <T> T write(Work<T> work) {
      return delegate.write(tx -> {
        Connection connection = recording.current();
        long backend = backendId(connection);
        lastBackend.set(backend);
        KillPoint point = armed.getAndSet(null);
        if (point == null) {
          return work.run(tx);
        }
        Consumer<AuditEntry> killAt = entry -> kill(backend, connection, entry.tenantId().value(), entry.recordId());
        AtomicReference<AuditEntry> audited = new AtomicReference<>();
        T result = work.run(new KillingTransaction(tx, point,
            point == KillPoint.AFTER_PARTY_WRITES ? killAt : audited::set));
        if (point == KillPoint.BEFORE_COMMIT && audited.get() != null) {
          killAt.accept(audited.get());
        }
        return result;
      });
    }

    @Override
    public <T> T read(Work<T> work) {
      return delegate.read(work);
    }

    @Override
    public void close() {
      delegate.close();
    }

    private long backendId(Connection connection) {
      String sql = dialect == Dialect.POSTGRESQL ? "SELECT pg_backend_pid()" : "SELECT CONNECTION_ID()";
      try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
        rs.next();
        return rs.getLong(1);
      } catch (SQLException e) {
        throw new IllegalStateException(sql, e);
      }
    }

    /**
     * Checks that the backend's transaction is open and has written (the party row is visible on its own
     * connection and not on another), kills it from another connection and waits until it is gone.
     */
    private void kill(long backend, Connection txConnection, String tenantId, String partyId) {
      try (Connection c = killer.getConnection()) {
        String party = "SELECT COUNT(*) FROM crm_party WHERE tenant_id = ? AND party_id = ?";
        long inside = count(txConnection, party, tenantId, partyId);
        long outside = count(c, party, tenantId, partyId);
        String evidence = "the party row is visible " + inside + "x inside the transaction, " + outside
            + "x outside; ";
        boolean openAndWritten = inside == 1 && outside == 0;
        if (dialect == Dialect.POSTGRESQL) {
          try (PreparedStatement ps = c.prepareStatement(
              "SELECT state, backend_xid IS NOT NULL FROM pg_stat_activity WHERE pid = ?")) {
            ps.setInt(1, Math.toIntExact(backend));
            try (ResultSet rs = ps.executeQuery()) {
              rs.next();
              evidence += "pid " + backend + " state '" + rs.getString(1) + "', transaction id assigned: "
                  + rs.getBoolean(2);
              openAndWritten &= "idle in transaction".equals(rs.getString(1)) && rs.getBoolean(2);
            }
          }
          try (PreparedStatement ps = c.prepareStatement("SELECT pg_terminate_backend(?)")) {
            ps.setInt(1, Math.toIntExact(backend));
            ps.executeQuery().close();
          }
        } else {
          // (information_schema.INNODB_TRX would be the obvious witness, but InnoDB serves it from a cache that
          // frequent readers keep stale)
          try (Statement s = txConnection.createStatement(); ResultSet rs = s.executeQuery("SELECT @@in_transaction")) {
            rs.next();
            evidence += "connection " + backend + " @@in_transaction = " + rs.getInt(1);
            openAndWritten &= rs.getInt(1) == 1;
          }
          try (Statement s = c.createStatement()) {
            s.execute("KILL CONNECTION " + backend);
          }
        }
        awaitGone(c, backend);
        kill.set(new Kill(backend, openAndWritten, evidence));
      } catch (SQLException e) {
        throw new IllegalStateException("killing backend " + backend + " failed: " + e.getMessage(), e);
      }
    }

    /** Polls (a query per round, bounded) until the server no longer lists the backend. */
    private void awaitGone(Connection c, long backend) throws SQLException {
      String sql = dialect == Dialect.POSTGRESQL ? "SELECT COUNT(*) FROM pg_stat_activity WHERE pid = ?"
          : "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE ID = ?";
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setLong(1, backend);
        while (true) {
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            if (rs.getLong(1) == 0) {
              return;
            }
          }
          if (System.nanoTime() > deadline) {
            throw new AssertionError("backend " + backend + " was still there 10 s after the kill");
          }
        }
      }
    }
  }

  /**
   * The stores of a transaction, which hand the audit entry to {@code kill} before it is appended
   * ({@link KillPoint#AFTER_PARTY_WRITES}) or after ({@link KillPoint#BEFORE_COMMIT}, whose kill the storage does
   * when the work returns).
   */
  private record KillingTransaction(StorageTransaction tx, KillPoint point, Consumer<AuditEntry> kill)
      implements StorageTransaction, AuditStore {

    @Override
    public PartyStore parties() {
      return tx.parties();
    }

    @Override
    public RelationshipStore relationships() {
      return tx.relationships();
    }

    @Override
    public AuditStore audit() {
      return this;
    }

    @Override
    public TenantSettingsStore settings() {
      return tx.settings();
    }

    @Override
    public IdempotencyStore idempotency() {
      return tx.idempotency();
    }

    @Override
    public dev.etiquette.crm.api.spi.InteractionStore interactions() {
      return tx.interactions();
    }

    @Override
    public dev.etiquette.crm.api.spi.ConversationStore conversations() {
      return tx.conversations();
    }

    @Override
    public dev.etiquette.crm.api.spi.ObligationStore obligations() {
      return tx.obligations();
    }

    @Override
    public dev.etiquette.crm.api.spi.RuleSetStore ruleSets() {
      return tx.ruleSets();
    }

    @Override
    public dev.etiquette.crm.api.spi.NotificationStore notifications() {
      return tx.notifications();
    }

    @Override
    public dev.etiquette.crm.api.spi.ContactLedgerStore contacts() {
      return tx.contacts();
    }

    @Override
    public dev.etiquette.crm.api.spi.OutboxStore outbox() {
      return tx.outbox();
    }

    @Override
    public dev.etiquette.crm.api.spi.MeasurementStore measurements() {
      return tx.measurements();
    }

    @Override
    public dev.etiquette.crm.api.spi.FactStore facts() {
      return tx.facts();
    }

    @Override
    public AuditEntry append(AuditEntry entry) {
      if (point == KillPoint.AFTER_PARTY_WRITES) {
        kill.accept(entry);
        return tx.audit().append(entry);
      }
      AuditEntry stored = tx.audit().append(entry);
      kill.accept(entry);
      return stored;
    }

    @Override
    public List<AuditEntry> list(TenantId tenant, Optional<String> recordType, Optional<String> recordId,
        long afterSequence, int limit) {
      return tx.audit().list(tenant, recordType, recordId, afterSequence, limit);
    }
  }

  /** A data source that remembers, per thread, the connection it handed out last. */
  static final class RecordingDataSource implements DataSource {
    private final DataSource delegate;
    private final ThreadLocal<Connection> last = new ThreadLocal<>();

    RecordingDataSource(DataSource delegate) {
      this.delegate = delegate;
    }

    Connection current() {
      return last.get();
    }

    @Override
    public Connection getConnection() throws SQLException {
      Connection c = delegate.getConnection();
      last.set(c);
      return c;
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
      Connection c = delegate.getConnection(username, password);
      last.set(c);
      return c;
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
      return delegate.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
      delegate.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
      delegate.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
      return delegate.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
      return delegate.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
      return delegate.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
      return delegate.isWrapperFor(iface);
    }
  }

  private static long auditCounter(DataSource dataSource, String tenantId) {
    return count(dataSource, "SELECT COALESCE(MAX(current_value), 0) FROM crm_tenant_counter WHERE tenant_id = ?"
        + " AND counter_name = 'audit'", tenantId);
  }

  private static long count(DataSource dataSource, String sql, String... args) {
    return ConcurrencyTest.count(dataSource, sql, args);
  }

  private static long count(Connection c, String sql, String... args) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setString(i + 1, args[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }
}
