package dev.etiquette.crm.benchmarks;

import dev.etiquette.crm.Crm;
import dev.etiquette.crm.api.CrmTenant;
import dev.etiquette.crm.api.obligation.DueWork;
import dev.etiquette.crm.api.party.PartyId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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

/**
 * {@code Crm.processDue()} over {@code obligations} due obligations: one operation breaches them all.
 *
 * <p>Before each operation (untimed) a new support desk ({@link SupportDesk}) gets {@code obligations} inbound
 * e-mails, each opening a conversation and so a first-response obligation (4 business hours, a warning at 75 %),
 * {@value #PER_PARTY} per customer, all between Monday 09:00 and 09:20 in New York; then due work is processed at
 * 12:25, which gives every warning. This is done through the public API in memory; on a database the records are
 * then copied in ({@link BenchStore#make}). The operation processes due work at 13:25: every deadline (13:00–13:20) has
 * passed and no escalation step (30 minutes after the deadline) has, so it breaches each obligation once,
 * writing the change and its notification in the transaction of its batch, and delivers the notifications to a
 * port that counts them. Throughput is obligations breached per second. After each operation the result and
 * the count delivered are checked.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class DueWorkBenchmark {

  /** Open obligations (conversations) per customer. */
  static final int PER_PARTY = 10;
  /** Monday 2 November 2026, 09:00 in New York (EST): the first inbound e-mail. */
  static final Instant FIRST = Instant.parse("2026-11-02T14:00:00Z");
  /** Every inbound e-mail falls within this long after {@link #FIRST}. */
  static final Duration SPREAD = Duration.ofMinutes(20);
  /** 12:25: after every warning (75 % of 4 h: 12:00–12:20), before any deadline. */
  static final Instant WARNED = FIRST.plus(Duration.ofHours(3).plusMinutes(25));
  /** 13:25: after every deadline (13:00–13:20), before any escalation (13:30–13:50). */
  static final Instant BREACHED = FIRST.plus(Duration.ofHours(4).plusMinutes(25));

  @Param({"IN_MEMORY"})
  public String storage;

  @Param({"100000"})
  public int obligations;

  private BenchStore store;
  private Crm crm;
  private BenchClock clock;
  private final AtomicLong delivered = new AtomicLong();
  private DueWork done;

  @Setup(Level.Trial)
  public void open() {
    if (obligations % PER_PARTY != 0) {
      throw new IllegalArgumentException("obligations must be a multiple of " + PER_PARTY + ", was " + obligations);
    }
    store = BenchStore.of(storage);
  }

  /** A new support desk with {@code obligations} open first-response obligations, warned, due at {@link #BREACHED}. */
  @Setup(Level.Iteration)
  public void openObligations() {
    if (crm != null) {
      store.reset();
    }
    clock = new BenchClock(FIRST);
    crm = store.make(clock, notification -> delivered.incrementAndGet(), filling -> {
      CrmTenant tenant = filling.tenant(SupportDesk.TENANT, SupportDesk.ACTOR);
      SupportDesk.configure(tenant);
      List<PartyId> customers = SupportDesk.customers(tenant, obligations / PER_PARTY);
      Duration step = SPREAD.dividedBy(obligations);
      for (int round = 0; round < PER_PARTY; round++) {
        for (PartyId party : customers) {
          tenant.interactions().record(SupportDesk.inbound(party, "d-" + party.value() + "-" + round));
          clock.advance(step);
        }
      }
      clock.set(WARNED);
      DueWork warned = filling.processDue();
      if (warned.warned() != obligations || warned.total() != obligations) {
        throw new IllegalStateException("expected " + obligations + " warnings, processing gave " + warned);
      }
    });
    clock.set(BREACHED);
    delivered.set(0);
  }

  @Benchmark
  public DueWork processDue() {
    done = crm.processDue();
    return done;
  }

  @TearDown(Level.Iteration)
  public void check() {
    DueWork again = crm.processDue();
    long notified = delivered.get();
    if (!done.equals(new DueWork(0, 0, obligations, 0)) || again.total() != 0 || notified != obligations) {
      throw new IllegalStateException("expected " + obligations + " breaches, their notifications and nothing more"
          + " due; processing gave " + done + ", " + notified + " notifications, then " + again);
    }
  }

  @TearDown(Level.Trial)
  public void close() {
    store.close();
  }
}
