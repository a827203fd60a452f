package dev.etiquette.crm.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import dev.etiquette.crm.Crm;
import dev.etiquette.crm.api.Actor;
import dev.etiquette.crm.api.Channel;
import dev.etiquette.crm.api.CrmTenant;
import dev.etiquette.crm.api.Purpose;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.contact.ContactEntry;
import dev.etiquette.crm.api.contact.ContactRequest;
import dev.etiquette.crm.api.contact.ContactStatus;
import dev.etiquette.crm.api.party.PartyId;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Threads that race for a cap's last slots, round after round: in round {@code r} every thread reserves one
 * marketing e-mail for party {@code r} at the same instant, all released at once by a barrier. {@link #race} tallies
 * what each round granted; {@link #main} runs it in a child JVM of {@link ContactReservationConcurrencyTest},
 * where the barrier's action also waits for the parent's word, so that the threads of both processes start each
 * round together.
 */
final class ContactReservationWorker {

  private ContactReservationWorker() {}

  /** What the reservations of every round came to, and whatever else happened. */
  record Tally(int[] reserved, int[] denied, List<String> unexpected) {

    static Tally of(int rounds) {
      return new Tally(new int[rounds], new int[rounds], Collections.synchronizedList(new ArrayList<>()));
    }

    /** One line per round and per surprise, for a child's standard output. */
    List<String> lines() {
      List<String> lines = new ArrayList<>();
      for (int r = 0; r < reserved.length; r++) {
        lines.add("round " + r + " " + reserved[r] + " " + denied[r]);
      }
      synchronized (unexpected) {
        unexpected.forEach(u -> lines.add("unexpected " + u.replace('\n', ' ').replace('\r', ' ')));
      }
      return lines;
    }

    /** Adds the tally a child printed with {@link #lines()}; other lines are ignored. */
    void add(List<String> lines) {
      for (String line : lines) {
        String[] w = line.split(" ");
        if (w[0].equals("round")) {
          reserved[Integer.parseInt(w[1])] += Integer.parseInt(w[2]);
          denied[Integer.parseInt(w[1])] += Integer.parseInt(w[3]);
        } else if (w[0].equals("unexpected")) {
          unexpected.add(line.substring("unexpected ".length()));
        }
      }
    }
  }

  /**
   * Runs {@code threads} threads through one round per party; before each round starts, once every thread waits
   * at the barrier, {@code beforeRound} gets the round's number. Returns once every thread has finished.
   */
  static Tally race(CrmTenant tenant, List<PartyId> parties, Instant at, int threads, IntConsumer beforeRound)
      throws InterruptedException {
    Tally tally = Tally.of(parties.size());
    AtomicInteger next = new AtomicInteger();
    CyclicBarrier barrier = new CyclicBarrier(threads, () -> beforeRound.accept(next.getAndIncrement()));
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> runs = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        runs.add(pool.submit(() -> {
          for (int round = 0; round < parties.size(); round++) {
            barrier.await(2, TimeUnit.MINUTES);
            ContactEntry entry = tenant.contacts().reserve(ContactRequest.of(parties.get(round), Channel.EMAIL,
                Purpose.MARKETING, at));
            synchronized (tally) {
              if (entry.status() == ContactStatus.RESERVED) {
                tally.reserved()[round]++;
              } else if (entry.status() == ContactStatus.DENIED) {
                tally.denied()[round]++;
              } else {
                tally.unexpected().add("round " + round + ": a reservation came back " + entry.status());
              }
            }
          }
          return null;
        }));
      }
      for (Future<?> run : runs) {
        try {
          run.get(5, TimeUnit.MINUTES);
        } catch (ExecutionException | TimeoutException e) {
          Throwable cause = e.getCause() == null ? e : e.getCause();
          tally.unexpected().add(cause.getClass().getName() + ": " + cause.getMessage());
          barrier.reset(); // the other threads fail at the barrier rather than wait for this one
        }
      }
    } finally {
      pool.shutdownNow();
    }
    return tally;
  }

  /**
   * The child process: {@code <tenant> <threads> <instant> <partyId>...}, with the database in the
   * {@code CRM_WORKER_*} environment variables ({@link ConcurrencyWorkload#workerConfig}) and the clock standing at
   * {@code instant}. Prints {@code ready}; then before each round {@code at <round>}, and starts the round on a
   * {@code go} line from standard input; at the end the tally and {@code done}.
   */
  public static void main(String[] args) throws Exception {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    TenantId tenantId = TenantId.of(args[0]);
    int threads = Integer.parseInt(args[1]);
    Instant at = Instant.parse(args[2]);
    List<PartyId> parties = new ArrayList<>();
    for (int i = 3; i < args.length; i++) {
      parties.add(PartyId.of(args[i]));
    }
    try (HikariDataSource pool = new HikariDataSource(ConcurrencyWorkload.workerConfig(threads,
        "crm-contact-child"));
        Crm crm = Crm.builder().storage(JdbcStorage.builder(pool).build()).clock(Clock.fixed(at, ZoneOffset.UTC))
            .build()) {
      CrmTenant tenant = crm.tenant(tenantId, Actor.user("sender-" + ProcessHandle.current().pid()));
      for (PartyId party : parties) {
        tenant.contacts().decide(ContactRequest.of(party, Channel.EMAIL, Purpose.MARKETING, at)); // warms up
      }
      out.println("ready");
      Tally tally = race(tenant, parties, at, threads, round -> {
        out.println("at " + round);
        try {
          String go = in.readLine();
          if (!"go".equals(go)) {
            out.println("unexpected parent said " + go);
            System.exit(2);
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
      tally.lines().forEach(out::println);
      out.println("done");
    }
    System.exit(0);
  }
}
