package dev.etiquette.crm.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.etiquette.crm.Crm;
import dev.etiquette.crm.api.Actor;
import dev.etiquette.crm.api.CrmTenant;
import dev.etiquette.crm.api.StorageException;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.VersionConflictException;
import dev.etiquette.crm.api.party.AttributeValue;
import dev.etiquette.crm.api.party.Parties;
import dev.etiquette.crm.api.party.Party;
import dev.etiquette.crm.api.party.PartyId;
import dev.etiquette.crm.api.party.PartyUpdate;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The concurrent workload: threads that each increment the NUMBER attribute {@code counter} of the same few
 * parties a fixed number of times, every increment a read-modify-write through {@link Parties#update}
 * retried on {@link VersionConflictException} (and on retryable {@link StorageException}s), counting what
 * happened. {@link #main} runs it in a child JVM over a pool of its own and prints the tally.
 */
final class ConcurrencyWorkload {

  /** A bound on attempts per increment, so that a run always ends; an increment that hits it gave up. */
  static final int MAX_ATTEMPTS_PER_INCREMENT = 1_000;

  private ConcurrencyWorkload() {}

  /** What a run did. Maps are keyed by party id. */
  static final class Tally {
    final Map<String, Long> successes = new TreeMap<>();
    long conflicts;
    /** Conflicts whose actual version was not newer than the expected one: a misleading exception. */
    long staleConflicts;
    long retryable;
    long gaveUp;
    final Map<String, Long> retryableKinds = new TreeMap<>();
    final List<String> unexpected = new ArrayList<>();

    void add(Tally other) {
      other.successes.forEach((id, n) -> successes.merge(id, n, Long::sum));
      conflicts += other.conflicts;
      staleConflicts += other.staleConflicts;
      retryable += other.retryable;
      gaveUp += other.gaveUp;
      other.retryableKinds.forEach((k, n) -> retryableKinds.merge(k, n, Long::sum));
      unexpected.addAll(other.unexpected);
    }

    long totalSuccesses() {
      return successes.values().stream().mapToLong(Long::longValue).sum();
    }

    /** One line per fact, for a child's standard output. */
    List<String> lines() {
      List<String> lines = new ArrayList<>();
      successes.forEach((id, n) -> lines.add("success " + id + " " + n));
      lines.add("conflicts " + conflicts);
      lines.add("staleConflicts " + staleConflicts);
      lines.add("retryable " + retryable);
      lines.add("gaveUp " + gaveUp);
      retryableKinds.forEach((k, n) -> lines.add("retryableKind " + n + " " + k));
      unexpected.forEach(u -> lines.add("unexpected " + u.replace('\n', ' ').replace('\r', ' ')));
      return lines;
    }

    /** The tally a child printed with {@link #lines()}; other lines are ignored. */
    static Tally parse(List<String> lines) {
      Tally t = new Tally();
      for (String line : lines) {
        String[] w = line.split(" ", 3);
        switch (w[0]) {
          case "success" -> t.successes.merge(w[1], Long.parseLong(w[2]), Long::sum);
          case "conflicts" -> t.conflicts += Long.parseLong(w[1]);
          case "staleConflicts" -> t.staleConflicts += Long.parseLong(w[1]);
          case "retryable" -> t.retryable += Long.parseLong(w[1]);
          case "gaveUp" -> t.gaveUp += Long.parseLong(w[1]);
          case "retryableKind" -> t.retryableKinds.merge(w[2], Long.parseLong(w[1]), Long::sum);
          case "unexpected" -> t.unexpected.add(line.substring("unexpected ".length()));
          default -> { }
        }
      }
      return t;
    }

    @Override
    public String toString() {
      return "successes=" + totalSuccesses() + " " + successes + ", conflicts=" + conflicts + ", staleConflicts="
          + staleConflicts + ", retryable=" + retryable + " " + retryableKinds + ", gaveUp=" + gaveUp
          + ", unexpected=" + unexpected.size();
    }
  }

  /**
   * Runs {@code threads} threads that each make {@code increments} increments, thread {@code t}'s
   * {@code i}-th going to party {@code (t + i) mod parties}. Returns once every thread has finished.
   */
  static Tally run(CrmTenant tenant, List<PartyId> ids, int threads, int increments, long timeoutSeconds) {
    Map<String, AtomicLong> successes = new ConcurrentHashMap<>();
    ids.forEach(id -> successes.put(id.value(), new AtomicLong()));
    List<Tally> perThread = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      Thread worker = new Thread(() -> {
        Tally mine = new Tally();
        try {
          start.await();
          for (int i = 0; i < increments; i++) {
            PartyId id = ids.get((thread + i) % ids.size());
            if (increment(tenant.parties(), id, mine)) {
              successes.get(id.value()).incrementAndGet();
            }
          }
        } catch (InterruptedException e) {
          mine.unexpected.add("interrupted");
        } finally {
          perThread.add(mine);
        }
      }, "worker-" + t);
      workers.add(worker);
      worker.start();
    }
    start.countDown();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
    Tally total = new Tally();
    for (Thread worker : workers) {
      try {
        worker.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (worker.isAlive()) {
        total.unexpected.add(worker.getName() + " did not finish within " + timeoutSeconds + " s");
        worker.interrupt();
      }
    }
    synchronized (perThread) {
      perThread.forEach(total::add);
    }
    successes.forEach((id, n) -> total.successes.put(id, n.get()));
    return total;
  }

  /** One increment, retried on conflicts; whether it succeeded. */
  private static boolean increment(Parties parties, PartyId id, Tally tally) {
    for (int attempt = 1; attempt <= MAX_ATTEMPTS_PER_INCREMENT; attempt++) {
      long readVersion = -1;
      try {
        Party current = parties.get(id);
        readVersion = current.version();
        BigDecimal next = counter(current).add(BigDecimal.ONE);
        Party updated = parties.update(id, readVersion, PartyUpdate.builder()
            .attribute("counter", AttributeValue.of(next)).build());
        if (updated.version() != readVersion + 1 || counter(updated).compareTo(next) != 0) {
          tally.unexpected.add("update of " + id + " from version " + readVersion + " returned version "
              + updated.version() + " with counter " + counter(updated) + ", expected " + next);
        }
        return true;
      } catch (VersionConflictException e) {
        tally.conflicts++;
        if (e.expectedVersion() != readVersion || e.actualVersion() <= e.expectedVersion()) {
          tally.staleConflicts++;
          if (tally.staleConflicts <= 3) {
            tally.unexpected.add("misleading conflict after reading version " + readVersion + ": " + e.getMessage());
          }
        }
      } catch (StorageException e) {
        if (!e.retryable()) {
          tally.unexpected.add(describe(e));
          return false;
        }
        tally.retryable++;
        tally.retryableKinds.merge(kind(e), 1L, Long::sum);
      } catch (RuntimeException e) {
        tally.unexpected.add(describe(e));
        return false;
      }
    }
    tally.gaveUp++;
    return false;
  }

  static BigDecimal counter(Party party) {
    AttributeValue value = party.attributes().get("counter");
    return value == null ? BigDecimal.ZERO : ((AttributeValue.NumberValue) value).value();
  }

  /** The operation and the SQL state and vendor code of the driver's exception. */
  private static String kind(StorageException e) {
    for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
      if (c instanceof SQLException s) {
        return e.operation() + " [" + s.getSQLState() + "/" + s.getErrorCode() + "]";
      }
    }
    return e.operation();
  }

  private static String describe(Throwable e) {
    return e.getClass().getName() + ": " + e.getMessage();
  }

  /**
   * The child process: {@code <tenant> <threads> <increments> <partyId>...}, with the database in the
   * environment ({@code CRM_WORKER_URL}, {@code CRM_WORKER_USER}, {@code CRM_WORKER_PASSWORD}, so that no
   * password shows in a process list; {@code CRM_WORKER_SCHEMA} or {@code CRM_WORKER_CATALOG}, and
   * optionally {@code CRM_WORKER_ISOLATION}, a Hikari transaction isolation name). Builds
   * a pool and a {@code Crm} of its own, prints {@code ready}, starts on a {@code go} line from standard
   * input, prints the tally and {@code done}.
   */
  public static void main(String[] args) throws Exception {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    TenantId tenantId = TenantId.of(args[0]);
    int threads = Integer.parseInt(args[1]);
    int increments = Integer.parseInt(args[2]);
    List<PartyId> ids = new ArrayList<>();
    for (int i = 3; i < args.length; i++) {
      ids.add(PartyId.of(args[i]));
    }
    try (HikariDataSource pool = new HikariDataSource(workerConfig(threads, "crm-concurrency-child"));
        Crm crm = Crm.builder().storage(JdbcStorage.builder(pool).build()).build()) {
      CrmTenant tenant = crm.tenant(tenantId, Actor.user("worker-" + ProcessHandle.current().pid()));
      for (PartyId id : ids) {
        tenant.parties().get(id); // warms the pool and the code paths; fails early on a wrong tenant
      }
      out.println("ready");
      String go = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      if (!"go".equals(go)) {
        out.println("unexpected parent said " + go);
        System.exit(2);
      }
      long started = System.nanoTime();
      Tally tally = run(tenant, ids, threads, increments, 90);
      tally.lines().forEach(out::println);
      out.println("millis " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
      out.println("done");
    }
    System.exit(0);
  }

  /**
   * The pool configuration of a child JVM: the database from the {@code CRM_WORKER_*} environment variables (URL,
   * user, password, and where set schema, catalog and isolation), a connection per thread and two to spare.
   */
  static HikariConfig workerConfig(int threads, String poolName) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(System.getenv("CRM_WORKER_URL"));
    config.setUsername(System.getenv("CRM_WORKER_USER"));
    config.setPassword(System.getenv("CRM_WORKER_PASSWORD"));
    if (!System.getenv().getOrDefault("CRM_WORKER_SCHEMA", "").isEmpty()) {
      config.setSchema(System.getenv("CRM_WORKER_SCHEMA"));
    }
    if (!System.getenv().getOrDefault("CRM_WORKER_CATALOG", "").isEmpty()) {
      config.setCatalog(System.getenv("CRM_WORKER_CATALOG"));
    }
    if (!System.getenv().getOrDefault("CRM_WORKER_ISOLATION", "").isEmpty()) {
      config.setTransactionIsolation(System.getenv("CRM_WORKER_ISOLATION"));
    }
    config.setMaximumPoolSize(threads + 2);
    config.setConnectionTimeout(10_000);
    config.setPoolName(poolName);
    return config;
  }

  /** The run time a child printed, or -1. */
  static long millis(List<String> lines) {
    return lines.stream().filter(l -> l.startsWith("millis ")).mapToLong(l -> Long.parseLong(l.substring(7)))
        .findFirst().orElse(-1);
  }
}
