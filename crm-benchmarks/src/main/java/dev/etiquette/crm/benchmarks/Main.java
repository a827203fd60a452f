package dev.etiquette.crm.benchmarks;

import dev.etiquette.crm.jdbc.Dialect;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntPredicate;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs every comparison and prints one line for each on standard output:
 * {@code <name>: <value> <unit> vs <baseline name> <value> <unit> -> ratio <r>}, where the ratio is the
 * library's throughput divided by the baseline's (for the heap: the target divided by the measurement), so
 * that a ratio at or above the target's is good. Two kinds of line differ, and say so: the recording cost by
 * history size prints a cost ratio (time per operation with the large history divided by that with the small
 * one, so at or below the target is good), and due-work processing prints a throughput alone; so does the monthly
 * report in memory (time per report with ten times the interactions divided by that with the small tenant, at or
 * below 12 is good). Throughputs are
 * medians of the measured iterations of all forks. Progress goes to standard error, JMH's own report and JSON
 * results to files beside the jar.
 *
 * <pre>
 * java -jar crm-benchmarks/target/benchmarks.jar            # quick: under 5 minutes on 2 cores
 * java -jar crm-benchmarks/target/benchmarks.jar --full     # 100,000 customers, 1,000,000 interactions stored
 * </pre>
 *
 * Options: {@code --full}; {@code --customers=N} (customers imported and looked up among; quick 20000, full
 * 100000); {@code --heap-customers=N} (100000); {@code --history=N} (interactions stored for the large side of the
 * recording benchmark; quick 200000, full 1000000); {@code --due=N} (due obligations processed; 100000);
 * {@code --report-interactions=N} (interactions of the monthly report on PostgreSQL, at most 10000000; 1000000);
 * {@code --memory-interactions=N} (interactions of the small tenant of the monthly report in memory, the large one
 * has ten times as many; quick 50000, full 100000); {@code --only=LIST} (some of heap, lookup, import, recording, due, contacts,
 * outbox, measurement); {@code --obligation-stores=LIST} (where the
 * recording and due benchmarks run: some of IN_MEMORY, H2, POSTGRESQL; quick: IN_MEMORY, full: all three);
 * {@code --no-postgres}; {@code --help}.
 */
public final class Main {

  private Main() {}

  private static final String QUIET = "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn";
  /** Hibernate Validator logs through JBoss Logging: send it to SLF4J too, so that it stays quiet. */
  private static final String JBOSS_TO_SLF4J = "-Dorg.jboss.logging.provider=slf4j";
  private static final long START = System.nanoTime();

  public static void main(String[] args) throws Exception {
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    System.setProperty("org.jboss.logging.provider", "slf4j");
    boolean full = false;
    boolean postgres = true;
    Integer customers = null;
    int heapCustomers = 100_000;
    Integer history = null;
    int due = 100_000;
    long reportInteractions = 1_000_000;
    Long memoryInteractionsOption = null;
    Set<String> only = new LinkedHashSet<>(ALL);
    List<String> obligationStores = null;
    for (String arg : args) {
      if (arg.equals("--full")) {
        full = true;
      } else if (arg.equals("--no-postgres")) {
        postgres = false;
      } else if (arg.startsWith("--customers=")) {
        customers = positive(arg);
      } else if (arg.startsWith("--heap-customers=")) {
        heapCustomers = positive(arg);
      } else if (arg.startsWith("--history=")) {
        history = positive(arg);
      } else if (arg.startsWith("--due=")) {
        due = positive(arg);
      } else if (arg.startsWith("--report-interactions=")) {
        reportInteractions = positive(arg);
        if (reportInteractions > 10_000_000) {
          System.err.println(arg + ": at most 10000000");
          System.exit(2);
        }
      } else if (arg.startsWith("--memory-interactions=")) {
        memoryInteractionsOption = (long) positive(arg);
      } else if (arg.startsWith("--only=")) {
        only = new LinkedHashSet<>(List.of(arg.substring(arg.indexOf('=') + 1).split(",")));
        if (only.isEmpty() || !ALL.containsAll(only)) {
          System.err.println(arg + ": choose among " + String.join(",", ALL));
          System.exit(2);
        }
      } else if (arg.startsWith("--obligation-stores=")) {
        obligationStores = List.of(arg.substring(arg.indexOf('=') + 1).split(","));
        if (!STORES.containsAll(obligationStores)) {
          System.err.println(arg + ": choose among " + String.join(",", STORES));
          System.exit(2);
        }
      } else if (arg.equals("--help") || arg.equals("-h")) {
        System.out.println("usage: java -jar benchmarks.jar [--full] [--customers=N] [--heap-customers=N]"
            + " [--history=N] [--due=N] [--report-interactions=N] [--memory-interactions=N] [--only=" + String.join(",", ALL) + "] [--obligation-stores="
            + String.join(",", STORES) + "] [--no-postgres]");
        return;
      } else {
        System.err.println("unknown option " + arg + " (try --help)");
        System.exit(2);
      }
    }
    int size = customers != null ? customers : full ? 100_000 : 20_000;
    List<Dialect> databases = new ArrayList<>(List.of(Dialect.H2));
    if (postgres) {
      String problem = BenchDatabase.postgresProblem();
      if (problem == null) {
        databases.add(Dialect.POSTGRESQL);
      } else {
        System.err.println("PostgreSQL skipped: not reachable at " + BenchDatabase.pgUrl() + " (" + problem
            + "); set CRM_PG_URL, CRM_PG_USER, CRM_PG_PASSWORD");
      }
    }
    Path out = outputFolder();
    int large = history != null ? history : full ? 1_000_000 : 200_000;
    List<String> stores = obligationStores != null ? obligationStores : defaultObligationStores(full, databases);
    if (!databases.contains(Dialect.POSTGRESQL) && stores.contains("POSTGRESQL")) {
      System.err.println("PostgreSQL left out of the obligation benchmarks: it is not reachable");
      stores = stores.stream().filter(st -> !st.equals("POSTGRESQL")).toList();
    }
    System.err.printf("%s mode: %d customers, %s; obligations: %d interactions stored, %d due, %s; JMH reports in"
        + " %s%n", full ? "full" : "quick", size, databases, large, due, stores, out);

    List<String> lines = new ArrayList<>();
    int steps = only.size();
    int step = 0;

    if (only.contains("heap") || only.contains("lookup")) {
      // The heap measurement times nothing, so it runs in its own JVM while the lookup tables are filled.
      Process heap = null;
      if (only.contains("heap")) {
        progress("[" + ++step + "/" + steps + "] heap per customer (" + heapCustomers + " customers, in memory)"
            + (only.contains("lookup") ? ", and filling the lookup tables" : ""));
        heap = startHeapPerCustomer(heapCustomers, full ? 3 : 1);
      }
      Path h2 = BenchDatabase.newTemporaryFolder();
      try {
        if (only.contains("lookup")) {
          for (Dialect d : databases) {
            try (BenchDatabase db = BenchDatabase.open(d, h2)) {
              LookupBenchmark.fill(db, size);
            }
          }
        }
        if (heap != null) {
          double bytes = heapPerCustomer(heap);
          lines.add(line("heap per customer", bytes, "bytes", "target", 1024, "bytes", 1024 / bytes));
        }
        if (only.contains("lookup")) {
          progress("[" + ++step + "/" + steps + "] lookup by e-mail");
          Collection<RunResult> lookups = run(options(LookupBenchmark.class, databases, size,
              out.resolve("jmh-lookup"))
              .jvmArgsAppend("-D" + LookupBenchmark.PREFILLED_H2 + "=" + h2,
                  "-D" + LookupBenchmark.PREFILLED_CUSTOMERS + "=" + size)
              .forks(full ? 2 : 1)
              .warmupIterations(2)
              .warmupTime(TimeValue.seconds(1))
              .measurementIterations(full ? 10 : 5)
              .measurementTime(TimeValue.seconds(full ? 2 : 1)));
          List<String> lookupLines = new ArrayList<>();
          for (Dialect d : databases) {
            double library = median(find(lookups, "library", d));
            double baseline = median(find(lookups, "handWritten", d));
            lookupLines.add(line("lookup by email (" + name(d) + ", " + size + " customers)", library,
                "lookups/s", "hand-written query + Jackson", baseline, "lookups/s", library / baseline));
          }
          lines.addAll(0, lookupLines);
        }
      } finally {
        if (heap != null) {
          heap.destroy(); // a no-op once it has reported; stops it when something else failed
        }
        BenchDatabase.deleteRecursively(h2);
      }
    }

    if (only.contains("import")) {
      progress("[" + ++step + "/" + steps + "] bulk import");
      // the library and the baseline alternate in each fork: 3 warm-up imports and 5 measured each (the library's
      // third import was still faster than its second, the JIT at work: measured from the fourth on)
      Collection<RunResult> imports = run(options(ImportBenchmark.class, databases, size,
          out.resolve("jmh-import"))
          .forks(full ? 2 : 1)
          .warmupIterations(6)
          .measurementIterations(10));
      List<String> importLines = new ArrayList<>();
      for (Dialect d : databases) {
        RunResult run = find(imports, "importAll", d);
        double library = size / seconds(run, median(run, ImportBenchmark::library));
        double baseline = size / seconds(run, median(run, i -> !ImportBenchmark.library(i)));
        importLines.add(line("import " + size + " customers (" + name(d) + ")", library, "customers/s",
            "hand-written JDBC batch", baseline, "customers/s", library / baseline));
      }
      lines.addAll(0, importLines);
    }

    if (only.contains("recording")) {
      progress("[" + ++step + "/" + steps + "] recording an interaction and its obligation, with "
          + RecordingBenchmark.SMALL + " and " + large + " interactions stored, " + stores);
      for (String store : stores) {
        // in memory: 2 forks in full mode; a database fork spends minutes making its history, so one
        boolean memory = store.equals("IN_MEMORY");
        RunResult run = find(run(new OptionsBuilder()
            .include(RecordingBenchmark.class.getName() + "\\.")
            .param("storage", store)
            .param("stored", Integer.toString(large))
            .jvmArgs("-Xms1g", "-Xmx8g", QUIET, JBOSS_TO_SLF4J)
            .forks(full && memory ? 2 : 1)
            .warmupIterations(full ? 10 : 6)
            .warmupBatchSize(RecordingBenchmark.BATCH)
            .measurementIterations(full ? 60 : 40)
            .measurementBatchSize(RecordingBenchmark.BATCH)
            // no System.gc() between batches: with a large history each would take seconds; the collections
            // that the recordings cause fall where they fall, and the median of many batches absorbs them
            .shouldDoGC(false)
            .shouldFailOnError(true)
            .output(out.resolve("jmh-recording-" + store.toLowerCase(Locale.ROOT)) + ".txt")
            .result(out.resolve("jmh-recording-" + store.toLowerCase(Locale.ROOT)) + ".json")
            .resultFormat(ResultFormatType.JSON)), "recordPair", Map.of("storage", store));
        double small = RecordingBenchmark.BATCH / seconds(run, true);
        double big = RecordingBenchmark.BATCH / seconds(run, false);
        lines.add(String.format(Locale.ROOT, "record interaction + obligation (%s, %d stored): %.0f ops/s vs same with"
            + " %d stored %.0f ops/s -> ratio %.2f (cost ratio: time per op with %d stored / with %d; target <= 1.5,"
            + " lower is better)", BenchStore.label(store), large, big, RecordingBenchmark.SMALL, small, small / big,
            large, RecordingBenchmark.SMALL));
      }
    }

    if (only.contains("due")) {
      progress("[" + ++step + "/" + steps + "] processing " + due + " due obligations, " + stores);
      for (String store : stores) {
        boolean memory = store.equals("IN_MEMORY");
        RunResult run = find(run(new OptionsBuilder()
            .include(DueWorkBenchmark.class.getName() + "\\.")
            .param("storage", store)
            .param("obligations", Integer.toString(due))
            .jvmArgs("-Xms1g", "-Xmx4g", QUIET, JBOSS_TO_SLF4J)
            .forks(full && memory ? 2 : 1)
            .warmupIterations(1)
            .measurementIterations(full && memory ? 5 : 2)
            .shouldDoGC(true)
            .shouldFailOnError(true)
            .output(out.resolve("jmh-due-" + store.toLowerCase(Locale.ROOT)) + ".txt")
            .result(out.resolve("jmh-due-" + store.toLowerCase(Locale.ROOT)) + ".json")
            .resultFormat(ResultFormatType.JSON)), "processDue", Map.of("storage", store));
        double secs = seconds(run);
        lines.add(String.format(Locale.ROOT, "process due obligations (%s, %d due, each breached once): %.0f"
            + " obligations/s (%.1f s for all)", BenchStore.label(store), due, due / secs, secs));
      }
    }
    if (only.contains("contacts")) {
      progress("[" + ++step + "/" + steps + "] contact decisions in memory, and reservations on "
          + (databases.contains(Dialect.POSTGRESQL) ? "PostgreSQL" : "no database (PostgreSQL unreachable)"));
      RunResult decisions = find(run(new OptionsBuilder()
          .include(ContactDecisionBenchmark.class.getName() + "\\.")
          .jvmArgs("-Xms1g", "-Xmx2g", QUIET, JBOSS_TO_SLF4J)
          .forks(full ? 2 : 1)
          .warmupIterations(5)
          .warmupTime(TimeValue.seconds(1))
          .measurementIterations(full ? 10 : 5)
          .measurementTime(TimeValue.seconds(1))
          .shouldFailOnError(true)
          .output(out.resolve("jmh-decisions") + ".txt")
          .result(out.resolve("jmh-decisions") + ".json")
          .resultFormat(ResultFormatType.JSON)), "decide", Map.of());
      double perSecond = median(decisions);
      lines.add(line("contact decisions (in-memory, one thread; consent, 1 cap, quiet hours, do-not-contact)",
          perSecond, "decisions/s", "target", 1_000_000, "decisions/s", perSecond / 1_000_000));
      if (databases.contains(Dialect.POSTGRESQL)) {
        Collection<RunResult> reservations = run(new OptionsBuilder()
            .include(ReservationBenchmark.class.getName() + "\\.")
            .param("database", Dialect.POSTGRESQL.name())
            .jvmArgs("-Xms1g", "-Xmx2g", QUIET, JBOSS_TO_SLF4J)
            .forks(full ? 2 : 1)
            .warmupIterations(2)
            .warmupTime(TimeValue.seconds(2))
            .measurementIterations(full ? 10 : 5)
            .measurementTime(TimeValue.seconds(2))
            .shouldFailOnError(true)
            .output(out.resolve("jmh-reservations") + ".txt")
            .result(out.resolve("jmh-reservations") + ".json")
            .resultFormat(ResultFormatType.JSON));
        double library = median(find(reservations, "library", Dialect.POSTGRESQL));
        double baseline = median(find(reservations, "handWritten", Dialect.POSTGRESQL));
        lines.add(line("reservation (PostgreSQL)", library, "reservations/s", "hand-written SQL check-and-insert",
            baseline, "reservations/s", library / baseline));
      }
    }
    if (only.contains("outbox")) {
      int deliveries = 1_000;
      int recipients = 50;
      if (!databases.contains(Dialect.POSTGRESQL)) {
        progress("[" + ++step + "/" + steps + "] outbox to a webhook: skipped, PostgreSQL is not reachable");
      } else {
        progress("[" + ++step + "/" + steps + "] " + deliveries + " notifications from the outbox on PostgreSQL to a"
            + " local webhook, against the same POSTs by hand");
        // the library and the baseline alternate in each fork: 5 warm-up and 5 (full: 2 forks x 10) measured each;
        // the library's relay, claims and JSON take about 5 drains of 1,000 to be compiled
        RunResult run = find(run(new OptionsBuilder()
            .include(OutboxBenchmark.class.getName() + "\\.")
            .param("database", Dialect.POSTGRESQL.name())
            .param("deliveries", Integer.toString(deliveries))
            .param("recipients", Integer.toString(recipients))
            .jvmArgs("-Xms1g", "-Xmx2g", QUIET, JBOSS_TO_SLF4J)
            .forks(full ? 2 : 1)
            .warmupIterations(10)
            .measurementIterations(full ? 20 : 10)
            .shouldDoGC(true)
            .shouldFailOnError(true)
            .output(out.resolve("jmh-outbox") + ".txt")
            .result(out.resolve("jmh-outbox") + ".json")
            .resultFormat(ResultFormatType.JSON)), "send", Map.of("database", Dialect.POSTGRESQL.name()));
        double library = deliveries / seconds(run, median(run, OutboxBenchmark::library));
        double baseline = deliveries / seconds(run, median(run, i -> !OutboxBenchmark.library(i)));
        lines.add(line("notifications from the outbox to a local webhook (PostgreSQL, " + deliveries + " deliveries, "
            + recipients + " recipients)", library, "deliveries/s", "the same POSTs with one HttpClient", baseline,
            "deliveries/s", library / baseline));
      }
    }
    if (only.contains("measurement")) {
      long memoryInteractions = memoryInteractionsOption != null ? memoryInteractionsOption : full ? 100_000 : 50_000;
      progress("[" + ++step + "/" + steps + "] monthly report of " + MeasurementTemplate.vision().kpis().size()
          + " KPIs: on " + (databases.contains(Dialect.POSTGRESQL) ? "PostgreSQL with about " + reportInteractions
          + " interactions against hand-written SQL, and " : "") + "in memory with about " + memoryInteractions
          + " and " + MeasurementScalingBenchmark.FACTOR * memoryInteractions + " interactions");
      if (databases.contains(Dialect.POSTGRESQL)) {
        // each fork fills PostgreSQL (one to two minutes for 1,000,000 interactions); then the sides alternate:
        // 1 warm-up and 10 (full: 2 forks x 15) measured reports each, about a second a report
        RunResult run = find(run(new OptionsBuilder()
            .include(MeasurementReportBenchmark.class.getName() + "\\.")
            .param("database", Dialect.POSTGRESQL.name())
            .param("interactions", Long.toString(reportInteractions))
            .jvmArgs("-Xms1g", "-Xmx3g", QUIET, JBOSS_TO_SLF4J)
            .forks(full ? 2 : 1)
            .warmupIterations(2)
            .measurementIterations(full ? 30 : 20)
            .shouldDoGC(true)
            .shouldFailOnError(true)
            .output(out.resolve("jmh-measurement-postgresql") + ".txt")
            .result(out.resolve("jmh-measurement-postgresql") + ".json")
            .resultFormat(ResultFormatType.JSON)), "report", Map.of("database", Dialect.POSTGRESQL.name()));
        double library = 60 / seconds(run, median(run, MeasurementReportBenchmark::library));
        double baseline = 60 / seconds(run, median(run, i -> !MeasurementReportBenchmark.library(i)));
        lines.add(String.format(Locale.ROOT, "monthly report, %d KPIs (PostgreSQL, ~%d interactions): %.1f reports/min"
            + " vs hand-written SQL %.1f reports/min -> ratio %.2f", MeasurementTemplate.vision().kpis().size(),
            reportInteractions, library, baseline, library / baseline));
      }
      // the small and the large tenant alternate in one fork: 5 warm-up and 10 (full: 2 forks x 20) measured each;
      // no System.gc() between them: with gigabytes of records each takes seconds (JMH calls it until the heap
      // settles: a quick run took 17 minutes so), and a report allocates little
      RunResult memory = find(run(new OptionsBuilder()
          .include(MeasurementScalingBenchmark.class.getName() + "\\.")
          .param("interactions", Long.toString(memoryInteractions))
          .jvmArgs("-Xms2g", full ? "-Xmx10g" : "-Xmx6g", QUIET, JBOSS_TO_SLF4J)
          .forks(full ? 2 : 1)
          .warmupIterations(10)
          .measurementIterations(full ? 40 : 20)
          .shouldDoGC(false)
          .shouldFailOnError(true)
          .output(out.resolve("jmh-measurement-memory") + ".txt")
          .result(out.resolve("jmh-measurement-memory") + ".json")
          .resultFormat(ResultFormatType.JSON)), "report", Map.of());
      double smallTenant = 60 / seconds(memory, median(memory, MeasurementScalingBenchmark::small));
      double largeTenant = 60 / seconds(memory, median(memory, i -> !MeasurementScalingBenchmark.small(i)));
      long big = MeasurementScalingBenchmark.FACTOR * memoryInteractions;
      lines.add(String.format(Locale.ROOT, "monthly report in memory, %d KPIs (~%d interactions): %.1f reports/min vs"
          + " same with ~%d interactions %.1f reports/min -> ratio %.2f (cost ratio: time per report with %dx the"
          + " interactions / with 1x; target <= 12, lower is better)", MeasurementTemplate.vision().kpis().size(), big,
          largeTenant, memoryInteractions, smallTenant, smallTenant / largeTenant, MeasurementScalingBenchmark.FACTOR));
    }
    progress("done");
    lines.forEach(System.out::println);
  }

  /** The benchmarks {@code --only} chooses among, in the order they run. */
  private static final List<String> ALL = List.of("heap", "lookup", "import", "recording", "due", "contacts",
      "outbox", "measurement");

  /** The stores the obligation benchmarks can run on. */
  private static final List<String> STORES = List.of("IN_MEMORY", "H2", "POSTGRESQL");

  /**
   * Where the obligation benchmarks run unless told: in quick mode in memory only (on a database, making the
   * histories alone takes minutes: see docs/benchmarks.md); in full mode also on H2 and PostgreSQL.
   */
  private static List<String> defaultObligationStores(boolean full, List<Dialect> databases) {
    List<String> stores = new ArrayList<>(List.of("IN_MEMORY"));
    if (full) {
      databases.forEach(d -> stores.add(d.name()));
    }
    return stores;
  }

  private static void progress(String message) {
    System.err.printf("%4ds %s%n", (System.nanoTime() - START) / 1_000_000_000L, message);
  }

  private static ChainedOptionsBuilder options(Class<?> benchmark, List<Dialect> databases, int customers,
      Path report) {
    return new OptionsBuilder()
        .include(benchmark.getName() + "\\.")
        .param("database", databases.stream().map(Dialect::name).toArray(String[]::new))
        .param("customers", Integer.toString(customers))
        .jvmArgs("-Xms1g", "-Xmx3g", QUIET, JBOSS_TO_SLF4J)
        .shouldDoGC(true)
        .shouldFailOnError(true)
        .output(report + ".txt")
        .result(report + ".json")
        .resultFormat(ResultFormatType.JSON);
  }

  private static Collection<RunResult> run(ChainedOptionsBuilder options) throws RunnerException {
    return new Runner(options.build()).run();
  }

  /**
   * The median of a benchmark's measured iterations over all its forks, in its score unit. The median rather
   * than JMH's mean: on a shared machine, one iteration that met another build's burst would move the mean
   * of a handful of iterations by far more than the library's cost.
   */
  private static double median(RunResult run) {
    return median(run, i -> true);
  }

  /** The median over all forks of the measured iterations whose index in their fork {@code chosen} accepts. */
  private static double median(RunResult run, IntPredicate chosen) {
    List<Double> scores = new ArrayList<>();
    for (BenchmarkResult fork : run.getBenchmarkResults()) {
      int index = 0;
      for (IterationResult iteration : fork.getIterationResults()) {
        if (chosen.test(index++)) {
          scores.add(iteration.getPrimaryResult().getScore());
        }
      }
    }
    if (scores.isEmpty()) {
      throw new IllegalStateException("no measured iteration of " + run.getParams().getBenchmark());
    }
    Collections.sort(scores);
    int middle = scores.size() / 2;
    return scores.size() % 2 == 1 ? scores.get(middle) : (scores.get(middle - 1) + scores.get(middle)) / 2;
  }

  private static RunResult find(Collection<RunResult> results, String method, Map<String, String> params) {
    return results.stream()
        .filter(r -> r.getParams().getBenchmark().endsWith("." + method))
        .filter(r -> params.entrySet().stream().allMatch(p -> p.getValue().equals(r.getParams().getParam(p.getKey()))))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no result for " + method + " with " + params));
  }

  private static RunResult find(Collection<RunResult> results, String method, Dialect database) {
    return results.stream()
        .filter(r -> r.getParams().getBenchmark().endsWith("." + method))
        .filter(r -> database.name().equals(r.getParams().getParam("database")))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no result for " + method + " on " + database));
  }

  /** The median single-shot time of a run (time per operation) in seconds. */
  private static double seconds(RunResult run) {
    return seconds(run, median(run, i -> true));
  }

  /**
   * The median single-shot time of the measured iterations of {@link RecordingBenchmark} that recorded into the
   * small history ({@code small}) or into the large one, in seconds: they alternate, small first, in every fork.
   */
  private static double seconds(RunResult run, boolean small) {
    return seconds(run, median(run, i -> RecordingBenchmark.small(i) == small));
  }

  private static double seconds(RunResult run, double score) {
    return switch (run.getPrimaryResult().getScoreUnit()) {
      case "s/op" -> score;
      case "ms/op" -> score / 1e3;
      case "us/op" -> score / 1e6;
      default -> throw new IllegalStateException("unexpected unit " + run.getPrimaryResult().getScoreUnit());
    };
  }

  private static String name(Dialect d) {
    return d == Dialect.H2 ? "H2 file" : "PostgreSQL";
  }

  static String line(String name, double value, String unit, String baselineName, double baselineValue,
      String baselineUnit, double ratio) {
    return String.format(Locale.ROOT, "%s: %.0f %s vs %s %.0f %s -> ratio %.2f", name, value, unit, baselineName,
        baselineValue, baselineUnit, ratio);
  }

  /** Starts {@link HeapPerCustomer} in a JVM of its own. */
  private static Process startHeapPerCustomer(int customers, int repetitions) throws IOException {
    String java = ProcessHandle.current().info().command()
        .orElse(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    return new ProcessBuilder(java, "-XX:+UseSerialGC", "-Xms512m", "-Xmx3g",
        QUIET, JBOSS_TO_SLF4J, "-cp", System.getProperty("java.class.path"),
        HeapPerCustomer.class.getName(), Integer.toString(customers), Integer.toString(repetitions))
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
  }

  /** Waits for {@link HeapPerCustomer} and returns its bytes per customer. */
  private static double heapPerCustomer(Process process) throws IOException, InterruptedException {
    Optional<String> result = Optional.empty();
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
        StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.startsWith("bytesPerCustomer=")) {
          result = Optional.of(line.substring(line.indexOf('=') + 1));
        }
      }
    }
    int exit = process.waitFor();
    if (exit != 0 || result.isEmpty()) {
      throw new IllegalStateException("the heap measurement failed (exit " + exit + ")");
    }
    return Double.parseDouble(result.get());
  }

  /** target/ beside the jar when run from it; the working folder's target/ otherwise. */
  private static Path outputFolder() throws IOException {
    Path folder = Paths.get("target");
    try {
      Path jar = Paths.get(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (Files.isRegularFile(jar)) {
        folder = jar.getParent();
      }
    } catch (java.net.URISyntaxException | RuntimeException e) {
      // keep the working folder's target/
    }
    Files.createDirectories(folder);
    return folder.toAbsolutePath();
  }

  private static int positive(String arg) {
    int value = Integer.parseInt(arg.substring(arg.indexOf('=') + 1));
    if (value <= 0) {
      throw new IllegalArgumentException(arg + ": must be positive");
    }
    return value;
  }
}
