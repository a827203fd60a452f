package dev.etiquette.crm.testkit;

import static java.util.Objects.requireNonNull;

import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.measure.MeasurementPeriod;
import dev.etiquette.crm.api.obligation.ObligationKind;
import dev.etiquette.crm.api.party.LifecycleStage;
import dev.etiquette.crm.api.spi.FactStore;
import dev.etiquette.crm.api.spi.FactStore.Distribution;
import dev.etiquette.crm.api.spi.FactStore.TimeBasis;
import dev.etiquette.crm.api.spi.Storage;
import dev.etiquette.crm.internal.InMemoryStorage;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Compares what two {@link FactStore}s say about the same records: every method, over a fixed set of periods
 * around the end of summer time in Paris (the days of 24 to 27 October 2026, the two weeks either side of the
 * change, the grid's four days, an hour-aligned span and an empty one), with several measuring instants, every
 * obligation kind, two sets of customer stages and three survey names. Used with {@link MeasurementArbitraries}'
 * datasets, whose instants fall on and around those periods' boundaries.
 *
 * <p>An adapter's test checks that its aggregates equal the in-memory adapter's for any generated dataset with
 * {@link #assertAgreesWithInMemory} (or by subclassing {@link FactStoreAgreementProperties}). Counts and totals
 * must be equal; percentiles may differ by a thousandth of a millisecond (floating point in another order).
 */
public final class FactStoreAgreement {

  /** The zone of the periods asked about. */
  public static final ZoneId ZONE = ZoneId.of("Europe/Paris");
  /** How far apart two percentiles may be, in milliseconds. */
  public static final double PERCENTILE_TOLERANCE = 0.001;

  private FactStoreAgreement() {}

  /** The periods every aggregate is asked about. */
  public static List<MeasurementPeriod> periods() {
    List<MeasurementPeriod> periods = new ArrayList<>();
    for (int day = 24; day <= 27; day++) {
      periods.add(new MeasurementPeriod(LocalDate.of(2026, 10, day), LocalDate.of(2026, 10, day + 1), ZONE));
    }
    periods.add(new MeasurementPeriod(LocalDate.of(2026, 10, 19), LocalDate.of(2026, 10, 26), ZONE));
    periods.add(new MeasurementPeriod(LocalDate.of(2026, 10, 26), LocalDate.of(2026, 11, 2), ZONE));
    periods.add(new MeasurementPeriod(LocalDate.of(2026, 10, 24), LocalDate.of(2026, 10, 28), ZONE));
    periods.add(new MeasurementPeriod(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 2, 1), ZONE));
    return periods;
  }

  /** Spans of instants that are not whole days: from 07:00Z on the grid's first day for 31 hours. */
  private static List<Instant[]> spans() {
    Instant from = MeasurementArbitraries.GRID_START.plus(Duration.ofHours(7));
    return List.of(new Instant[] {from, from.plus(Duration.ofHours(31))}, new Instant[] {from, from});
  }

  /**
   * Everything {@code facts} says about the tenant for {@link #periods()}, by a description of the question
   * ({@code "slaCounts [start, end) asOf FIRST_RESPONSE"}), sorted.
   */
  public static Map<String, Object> snapshot(FactStore facts, TenantId tenant) {
    requireNonNull(facts, "facts");
    requireNonNull(tenant, "tenant");
    Map<String, Object> answers = new TreeMap<>();
    List<Instant[]> intervals = new ArrayList<>(spans());
    for (MeasurementPeriod period : periods()) {
      intervals.add(new Instant[] {period.startInstant(), period.endInstant()});
      String dates = "[" + period.start() + ", " + period.end() + ")";
      answers.put("ledgerTotals " + dates, facts.ledgerTotals(tenant, period.start(), period.end()));
    }
    List<Optional<ObligationKind>> kinds = new ArrayList<>();
    kinds.add(Optional.empty());
    for (ObligationKind kind : ObligationKind.values()) {
      kinds.add(Optional.of(kind));
    }
    for (Instant[] interval : intervals) {
      Instant start = interval[0];
      Instant end = interval[1];
      String span = "[" + start + ", " + end + ")";
      for (TimeBasis basis : TimeBasis.values()) {
        answers.put("firstResponseTimes " + span + " " + basis, facts.firstResponseTimes(tenant, start, end, basis));
      }
      answers.put("resolutionTimes " + span, facts.resolutionTimes(tenant, start, end));
      Instant middle = start.plus(Duration.between(start, end).dividedBy(2));
      for (Instant asOf : List.of(start, middle, end)) {
        for (Optional<ObligationKind> kind : kinds) {
          answers.put("slaCounts " + span + " asOf " + asOf + " " + kind.map(Enum::name).orElse("any"),
              facts.slaCounts(tenant, start, end, asOf, kind));
        }
      }
      answers.put("breaches " + span, facts.breaches(tenant, start, end));
      answers.put("escalations " + span, facts.escalations(tenant, start, end));
      answers.put("deniedContacts " + span, new TreeMap<>(facts.deniedContacts(tenant, start, end)));
      answers.put("customers " + span + " customer+evangelist", facts.customers(tenant, start, end,
          Set.of(LifecycleStage.CUSTOMER, LifecycleStage.EVANGELIST)));
      answers.put("customers " + span + " lead", facts.customers(tenant, start, end, Set.of(LifecycleStage.LEAD)));
      answers.put("stagesAt " + start, stages(facts.stagesAt(tenant, start)));
      answers.put("stagesAt " + end, stages(facts.stagesAt(tenant, end)));
      for (String survey : List.of("nps", "csat", "other")) {
        answers.put("surveyScores " + span + " " + survey, new TreeMap<>(facts.surveyScores(tenant, survey, start,
            end)));
      }
    }
    return answers;
  }

  private static Map<String, Long> stages(Map<LifecycleStage, Long> byStage) {
    Map<String, Long> sorted = new TreeMap<>();
    byStage.forEach((stage, count) -> sorted.put(stage.name(), count));
    return sorted;
  }

  /** {@link #snapshot(FactStore, TenantId)} of the storage's fact store, in one read transaction. */
  public static Map<String, Object> snapshot(Storage storage, TenantId tenant) {
    requireNonNull(storage, "storage");
    return storage.read(tx -> snapshot(tx.facts(), tenant));
  }

  /**
   * Fails, listing every question answered differently, unless the two snapshots agree: equal answers, except
   * that percentiles of equal counts and totals may differ by {@link #PERCENTILE_TOLERANCE}.
   *
   * @throws AssertionError naming each difference
   */
  public static void assertSameAnswers(Map<String, Object> expected, Map<String, Object> actual) {
    List<String> differences = new ArrayList<>();
    Set<String> questions = new TreeSet<>(expected.keySet());
    questions.addAll(actual.keySet());
    for (String question : questions) {
      Object want = expected.get(question);
      Object got = actual.get(question);
      if (!same(want, got)) {
        differences.add(question + ": expected " + want + " but was " + got);
      }
    }
    if (!differences.isEmpty()) {
      throw new AssertionError(differences.size() + " of " + questions.size() + " aggregates differ:\n  "
          + String.join("\n  ", differences));
    }
  }

  private static boolean same(Object want, Object got) {
    if (want instanceof Distribution a && got instanceof Distribution b) {
      return a.count() == b.count() && a.totalMillis() == b.totalMillis()
          && Math.abs(a.medianMillis() - b.medianMillis()) <= PERCENTILE_TOLERANCE
          && Math.abs(a.p90Millis() - b.p90Millis()) <= PERCENTILE_TOLERANCE;
    }
    return java.util.Objects.equals(want, got);
  }

  /**
   * Writes the dataset into {@code storage} (in a tenant of its own, with a random id) and into a new in-memory
   * storage, and fails unless every aggregate of {@link #snapshot} agrees.
   *
   * @throws AssertionError naming each difference
   */
  public static void assertAgreesWithInMemory(Storage storage, MeasurementDataset dataset) {
    requireNonNull(storage, "storage");
    requireNonNull(dataset, "dataset");
    TenantId tenant = TenantId.of("f-" + UUID.randomUUID().toString().substring(0, 8));
    MeasurementDataset moved = dataset.inTenant(tenant);
    Storage reference = new InMemoryStorage();
    moved.writeTo(reference);
    moved.writeTo(storage);
    assertSameAnswers(snapshot(reference, tenant), snapshot(storage, tenant));
  }
}
