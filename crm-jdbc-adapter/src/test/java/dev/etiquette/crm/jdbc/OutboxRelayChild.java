package dev.etiquette.crm.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.etiquette.crm.Crm;
import dev.etiquette.crm.DueWorkScheduler;
import dev.etiquette.crm.notify.RelayPolicy;
import dev.etiquette.crm.notify.WebhookNotificationPort;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A relay in a process of its own, for {@link OutboxCrashTest}: {@link #main} runs a {@code Crm} on the database
 * of the {@code CRM_WORKER_*} variables with a {@link WebhookNotificationPort} to the parent's receiver, and its
 * relay every few milliseconds ({@code crm.relay().start(period)}) under its own relay id and a short lease, until
 * it is killed. {@link #start} launches it ({@code java -cp <the test class path>}); {@link #kill} is SIGKILL.
 */
final class OutboxRelayChild {

  private final String relayId;
  private final Process process;
  private final Path stderr;
  private final CountDownLatch ready = new CountDownLatch(1);
  private final long startedAt = System.nanoTime();
  private volatile long readyAfterMillis = -1;

  private OutboxRelayChild(String relayId, Process process, Path stderr) {
    this.relayId = relayId;
    this.process = process;
    this.stderr = stderr;
    Thread reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
          StandardCharsets.UTF_8))) {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          if (line.equals("ready")) {
            readyAfterMillis = (System.nanoTime() - startedAt) / 1_000_000;
            ready.countDown();
          }
        }
      } catch (IOException e) {
        // the child was killed; its output ends here
      }
    }, "stdout of " + relayId);
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * Starts a child relaying with id {@code relayId} to {@code endpoint}, with {@code lease} and a run every
   * {@code period}.
   */
  static OutboxRelayChild start(String relayId, URI endpoint, Duration lease, Duration period,
      Map<String, String> env) {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx192m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData",
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", System.getProperty("java.class.path"),
        OutboxRelayChild.class.getName(), relayId, endpoint.toString(), Long.toString(lease.toMillis()),
        Long.toString(period.toMillis())));
    try {
      Path stderr = Files.createTempFile("crm-outbox-" + relayId + "-", ".stderr");
      ProcessBuilder builder = new ProcessBuilder(command).redirectError(stderr.toFile());
      builder.environment().putAll(env);
      return new OutboxRelayChild(relayId, builder.start(), stderr);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the relay child " + relayId, e);
    }
  }

  String relayId() {
    return relayId;
  }

  /** Waits at most {@code timeout} for the child's relay to run; fails quoting its standard error. */
  void awaitReady(Duration timeout) throws InterruptedException {
    if (!ready.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError(relayId + " did not start within " + timeout + " (alive: " + process.isAlive()
          + ")\n" + stderrTail());
    }
  }

  /** How long the child took to print "ready", or -1 if it has not. */
  long readyAfterMillis() {
    return readyAfterMillis;
  }

  /** SIGKILL ({@link Process#destroyForcibly()} on Linux), and waits for the process to be gone. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      throw new AssertionError(relayId + " survived SIGKILL for 10 s");
    }
    String tail = stderrTail();
    if (!tail.isBlank()) {
      System.out.println("[outbox crash] standard error of " + relayId + " (exit " + process.exitValue() + "):\n"
          + tail);
    }
    try {
      Files.deleteIfExists(stderr);
    } catch (IOException e) {
      // a temporary file
    }
  }

  /** SIGKILL if it still runs, without waiting: for clean-up after a failure. */
  void destroy() {
    process.destroyForcibly();
  }

  /** Whether the child died by itself (it should only ever be killed). */
  boolean diedByItself() {
    return !process.isAlive() && process.exitValue() != 137;
  }

  String stderrTail() {
    try {
      List<String> lines = Files.readAllLines(stderr, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException | UncheckedIOException e) {
      return "(cannot read " + stderr + ": " + e + ")";
    }
  }

  /** {@code <relayId> <endpoint> <lease millis> <period millis>}; runs until killed (or its stdin closes). */
  public static void main(String[] args) throws Exception {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    String relayId = args[0];
    URI endpoint = URI.create(args[1]);
    Duration lease = Duration.ofMillis(Long.parseLong(args[2]));
    Duration period = Duration.ofMillis(Long.parseLong(args[3]));
    RelayPolicy policy = RelayPolicy.builder().relayId(relayId).lease(lease).batchSize(10)
        .firstRetryDelay(Duration.ofMillis(100)).maxRetryDelay(Duration.ofSeconds(1)).deliverAfterCommit(false)
        .build();
    HikariConfig config = ConcurrencyWorkload.workerConfig(0, "crm-outbox-" + relayId);
    config.setMaximumPoolSize(2); // the relay's runs take one at a time; twenty-odd children share the server
    config.setMinimumIdle(1);
    try (HikariDataSource pool = new HikariDataSource(config);
        Crm crm = Crm.builder().storage(JdbcStorage.builder(pool).migrate(false).build())
            .notifications(WebhookNotificationPort.builder(endpoint, OutboxReceiver.SECRET)
                .requestTimeout(Duration.ofSeconds(10)).build())
            .relay(policy).build();
        DueWorkScheduler relay = crm.relay().start(period)) {
      out.println("ready");
      new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine(); // until killed
    }
    System.exit(0);
  }
}
