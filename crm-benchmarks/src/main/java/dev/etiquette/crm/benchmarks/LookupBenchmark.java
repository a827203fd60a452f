package dev.etiquette.crm.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.etiquette.crm.Crm;
import dev.etiquette.crm.api.CrmTenant;
import dev.etiquette.crm.api.party.Party;
import dev.etiquette.crm.api.party.PartyDraft;
import dev.etiquette.crm.jdbc.Dialect;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Random;
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
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * Lookup of one customer by e-mail address among {@code customers} customers, one thread, addresses in a
 * fixed pseudo-random order, in tables filled through the library ({@code createAll}). {@link Main} fills
 * them once before the forks start, so both sides read the very same rows; run alone, each fork fills its
 * own.
 *
 * <ul>
 *   <li>{@link #library}: {@code parties().findByEmail}: normalizes and validates the address, runs the
 *       query in a read on a pooled connection, reads each document into a {@code Party}.</li>
 *   <li>{@link #handWritten}: the same query on a pooled connection and a Jackson read of each document into
 *       a {@code JsonNode} tree.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class LookupBenchmark {

  private static final int KEYS = 4_096;

  @Param({"H2", "POSTGRESQL"})
  public Dialect database;

  @Param({"20000"})
  public int customers;

  private BenchDatabase db;
  private Crm crm;
  private CrmTenant tenant;
  private final ObjectMapper mapper = new ObjectMapper();
  private final String[] emails = new String[KEYS];
  private int next;

  /** Set by {@link Main}: the H2 folder it filled with {@code customers} customers (PostgreSQL: the schema). */
  static final String PREFILLED_H2 = "crm.bench.lookup.h2";
  static final String PREFILLED_CUSTOMERS = "crm.bench.lookup.customers";
  /** The number of untimed lookups that each fork runs before JMH's own warm-up iterations. */
  static final String WARM_UP_LOOKUPS = "crm.bench.lookup.warmup";

  @Setup(Level.Trial)
  public void open() throws Exception {
    if (Integer.toString(customers).equals(System.getProperty(PREFILLED_CUSTOMERS))) {
      db = BenchDatabase.open(database, Path.of(System.getProperty(PREFILLED_H2)));
    } else {
      db = BenchDatabase.open(database);
      fill(db, customers);
    }
    if (db.count("crm_party") != customers) {
      throw new IllegalStateException("the database holds " + db.count("crm_party") + " parties, not " + customers);
    }
    crm = Crm.builder().storage(db.storage()).build();
    tenant = crm.tenant(Customers.TENANT, Customers.ACTOR);
    Random random = new Random(42);
    for (int i = 0; i < KEYS; i++) {
      emails[i] = Customers.emailLookup(random.nextInt(customers));
    }
    List<Party> byLibrary = tenant.parties().findByEmail(emails[0]);
    List<JsonNode> byHand = HandWrittenJdbc.findByEmail(db.dataSource(), mapper, Customers.TENANT.value(), emails[0]);
    if (byLibrary.size() != 1 || byHand.size() != 1) {
      throw new IllegalStateException("expected one party for " + emails[0] + ", the library found "
          + byLibrary.size() + " and the query " + byHand.size());
    }
  }

  @TearDown(Level.Trial)
  public void close() throws Exception {
    db.close();
  }

  /** Empties the database and creates customers {@code 0..customers-1} in it through the library. */
  static void fill(BenchDatabase db, int customers) {
    db.truncate();
    // not closed: closing a Crm closes its storage, which belongs to db
    CrmTenant tenant = Crm.builder().storage(db.storage()).build().tenant(Customers.TENANT, Customers.ACTOR);
    Customers.configure(tenant);
    for (List<PartyDraft> batch : Customers.importBatches(customers)) {
      tenant.parties().createAll(batch);
    }
    db.analyze();
  }

  /**
   * Warms up by count, not by time: each side first runs the same number of lookups, untimed. A warm-up by
   * time would give the side with more code to compile (the library) fewer warm-up calls, and on a busy
   * 2-core machine the JIT needs many seconds for either.
   */
  @Setup(Level.Trial)
  public void warmUp(BenchmarkParams params) throws Exception {
    boolean library = params.getBenchmark().endsWith(".library");
    int count = Integer.getInteger(WARM_UP_LOOKUPS, 30_000);
    for (int i = 0; i < count; i++) {
      if (library) {
        library();
      } else {
        handWritten();
      }
    }
  }

  private String nextEmail() {
    return emails[next++ & (KEYS - 1)];
  }

  @Benchmark
  public List<Party> library() {
    return tenant.parties().findByEmail(nextEmail());
  }

  @Benchmark
  public List<JsonNode> handWritten() throws SQLException, IOException {
    return HandWrittenJdbc.findByEmail(db.dataSource(), mapper, Customers.TENANT.value(), nextEmail());
  }
}
