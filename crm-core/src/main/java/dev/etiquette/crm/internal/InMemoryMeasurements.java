package dev.etiquette.crm.internal;

import static java.util.Objects.requireNonNull;

import dev.etiquette.crm.api.DuplicateKeyException;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.VersionConflictException;
import dev.etiquette.crm.api.measure.LedgerEntry;
import dev.etiquette.crm.api.measure.Measurement;
import dev.etiquette.crm.api.measure.Vision;
import dev.etiquette.crm.api.spi.MeasurementStore;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The vision, measurements and ledger of the {@link InMemoryStorage}: one tenant's data ({@link Data}) and the
 * store over it as one transaction sees it ({@link Store}).
 */
final class InMemoryMeasurements {

  static final String MEASUREMENT = "measurement";
  static final String LEDGER_ENTRY = "ledger entry";

  private InMemoryMeasurements() {}

  /** A measurement's key within its KPI: the period's dates. */
  record PeriodKey(LocalDate start, LocalDate end) implements Comparable<PeriodKey> {
    @Override
    public int compareTo(PeriodKey other) {
      int byStart = start.compareTo(other.start);
      return byStart != 0 ? byStart : end.compareTo(other.end);
    }
  }

  /** A ledger entry's place in the ledger: by date, then id. */
  record LedgerKey(LocalDate date, String id) implements Comparable<LedgerKey> {
    @Override
    public int compareTo(LedgerKey other) {
      int byDate = date.compareTo(other.date);
      return byDate != 0 ? byDate : id.compareTo(other.id);
    }
  }

  /** One tenant's vision, measurements (by KPI, then period) and ledger (by id, and by date then id). */
  static final class Data {
    Vision vision;
    final Map<String, NavigableMap<PeriodKey, Measurement>> measurements = new HashMap<>();
    final Map<String, LedgerEntry> ledgerById = new HashMap<>();
    final NavigableMap<LedgerKey, LedgerEntry> ledger = new TreeMap<>();
  }

  /**
   * The store for one transaction.
   *
   * @param readable a tenant's data for reading (an unknown tenant: empty, not created)
   * @param writable a tenant's data for writing
   * @param undo where each change pushes what undoes it
   */
  record Store(Function<TenantId, Data> readable, Function<TenantId, Data> writable, Deque<Runnable> undo)
      implements MeasurementStore {

    @Override
    public Optional<Vision> vision(TenantId tenant) {
      return Optional.ofNullable(readable.apply(tenant).vision);
    }

    @Override
    public void putVision(TenantId tenant, Vision vision) {
      requireNonNull(vision, "vision");
      Data data = writable.apply(tenant);
      Vision before = data.vision;
      data.vision = vision;
      undo.push(() -> data.vision = before);
    }

    @Override
    public Optional<Measurement> find(TenantId tenant, String kpi, LocalDate start, LocalDate end) {
      requireNonNull(kpi, "kpi");
      PeriodKey key = new PeriodKey(requireNonNull(start, "start"), requireNonNull(end, "end"));
      NavigableMap<PeriodKey, Measurement> ofKpi = readable.apply(tenant).measurements.get(kpi);
      return ofKpi == null ? Optional.empty() : Optional.ofNullable(ofKpi.get(key));
    }

    @Override
    public void insert(TenantId tenant, Measurement measurement) {
      requireNonNull(measurement, "measurement");
      Data data = writable.apply(tenant);
      PeriodKey key = key(measurement);
      NavigableMap<PeriodKey, Measurement> ofKpi = data.measurements.computeIfAbsent(measurement.kpi(),
          k -> new TreeMap<>());
      if (ofKpi.containsKey(key)) {
        throw new DuplicateKeyException(MEASUREMENT, id(measurement));
      }
      ofKpi.put(key, measurement);
      undo.push(() -> ofKpi.remove(key));
    }

    @Override
    public void replace(TenantId tenant, Measurement measurement, long expectedVersion) {
      requireNonNull(measurement, "measurement");
      Data data = writable.apply(tenant);
      PeriodKey key = key(measurement);
      NavigableMap<PeriodKey, Measurement> ofKpi = data.measurements.get(measurement.kpi());
      Measurement stored = ofKpi == null ? null : ofKpi.get(key);
      if (stored == null || stored.version() != expectedVersion) {
        throw new VersionConflictException(MEASUREMENT, id(measurement), expectedVersion,
            stored == null ? 0 : stored.version());
      }
      ofKpi.put(key, measurement);
      undo.push(() -> ofKpi.put(key, stored));
    }

    @Override
    public List<Measurement> history(TenantId tenant, String kpi) {
      requireNonNull(kpi, "kpi");
      NavigableMap<PeriodKey, Measurement> ofKpi = readable.apply(tenant).measurements.get(kpi);
      return ofKpi == null ? List.of() : List.copyOf(ofKpi.values());
    }

    @Override
    public void addLedgerEntry(TenantId tenant, LedgerEntry entry) {
      requireNonNull(entry, "entry");
      Data data = writable.apply(tenant);
      if (data.ledgerById.containsKey(entry.id())) {
        throw new DuplicateKeyException(LEDGER_ENTRY, "id " + entry.id());
      }
      LedgerKey key = new LedgerKey(entry.date(), entry.id());
      data.ledgerById.put(entry.id(), entry);
      data.ledger.put(key, entry);
      undo.push(() -> {
        data.ledger.remove(key);
        data.ledgerById.remove(entry.id());
      });
    }

    @Override
    public Optional<LedgerEntry> ledgerEntry(TenantId tenant, String id) {
      return Optional.ofNullable(readable.apply(tenant).ledgerById.get(requireNonNull(id, "id")));
    }

    @Override
    public List<LedgerEntry> ledger(TenantId tenant, LocalDate from, LocalDate until) {
      return new ArrayList<>(range(readable.apply(tenant), from, until).values());
    }
  }

  /** The tenant's ledger entries dated in {@code [from, until)}, by date then id. */
  static NavigableMap<LedgerKey, LedgerEntry> range(Data data, LocalDate from, LocalDate until) {
    requireNonNull(from, "from");
    requireNonNull(until, "until");
    if (!from.isBefore(until)) {
      return new TreeMap<>();
    }
    return data.ledger.subMap(new LedgerKey(from, ""), true, new LedgerKey(until, ""), false);
  }

  private static PeriodKey key(Measurement m) {
    return new PeriodKey(m.period().start(), m.period().end());
  }

  /** How errors name a measurement: {@code <kpi>/<start>/<end>}, as its audit entries do. */
  static String id(Measurement m) {
    return m.kpi() + "/" + m.period().start() + "/" + m.period().end();
  }
}
