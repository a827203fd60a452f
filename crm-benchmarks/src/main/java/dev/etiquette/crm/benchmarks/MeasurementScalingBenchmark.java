package dev.etiquette.crm.benchmarks;

import dev.etiquette.crm.Crm;
import dev.etiquette.crm.api.Actor;
import dev.etiquette.crm.api.CrmTenant;
import dev.etiquette.crm.api.measure.Kpi;
import dev.etiquette.crm.api.measure.KpiValue;
import dev.etiquette.crm.api.spi.NotificationPort;
import dev.etiquette.crm.internal.InMemoryStorage;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * The monthly report in memory ({@link MonthlyReport#run}: {@code measureDue()} for March, then {@code report()})
 * over about {@code interactions} interactions and over ten times as many: what ten times the data costs. In memory
 * every aggregate is a pass over the tenant's records of its kind (conversations, obligations, contact entries,
 * parties, interactions), so the time should grow in proportion, with the percentiles' sorts a little more.
 *
 * <p>Both tenants are made once per trial, outside the timing, from the same {@link MeasurementTemplate}: {@code c}
 * copies for the small one and {@code 10·c} for the large one, each in an in-memory storage of its own, written
 * through the storage SPI; so the large one holds exactly ten times the small one's records, and its KPI counts are
 * ten times the small one's (checked, as every value of every iteration is). Both live in the same fork and the
 * iterations alternate, small first, so that both sides see the same JIT, the same heap (the small side runs beside
 * the large tenant) and the same load from the rest of the machine.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class MeasurementScalingBenchmark {

  /** How many times the large tenant is the small one. */
  static final int FACTOR = 10;

  /** About how many interactions the small tenant holds (rounded to whole copies of the template). */
  @Param({"50000"})
  public long interactions;

  private final Map<Boolean, CrmTenant> tenants = new HashMap<>();
  private final Map<Boolean, Map<String, KpiValue>> expected = new HashMap<>();
  private IterationType kind;
  private int index;
  private int runs;
  private boolean smallNow;
  private MonthlyReport.Run result;

  /** The small tenant on the 1st, 3rd, ... iteration of each kind (warm-up, measured), the large one on the others. */
  static boolean small(int index) {
    return index % 2 == 0;
  }

  @Setup(Level.Trial)
  public void prepare() {
    long t0 = System.nanoTime();
    MeasurementTemplate template = MeasurementTemplate.record();
    int copies = template.copiesFor(interactions);
    Map<Boolean, InMemoryStorage> storages = Map.of(true, new InMemoryStorage(), false, new InMemoryStorage());
    template.writeCopies(List.of(storages.get(true), storages.get(false)), List.of(copies, FACTOR * copies), 0);
    for (boolean small : new boolean[] {true, false}) {
      CrmTenant tenant = Crm.builder().storage(storages.get(small)).clock(new BenchClock(MeasurementTemplate.AS_OF))
          .notifications(NotificationPort.NONE).build().tenant(MeasurementTemplate.TENANT, Actor.system());
      tenants.put(small, tenant);
      Map<String, KpiValue> values = new LinkedHashMap<>();
      for (Kpi kpi : MeasurementTemplate.vision().kpis()) {
        values.put(kpi.id(), tenant.measurement().evaluate(kpi.definition(), MeasurementTemplate.MONTH));
      }
      expected.put(small, values);
    }
    checkTenfold(expected.get(true), expected.get(false));
    System.err.printf(Locale.ROOT, "measurement in memory: %d and %d interactions (%d and %d copies of %s) made in"
        + " %.1f s%n", (long) copies * template.interactions(), (long) FACTOR * copies * template.interactions(),
        copies, FACTOR * copies, template.summary(), (System.nanoTime() - t0) / 1e9);
  }

  /**
   * Checks that the large tenant's input counts are ten times the small one's: the large tenant is the small one
   * ten times over (but for the programme's ledger, which is the tenant's and not copied: the same in both).
   */
  static void checkTenfold(Map<String, KpiValue> small, Map<String, KpiValue> large) {
    for (Map.Entry<String, KpiValue> e : small.entrySet()) {
      KpiValue s = e.getValue();
      KpiValue l = large.get(e.getKey());
      int factor = e.getKey().equals("roi") ? 1 : FACTOR;
      boolean ok = l != null && l.inputs().keySet().equals(s.inputs().keySet());
      for (String input : s.inputs().keySet()) {
        ok &= l != null && l.inputs().get(input) == factor * s.inputs().get(input);
      }
      if (!ok) {
        throw new IllegalStateException(e.getKey() + ": " + l + " is not ten times " + s);
      }
    }
  }

  /** Alternates the tenants; before each run, defines its vision (see {@link MonthlyReport}). */
  @Setup(Level.Iteration)
  public void turn(IterationParams iteration) {
    if (iteration.getType() != kind) {
      kind = iteration.getType();
      index = 0;
    }
    smallNow = small(index++);
    result = null;
    tenants.get(smallNow).measurement().define(MonthlyReport.visionOfRun(++runs));
  }

  @TearDown(Level.Iteration)
  public void check() {
    MonthlyReport.checkSame("the monthly report in memory", expected.get(smallNow), result.values());
    result.checkReport();
  }

  /** One operation: the month's report of the small or the large tenant, as the iteration's turn says. */
  @Benchmark
  public Object report() {
    result = MonthlyReport.run(tenants.get(smallNow));
    return result;
  }
}
