package dev.etiquette.crm.benchmarks;

import dev.etiquette.crm.Crm;
import dev.etiquette.crm.api.CrmTenant;
import dev.etiquette.crm.api.interaction.ConversationId;
import dev.etiquette.crm.api.interaction.Interaction;
import dev.etiquette.crm.api.obligation.Obligation;
import dev.etiquette.crm.api.obligation.ObligationKind;
import dev.etiquette.crm.api.obligation.ObligationState;
import dev.etiquette.crm.api.party.PartyId;
import dev.etiquette.crm.api.spi.NotificationPort;
import java.time.Duration;
import java.util.ArrayList;
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
 * The cost of recording an inbound e-mail that opens a conversation, and so a first-response obligation, plus the
 * outbound reply that satisfies it, with {@value #SMALL} interactions stored in the tenant and with {@code stored}
 * stored. The target is that this cost does not grow with the tenant's history: the engine must read only the
 * conversation's and the party's unsettled obligations, never rescan interactions or obligations.
 *
 * <p>The history ({@link SupportDesk#history}): {@code stored / 100} customers with 100 interactions each, in
 * e-mail conversations of four (inbound, reply, inbound, reply), recorded through the public API under the
 * support desk's rules, so it also holds their satisfied first- and next-response obligations and one scheduled
 * dormancy check-in per customer.
 *
 * <p>Both tenants live in the same fork, each in a store of its own, and the iterations alternate between them:
 * the 1st, 3rd, 5th, ... measured iteration records into the small one, the 2nd, 4th, ... into the large one
 * ({@link Main} splits the results that way; warm-up iterations alternate too). So both sides see the same JIT,
 * the same heap and the same load from the rest of the machine. One JMH operation is a batch of {@link #BATCH}
 * recordings of the pair, single-shot, so that the history hardly grows while it is measured: every batch records
 * for {@link #PARTIES} customers that each have exactly 100 interactions at its start (their share of the history
 * is the same whatever the size), in new conversations, from {@link SupportDesk#MEASURED_FROM} on, one second
 * between interactions.
 * <ul>
 *   <li>small: the tenant is made anew before each of its batches, so each starts with exactly {@value #SMALL}
 *       interactions ({@code SMALL + 2 × BATCH} at its end).</li>
 *   <li>large: the history is made once per fork; each batch takes the next {@link #PARTIES} customers and sets
 *       the clock back to {@link SupportDesk#MEASURED_FROM}, so every batch does the same work; the history grows
 *       by {@code 2 × BATCH} interactions per batch (under 2 % of it over a run).</li>
 * </ul>
 * JIT: in memory, the large history, made before the first batch, is the warm-up. On a database, where the
 * histories are made in memory and copied in ({@link BenchStore#make}), {@value #DATABASE_WARM_UP} pairs are first
 * recorded, untimed, into a throwaway small tenant. On PostgreSQL the small tenant has a schema of its own (the
 * benchmark schema with {@code _small}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class RecordingBenchmark {

  /** The small history. */
  static final int SMALL = 1_000;
  /** Recordings of the pair per JMH operation; {@link Main} divides by it. */
  static final int BATCH = 250;
  /** Customers recorded for in one batch, in turn. */
  static final int PARTIES = 10;
  /** Interactions each customer of the history has. */
  static final int PER_PARTY = 100;
  /** Pairs recorded before the first batch on a database, untimed. */
  static final int DATABASE_WARM_UP = 3_000;

  @Param({"IN_MEMORY"})
  public String storage;

  /** The large history. */
  @Param({"1000000"})
  public int stored;

  private BenchStore smallStore;
  private BenchStore largeStore;
  private Tenant large;
  private Tenant current;
  private final PartyId[] measured = new PartyId[PARTIES];
  /** Iterations of the current kind (warm-up or measurement), for the alternation. */
  private int index;
  private IterationType kind;
  /** Batches recorded into the large tenant, for choosing its customers. */
  private int largeBatches;
  private int batch;
  private int op;

  @Setup(Level.Trial)
  public void history() {
    if (stored % PER_PARTY != 0 || stored <= SMALL) {
      throw new IllegalArgumentException("stored must be a multiple of " + PER_PARTY + " above " + SMALL
          + ", was " + stored);
    }
    largeStore = BenchStore.of(storage);
    smallStore = BenchStore.of(storage, "_small");
    large = Tenant.make(largeStore, stored);
    if (!largeStore.inMemory()) {
      // the large history was made in memory and copied in: the database's own read and write paths of a recording
      // have not run yet, so they warm up on a throwaway small tenant first
      current = Tenant.make(smallStore, SMALL);
      current.customers.subList(0, PARTIES).toArray(measured);
      current.clock.set(SupportDesk.MEASURED_FROM);
      batch = -1;
      for (op = 0; op < DATABASE_WARM_UP; op++) {
        recordPair();
      }
      smallStore.reset();
    }
  }

  /** Small on the 1st, 3rd, ... iteration of each kind, large on the 2nd, 4th, ... */
  static boolean small(int index) {
    return index % 2 == 0;
  }

  @Setup(Level.Iteration)
  public void nextBatch(IterationParams iteration) {
    if (iteration.getType() != kind) {
      kind = iteration.getType();
      index = 0;
    }
    batch++;
    op = 0;
    if (small(index++)) {
      smallStore.reset();
      current = Tenant.make(smallStore, SMALL);
      current.customers.subList(0, PARTIES).toArray(measured);
    } else {
      current = large;
      int from = (largeBatches++ * PARTIES) % large.customers.size();
      large.customers.subList(from, from + PARTIES).toArray(measured);
    }
    current.clock.set(SupportDesk.MEASURED_FROM);
  }

  /** Checks that the last batch's obligations were opened and satisfied as the rules say. */
  @TearDown(Level.Iteration)
  public void check() {
    List<Obligation> last = current.tenant.obligations().ofConversation(ConversationId.of(conversation(op - 1)));
    if (last.size() != 1 || last.get(0).kind() != ObligationKind.FIRST_RESPONSE
        || last.get(0).state() != ObligationState.SATISFIED_ON_TIME) {
      throw new IllegalStateException("expected one first response satisfied on time, found " + last);
    }
  }

  @TearDown(Level.Trial)
  public void close() {
    smallStore.close();
    largeStore.close();
  }

  private String conversation(int n) {
    return "m-" + batch + "-" + n;
  }

  /** An inbound e-mail that opens a conversation (and a first-response obligation), then the reply. */
  @Benchmark
  public Interaction recordPair() {
    PartyId party = measured[op % PARTIES];
    String conversation = conversation(op++);
    current.clock.advance(Duration.ofSeconds(1));
    current.tenant.interactions().record(SupportDesk.inbound(party, conversation));
    current.clock.advance(Duration.ofSeconds(1));
    return current.tenant.interactions().record(SupportDesk.reply(party, conversation));
  }

  /** A support desk with {@code interactions} interactions, {@link #PER_PARTY} for each customer. */
  record Tenant(Crm crm, CrmTenant tenant, BenchClock clock, List<PartyId> customers) {
    static Tenant make(BenchStore store, int interactions) {
      BenchClock clock = new BenchClock(SupportDesk.HISTORY_FROM);
      List<PartyId> customers = new ArrayList<>();
      Crm crm = store.make(clock, NotificationPort.NONE, filling -> {
        CrmTenant tenant = filling.tenant(SupportDesk.TENANT, SupportDesk.ACTOR);
        SupportDesk.configure(tenant);
        customers.addAll(SupportDesk.customers(tenant, interactions / PER_PARTY));
        SupportDesk.history(tenant, clock, customers, PER_PARTY);
      });
      return new Tenant(crm, crm.tenant(SupportDesk.TENANT, SupportDesk.ACTOR), clock, List.copyOf(customers));
    }
  }
}
