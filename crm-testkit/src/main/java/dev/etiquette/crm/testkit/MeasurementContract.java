package dev.etiquette.crm.testkit;

import static dev.etiquette.crm.testkit.MeasurementSamples.AS_OF;
import static dev.etiquette.crm.testkit.MeasurementSamples.CUSTOMER_STAGES;
import static dev.etiquette.crm.testkit.MeasurementSamples.EMPTY;
import static dev.etiquette.crm.testkit.MeasurementSamples.NOVEMBER;
import static dev.etiquette.crm.testkit.MeasurementSamples.OCTOBER;
import static dev.etiquette.crm.testkit.MeasurementSamples.OCT_END;
import static dev.etiquette.crm.testkit.MeasurementSamples.OCT_START;
import static dev.etiquette.crm.testkit.MeasurementSamples.PARIS;
import static dev.etiquette.crm.testkit.MeasurementSamples.SEPTEMBER;
import static dev.etiquette.crm.testkit.MeasurementSamples.WEEK_43;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.etiquette.crm.api.Actor;
import dev.etiquette.crm.api.DuplicateKeyException;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.VersionConflictException;
import dev.etiquette.crm.api.measure.BuiltInKpi;
import dev.etiquette.crm.api.measure.Cadence;
import dev.etiquette.crm.api.measure.Kpi;
import dev.etiquette.crm.api.measure.KpiDefinition;
import dev.etiquette.crm.api.measure.KpiDirection;
import dev.etiquette.crm.api.measure.KpiValue;
import dev.etiquette.crm.api.measure.LedgerEntry;
import dev.etiquette.crm.api.measure.Measurement;
import dev.etiquette.crm.api.measure.MeasurementPeriod;
import dev.etiquette.crm.api.measure.Objective;
import dev.etiquette.crm.api.measure.Vision;
import dev.etiquette.crm.api.obligation.ObligationKind;
import dev.etiquette.crm.api.party.LifecycleStage;
import dev.etiquette.crm.api.spi.FactStore;
import dev.etiquette.crm.api.spi.FactStore.CustomerCounts;
import dev.etiquette.crm.api.spi.FactStore.Distribution;
import dev.etiquette.crm.api.spi.FactStore.LedgerTotals;
import dev.etiquette.crm.api.spi.FactStore.SlaCounts;
import dev.etiquette.crm.api.spi.FactStore.TimeBasis;
import dev.etiquette.crm.api.spi.Storage;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The measurement half of the storage contract: what {@link dev.etiquette.crm.api.spi.MeasurementStore} keeps
 * (the vision, measurements, the ledger) and what {@link FactStore} computes from the other stores' records.
 * {@link StorageContract} extends it, so every adapter certified by the storage contract keeps this one too;
 * an adapter may also subclass it alone, with the same hooks.
 *
 * <p>The aggregates are checked on one hand-built dataset ({@link MeasurementSamples#dataset}), whose expected
 * values were worked out by hand: the comments say which records count. Its periods are those of a tenant in
 * Europe/Paris around the end of summer time, with records exactly on the boundaries and at 23:30 local time on
 * a period's last day; and periods with no data, where every count is 0, every distribution empty, every map
 * empty. Durations are compared exactly in count and total, and to a thousandth of a millisecond in their
 * percentiles (a database may interpolate in floating point in another order).
 *
 * <p>The tests are {@code final}; {@link Capability#ROLLBACK} is the only capability they need.
 */
public abstract class MeasurementContract {

  /** How close a percentile must be to the expected one, in milliseconds. */
  private static final double PERCENTILE_TOLERANCE = 0.001;

  private TenantId tenant;
  private TenantId otherTenant;

  /** The storage under test. Called before each test; may return the same instance every time. */
  protected abstract Storage storage();

  /**
   * Brings the storage back to empty, or at least to a state the next test cannot see. The outbox's claims and
   * digest queries work across every tenant, so its entries must be gone.
   */
  protected abstract void reset();

  /** What this storage cannot do; the tests that need it are skipped. None by default. */
  protected Set<Capability> unsupported() {
    return Set.of();
  }

  @BeforeEach
  final void setUpStorage() {
    reset();
    String run = UUID.randomUUID().toString().substring(0, 8);
    tenant = TenantId.of("t-" + run);
    otherTenant = TenantId.of("u-" + run);
  }

  /** The tenant this test works in. */
  protected final TenantId tenant() {
    return tenant;
  }

  /** A second tenant of this test, for isolation checks. */
  protected final TenantId otherTenant() {
    return otherTenant;
  }

  private void require(Capability capability) {
    Assumptions.assumeFalse(unsupported().contains(capability),
        "skipped: the storage declares it does not support " + capability);
  }

  // ------------------------------------------------------------------ measurement store

  private static Kpi kpi(String id, KpiDefinition definition, double baseline, double target) {
    return new Kpi(id, "KPI " + id + " \u00e9\u20ac 'quoted'", definition, KpiDirection.LOWER_IS_BETTER, baseline,
        target, LocalDate.of(2027, 6, 30), "owner-" + id, Cadence.MONTHLY);
  }

  private static Vision vision(String statement) {
    return new Vision(statement, List.of(
        new Objective("responsive", "Answer every customer quickly", List.of(
            kpi("frt", BuiltInKpi.FIRST_RESPONSE_TIME.with(Map.of("statistic", "p90", "time", "elapsed")), 240.5,
                60),
            kpi("sla", BuiltInKpi.SLA_COMPLIANCE.definition(), 0.1 + 0.2, 1e-300))),
        new Objective("loyal", "Keep the customers we have", List.of(
            new Kpi("nps", "Net promoter score", BuiltInKpi.NPS.with(Map.of("survey", "relationship")),
                KpiDirection.HIGHER_IS_BETTER, -12.25, 40, LocalDate.of(2027, 12, 31), "Zo\u00eb", Cadence.QUARTERLY),
            new Kpi("custom", "A custom KPI", KpiDefinition.of("acme.health", Map.of("weight", "0.5")),
                KpiDirection.HIGHER_IS_BETTER, 1.7976931348623157E308, -1.7976931348623157E308,
                LocalDate.of(2026, 12, 31), "owner-x", Cadence.WEEKLY)))));
  }

  private static Measurement measurement(String kpi, LocalDate start, LocalDate end, Optional<Double> value,
      long version) {
    return new Measurement(kpi, new MeasurementPeriod(start, end, PARIS),
        new KpiValue(value, Map.of("answered", 12L, "conversations", 14L),
            Map.of("marketing/weekly-marketing", 2.0, "Robert'); DROP TABLE x;--", 0.1 + 0.2, "\u674e\u96f7", -0.5)),
        false, Instant.parse("2026-11-01T06:00:00.123456Z"), Actor.user("measurer"), version);
  }

  private static Measurement october(String kpi, double value, long version) {
    return measurement(kpi, LocalDate.of(2026, 10, 1), LocalDate.of(2026, 11, 1), Optional.of(value), version);
  }

  private void insert(TenantId tenant, Measurement measurement) {
    storage().write(tx -> {
      tx.measurements().insert(tenant, measurement);
      return null;
    });
  }

  private void replace(TenantId tenant, Measurement measurement, long expectedVersion) {
    storage().write(tx -> {
      tx.measurements().replace(tenant, measurement, expectedVersion);
      return null;
    });
  }

  private Optional<Measurement> find(TenantId tenant, String kpi, LocalDate start, LocalDate end) {
    return storage().read(tx -> tx.measurements().find(tenant, kpi, start, end));
  }

  private List<Measurement> history(TenantId tenant, String kpi) {
    return storage().read(tx -> tx.measurements().history(tenant, kpi));
  }

  private void addLedgerEntry(TenantId tenant, LedgerEntry entry) {
    storage().write(tx -> {
      tx.measurements().addLedgerEntry(tenant, entry);
      return null;
    });
  }

  private Optional<Vision> storedVision(TenantId tenant) {
    return storage().read(tx -> tx.measurements().vision(tenant));
  }

  private Optional<LedgerEntry> ledgerEntry(TenantId tenant, String id) {
    return storage().read(tx -> tx.measurements().ledgerEntry(tenant, id));
  }

  private List<String> ledgerIds(TenantId tenant, LocalDate from, LocalDate until) {
    return storage().read(tx -> tx.measurements().ledger(tenant, from, until)).stream().map(LedgerEntry::id)
        .toList();
  }

  @Test
  public final void aVisionReadBackEqualsTheVisionStoredAndAnotherReplacesIt() {
    assertThat(storedVision(tenant)).isEmpty();
    Vision first = vision("Customers hear from us when they want to, and never when they do not.");
    storage().write(tx -> {
      tx.measurements().putVision(tenant, first);
      return null;
    });
    assertThat(storedVision(tenant)).contains(first);
    Vision second = new Vision("Robert'); DROP TABLE crm_vision;-- \u202Eevil \uD83D\uDE00",
        List.of(first.objectives().get(1)));
    storage().write(tx -> {
      tx.measurements().putVision(tenant, second);
      return null;
    });
    assertThat(storedVision(tenant)).contains(second);
    assertThat(storedVision(otherTenant)).isEmpty();
  }

  @Test
  public final void aMeasurementReadBackEqualsTheMeasurementStoredDoublesBitForBit() {
    List<Double> values = List.of(0.1 + 0.2, 1e-300, Double.MIN_VALUE, 1.7976931348623157E308, -42.125, 100.0,
        2.0 / 3.0);
    for (int i = 0; i < values.size(); i++) {
      insert(tenant, october("kpi-" + i, values.get(i), 1));
    }
    Measurement none = measurement("kpi-none", LocalDate.of(2026, 10, 1), LocalDate.of(2026, 11, 1),
        Optional.empty(), 1);
    Measurement recorded = new Measurement("kpi-recorded", new MeasurementPeriod(LocalDate.of(2026, 10, 19),
        LocalDate.of(2026, 10, 26), ZoneId.of("America/New_York")),
        new KpiValue(Optional.of(7.0), Map.of(), Map.of()), true, Instant.parse("2026-10-26T04:00:00Z"),
        Actor.system(), 1);
    insert(tenant, none);
    insert(tenant, recorded);
    for (int i = 0; i < values.size(); i++) {
      Optional<Measurement> found = find(tenant, "kpi-" + i, LocalDate.of(2026, 10, 1), LocalDate.of(2026, 11, 1));
      assertThat(found).contains(october("kpi-" + i, values.get(i), 1));
      assertThat(Double.doubleToRawLongBits(found.orElseThrow().value().orElseThrow()))
          .isEqualTo(Double.doubleToRawLongBits(values.get(i)));
    }
    assertThat(find(tenant, "kpi-none", LocalDate.of(2026, 10, 1), LocalDate.of(2026, 11, 1))).contains(none);
    assertThat(find(tenant, "kpi-recorded", LocalDate.of(2026, 10, 19), LocalDate.of(2026, 10, 26)))
        .contains(recorded);
    assertThat(find(tenant, "kpi-0", LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 31))).isEmpty();
    assertThat(find(tenant, "kpi-missing", LocalDate.of(2026, 10, 1), LocalDate.of(2026, 11, 1))).isEmpty();
  }

  @Test
  public final void insertingASecondMeasurementOfAPeriodFailsAndChangesNothing() {
    Measurement first = october("frt", 42.5, 1);
    insert(tenant, first);
    assertThatThrownBy(() -> insert(tenant, october("frt", 12, 1))).isInstanceOf(DuplicateKeyException.class);
    assertThat(find(tenant, "frt", LocalDate.of(2026, 10, 1), LocalDate.of(2026, 11, 1))).contains(first);
    assertThat(history(tenant, "frt")).containsExactly(first);
  }

  @Test
  public final void aMeasurementIsReplacedAtItsStoredVersionOnly() {
    insert(tenant, october("frt", 42.5, 1));
    Measurement second = october("frt", 40, 2);
    replace(tenant, second, 1);
    assertThat(find(tenant, "frt", LocalDate.of(2026, 10, 1), LocalDate.of(2026, 11, 1))).contains(second);
    assertThatThrownBy(() -> replace(tenant, october("frt", 1, 3), 1))
        .isInstanceOf(VersionConflictException.class)
        .satisfies(e -> assertThat(((VersionConflictException) e).actualVersion()).isEqualTo(2));
    assertThat(find(tenant, "frt", LocalDate.of(2026, 10, 1), LocalDate.of(2026, 11, 1))).contains(second);
    Measurement third = october("frt", 38.25, 3);
    replace(tenant, third, 2);
    assertThat(history(tenant, "frt")).containsExactly(third);
  }

  @Test
  public final void replacingAMissingMeasurementIsAConflictWithVersionZero() {
    assertThatThrownBy(() -> replace(tenant, october("frt", 1, 2), 1))
        .isInstanceOf(VersionConflictException.class)
        .satisfies(e -> assertThat(((VersionConflictException) e).actualVersion()).isZero());
    assertThat(history(tenant, "frt")).isEmpty();
  }

  @Test
  public final void aKpisHistoryComesByPeriodStartThenEndAndHoldsOnlyItsOwn() {
    Measurement december = measurement("frt", LocalDate.of(2026, 12, 1), LocalDate.of(2027, 1, 1),
        Optional.of(3.0), 1);
    Measurement octoberToDecember = measurement("frt", LocalDate.of(2026, 10, 1), LocalDate.of(2027, 1, 1),
        Optional.of(2.0), 1);
    Measurement october = october("frt", 1, 1);
    Measurement september = measurement("frt", LocalDate.of(2026, 9, 1), LocalDate.of(2026, 10, 1),
        Optional.empty(), 1);
    insert(tenant, december);
    insert(tenant, octoberToDecember);
    insert(tenant, october("sla", 99, 1));
    insert(tenant, october);
    insert(tenant, september);
    insert(otherTenant, october("frt", 7, 1));
    assertThat(history(tenant, "frt")).containsExactly(september, october, octoberToDecember, december);
    assertThat(history(tenant, "sla")).containsExactly(october("sla", 99, 1));
    assertThat(history(tenant, "fr")).isEmpty();
    assertThat(history(otherTenant, "frt")).containsExactly(october("frt", 7, 1));
  }

  @Test
  public final void aLedgerEntryReadBackEqualsTheEntryStoredAndItsIdIsTakenOnce() {
    LedgerEntry licence = LedgerEntry.cost("lic-2026.10:a_b", LedgerEntry.LICENCE, new BigDecimal("1200.5"),
        LocalDate.of(2026, 10, 1), "Licence \u00e9\u20ac 'quoted' \"double\"");
    LedgerEntry largest = LedgerEntry.value("big", "host_own_category", new BigDecimal("999999999999999.9999"),
        LocalDate.of(2026, 10, 2), "");
    LedgerEntry reversal = LedgerEntry.cost("rev", LedgerEntry.SERVICES, new BigDecimal("-0.0001"),
        LocalDate.of(2026, 10, 3), "x".repeat(500));
    addLedgerEntry(tenant, licence);
    addLedgerEntry(tenant, largest);
    addLedgerEntry(tenant, reversal);
    assertThat(ledgerEntry(tenant, licence.id())).contains(licence);
    assertThat(ledgerEntry(tenant, "big")).contains(largest);
    assertThat(ledgerEntry(tenant, "rev")).contains(reversal);
    assertThat(ledgerEntry(tenant, "big").orElseThrow().amount().scale())
        .isEqualTo(4);
    LedgerEntry again = LedgerEntry.value("big", LedgerEntry.RETAINED_VALUE, BigDecimal.ONE,
        LocalDate.of(2027, 1, 1), "another entry with a taken id");
    assertThatThrownBy(() -> addLedgerEntry(tenant, again)).isInstanceOf(DuplicateKeyException.class);
    assertThat(ledgerEntry(tenant, "big")).contains(largest);
    assertThat(ledgerEntry(tenant, "missing")).isEmpty();
  }

  @Test
  public final void theLedgerIsReadByDateInAHalfOpenRangeThenById() {
    MeasurementSamples.dataset(tenant).ledger().forEach(entry -> addLedgerEntry(tenant, entry));
    addLedgerEntry(tenant, LedgerEntry.cost("a-first-of-oct-15", LedgerEntry.SERVICES, BigDecimal.TEN,
        LocalDate.of(2026, 10, 15), "same day as l2, smaller id"));
    // l6 is dated 30 September, l1 1 October, l2 and a-first-of-oct-15 15 October, l4 20 October, l3 31 October,
    // l5 1 November
    assertThat(ledgerIds(tenant, LocalDate.of(2026, 10, 1), LocalDate.of(2026, 11, 1)))
        .containsExactly("l1", "a-first-of-oct-15", "l2", "l4", "l3");
    assertThat(ledgerIds(tenant, LocalDate.of(2026, 9, 30), LocalDate.of(2026, 10, 2))).containsExactly("l6", "l1");
    assertThat(ledgerIds(tenant, LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 2))).containsExactly("l5");
    assertThat(ledgerIds(tenant, LocalDate.of(2026, 10, 16), LocalDate.of(2026, 10, 20))).isEmpty();
    assertThat(ledgerIds(tenant, LocalDate.of(2026, 10, 20), LocalDate.of(2026, 10, 20))).isEmpty();
    assertThat(ledgerIds(otherTenant, LocalDate.of(2026, 1, 1), LocalDate.of(2027, 1, 1))).isEmpty();
  }

  @Test
  public final void aFailedWriteLeavesNoVisionMeasurementOrLedgerEntryBehind() {
    require(Capability.ROLLBACK);
    assertThatThrownBy(() -> storage().write(tx -> {
      tx.measurements().putVision(tenant, vision("A vision that never was"));
      tx.measurements().insert(tenant, october("frt", 1, 1));
      tx.measurements().addLedgerEntry(tenant, LedgerEntry.cost("l1", LedgerEntry.LICENCE, BigDecimal.ONE,
          LocalDate.of(2026, 10, 1), ""));
      throw new IllegalStateException("the host failed");
    })).isInstanceOf(IllegalStateException.class);
    assertThat(storedVision(tenant)).isEmpty();
    assertThat(history(tenant, "frt")).isEmpty();
    assertThat(ledgerEntry(tenant, "l1")).isEmpty();
  }

  // ------------------------------------------------------------------ fact store, on the hand-built dataset

  private void writeDataset() {
    MeasurementSamples.dataset(tenant).writeTo(storage());
  }

  private <T> T facts(Function<FactStore, T> query) {
    return storage().read(tx -> query.apply(tx.facts()));
  }

  private long count(Function<FactStore, Long> query) {
    return facts(query);
  }

  private Map<String, Long> labels(Function<FactStore, Map<String, Long>> query) {
    return facts(query);
  }

  private CustomerCounts customerCounts(Function<FactStore, CustomerCounts> query) {
    return facts(query);
  }

  private Map<LifecycleStage, Long> stages(Function<FactStore, Map<LifecycleStage, Long>> query) {
    return facts(query);
  }

  private Map<Integer, Long> scores(Function<FactStore, Map<Integer, Long>> query) {
    return facts(query);
  }

  private LedgerTotals totals(Function<FactStore, LedgerTotals> query) {
    return facts(query);
  }

  private Distribution firstResponses(MeasurementPeriod period, TimeBasis basis) {
    return facts(f -> f.firstResponseTimes(tenant, period.startInstant(), period.endInstant(), basis));
  }

  private Distribution resolutions(MeasurementPeriod period) {
    return facts(f -> f.resolutionTimes(tenant, period.startInstant(), period.endInstant()));
  }

  private SlaCounts sla(MeasurementPeriod period, Instant asOf, Optional<ObligationKind> kind) {
    return facts(f -> f.slaCounts(tenant, period.startInstant(), period.endInstant(), asOf, kind));
  }

  private static void assertDistribution(Distribution actual, long count, long total, double median, double p90) {
    assertThat(actual.count()).as("count").isEqualTo(count);
    assertThat(actual.totalMillis()).as("total").isEqualTo(total);
    assertThat(actual.medianMillis()).as("median").isCloseTo(median, within(PERCENTILE_TOLERANCE));
    assertThat(actual.p90Millis()).as("p90").isCloseTo(p90, within(PERCENTILE_TOLERANCE));
  }

  @Test
  public final void theDatasetsPeriodsFallWhereTheZoneSays() {
    // guards every expectation below: October in Paris has 31 days and 1 hour, week 43 7 days and 1 hour
    assertThat(OCT_START).isEqualTo(Instant.parse("2026-09-30T22:00:00Z"));
    assertThat(OCT_END).isEqualTo(Instant.parse("2026-10-31T23:00:00Z"));
    assertThat(WEEK_43.startInstant()).isEqualTo(Instant.parse("2026-10-18T22:00:00Z"));
    assertThat(WEEK_43.endInstant()).isEqualTo(Instant.parse("2026-10-25T23:00:00Z"));
  }

  @Test
  public final void firstResponseTimesAreOverTheAnsweredConversationsWhoseFirstInboundFellInThePeriod() {
    writeDataset();
    // October: c1 30 min, c2 2 h, c3 10 min 999 µs (counted 600,000 ms), c4 (first inbound at the start) 4 h,
    // c5 (first inbound 23:30 local on the 31st, reply in November) 8 h 30, c9 1 h; not c6 and c10 (no reply),
    // c7 (first inbound at the end), c8 (1 µs before the start)
    assertDistribution(firstResponses(OCTOBER, TimeBasis.ELAPSED), 6, 58_200_000, 5_400_000, 22_500_000);
    // business times of the same: 20 min, 1 h, 10 min 999 µs, 5 min, 40 min, 0
    assertDistribution(firstResponses(OCTOBER, TimeBasis.BUSINESS), 6, 8_100_000, 900_000, 3_000_000);
    // week 43: c3 and c9 (first inbound 23:30 local on Sunday the 25th); not c10 (an hour before the week)
    assertDistribution(firstResponses(WEEK_43, TimeBasis.ELAPSED), 2, 4_200_000, 2_100_000, 3_300_000);
    assertDistribution(firstResponses(WEEK_43, TimeBasis.BUSINESS), 2, 600_000, 300_000, 540_000);
    assertDistribution(firstResponses(SEPTEMBER, TimeBasis.ELAPSED), 1, 3_600_000, 3_600_000, 3_600_000);
    assertDistribution(firstResponses(NOVEMBER, TimeBasis.BUSINESS), 1, 60_000, 60_000, 60_000);
    assertThat(firstResponses(EMPTY, TimeBasis.ELAPSED)).isEqualTo(Distribution.EMPTY);
    assertThat(firstResponses(EMPTY, TimeBasis.BUSINESS)).isEqualTo(Distribution.EMPTY);
  }

  @Test
  public final void resolutionTimesAreOverTheConversationsResolvedInThePeriod() {
    writeDataset();
    // October: c1 2 h, c2 24 h, c8 (resolved at the start, opened 1 µs before: 0 ms), c9 1 h 0.5 ms (3,600,000
    // ms), c10 (resolved at the start of week 43) 1 h; not c4 (resolved at the end), c3 (waiting), c5, c6, c7
    assertDistribution(resolutions(OCTOBER), 5, 100_800_000, 3_600_000, 54_720_000);
    assertDistribution(resolutions(WEEK_43), 1, 3_600_000, 3_600_000, 3_600_000);
    // c4: opened at the start of October, resolved at its end: 31 days and 1 hour
    assertDistribution(resolutions(NOVEMBER), 1, 2_682_000_000L, 2_682_000_000L, 2_682_000_000L);
    assertThat(resolutions(SEPTEMBER)).isEqualTo(Distribution.EMPTY);
    assertThat(resolutions(EMPTY)).isEqualTo(Distribution.EMPTY);
  }

  @Test
  public final void slaCountsSortTheObligationsDueInThePeriodByOutcome() {
    writeDataset();
    // October, at the 20th noon: on time o1, o2 (due at the start); late o3, o12 (due 23:30 local on the 31st);
    // missed o4 (breached), o5 (open, due the 19th); pending o6, o7 (scheduled); not o8, o9 (cancelled), o10 (due
    // at the end), o11 (September)
    assertThat(sla(OCTOBER, AS_OF, Optional.empty())).isEqualTo(new SlaCounts(2, 2, 2, 2));
    assertThat(sla(OCTOBER, AS_OF, Optional.of(ObligationKind.FIRST_RESPONSE))).isEqualTo(new SlaCounts(2, 1, 1, 1));
    assertThat(sla(OCTOBER, AS_OF, Optional.of(ObligationKind.FOLLOW_UP))).isEqualTo(new SlaCounts(0, 1, 1, 0));
    assertThat(sla(OCTOBER, AS_OF, Optional.of(ObligationKind.NEXT_RESPONSE))).isEqualTo(new SlaCounts(0, 0, 0, 1));
    assertThat(sla(OCTOBER, AS_OF, Optional.of(ObligationKind.DORMANCY))).isEqualTo(new SlaCounts(0, 0, 0, 0));
    // after the period every unsatisfied one is missed
    assertThat(sla(OCTOBER, OCT_END, Optional.empty())).isEqualTo(new SlaCounts(2, 2, 4, 0));
    // at o5's deadline exactly, o5 is still pending
    assertThat(sla(OCTOBER, Instant.parse("2026-10-19T09:00:00Z"), Optional.empty()))
        .isEqualTo(new SlaCounts(2, 2, 1, 3));
    // week 43: o5 missed, o6 (due 23:30 local on Sunday the 25th) pending
    assertThat(sla(WEEK_43, AS_OF, Optional.empty())).isEqualTo(new SlaCounts(0, 0, 1, 1));
    assertThat(sla(SEPTEMBER, AS_OF, Optional.empty())).isEqualTo(new SlaCounts(0, 0, 1, 0));
    assertThat(sla(NOVEMBER, NOVEMBER.endInstant(), Optional.empty())).isEqualTo(new SlaCounts(1, 0, 0, 0));
    assertThat(sla(EMPTY, AS_OF, Optional.empty())).isEqualTo(new SlaCounts(0, 0, 0, 0));
  }

  @Test
  public final void breachesAndEscalationsCountByTheirInstants() {
    writeDataset();
    // breached in October: o3, o4, o8 (cancelled after its breach), o12 (23:30 local on the 31st); not o11
    // (an hour before the start)
    assertThat(count(f -> f.breaches(tenant, OCT_START, OCT_END))).isEqualTo(4);
    assertThat(count(f -> f.breaches(tenant, SEPTEMBER.startInstant(), SEPTEMBER.endInstant()))).isEqualTo(1);
    assertThat(count(f -> f.breaches(tenant, WEEK_43.startInstant(), WEEK_43.endInstant()))).isZero();
    assertThat(count(f -> f.breaches(tenant, EMPTY.startInstant(), EMPTY.endInstant()))).isZero();
    // steps reached in October: o3 one, o4 two, o8 one, o11 one (its first step falls at the start); o4's and
    // o11's unreached steps do not count
    assertThat(count(f -> f.escalations(tenant, OCT_START, OCT_END))).isEqualTo(5);
    assertThat(count(f -> f.escalations(tenant, SEPTEMBER.startInstant(), SEPTEMBER.endInstant()))).isZero();
    assertThat(count(f -> f.escalations(tenant, WEEK_43.startInstant(), WEEK_43.endInstant()))).isZero();
    assertThat(count(f -> f.escalations(tenant, EMPTY.startInstant(), EMPTY.endInstant()))).isZero();
  }

  @Test
  public final void deniedContactsCountByTheFirstDenialOfTheirReceipt() {
    writeDataset();
    // October: d1, d2 (23:30 local on the 25th) by the cap; d3 (exempt) by quiet hours; d4 (at the start) first by
    // do-not-contact, which names no rule, then by the cap; d5 by consent under the library's defaults (no rule);
    // not d6 (at the end), d7 (sent), d8 (released)
    assertThat(labels(f -> f.deniedContacts(tenant, OCT_START, OCT_END))).isEqualTo(Map.of(
        "marketing/weekly-marketing", 2L, "marketing/quiet_hours", 1L, "do_not_contact", 1L, "consent", 1L));
    assertThat(labels(f -> f.deniedContacts(tenant, WEEK_43.startInstant(), WEEK_43.endInstant())))
        .isEqualTo(Map.of("marketing/weekly-marketing", 1L, "consent", 1L));
    assertThat(labels(f -> f.deniedContacts(tenant, NOVEMBER.startInstant(), NOVEMBER.endInstant())))
        .isEqualTo(Map.of("marketing/weekly-marketing", 1L));
    assertThat(labels(f -> f.deniedContacts(tenant, EMPTY.startInstant(), EMPTY.endInstant()))).isEmpty();
  }

  @Test
  public final void customersAreCountedFromTheStageHistoriesAtTheBoundaries() {
    writeDataset();
    // at October's start: pA, pC, pF, pG (evangelist); pB becomes a customer at the start itself. At its end: pA,
    // pB, pE (23:30 local on the 31st), pF (again), pG; pC churned, pD becomes one at the end itself. Acquired:
    // pB, pE. Active: pA, pE, pF; not pB (its interactions are just before the start and at the end), pG
    assertThat(customerCounts(f -> f.customers(tenant, OCT_START, OCT_END, CUSTOMER_STAGES)))
        .isEqualTo(new CustomerCounts(4, 5, 2, 3));
    // week 43: pA, pB, pG at the start; pF too at the end; no first change to a customer stage; pF active (23:30
    // local on Sunday the 25th)
    assertThat(customerCounts(f -> f.customers(tenant, WEEK_43.startInstant(), WEEK_43.endInstant(), CUSTOMER_STAGES)))
        .isEqualTo(new CustomerCounts(3, 4, 0, 1));
    // November: pD acquired at the start; pB (at the start) and pG active
    assertThat(customerCounts(f -> f.customers(tenant, NOVEMBER.startInstant(), NOVEMBER.endInstant(), CUSTOMER_STAGES)))
        .isEqualTo(new CustomerCounts(5, 6, 1, 2));
    assertThat(customerCounts(f -> f.customers(tenant, EMPTY.startInstant(), EMPTY.endInstant(), CUSTOMER_STAGES)))
        .isEqualTo(new CustomerCounts(0, 0, 0, 0));
    // another set of stages: leads at October's start pB; at its end none; pA and pB first became one in September
    assertThat(customerCounts(f -> f.customers(tenant, OCT_START, OCT_END, Set.of(LifecycleStage.LEAD))))
        .isEqualTo(new CustomerCounts(1, 0, 0, 0));
  }

  @Test
  public final void stagesAtAnInstantFollowTheChangesStrictlyBeforeIt() {
    writeDataset();
    assertThat(stages(f -> f.stagesAt(tenant, OCT_START))).isEqualTo(Map.of(LifecycleStage.CUSTOMER, 3L,
        LifecycleStage.LEAD, 1L, LifecycleStage.EVANGELIST, 1L));
    assertThat(stages(f -> f.stagesAt(tenant, OCT_END))).isEqualTo(Map.of(LifecycleStage.CUSTOMER, 4L,
        LifecycleStage.CHURNED, 1L, LifecycleStage.OPPORTUNITY, 1L, LifecycleStage.EVANGELIST, 1L,
        LifecycleStage.SUBSCRIBER, 1L));
    assertThat(stages(f -> f.stagesAt(tenant, EMPTY.startInstant()))).isEmpty();
  }

  @Test
  public final void surveyScoresAreTheWholeScoresOfTheSurveysAnswersInThePeriod() {
    writeDataset();
    // October's nps answers: s1 10, s2 9, s3 7, s4 0 (at the start), s5 6 (23:30 local on the 31st), s6 11, s9 -3,
    // s19 1E+3; not s7 (7.5), s8 (1001), s10 (at the end), s15 (survey given as a choice), s16 (a contact, not an
    // answer), s17 (no score), s18 (score as text)
    assertThat(scores(f -> f.surveyScores(tenant, "nps", OCT_START, OCT_END))).isEqualTo(Map.of(10, 1L, 9, 1L,
        7, 1L, 0, 1L, 6, 1L, 11, 1L, -3, 1L, 1000, 1L));
    assertThat(scores(f -> f.surveyScores(tenant, "csat", OCT_START, OCT_END)))
        .isEqualTo(Map.of(5, 1L, 3, 1L, 4, 1L, 0, 1L));
    assertThat(scores(f -> f.surveyScores(tenant, "nps", WEEK_43.startInstant(), WEEK_43.endInstant())))
        .isEqualTo(Map.of(7, 1L));
    assertThat(scores(f -> f.surveyScores(tenant, "csat", WEEK_43.startInstant(), WEEK_43.endInstant())))
        .isEqualTo(Map.of(4, 1L));
    assertThat(scores(f -> f.surveyScores(tenant, "nps", NOVEMBER.startInstant(), NOVEMBER.endInstant())))
        .isEqualTo(Map.of(8, 1L));
    assertThat(scores(f -> f.surveyScores(tenant, "NPS", OCT_START, OCT_END))).isEmpty();
    assertThat(scores(f -> f.surveyScores(tenant, "nps", EMPTY.startInstant(), EMPTY.endInstant()))).isEmpty();
  }

  @Test
  public final void ledgerTotalsSumTheEntriesDatedInThePeriod() {
    writeDataset();
    // October: costs l1 1,200, l2 12.5 h at 80, l4 -200; value l3 5,000.1234; not l5 (1 November), l6
    // (30 September)
    assertThat(totals(f -> f.ledgerTotals(tenant, OCTOBER.start(), OCTOBER.end())))
        .isEqualTo(new LedgerTotals(new BigDecimal("2000.0000"), new BigDecimal("5000.1234"), 3, 1));
    assertThat(totals(f -> f.ledgerTotals(tenant, WEEK_43.start(), WEEK_43.end())))
        .isEqualTo(new LedgerTotals(new BigDecimal("-200.0000"), new BigDecimal("0.0000"), 1, 0));
    assertThat(totals(f -> f.ledgerTotals(tenant, NOVEMBER.start(), NOVEMBER.end())))
        .isEqualTo(new LedgerTotals(new BigDecimal("0.0000"), new BigDecimal("999.9999"), 0, 1));
    assertThat(totals(f -> f.ledgerTotals(tenant, EMPTY.start(), EMPTY.end())))
        .isEqualTo(new LedgerTotals(new BigDecimal("0.0000"), new BigDecimal("0.0000"), 0, 0));
  }

  @Test
  public final void aggregatesAreIsolatedByTenant() {
    MeasurementSamples.dataset(otherTenant).writeTo(storage());
    assertThat(firstResponses(OCTOBER, TimeBasis.ELAPSED)).isEqualTo(Distribution.EMPTY);
    assertThat(resolutions(OCTOBER)).isEqualTo(Distribution.EMPTY);
    assertThat(sla(OCTOBER, OCT_END, Optional.empty())).isEqualTo(new SlaCounts(0, 0, 0, 0));
    assertThat(count(f -> f.breaches(tenant, OCT_START, OCT_END))).isZero();
    assertThat(count(f -> f.escalations(tenant, OCT_START, OCT_END))).isZero();
    assertThat(labels(f -> f.deniedContacts(tenant, OCT_START, OCT_END))).isEmpty();
    assertThat(customerCounts(f -> f.customers(tenant, OCT_START, OCT_END, CUSTOMER_STAGES)))
        .isEqualTo(new CustomerCounts(0, 0, 0, 0));
    assertThat(stages(f -> f.stagesAt(tenant, OCT_END))).isEmpty();
    assertThat(scores(f -> f.surveyScores(tenant, "nps", OCT_START, OCT_END))).isEmpty();
    assertThat(totals(f -> f.ledgerTotals(tenant, OCTOBER.start(), OCTOBER.end())))
        .isEqualTo(new LedgerTotals(new BigDecimal("0.0000"), new BigDecimal("0.0000"), 0, 0));
    // and the other tenant's are whole
    assertThat(count(f -> f.breaches(otherTenant, OCT_START, OCT_END))).isEqualTo(4);
  }
}
