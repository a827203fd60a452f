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
import java.util.Locale;
import java.util.Optional;
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
 * that a ratio at or above the target's is good. Throughputs are medians of the measured iterations of all
 * forks. Progress goes to standard error, JMH's own report and
 * JSON results to files beside the jar.
 *
 * <pre>
 * java -jar crm-benchmarks/target/benchmarks.jar            # quick: under 3 minutes on 2 cores, 4 when busy
 * java -jar crm-benchmarks/target/benchmarks.jar --full     # 100,000 customers, more forks and iterations
 * </pre>
 *
 * Options: {@code --full}; {@code --customers=N} (customers imported and looked up among; quick 20000, full
 * 100000); {@code --heap-customers=N} (100000); {@code --no-postgres}; {@code --help}.
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
    for (String arg : args) {
      if (arg.equals("--full")) {
        full = true;
      } else if (arg.equals("--no-postgres")) {
        postgres = false;
      } else if (arg.startsWith("--customers=")) {
        customers = positive(arg);
      } else if (arg.startsWith("--heap-customers=")) {
        heapCustomers = positive(arg);
      } else if (arg.equals("--help") || arg.equals("-h")) {
        System.out.println("usage: java -jar benchmarks.jar [--full] [--customers=N] [--heap-customers=N]"
            + " [--no-postgres]");
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
    System.err.printf("%s mode: %d customers, %s; JMH reports in %s%n", full ? "full" : "quick", size, databases,
        out);

    List<String> lines = new ArrayList<>();

    // The heap measurement times nothing, so it runs in its own JVM while the lookup tables are filled.
    progress("[1/3] heap per customer (" + heapCustomers + " customers, in memory), and filling the lookup tables");
    Process heap = startHeapPerCustomer(heapCustomers, full ? 3 : 1);
    Path h2 = BenchDatabase.newTemporaryFolder();
    Collection<RunResult> lookups;
    try {
      for (Dialect d : databases) {
        try (BenchDatabase db = BenchDatabase.open(d, h2)) {
          LookupBenchmark.fill(db, size);
        }
      }
      double bytes = heapPerCustomer(heap);
      lines.add(line("heap per customer", bytes, "bytes", "target", 1024, "bytes", 1024 / bytes));

      progress("[2/3] lookup by e-mail");
      lookups = run(options(LookupBenchmark.class, databases, size, out.resolve("jmh-lookup"))
          .jvmArgsAppend("-D" + LookupBenchmark.PREFILLED_H2 + "=" + h2,
              "-D" + LookupBenchmark.PREFILLED_CUSTOMERS + "=" + size)
          .forks(full ? 2 : 1)
          .warmupIterations(2)
          .warmupTime(TimeValue.seconds(1))
          .measurementIterations(full ? 10 : 5)
          .measurementTime(TimeValue.seconds(full ? 2 : 1)));
    } finally {
      heap.destroy(); // a no-op once it has reported; stops it when something else failed
      BenchDatabase.deleteRecursively(h2);
    }
    List<String> lookupLines = new ArrayList<>();
    for (Dialect d : databases) {
      double library = median(find(lookups, "library", d));
      double baseline = median(find(lookups, "handWritten", d));
      lookupLines.add(line("lookup by email (" + name(d) + ", " + size + " customers)", library, "lookups/s",
          "hand-written query + Jackson", baseline, "lookups/s", library / baseline));
    }

    progress("[3/3] bulk import");
    Collection<RunResult> imports = run(options(ImportBenchmark.class, databases, size, out.resolve("jmh-import"))
        .forks(full ? 2 : 1)
        .warmupIterations(2)
        .measurementIterations(full ? 5 : 3));
    List<String> importLines = new ArrayList<>();
    for (Dialect d : databases) {
      double library = size / seconds(find(imports, "library", d));
      double baseline = size / seconds(find(imports, "handWritten", d));
      importLines.add(line("import " + size + " customers (" + name(d) + ")", library, "customers/s",
          "hand-written JDBC batch", baseline, "customers/s", library / baseline));
    }
    lines.addAll(0, lookupLines);
    lines.addAll(0, importLines);
    progress("done");
    lines.forEach(System.out::println);
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
    List<Double> scores = new ArrayList<>();
    for (BenchmarkResult fork : run.getBenchmarkResults()) {
      for (IterationResult iteration : fork.getIterationResults()) {
        scores.add(iteration.getPrimaryResult().getScore());
      }
    }
    if (scores.isEmpty()) {
      throw new IllegalStateException("no measured iteration of " + run.getParams().getBenchmark());
    }
    Collections.sort(scores);
    int middle = scores.size() / 2;
    return scores.size() % 2 == 1 ? scores.get(middle) : (scores.get(middle - 1) + scores.get(middle)) / 2;
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
    double score = median(run);
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
