package dev.etiquette.crm.internal;

import static java.util.Objects.requireNonNull;

import dev.etiquette.crm.api.Actor;
import dev.etiquette.crm.api.CrmException;
import dev.etiquette.crm.api.CrmTenant;
import dev.etiquette.crm.api.DuplicateKeyException;
import dev.etiquette.crm.api.NotFoundException;
import dev.etiquette.crm.api.StorageException;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.ValidationException;
import dev.etiquette.crm.api.VersionConflictException;
import dev.etiquette.crm.api.Violation;
import dev.etiquette.crm.api.measure.BuiltInKpi;
import dev.etiquette.crm.api.measure.Kpi;
import dev.etiquette.crm.api.measure.KpiAssessment;
import dev.etiquette.crm.api.measure.KpiDefinition;
import dev.etiquette.crm.api.measure.KpiFunction;
import dev.etiquette.crm.api.measure.KpiReport;
import dev.etiquette.crm.api.measure.KpiStatus;
import dev.etiquette.crm.api.measure.KpiUnit;
import dev.etiquette.crm.api.measure.KpiValue;
import dev.etiquette.crm.api.measure.LedgerEntry;
import dev.etiquette.crm.api.measure.MeasureRun;
import dev.etiquette.crm.api.measure.Measurement;
import dev.etiquette.crm.api.measure.MeasurementException;
import dev.etiquette.crm.api.measure.MeasurementPeriod;
import dev.etiquette.crm.api.measure.Measurements;
import dev.etiquette.crm.api.measure.Objective;
import dev.etiquette.crm.api.measure.Report;
import dev.etiquette.crm.api.measure.Vision;
import dev.etiquette.crm.api.notification.Notification;
import dev.etiquette.crm.api.notification.NotificationKind;
import dev.etiquette.crm.api.obligation.AssignedTo;
import dev.etiquette.crm.api.party.AuditAction;
import dev.etiquette.crm.api.party.AuditEntry;
import dev.etiquette.crm.api.party.FieldChange;
import dev.etiquette.crm.api.spi.IdempotencyRecord;
import dev.etiquette.crm.api.spi.StorageTransaction;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Measurements} for one tenant and actor. Built-in KPIs are computed from the storage's
 * {@link dev.etiquette.crm.api.spi.FactStore} in a read transaction, custom ones by their function through the
 * tenant's facades; the measurement is then written in a transaction of its own, with its audit entry (when it
 * replaces one) and its notification (when it leaves the KPI off track).
 *
 * <p>Notifications about KPIs are written once per key: the key is remembered as an idempotency record of type
 * {@value #NOTIFICATION_RECORD} in the transaction that writes the notification, and a key found there is not
 * notified again.
 */
final class MeasurementService implements Measurements {

  static final String VISION_RECORD = "vision";
  static final String MEASUREMENT_RECORD = "measurement";
  static final String NOTIFICATION_RECORD = "notification";

  /** How many closed periods of one KPI {@link #measureDue()} measures at most. */
  static final int MAX_DUE_PERIODS = 12;

  /** How many previous values {@link #report()} gives per KPI. */
  static final int REPORT_DEPTH = 5;

  private static final Logger LOG = LoggerFactory.getLogger(MeasurementService.class);

  private static final Comparator<Measurement> BY_PERIOD = Comparator
      .comparing((Measurement m) -> m.period().start()).thenComparing(m -> m.period().end());

  private final CrmRuntime runtime;
  private final TenantId tenant;
  private final Actor actor;
  private final Supplier<CrmTenant> facades;

  MeasurementService(CrmRuntime runtime, TenantId tenant, Actor actor, Supplier<CrmTenant> facades) {
    this.runtime = runtime;
    this.tenant = tenant;
    this.actor = actor;
    this.facades = facades;
  }

  // ------------------------------------------------------------------------------------------------- vision

  @Override
  public Vision define(Vision vision) {
    requireNonNull(vision, "vision");
    List<Violation> violations = new ArrayList<>();
    for (int o = 0; o < vision.objectives().size(); o++) {
      List<Kpi> kpis = vision.objectives().get(o).kpis();
      for (int k = 0; k < kpis.size(); k++) {
        String prefix = "objectives[" + o + "].kpis[" + k + "].";
        for (Violation v : kpis.get(k).problems(runtime.kpiFunctions().keySet())) {
          violations.add(new Violation(prefix + v.path(), v.value(), v.message()));
        }
      }
    }
    if (!violations.isEmpty()) {
      throw new ValidationException(violations);
    }
    return runtime.write(tx -> {
      Optional<Vision> before = tx.measurements().vision(tenant);
      if (before.equals(Optional.of(vision))) {
        return vision;
      }
      tx.measurements().putVision(tenant, vision);
      tx.audit().append(new AuditEntry(tenant, 0, VISION_RECORD, tenant.value(),
          before.isPresent() ? AuditAction.UPDATED : AuditAction.CREATED, actor, runtime.now(),
          AuditDiff.diff(before.map(MeasurementService::fields).orElse(new TreeMap<>()), fields(vision))));
      return vision;
    });
  }

  @Override
  public Optional<Vision> vision() {
    return runtime.storage().read(tx -> tx.measurements().vision(tenant));
  }

  /** A vision as flat fields, for the audit trail. */
  static SortedMap<String, String> fields(Vision vision) {
    SortedMap<String, String> f = new TreeMap<>();
    f.put("statement", vision.statement());
    for (Objective objective : vision.objectives()) {
      f.put("objectives." + objective.id() + ".title", objective.title());
      f.put("objectives." + objective.id() + ".kpis",
          String.join(", ", objective.kpis().stream().map(Kpi::id).toList()));
      for (Kpi kpi : objective.kpis()) {
        String prefix = "kpis." + kpi.id() + ".";
        f.put(prefix + "name", kpi.name());
        f.put(prefix + "definition", kpi.definition().toString());
        f.put(prefix + "direction", kpi.direction().name());
        f.put(prefix + "baseline", String.valueOf(kpi.baseline()));
        f.put(prefix + "target", String.valueOf(kpi.target()));
        f.put(prefix + "deadline", kpi.deadline().toString());
        f.put(prefix + "owner", kpi.owner());
        f.put(prefix + "cadence", kpi.cadence().name());
      }
    }
    return f;
  }

  // ------------------------------------------------------------------------------------------- measuring

  @Override
  public Measurement measure(String kpiId, MeasurementPeriod period) {
    requireNonNull(kpiId, "kpi");
    requireNonNull(period, "period");
    Kpi kpi = kpi(kpiId);
    if (kpi.definition().builtIn().filter(b -> b == BuiltInKpi.MANUAL).isPresent()) {
      throw ValidationException.of("kpi", kpiId, "is a manual KPI: the host records its values with record(..)");
    }
    checkZone(period);
    KpiValue value = compute(kpi.id(), kpi.definition(), period, runtime.now());
    return runtime.writeNotifying((tx, outbox) -> store(tx, outbox, kpiId, period, value, false, true));
  }

  @Override
  public Measurement record(String kpiId, MeasurementPeriod period, double value) {
    requireNonNull(kpiId, "kpi");
    requireNonNull(period, "period");
    Kpi kpi = kpi(kpiId);
    if (kpi.definition().builtIn().filter(b -> b == BuiltInKpi.MANUAL).isEmpty()) {
      throw ValidationException.of("kpi", kpiId, "is computed by the library (" + kpi.definition()
          + "): only a manual KPI is recorded");
    }
    if (!Double.isFinite(value)) {
      throw ValidationException.of("value", String.valueOf(value), "must be a finite number");
    }
    checkZone(period);
    KpiValue result = KpiValue.of(value, Map.of());
    return runtime.writeNotifying((tx, outbox) -> store(tx, outbox, kpiId, period, result, true, true));
  }

  @Override
  public KpiValue evaluate(KpiDefinition definition, MeasurementPeriod period) {
    requireNonNull(definition, "definition");
    requireNonNull(period, "period");
    List<Violation> problems = definition.problems(runtime.kpiFunctions().keySet());
    if (!problems.isEmpty()) {
      throw new ValidationException(problems);
    }
    if (definition.builtIn().filter(b -> b == BuiltInKpi.MANUAL).isPresent()) {
      throw ValidationException.of("definition.name", definition.name(),
          "a manual KPI is recorded by the host, never computed");
    }
    checkZone(period);
    return compute(definition.name(), definition, period, runtime.now());
  }

  /**
   * Computes a definition for a period: a built-in from the fact store in a read transaction, a custom one by its
   * function (which reads through the tenant's facades, in transactions of their own).
   *
   * @param kpi the KPI's id (or the definition's name), for a failure's message
   */
  private KpiValue compute(String kpi, KpiDefinition definition, MeasurementPeriod period, Instant asOf) {
    Optional<BuiltInKpi> builtIn = definition.builtIn();
    if (builtIn.isPresent()) {
      return runtime.storage().read(tx -> KpiCalculator.compute(builtIn.get(), definition, tx.facts(), tenant,
          period, asOf));
    }
    KpiFunction function = runtime.kpiFunctions().get(definition.name());
    if (function == null) {
      throw ValidationException.of("definition.name", definition.name(), "is not a registered custom KPI");
    }
    KpiValue value;
    try {
      value = function.compute(new KpiFunction.Context(facades.get(), definition, period));
    } catch (CrmException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new MeasurementException(kpi, "the custom KPI function " + definition.name() + " failed for "
          + period + ": " + e, e);
    }
    if (value == null) {
      throw new MeasurementException(kpi, "the custom KPI function " + definition.name() + " returned null for "
          + period, null);
    }
    return value;
  }

  /**
   * Stores the KPI's value for the period in {@code tx}: the first measurement of the period, or a replacement
   * whose audit entry keeps the value it replaces; then, if {@code notify}, the off-track notification when the
   * KPI is off track after it.
   */
  private Measurement store(StorageTransaction tx, Outbox outbox, String kpiId, MeasurementPeriod period,
      KpiValue value, boolean recorded, boolean notify) {
    Kpi kpi = tx.measurements().vision(tenant).flatMap(v -> v.kpi(kpiId))
        .orElseThrow(() -> new NotFoundException("kpi", kpiId));
    Instant now = runtime.now();
    Optional<Measurement> before = tx.measurements().find(tenant, kpiId, period.start(), period.end());
    Measurement measurement = new Measurement(kpiId, period, value, recorded, now, actor,
        before.map(m -> m.version() + 1).orElse(1L));
    if (before.isPresent()) {
      tx.measurements().replace(tenant, measurement, before.get().version());
      tx.audit().append(new AuditEntry(tenant, 0, MEASUREMENT_RECORD, recordId(kpiId, period), AuditAction.UPDATED,
          actor, now, changes(before.get(), measurement)));
    } else {
      tx.measurements().insert(tenant, measurement);
    }
    if (notify) {
      ZoneId zone = SettingsService.settings(tx, tenant).zone();
      KpiAssessment after = StatusMethod.assess(kpi, tx.measurements().history(tenant, kpiId), now, zone,
          Optional.empty());
      if (after.status() == KpiStatus.OFF_TRACK) {
        notifyOnce(tx, outbox, offTrack(kpi, period, after, now));
      }
    }
    return measurement;
  }

  /** The audit id of a KPI's measurement of a period: {@code <kpi>/<start>/<end>}. */
  static String recordId(String kpi, MeasurementPeriod period) {
    return kpi + "/" + period.start() + "/" + period.end();
  }

  /**
   * What replacing {@code before} with {@code after} changed: the value always (so the audit keeps the value that
   * was replaced, even when the new one is equal), then every other field that differs.
   */
  static List<FieldChange> changes(Measurement before, Measurement after) {
    List<FieldChange> changes = new ArrayList<>();
    changes.add(new FieldChange("value", before.value().map(String::valueOf), after.value().map(String::valueOf)));
    changes.addAll(AuditDiff.diff(fields(before), fields(after)));
    return changes;
  }

  private static SortedMap<String, String> fields(Measurement m) {
    SortedMap<String, String> f = new TreeMap<>();
    m.result().inputs().forEach((name, count) -> f.put("inputs." + name, String.valueOf(count)));
    m.result().breakdown().forEach((label, part) -> f.put("breakdown." + label, String.valueOf(part)));
    f.put("recorded", String.valueOf(m.recorded()));
    f.put("takenAt", m.takenAt().toString());
    f.put("takenBy", m.takenBy().toString());
    f.put("version", String.valueOf(m.version()));
    return f;
  }

  @Override
  public List<Measurement> history(String kpi) {
    requireNonNull(kpi, "kpi");
    return runtime.storage().read(tx -> tx.measurements().history(tenant, kpi));
  }

  // -------------------------------------------------------------------------------------------- due work

  @Override
  public MeasureRun measureDue() {
    Instant now = runtime.now();
    record Start(Optional<Vision> vision, ZoneId zone, Map<String, List<Measurement>> histories) {}
    Start start = runtime.storage().read(tx -> {
      Optional<Vision> vision = tx.measurements().vision(tenant);
      Map<String, List<Measurement>> histories = new LinkedHashMap<>();
      vision.ifPresent(v -> v.kpis().forEach(k -> histories.put(k.id(), tx.measurements().history(tenant, k.id()))));
      return new Start(vision, SettingsService.settings(tx, tenant).zone(), histories);
    });
    if (start.vision().isEmpty()) {
      return new MeasureRun(now, List.of(), List.of(), 0);
    }
    List<Measurement> measured = new ArrayList<>();
    Map<String, MeasurementPeriod> latestTaken = new LinkedHashMap<>();
    for (Kpi kpi : start.vision().get().kpis()) {
      if (kpi.definition().builtIn().filter(b -> b == BuiltInKpi.MANUAL).isPresent()) {
        continue;
      }
      for (MeasurementPeriod period : duePeriods(kpi, start.histories().get(kpi.id()), now, start.zone())) {
        KpiValue value;
        try {
          value = compute(kpi.id(), kpi.definition(), period, now);
        } catch (StorageException e) {
          throw e;
        } catch (RuntimeException e) {
          if (kpi.definition().builtIn().isPresent()) {
            throw e;
          }
          // a custom function that fails leaves its KPI due (and stale once the grace has passed)
          LOG.warn("tenant {}: KPI {} was not measured for {}; it stays due", tenant, kpi.id(), period, e);
          break;
        }
        try {
          measured.add(runtime.writeNotifying((tx, outbox) ->
              store(tx, outbox, kpi.id(), period, value, false, false)));
          latestTaken.put(kpi.id(), period);
        } catch (DuplicateKeyException | VersionConflictException | NotFoundException e) {
          // another process measured the period at the same time, or the vision changed under us
          LOG.debug("tenant {}: KPI {} for {} was measured elsewhere or removed: {}", tenant, kpi.id(), period,
              e.getMessage());
        }
      }
    }
    Outbox probe = runtime.newOutbox();
    MeasureRun seen = runtime.storage().read(tx -> notifyDue(tx, probe, now, measured, latestTaken, false));
    if (seen.notified() == 0) {
      return seen; // nothing new to tell: no write
    }
    for (int attempt = 1; ; attempt++) {
      try {
        return runtime.writeNotifying((tx, outbox) -> notifyDue(tx, outbox, now, measured, latestTaken, true));
      } catch (DuplicateKeyException e) {
        // another process wrote one of these notifications since we looked: look again
        if (attempt >= 3) {
          throw e;
        }
      }
    }
  }

  /**
   * The closed periods of the KPI's cadence at {@code now} after its latest measured period, at most the last
   * {@link #MAX_DUE_PERIODS}; with no measurement yet, the last closed period alone.
   */
  static List<MeasurementPeriod> duePeriods(Kpi kpi, List<Measurement> history, Instant now, ZoneId zone) {
    MeasurementPeriod last = kpi.cadence().lastClosed(now, zone);
    Optional<Measurement> latest = history.stream().max(BY_PERIOD);
    if (latest.isEmpty()) {
      return List.of(last);
    }
    List<MeasurementPeriod> due = new ArrayList<>();
    for (MeasurementPeriod p = kpi.cadence().periodContaining(latest.get().period().end(), zone);
        !p.start().isAfter(last.start()); p = kpi.cadence().next(p)) {
      if (p.start().isBefore(latest.get().period().end())) {
        continue; // the period holding the latest one's end began before it ended: it overlaps, skip it
      }
      due.add(p);
    }
    return due.size() > MAX_DUE_PERIODS ? List.copyOf(due.subList(due.size() - MAX_DUE_PERIODS, due.size())) : due;
  }

  /**
   * Stale and off-track notifications, after {@link #measureDue()}'s measurements.
   *
   * @param write whether to write them; if not, only counts those that would be written
   */
  private MeasureRun notifyDue(StorageTransaction tx, Outbox outbox, Instant now, List<Measurement> measured,
      Map<String, MeasurementPeriod> latestTaken, boolean write) {
    Optional<Vision> vision = tx.measurements().vision(tenant);
    if (vision.isEmpty()) {
      return new MeasureRun(now, measured, List.of(), 0);
    }
    ZoneId zone = SettingsService.settings(tx, tenant).zone();
    List<KpiAssessment> stale = new ArrayList<>();
    List<Notification> notifications = new ArrayList<>();
    for (Kpi kpi : vision.get().kpis()) {
      KpiAssessment assessment = StatusMethod.assess(kpi, tx.measurements().history(tenant, kpi.id()), now, zone);
      if (assessment.stale()) {
        stale.add(assessment);
        notifications.add(stale(kpi, assessment.overdue().orElseThrow(), now));
      }
      MeasurementPeriod taken = latestTaken.get(kpi.id());
      if (taken != null && assessment.status() == KpiStatus.OFF_TRACK) {
        notifications.add(offTrack(kpi, taken, assessment, now));
      }
    }
    int notified = 0;
    for (Notification notification : notifications) {
      if (write ? notifyOnce(tx, outbox, notification) : isNew(tx, outbox, notification)) {
        notified++;
      }
    }
    return new MeasureRun(now, measured, stale, notified);
  }

  /** Whether the notification would be written: some subscription takes its kind, and its key is new. */
  private boolean isNew(StorageTransaction tx, Outbox outbox, Notification notification) {
    return outbox.wanted(tenant, notification.kind())
        && tx.idempotency().find(tenant, NOTIFICATION_RECORD, notification.key()).isEmpty();
  }

  /**
   * Writes the notification unless its key was notified before or no subscription takes its kind.
   *
   * @return whether it was written
   */
  private boolean notifyOnce(StorageTransaction tx, Outbox outbox, Notification notification) {
    if (!isNew(tx, outbox, notification)) {
      return false;
    }
    tx.idempotency().insert(new IdempotencyRecord(tenant, notification.key(), NOTIFICATION_RECORD,
        notification.kpi().orElseThrow(), notification.kind().name(), notification.createdAt()));
    outbox.add(tx, notification);
    return true;
  }

  private Notification stale(Kpi kpi, MeasurementPeriod overdue, Instant now) {
    String message = "KPI " + kpi.id() + " (" + kpi.name() + ") has no measurement for " + overdue.start()
        + " to " + overdue.end().minusDays(1) + " (" + kpi.cadence().name().toLowerCase(java.util.Locale.ROOT)
        + "); it was due by " + overdue.endInstant().plus(StatusMethod.GRACE) + ".";
    return new Notification(tenant, "kpi:" + kpi.id() + ":stale:" + overdue.start(), NotificationKind.KPI_STALE,
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(kpi.id()),
        AssignedTo.owner(kpi.owner()), overdue.endInstant().plus(StatusMethod.GRACE), now, message);
  }

  private Notification offTrack(Kpi kpi, MeasurementPeriod period, KpiAssessment assessment, Instant now) {
    String message = "KPI " + kpi.id() + " (" + kpi.name() + ") is off track after its measurement for "
        + period.start() + " to " + period.end().minusDays(1) + ": latest "
        + assessment.latest().flatMap(Measurement::value).map(String::valueOf).orElse("none") + ", projected "
        + assessment.projected().map(String::valueOf).orElse("none") + " by " + kpi.deadline() + ", target "
        + kpi.target() + " from a baseline of " + kpi.baseline() + ".";
    return new Notification(tenant, "kpi:" + kpi.id() + ":off-track:" + period.start(),
        NotificationKind.KPI_OFF_TRACK, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.of(kpi.id()), AssignedTo.owner(kpi.owner()), now, now, message);
  }

  // ---------------------------------------------------------------------------------------- status, report

  @Override
  public KpiAssessment assess(String kpiId) {
    requireNonNull(kpiId, "kpi");
    Instant now = runtime.now();
    return runtime.storage().read(tx -> {
      Kpi kpi = tx.measurements().vision(tenant).flatMap(v -> v.kpi(kpiId))
          .orElseThrow(() -> new NotFoundException("kpi", kpiId));
      return StatusMethod.assess(kpi, tx.measurements().history(tenant, kpiId), now,
          SettingsService.settings(tx, tenant).zone());
    });
  }

  @Override
  public Report report() {
    return report(runtime.now(), REPORT_DEPTH);
  }

  @Override
  public Report report(Instant at, int depth) {
    requireNonNull(at, "at");
    if (depth < 0) {
      throw ValidationException.of("depth", String.valueOf(depth), "must not be negative");
    }
    return runtime.storage().read(tx -> {
      Vision vision = tx.measurements().vision(tenant)
          .orElseThrow(() -> new NotFoundException(VISION_RECORD, tenant.value()));
      ZoneId zone = SettingsService.settings(tx, tenant).zone();
      List<Report.ObjectiveReport> objectives = new ArrayList<>();
      for (Objective objective : vision.objectives()) {
        List<KpiReport> lines = new ArrayList<>();
        KpiStatus worst = KpiStatus.ACHIEVED;
        for (Kpi kpi : objective.kpis()) {
          KpiReport line = line(kpi, tx.measurements().history(tenant, kpi.id()), at, depth, zone);
          lines.add(line);
          if (StatusMethod.severity(line.assessment().status()) > StatusMethod.severity(worst)) {
            worst = line.assessment().status();
          }
        }
        objectives.add(new Report.ObjectiveReport(objective, worst, lines));
      }
      return new Report(tenant, at, vision.statement(), objectives);
    });
  }

  /**
   * One KPI's line of a report at {@code at}: what was known then (measurements taken at or before it), the last
   * closed period's measurement, up to {@code depth} earlier ones, newest first, and the assessment.
   */
  static KpiReport line(Kpi kpi, List<Measurement> stored, Instant at, int depth, ZoneId zone) {
    List<Measurement> known = stored.stream().filter(m -> !m.takenAt().isAfter(at)).sorted(BY_PERIOD).toList();
    MeasurementPeriod period = kpi.cadence().lastClosed(at, zone);
    Optional<Measurement> current = known.stream()
        .filter(m -> m.period().start().equals(period.start()) && m.period().end().equals(period.end()))
        .findFirst();
    List<Measurement> previous = new ArrayList<>();
    for (int i = known.size() - 1; i >= 0 && previous.size() < depth; i--) {
      Measurement m = known.get(i);
      if (m.period().start().isBefore(period.start())) {
        previous.add(m);
      }
    }
    return new KpiReport(kpi, unit(kpi), period, current, previous, StatusMethod.assess(kpi, known, at, zone));
  }

  /** A built-in's unit; a custom KPI's values are plain numbers, a manual one's too. */
  static KpiUnit unit(Kpi kpi) {
    return kpi.definition().builtIn().map(BuiltInKpi::unit).orElse(KpiUnit.NUMBER);
  }

  // ----------------------------------------------------------------------------------------------- ledger

  @Override
  public LedgerEntry addToLedger(LedgerEntry entry) {
    requireNonNull(entry, "entry");
    runtime.write(tx -> {
      tx.measurements().addLedgerEntry(tenant, entry);
      return null;
    });
    return entry;
  }

  @Override
  public List<LedgerEntry> ledger(LocalDate from, LocalDate until) {
    requireNonNull(from, "from");
    requireNonNull(until, "until");
    if (until.isBefore(from)) {
      throw ValidationException.of("until", until.toString(), "must not be before from, " + from);
    }
    return runtime.storage().read(tx -> tx.measurements().ledger(tenant, from, until));
  }

  // -------------------------------------------------------------------------------------------------- help

  private Kpi kpi(String id) {
    return vision().flatMap(v -> v.kpi(id)).orElseThrow(() -> new NotFoundException("kpi", id));
  }

  private void checkZone(MeasurementPeriod period) {
    ZoneId zone = runtime.storage().read(tx -> SettingsService.settings(tx, tenant).zone());
    if (!period.zone().equals(zone)) {
      throw ValidationException.of("period.zone", period.zone().getId(), "must be the tenant's zone, "
          + zone.getId());
    }
  }
}
