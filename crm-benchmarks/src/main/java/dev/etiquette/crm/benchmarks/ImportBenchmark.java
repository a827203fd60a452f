package dev.etiquette.crm.benchmarks;

import dev.etiquette.crm.Crm;
import dev.etiquette.crm.api.CrmTenant;
import dev.etiquette.crm.api.party.PartyDraft;
import dev.etiquette.crm.jdbc.Dialect;
import java.sql.SQLException;
import java.util.List;
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
 * Bulk import of {@code customers} customers (a person with the customer role, an e-mail address and a
 * phone number) into empty tables, in transactions of {@link Customers#BATCH}. One operation is the whole
 * import; every iteration starts from empty tables (a new H2 file; the truncated PostgreSQL schema).
 *
 * <ul>
 *   <li>the library: {@code parties().createAll} per batch of drafts, which validates, normalizes,
 *       assigns ids, writes the JSON document, the index rows and the audit trail;</li>
 *   <li>the hand-written baseline: the same rows (precomputed before the trial) inserted with plain JDBC
 *       batches in the same transactions, on the same kind of connection.</li>
 * </ul>
 *
 * <p>Both sides run in the same fork and the iterations alternate between them, warm-up and measured alike: the
 * 1st, 3rd, 5th, ... iteration of each kind imports through the library, the 2nd, 4th, ... by hand ({@link #library}
 * tells which; {@link Main} splits the results that way). So both see the same JIT, heap and database, and a slow
 * stretch of a shared machine falls on both instead of on whichever side ran then.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ImportBenchmark {

  @Param({"H2", "POSTGRESQL"})
  public Dialect database;

  @Param({"20000"})
  public int customers;

  private BenchDatabase db;
  private List<List<PartyDraft>> drafts;
  private List<List<HandWrittenJdbc.Row>> rows;
  private CrmTenant tenant;
  private IterationType kind;
  private int index;
  private boolean libraryNow;

  /** The library on the 1st, 3rd, ... iteration of each kind (warm-up, measured), the baseline on the others. */
  static boolean library(int index) {
    return index % 2 == 0;
  }

  /**
   * Prepares the input. Both sides also run every draft through the library on the in-memory storage
   * once: the baseline to compute its rows, the library to warm up the JIT on its validation, normalization
   * and JSON code, which runs far more code than the baseline and would otherwise still be compiling
   * during the first measured imports on a busy 2-core machine.
   */
  @Setup(Level.Trial)
  public void prepare() {
    drafts = Customers.importBatches(customers);
    rows = HandWrittenJdbc.rows(drafts);
  }

  /**
   * Every iteration imports into empty tables: a new H2 file, or the emptied PostgreSQL schema; the library's
   * iterations through a new {@code Crm} on them.
   */
  @Setup(Level.Iteration)
  public void empty(IterationParams iteration) throws Exception {
    if (iteration.getType() != kind) {
      kind = iteration.getType();
      index = 0;
    }
    libraryNow = library(index++);
    if (db == null || database == Dialect.H2) {
      if (db != null) {
        db.close();
      }
      db = BenchDatabase.open(database);
    }
    db.truncate();
    tenant = null;
    if (libraryNow) {
      tenant = Crm.builder().storage(db.storage()).build().tenant(Customers.TENANT, Customers.ACTOR);
      Customers.configure(tenant);
    }
  }

  /** Checks that the import stored every row it should, so that neither side can skip work unnoticed. */
  @TearDown(Level.Iteration)
  public void check() {
    expect("crm_party", customers);
    expect("crm_party_role", customers);
    expect("crm_party_email", customers);
    expect("crm_party_phone", customers);
    expect("crm_audit", customers + (tenant != null ? 1 : 0)); // the library also audits the settings change
  }

  private void expect(String table, long count) {
    long actual = db.count(table);
    if (actual != count) {
      throw new IllegalStateException(table + " has " + actual + " rows, expected " + count);
    }
  }

  @TearDown(Level.Trial)
  public void close() throws Exception {
    if (db != null) {
      db.close();
    }
  }

  /** One import: through the library or by hand, as the iteration's turn says. */
  @Benchmark
  public long importAll() throws SQLException {
    if (!libraryNow) {
      return HandWrittenJdbc.importAll(db.dataSource(), db.dialect(), Customers.TENANT.value(), rows);
    }
    long created = 0;
    for (List<PartyDraft> batch : drafts) {
      created += tenant.parties().createAll(batch).size();
    }
    return created;
  }
}
