package dev.etiquette.crm.api.spi;

import dev.etiquette.crm.api.DuplicateKeyException;
import dev.etiquette.crm.api.StorageException;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.VersionConflictException;
import dev.etiquette.crm.api.measure.LedgerEntry;
import dev.etiquette.crm.api.measure.Measurement;
import dev.etiquette.crm.api.measure.Vision;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * What the measurement system keeps: the tenant's vision, the KPIs' measurements (one per KPI and period) and the
 * programme's ledger. Values are stored whole and read back equal ({@code equals}), doubles bit for bit,
 * amounts with their scale of 4.
 *
 * <p>Every method may throw {@link StorageException}.
 */
public interface MeasurementStore {

  /** The tenant's vision, or empty. */
  Optional<Vision> vision(TenantId tenant);

  /** Stores the tenant's vision, replacing any earlier one. */
  void putVision(TenantId tenant, Vision vision);

  /**
   * The measurement of the KPI for the period with these start and end dates, or empty.
   */
  Optional<Measurement> find(TenantId tenant, String kpi, LocalDate start, LocalDate end);

  /**
   * Inserts the first measurement (version 1) of its KPI and period.
   *
   * @throws DuplicateKeyException if the KPI already has a measurement of that period; nothing is written
   */
  void insert(TenantId tenant, Measurement measurement);

  /**
   * Replaces the measurement of its KPI and period whose stored version is {@code expectedVersion}.
   *
   * @throws VersionConflictException if the stored version differs or there is none; nothing is written
   */
  void replace(TenantId tenant, Measurement measurement, long expectedVersion);

  /** The KPI's measurements ordered by period start, then end. */
  List<Measurement> history(TenantId tenant, String kpi);

  /**
   * Adds a ledger entry.
   *
   * @throws DuplicateKeyException if the tenant has an entry with that id; nothing is written
   */
  void addLedgerEntry(TenantId tenant, LedgerEntry entry);

  /** The ledger entry with that id, or empty. */
  Optional<LedgerEntry> ledgerEntry(TenantId tenant, String id);

  /** The entries dated in {@code [from, until)}, ordered by date, then id. */
  List<LedgerEntry> ledger(TenantId tenant, LocalDate from, LocalDate until);
}
