package dev.etiquette.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.etiquette.crm.api.Actor;
import dev.etiquette.crm.api.CrmTenant;
import dev.etiquette.crm.api.NotFoundException;
import dev.etiquette.crm.api.PageRequest;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.measure.BuiltInKpi;
import dev.etiquette.crm.api.measure.Cadence;
import dev.etiquette.crm.api.measure.Kpi;
import dev.etiquette.crm.api.measure.KpiDefinition;
import dev.etiquette.crm.api.measure.KpiDirection;
import dev.etiquette.crm.api.measure.KpiValue;
import dev.etiquette.crm.api.measure.Measurement;
import dev.etiquette.crm.api.measure.MeasurementPeriod;
import dev.etiquette.crm.api.measure.Objective;
import dev.etiquette.crm.api.measure.Vision;
import dev.etiquette.crm.api.party.AuditAction;
import dev.etiquette.crm.api.party.AuditEntry;
import dev.etiquette.crm.api.party.FieldChange;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * The measurement system against a model, through the public API on the in-memory storage. A random sequence of
 * recordings of two manual KPIs, measurements of a custom KPI whose source data changes between them, and
 * redefinitions of the vision that drop and restore a KPI; after every step, every KPI's history (values, versions,
 * who and when) and the audit trail (one entry per replacement, keeping the value replaced; one per change of the
 * vision) are what the model says.
 */
class MeasurementModelProperties {

  static final TenantId ACME = TenantId.of("acme");
  static final ZoneId ZONE = ZoneId.of("Asia/Kolkata");
  static final List<String> KPIS = List.of("m1", "m2", "c1");

  /** One step. */
  sealed interface Step {}

  /** Records {@code value} for a manual KPI (m1, or m2 which the vision may not have). */
  record Record(String kpi, int month, int value) implements Step {}

  /** Sets the custom KPI's source for the month (none: no data), then measures it. */
  record Measure(int month, Optional<Integer> source) implements Step {}

  /** Defines the vision with or without m2. */
  record Define(boolean withM2) implements Step {}

  @Provide
  Arbitrary<List<Step>> steps() {
    Arbitrary<Integer> months = Arbitraries.integers().between(1, 4);
    Arbitrary<Step> record = Combinators.combine(Arbitraries.of("m1", "m2"), months,
        Arbitraries.integers().between(-5, 5)).as(Record::new);
    Arbitrary<Step> measure = Combinators.combine(months, Arbitraries.integers().between(0, 9).optional(0.8))
        .as(Measure::new);
    Arbitrary<Step> define = Arbitraries.of(true, false).map(Define::new);
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(5, record), net.jqwik.api.Tuple.of(4, measure), net.jqwik.api.Tuple.of(1, define))
        .list().ofMinSize(1).ofMaxSize(30);
  }

  static MeasurementPeriod month(int m) {
    return Cadence.MONTHLY.periodContaining(LocalDate.of(2026, m, 1), ZONE);
  }

  static Vision vision(boolean withM2) {
    List<Kpi> kpis = new ArrayList<>();
    kpis.add(new Kpi("m1", "Manual one", BuiltInKpi.MANUAL.definition(), KpiDirection.HIGHER_IS_BETTER, 0, 10,
        LocalDate.of(2026, 12, 31), "alice", Cadence.MONTHLY));
    if (withM2) {
      kpis.add(new Kpi("m2", "Manual two", BuiltInKpi.MANUAL.definition(), KpiDirection.LOWER_IS_BETTER, 10, 0,
          LocalDate.of(2026, 12, 31), "bob", Cadence.MONTHLY));
    }
    kpis.add(new Kpi("c1", "Custom", KpiDefinition.of("source"), KpiDirection.HIGHER_IS_BETTER, 0, 10,
        LocalDate.of(2026, 12, 31), "carol", Cadence.MONTHLY));
    return new Vision("Measured", List.of(new Objective("o", "Objective", kpis)));
  }

  /** What the model keeps of a measurement. */
  record Stored(Optional<Double> value, boolean recorded, Instant takenAt, long version) {}

  @Property(tries = 150)
  void theHistoryAndTheAuditAreWhatTheModelSays(@ForAll("steps") List<Step> steps) {
    Map<LocalDate, Integer> source = new ConcurrentHashMap<>();
    MutableClock clock = new MutableClock(Instant.parse("2026-06-01T00:00:00Z"));
    Crm crm = Crm.builder().clock(clock)
        .kpi("source", context -> Optional.ofNullable(source.get(context.period().start()))
            .map(v -> KpiValue.of(v, Map.of("rows", 1L))).orElseGet(() -> KpiValue.none(Map.of("rows", 0L))))
        .build();
    CrmTenant acme = crm.tenant(ACME, Actor.user("tester"));
    acme.configure(acme.settings().withZone(ZONE));
    acme.measurement().define(vision(true));

    boolean withM2 = true;
    int visionChanges = 1;
    Map<String, TreeMap<LocalDate, Stored>> model = new HashMap<>();
    Map<String, List<Optional<String>>> replaced = new LinkedHashMap<>();
    for (Step step : steps) {
      Instant now = clock.advance(Duration.ofMinutes(7));
      Statistics.label("step").collect(step.getClass().getSimpleName());
      if (step instanceof Define define) {
        acme.measurement().define(vision(define.withM2()));
        if (define.withM2() != withM2) {
          visionChanges++;
        }
        withM2 = define.withM2();
        continue;
      }
      String kpi;
      int month;
      Optional<Double> value;
      boolean recorded;
      if (step instanceof Record record) {
        kpi = record.kpi();
        month = record.month();
        value = Optional.of((double) record.value());
        recorded = true;
        if (kpi.equals("m2") && !withM2) {
          assertThatThrownBy(() -> acme.measurement().record("m2", month(record.month()), record.value()))
              .isInstanceOf(NotFoundException.class);
          continue;
        }
        acme.measurement().record(kpi, month(month), record.value());
      } else {
        Measure measure = (Measure) step;
        kpi = "c1";
        month = measure.month();
        measure.source().ifPresentOrElse(v -> source.put(month(measure.month()).start(), v),
            () -> source.remove(month(measure.month()).start()));
        value = measure.source().map(Integer::doubleValue);
        recorded = false;
        acme.measurement().measure("c1", month(month));
      }
      TreeMap<LocalDate, Stored> history = model.computeIfAbsent(kpi, k -> new TreeMap<>());
      Stored before = history.get(month(month).start());
      history.put(month(month).start(), new Stored(value, recorded, now, before == null ? 1 : before.version() + 1));
      if (before != null) {
        replaced.computeIfAbsent(kpi + "/" + month(month).start() + "/" + month(month).end(), k -> new ArrayList<>())
            .add(before.value().map(String::valueOf));
      }

      for (String id : KPIS) {
        List<Stored> expected = new ArrayList<>(model.getOrDefault(id, new TreeMap<>()).values());
        List<Measurement> actual = acme.measurement().history(id);
        assertThat(actual).extracting(m -> new Stored(m.value(), m.recorded(), m.takenAt(), m.version()))
            .as("history of %s", id).isEqualTo(expected);
        assertThat(actual).allSatisfy(m -> {
          assertThat(m.kpi()).isEqualTo(id);
          assertThat(m.takenBy()).isEqualTo(Actor.user("tester"));
        });
        assertThat(actual).extracting(m -> m.period().start())
            .isEqualTo(new ArrayList<>(model.getOrDefault(id, new TreeMap<>()).keySet()));
      }
    }

    for (Map.Entry<String, List<Optional<String>>> record : replaced.entrySet()) {
      List<AuditEntry> trail = acme.audit().ofRecord("measurement", record.getKey(), PageRequest.first(100)).items();
      assertThat(trail).allSatisfy(e -> assertThat(e.action()).isEqualTo(AuditAction.UPDATED));
      assertThat(trail).extracting(e -> e.changes().stream().filter(c -> c.field().equals("value"))
          .map(FieldChange::before).findFirst().orElseThrow()).as(record.getKey()).isEqualTo(record.getValue());
    }
    long measurementEntries = acme.audit().all(PageRequest.first(PageRequest.MAX_LIMIT)).items().stream()
        .filter(e -> e.recordType().equals("measurement")).count();
    assertThat(measurementEntries).isEqualTo(replaced.values().stream().mapToLong(List::size).sum());
    assertThat(acme.audit().ofRecord("vision", "acme", PageRequest.first(100)).items()).hasSize(visionChanges);
  }
}
