package dev.etiquette.crm.benchmarks;

import dev.etiquette.crm.Crm;
import dev.etiquette.crm.api.Actor;
import dev.etiquette.crm.api.CrmTenant;
import dev.etiquette.crm.api.measure.Kpi;
import dev.etiquette.crm.api.measure.KpiValue;
import dev.etiquette.crm.api.measure.Vision;
import dev.etiquette.crm.api.spi.NotificationPort;
import dev.etiquette.crm.jdbc.Dialect;
import java.sql.SQLException;
import java.util.LinkedHashMap;
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
 * A monthly report on PostgreSQL: the 17 KPIs of {@link MeasurementTemplate#vision()} for March 2026 over about
 * {@code interactions} interactions (copies of {@link MeasurementTemplate}), through the library against
 * hand-written SQL.
 *
 * <ul>
 *   <li>the library ({@link MonthlyReport#run}): {@code measureDue()} at 2 April, which measures every KPI for March
 *       (the aggregates in SQL on the database, through the JDBC adapter's {@code FactStore}) and stores the 17
 *       measurements, then {@code report()}, which reads them back with each KPI's status.</li>
 *   <li>the baseline ({@link MeasurementSql#report}): ten statements over the same tables and indexes that compute
 *       the same 17 values (each aggregate once), in one read-only transaction. It stores nothing.</li>
 * </ul>
 *
 * <p>The data is made once per trial, outside the timing: the template is recorded through the public API in
 * memory, written into the schema {@code <CRM_BENCH_PG_SCHEMA>_measure} through the library's JDBC storage, and
 * multiplied in SQL ({@link MeasurementSql#multiply}); then both sides' values are computed and must be equal
 * (also to every KPI's {@code evaluate}), so neither side can skip work, and every iteration's values are checked
 * against them again. Both sides run in the same fork, alternating (the library first), as in
 * {@link ImportBenchmark}. The schema is emptied at the end of the trial.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class MeasurementReportBenchmark {

  /** The suffix of the benchmark's PostgreSQL schema. */
  static final String SCHEMA_SUFFIX = "_measure";

  @Param({"POSTGRESQL"})
  public Dialect database;

  /** About how many interactions the tenant holds (rounded to whole copies of the template). */
  @Param({"1000000"})
  public long interactions;

  private BenchDatabase db;
  private CrmTenant tenant;
  private Map<String, KpiValue> expected;
  private IterationType kind;
  private int index;
  private int runs;
  private boolean libraryNow;
  private Object result;

  /** The library on the 1st, 3rd, ... iteration of each kind (warm-up, measured), the baseline on the others. */
  static boolean library(int index) {
    return index % 2 == 0;
  }

  @Setup(Level.Trial)
  public void prepare() throws SQLException {
    if (database != Dialect.POSTGRESQL) {
      throw new IllegalArgumentException("the measurement report benchmark runs on PostgreSQL");
    }
    long t0 = System.nanoTime();
    MeasurementTemplate template = MeasurementTemplate.record();
    int copies = template.copiesFor(interactions);
    System.err.printf(Locale.ROOT, "measurement: template (%s) recorded in %.1f s; %d copies%n", template.summary(),
        (System.nanoTime() - t0) / 1e9, copies);
    db = BenchDatabase.open(database, SCHEMA_SUFFIX);
    db.truncate();
    long t1 = System.nanoTime();
    template.writeCopies(db.storage(), 0, 1);
    MeasurementSql.multiply(db.dataSource(), MeasurementTemplate.TENANT.value(), copies, 50, done -> { });
    System.err.printf(Locale.ROOT, "measurement: %d interactions, %d conversations, %d obligations, %d contact"
        + " entries, %d parties written in %.1f s%n", db.count("crm_interaction"), db.count("crm_conversation"),
        db.count("crm_obligation"), db.count("crm_contact"), db.count("crm_party"), (System.nanoTime() - t1) / 1e9);
    Crm crm = Crm.builder().storage(db.storage()).clock(new BenchClock(MeasurementTemplate.AS_OF))
        .notifications(NotificationPort.NONE).build();
    tenant = crm.tenant(MeasurementTemplate.TENANT, Actor.system());
    expected = MeasurementSql.report(db.dataSource(), MeasurementTemplate.TENANT.value(), MeasurementTemplate.MONTH,
        MeasurementTemplate.AS_OF);
    Map<String, KpiValue> evaluated = new LinkedHashMap<>();
    for (Kpi kpi : MeasurementTemplate.vision().kpis()) {
      evaluated.put(kpi.id(), tenant.measurement().evaluate(kpi.definition(), MeasurementTemplate.MONTH));
    }
    MonthlyReport.checkSame("evaluate() and the hand-written SQL's values", expected, evaluated);
    System.err.println("measurement: the library's and the hand-written SQL's values agree: " + expected);
  }

  /** Alternates the sides; before a library run, defines its vision (see {@link MonthlyReport}). */
  @Setup(Level.Iteration)
  public void turn(IterationParams iteration) {
    if (iteration.getType() != kind) {
      kind = iteration.getType();
      index = 0;
    }
    libraryNow = library(index++);
    result = null;
    if (libraryNow) {
      Vision vision = tenant.measurement().define(MonthlyReport.visionOfRun(++runs));
      if (vision.kpis().size() != expected.size()) {
        throw new IllegalStateException("the vision has " + vision.kpis().size() + " KPIs");
      }
    }
  }

  /** Checks the iteration's values against the ones agreed before the trial. */
  @TearDown(Level.Iteration)
  @SuppressWarnings("unchecked")
  public void check() {
    if (libraryNow) {
      MonthlyReport.Run run = (MonthlyReport.Run) result;
      MonthlyReport.checkSame("the library's monthly report", expected, run.values());
      run.checkReport();
    } else {
      MonthlyReport.checkSame("the hand-written SQL's monthly report", expected, (Map<String, KpiValue>) result);
    }
  }

  @TearDown(Level.Trial)
  public void close() {
    if (db != null) {
      db.truncate(); // gigabytes: not left behind
      db.close();
    }
  }

  /** One operation: the month's report, by the library or by hand, as the iteration's turn says. */
  @Benchmark
  public Object report() throws SQLException {
    result = libraryNow ? MonthlyReport.run(tenant)
        : MeasurementSql.report(db.dataSource(), MeasurementTemplate.TENANT.value(), MeasurementTemplate.MONTH,
            MeasurementTemplate.AS_OF);
    return result;
  }
}
