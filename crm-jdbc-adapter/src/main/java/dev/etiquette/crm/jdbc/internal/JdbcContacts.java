package dev.etiquette.crm.jdbc.internal;

import static java.util.Objects.requireNonNull;

import dev.etiquette.crm.api.DuplicateKeyException;
import dev.etiquette.crm.api.NotFoundException;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.VersionConflictException;
import dev.etiquette.crm.api.contact.ContactEntry;
import dev.etiquette.crm.api.contact.ContactId;
import dev.etiquette.crm.api.party.PartyId;
import dev.etiquette.crm.api.spi.ContactLedgerStore;
import dev.etiquette.crm.api.spi.ContactPosition;
import dev.etiquette.crm.jdbc.Dialect;
import dev.etiquette.crm.json.CrmJson;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The contact ledger ({@code crm_contact}) over the connection of one {@link JdbcTransaction}.
 *
 * <p>{@link #lockParty} locks the party's row of {@code crm_party} with {@code SELECT ... FOR UPDATE} (on H2,
 * PostgreSQL and MariaDB alike): a second transaction that reserves for the same party waits there until the
 * first one commits or rolls back, and then counts the first one's entry. Under MariaDB's repeatable read that
 * holds because the lock is the transaction's first read: its snapshot is taken by the first plain read after
 * the lock, once the previous holder has committed.
 *
 * <p>Instants are kept as microseconds, as everywhere in the schema; an entry's instant has whole microseconds,
 * and a query bound with a fraction of a microsecond is rounded up, so that {@code [from, to)} keeps exactly the
 * entries it should.
 */
final class JdbcContacts implements ContactLedgerStore {

  /** The columns an insert and an update write, in this order, then tenant_id and contact_id. */
  private static final String COLUMNS = "version, party_id, contact_at, status, counted, created_at, updated_at,"
      + " document, denied_by";

  private final Dialect dialect;
  private final JdbcTransaction tx;

  /**
   * @param dialect its database
   * @param tx the transaction, whose queries fail once it has ended
   */
  JdbcContacts(Dialect dialect, JdbcTransaction tx) {
    this.dialect = requireNonNull(dialect, "dialect");
    this.tx = requireNonNull(tx, "tx");
  }

  /** Locks the party's row until the transaction ends; a concurrent locker of the same party waits. */
  @Override
  public void lockParty(TenantId tenant, PartyId party) {
    requireNonNull(party, "party");
    List<String> found = tx.query("lock party", "SELECT party_id FROM crm_party WHERE tenant_id = ? AND party_id = ?"
        + " FOR UPDATE", List.of(tenant.value(), party.value()), rs -> rs.getString(1));
    if (found.isEmpty()) {
      throw new NotFoundException("party", party.value());
    }
  }

  @Override
  public void insert(ContactEntry entry) {
    tx.checkOpen();
    try (PreparedStatement ps = tx.connection().prepareStatement("INSERT INTO crm_contact (" + COLUMNS
        + ", tenant_id, contact_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      int next = bind(ps, entry);
      ps.setString(next, entry.tenant().value());
      ps.setString(next + 1, entry.id().value());
      ps.executeUpdate();
    } catch (SQLException e) {
      if (SqlErrors.isUniqueViolation(e)) {
        throw new DuplicateKeyException("contact", "id " + entry.id());
      }
      throw SqlErrors.storage("insert contact", e);
    }
  }

  @Override
  public void update(ContactEntry entry, long expectedVersion) {
    tx.checkOpen();
    try (PreparedStatement ps = tx.connection().prepareStatement("UPDATE crm_contact SET "
        + COLUMNS.replace(",", " = ?,") + " = ? WHERE tenant_id = ? AND contact_id = ? AND version = ?")) {
      int next = bind(ps, entry);
      ps.setString(next, entry.tenant().value());
      ps.setString(next + 1, entry.id().value());
      ps.setLong(next + 2, expectedVersion);
      if (ps.executeUpdate() == 0) {
        throw new VersionConflictException("contact", entry.id().value(), expectedVersion,
            version(entry.tenant(), entry.id()));
      }
    } catch (SQLException e) {
      throw SqlErrors.storage("update contact", e);
    }
  }

  /** Binds {@link #COLUMNS} from parameter 1; returns the next parameter's index. */
  private static int bind(PreparedStatement ps, ContactEntry entry) throws SQLException {
    ps.setLong(1, entry.version());
    ps.setString(2, entry.party().value());
    ps.setLong(3, Micros.of(entry.at()));
    ps.setString(4, entry.status().name());
    ps.setInt(5, entry.counted() ? 1 : 0);
    ps.setLong(6, Micros.of(entry.createdAt()));
    ps.setLong(7, Micros.of(entry.updatedAt()));
    ps.setString(8, CrmJson.toJson(entry));
    JdbcTransaction.setNullable(ps, 9, Facts.deniedBy(entry));
    return 10;
  }

  /**
   * The entry's latest committed version, 0 when it is missing: a locking read on MariaDB, whose plain read would
   * see the transaction's snapshot (see {@code JdbcTransaction}).
   */
  private long version(TenantId tenant, ContactId id) {
    List<Long> found = tx.query("read contact version", "SELECT version FROM crm_contact WHERE tenant_id = ?"
        + " AND contact_id = ?" + (dialect == Dialect.MARIADB ? " LOCK IN SHARE MODE" : ""),
        List.of(tenant.value(), id.value()), rs -> rs.getLong(1));
    return found.isEmpty() ? 0 : found.get(0);
  }

  @Override
  public Optional<ContactEntry> find(TenantId tenant, ContactId id) {
    requireNonNull(id, "id");
    return documents("find contact", "SELECT document FROM crm_contact WHERE tenant_id = ? AND contact_id = ?",
        List.of(tenant.value(), id.value())).stream().findFirst();
  }

  /** Served by {@code crm_contact_counted}, in order. */
  @Override
  public List<ContactEntry> counted(TenantId tenant, PartyId party, Instant from, Instant to) {
    requireNonNull(party, "party");
    return documents("list counted contacts", "SELECT document FROM crm_contact WHERE tenant_id = ?"
        + " AND party_id = ? AND counted = 1 AND contact_at >= ? AND contact_at < ?"
        + orderBy("tenant_id, party_id, counted, ", "contact_at, contact_id"),
        List.of(tenant.value(), party.value(), ceilMicros(from), ceilMicros(to)));
  }

  /** Served by {@code crm_contact_by_party}, in order. */
  @Override
  public List<ContactEntry> ofParty(TenantId tenant, PartyId party, Instant from, Instant to,
      Optional<ContactPosition> after, int limit) {
    requireNonNull(party, "party");
    requireNonNull(after, "after");
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, was " + limit);
    }
    StringBuilder sql = new StringBuilder("SELECT document FROM crm_contact WHERE tenant_id = ? AND party_id = ?"
        + " AND contact_at >= ? AND contact_at < ?");
    List<Object> args = new ArrayList<>(List.of(tenant.value(), party.value(), ceilMicros(from), ceilMicros(to)));
    after.ifPresent(p -> {
      // the first condition bounds the index range; the second settles ties on contact_at by id
      sql.append(" AND contact_at >= ? AND (contact_at > ? OR contact_id > ?)");
      long at = Micros.of(p.at());
      args.addAll(List.of(at, at, p.id().value()));
    });
    sql.append(orderBy("tenant_id, party_id, ", "contact_at, contact_id")).append(" LIMIT ?");
    args.add(limit);
    return documents("list contacts of party", sql.toString(), args);
  }

  /**
   * {@code ORDER BY columns}; on H2 led by {@code fixed}, the index columns that the WHERE clause fixes, without
   * which H2 sorts instead of reading the index in order.
   */
  private String orderBy(String fixed, String columns) {
    return " ORDER BY " + (dialect == Dialect.H2 ? fixed : "") + columns;
  }

  /**
   * The least whole microsecond at or after {@code instant}: an entry's instant (whole microseconds) is at or
   * after {@code instant} exactly when it is at or after this one. Beyond the range of the column the bound is
   * its least or greatest value.
   */
  static long ceilMicros(Instant instant) {
    requireNonNull(instant, "instant");
    long seconds = instant.getEpochSecond();
    if (seconds >= Long.MAX_VALUE / 1_000_000L) {
      return Long.MAX_VALUE;
    }
    if (seconds <= Long.MIN_VALUE / 1_000_000L) {
      return Long.MIN_VALUE;
    }
    int nanos = instant.getNano();
    return seconds * 1_000_000L + nanos / 1_000 + (nanos % 1_000 == 0 ? 0 : 1);
  }

  private List<ContactEntry> documents(String operation, String sql, List<?> args) {
    return tx.query(operation, sql, args, rs -> CrmJson.fromJson(rs.getString(1), ContactEntry.class));
  }
}
