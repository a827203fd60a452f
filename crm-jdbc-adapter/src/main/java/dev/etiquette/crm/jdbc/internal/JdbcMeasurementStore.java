package dev.etiquette.crm.jdbc.internal;

import static java.util.Objects.requireNonNull;

import dev.etiquette.crm.api.DuplicateKeyException;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.VersionConflictException;
import dev.etiquette.crm.api.measure.LedgerEntry;
import dev.etiquette.crm.api.measure.Measurement;
import dev.etiquette.crm.api.measure.Vision;
import dev.etiquette.crm.api.spi.MeasurementStore;
import dev.etiquette.crm.jdbc.Dialect;
import dev.etiquette.crm.json.CrmJson;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The vision ({@code crm_vision}), the measurements ({@code crm_measurement}) and the ledger ({@code crm_ledger}) over
 * the connection of one {@link JdbcTransaction}. Each record is stored as its JSON document (the library's CrmJson
 * format, which keeps doubles exact and amounts at scale 4) with the columns its queries and the aggregates use;
 * reads return the documents.
 */
final class JdbcMeasurementStore implements MeasurementStore {

  private static final String MEASUREMENT = "measurement";
  private static final String LEDGER_ENTRY = "ledger entry";

  private final Dialect dialect;
  private final JdbcTransaction tx;

  /**
   * @param dialect its database
   * @param tx the transaction, whose queries fail once it has ended
   */
  JdbcMeasurementStore(Dialect dialect, JdbcTransaction tx) {
    this.dialect = requireNonNull(dialect, "dialect");
    this.tx = requireNonNull(tx, "tx");
  }

  // ---------------------------------------------------------------- vision

  @Override
  public Optional<Vision> vision(TenantId tenant) {
    return tx.query("find vision", "SELECT document FROM crm_vision WHERE tenant_id = ?", List.of(tenant.value()),
        rs -> CrmJson.fromJson(rs.getString(1), Vision.class)).stream().findFirst();
  }

  /** One statement that inserts the tenant's row or replaces its document: concurrent writers do not collide. */
  @Override
  public void putVision(TenantId tenant, Vision vision) {
    requireNonNull(vision, "vision");
    String sql = switch (dialect) {
      case POSTGRESQL -> "INSERT INTO crm_vision (tenant_id, document) VALUES (?, ?)"
          + " ON CONFLICT (tenant_id) DO UPDATE SET document = EXCLUDED.document";
      case MARIADB -> "INSERT INTO crm_vision (tenant_id, document) VALUES (?, ?)"
          + " ON DUPLICATE KEY UPDATE document = VALUES(document)";
      case H2 -> "MERGE INTO crm_vision (tenant_id, document) KEY (tenant_id) VALUES (?, ?)";
    };
    tx.checkOpen();
    try (PreparedStatement ps = tx.connection().prepareStatement(sql)) {
      ps.setString(1, tenant.value());
      ps.setString(2, CrmJson.toJson(vision));
      ps.executeUpdate();
    } catch (SQLException e) {
      throw SqlErrors.storage("store vision", e);
    }
  }

  // ---------------------------------------------------------------- measurements

  /** The columns an insert and a replacement write, in this order, then the key. */
  private static final String MEASUREMENT_COLUMNS = "version, measured_value, recorded, taken_at, document";

  @Override
  public Optional<Measurement> find(TenantId tenant, String kpi, LocalDate start, LocalDate end) {
    requireNonNull(kpi, "kpi");
    requireNonNull(start, "start");
    requireNonNull(end, "end");
    return tx.query("find measurement", "SELECT document FROM crm_measurement WHERE tenant_id = ? AND kpi_id = ?"
        + " AND period_start = ? AND period_end = ?", List.of(tenant.value(), kpi, start, end),
        rs -> CrmJson.fromJson(rs.getString(1), Measurement.class)).stream().findFirst();
  }

  @Override
  public void insert(TenantId tenant, Measurement measurement) {
    requireNonNull(measurement, "measurement");
    tx.checkOpen();
    try (PreparedStatement ps = tx.connection().prepareStatement("INSERT INTO crm_measurement (" + MEASUREMENT_COLUMNS
        + ", tenant_id, kpi_id, period_start, period_end) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      int next = bind(ps, measurement);
      bindKey(ps, next, tenant, measurement);
      ps.executeUpdate();
    } catch (SQLException e) {
      if (SqlErrors.isUniqueViolation(e)) {
        throw new DuplicateKeyException(MEASUREMENT, id(measurement));
      }
      throw SqlErrors.storage("insert measurement", e);
    }
  }

  @Override
  public void replace(TenantId tenant, Measurement measurement, long expectedVersion) {
    requireNonNull(measurement, "measurement");
    tx.checkOpen();
    try (PreparedStatement ps = tx.connection().prepareStatement("UPDATE crm_measurement SET "
        + MEASUREMENT_COLUMNS.replace(",", " = ?,") + " = ? WHERE tenant_id = ? AND kpi_id = ? AND period_start = ?"
        + " AND period_end = ? AND version = ?")) {
      int next = bind(ps, measurement);
      next = bindKey(ps, next, tenant, measurement);
      ps.setLong(next, expectedVersion);
      if (ps.executeUpdate() == 0) {
        throw new VersionConflictException(MEASUREMENT, id(measurement), expectedVersion,
            version(tenant, measurement));
      }
    } catch (SQLException e) {
      throw SqlErrors.storage("replace measurement", e);
    }
  }

  /** Served by the key, in order. */
  @Override
  public List<Measurement> history(TenantId tenant, String kpi) {
    requireNonNull(kpi, "kpi");
    return tx.query("list measurements", "SELECT document FROM crm_measurement WHERE tenant_id = ? AND kpi_id = ?"
        + (dialect == Dialect.H2 ? " ORDER BY tenant_id, kpi_id, period_start, period_end"
            : " ORDER BY period_start, period_end"), List.of(tenant.value(), kpi),
        rs -> CrmJson.fromJson(rs.getString(1), Measurement.class));
  }

  /** Binds {@link #MEASUREMENT_COLUMNS} from parameter 1; returns the next parameter's index. */
  private static int bind(PreparedStatement ps, Measurement m) throws SQLException {
    ps.setLong(1, m.version());
    if (m.value().isPresent()) {
      ps.setDouble(2, m.value().get());
    } else {
      ps.setNull(2, Types.DOUBLE);
    }
    ps.setInt(3, m.recorded() ? 1 : 0);
    ps.setLong(4, Micros.of(m.takenAt()));
    ps.setString(5, CrmJson.toJson(m));
    return 6;
  }

  /** Binds tenant, KPI, start and end from parameter {@code index}; returns the next parameter's index. */
  private static int bindKey(PreparedStatement ps, int index, TenantId tenant, Measurement m) throws SQLException {
    ps.setString(index, tenant.value());
    ps.setString(index + 1, m.kpi());
    ps.setObject(index + 2, m.period().start());
    ps.setObject(index + 3, m.period().end());
    return index + 4;
  }

  /**
   * The measurement's latest committed version, 0 when there is none: a locking read on MariaDB, whose plain read
   * would see the transaction's snapshot (see {@code JdbcTransaction}).
   */
  private long version(TenantId tenant, Measurement m) {
    List<Long> found = tx.query("read measurement version", "SELECT version FROM crm_measurement"
        + " WHERE tenant_id = ? AND kpi_id = ? AND period_start = ? AND period_end = ?"
        + (dialect == Dialect.MARIADB ? " LOCK IN SHARE MODE" : ""),
        List.of(tenant.value(), m.kpi(), m.period().start(), m.period().end()), rs -> rs.getLong(1));
    return found.isEmpty() ? 0 : found.get(0);
  }

  /** How errors name a measurement: {@code <kpi>/<start>/<end>}, as its audit entries do. */
  private static String id(Measurement m) {
    return m.kpi() + "/" + m.period().start() + "/" + m.period().end();
  }

  // ---------------------------------------------------------------- ledger

  @Override
  public void addLedgerEntry(TenantId tenant, LedgerEntry entry) {
    requireNonNull(entry, "entry");
    tx.checkOpen();
    try (PreparedStatement ps = tx.connection().prepareStatement("INSERT INTO crm_ledger (tenant_id, entry_id, entry_kind,"
        + " category, amount, entry_date, document) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, tenant.value());
      ps.setString(2, entry.id());
      ps.setString(3, entry.kind().name());
      ps.setString(4, entry.category());
      ps.setBigDecimal(5, entry.amount());
      ps.setObject(6, entry.date());
      ps.setString(7, CrmJson.toJson(entry));
      ps.executeUpdate();
    } catch (SQLException e) {
      if (SqlErrors.isUniqueViolation(e)) {
        throw new DuplicateKeyException(LEDGER_ENTRY, "id " + entry.id());
      }
      throw SqlErrors.storage("add ledger entry", e);
    }
  }

  @Override
  public Optional<LedgerEntry> ledgerEntry(TenantId tenant, String id) {
    requireNonNull(id, "id");
    return tx.query("find ledger entry", "SELECT document FROM crm_ledger WHERE tenant_id = ? AND entry_id = ?",
        List.of(tenant.value(), id), rs -> CrmJson.fromJson(rs.getString(1), LedgerEntry.class)).stream()
        .findFirst();
  }

  /** Served by {@code crm_ledger_by_date}, in order. */
  @Override
  public List<LedgerEntry> ledger(TenantId tenant, LocalDate from, LocalDate until) {
    requireNonNull(from, "from");
    requireNonNull(until, "until");
    return tx.query("list ledger entries", "SELECT document FROM crm_ledger WHERE tenant_id = ? AND entry_date >= ?"
        + " AND entry_date < ?" + (dialect == Dialect.H2 ? " ORDER BY tenant_id, entry_date, entry_id"
            : " ORDER BY entry_date, entry_id"), List.of(tenant.value(), from, until),
        rs -> CrmJson.fromJson(rs.getString(1), LedgerEntry.class));
  }
}
