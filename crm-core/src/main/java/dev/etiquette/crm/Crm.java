package dev.etiquette.crm;

import static java.util.Objects.requireNonNull;

import dev.etiquette.crm.api.Actor;
import dev.etiquette.crm.api.CrmTenant;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.ValidationException;
import dev.etiquette.crm.api.measure.BuiltInKpi;
import dev.etiquette.crm.api.measure.KpiDefinition;
import dev.etiquette.crm.api.measure.KpiFunction;
import dev.etiquette.crm.api.measure.MeasureRun;
import dev.etiquette.crm.api.obligation.DueWork;
import dev.etiquette.crm.api.spi.IdGenerator;
import dev.etiquette.crm.api.spi.NotificationPort;
import dev.etiquette.crm.api.spi.StakeholderDirectory;
import dev.etiquette.crm.api.spi.Storage;
import dev.etiquette.crm.internal.CrmRuntime;
import dev.etiquette.crm.notify.RelayPolicy;
import dev.etiquette.crm.internal.DefaultCrmTenant;
import dev.etiquette.crm.internal.InMemoryStorage;
import dev.etiquette.crm.internal.ObligationEngineAccess;
import dev.etiquette.crm.internal.RandomIds;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import java.util.concurrent.ForkJoinPool;

/**
 * The library's entry point: one per application (or per storage), shared by every thread.
 *
 * <pre>{@code
 * Crm crm = Crm.builder().clock(clock).build();          // in memory
 * CrmTenant acme = crm.tenant(TenantId.of("acme"), Actor.user("alice"));
 * Party ada = acme.parties().create(PartyDraft.person("Ada Lovelace").roles(Role.CUSTOMER)
 *     .email("ada@example.com").build());
 * }</pre>
 *
 * <p>Every operation takes "now" from the clock given to the builder, and keeps its records in the
 * storage given to it. A {@code Crm} is thread-safe; {@link #close()} closes the storage.
 */
public final class Crm implements AutoCloseable {

  private final CrmRuntime runtime;
  private final NotificationRelay relay;

  private Crm(CrmRuntime runtime) {
    this.runtime = runtime;
    this.relay = new NotificationRelay(runtime, runtime.relay());
  }

  /** Starts building a {@code Crm}. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The library as {@code tenant} sees it, with changes attributed to {@link Actor#system()}.
   *
   * @throws NullPointerException if {@code tenant} is null
   */
  public CrmTenant tenant(TenantId tenant) {
    return tenant(tenant, Actor.system());
  }

  /**
   * The library as {@code tenant} sees it, with changes attributed to {@code actor}. Nothing this view
   * does reads or changes another tenant's records.
   *
   * @throws NullPointerException if an argument is null
   */
  public CrmTenant tenant(TenantId tenant, Actor actor) {
    return new DefaultCrmTenant(runtime, requireNonNull(tenant, "tenant"), requireNonNull(actor, "actor"));
  }

  /** The clock every operation takes its "now" from. */
  public Clock clock() {
    return runtime.clock();
  }

  /**
   * Processes the due work of every tenant: each warning, breach, escalation and scheduled opening that is due by
   * now, exactly once, even when other processes call this against the same storage at the same time (see
   * {@link dev.etiquette.crm.api.obligation.Obligations#processDue()}, which does the same for one tenant). Call
   * it from the host's own scheduler, or let {@link #startScheduler} call it.
   *
   * @return what was done
   * @throws dev.etiquette.crm.api.StorageException if the storage fails; the batches committed before stay
   *     done
   */
  public DueWork processDue() {
    return ObligationEngineAccess.processDue(runtime);
  }

  /**
   * Starts calling {@link #processDue()} every {@code period} on a daemon thread of its own, the first time at
   * once. A failing call is logged and the next one runs on schedule. Close the returned scheduler to stop it;
   * closing this {@code Crm} does not.
   *
   * @throws IllegalArgumentException if {@code period} is not positive
   */
  public DueWorkScheduler startScheduler(Duration period) {
    requireNonNull(period, "period");
    if (period.isNegative() || period.isZero()) {
      throw new IllegalArgumentException("period must be positive, was " + period);
    }
    return DueWorkScheduler.start(this::processDue, period);
  }

  /**
   * Takes the measurements that are due for each of {@code tenants} (see
   * {@link dev.etiquette.crm.api.measure.Measurements#measureDue()}), one tenant after the other. A tenant whose run
   * fails does not stop the others: every tenant is tried, then the first failure is thrown with the others
   * {@linkplain Throwable#getSuppressed() suppressed}. A tenant without a vision has nothing due.
   *
   * <p>{@link #processDue()} does not measure: it serves every tenant without knowing them (it claims due
   * obligations across tenants), whereas measuring is per tenant and its due work comes once a period, not every
   * few seconds. So the host, which knows its tenants, measures them on a schedule of its own: this method, or
   * {@link #startMeasuring}.
   *
   * @return what was done, by tenant, in the order given
   * @throws dev.etiquette.crm.api.CrmException the first tenant's failure, after every tenant was tried
   */
  public Map<TenantId, MeasureRun> measureDue(Collection<TenantId> tenants) {
    requireNonNull(tenants, "tenants");
    Map<TenantId, MeasureRun> runs = new LinkedHashMap<>();
    RuntimeException failure = null;
    for (TenantId tenant : List.copyOf(tenants)) {
      try {
        runs.put(tenant, tenant(tenant).measurement().measureDue());
      } catch (RuntimeException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
    return runs;
  }

  /**
   * Starts calling {@link #measureDue(Collection)} every {@code period} for the tenants {@code tenants} names at
   * each run, on a daemon thread of its own, the first time at once. Once an hour is plenty: measurements are due
   * once a week at most, and a KPI becomes stale a day after its period closed. A failing run is logged and the next
   * one runs on schedule. Close the returned scheduler to stop it.
   *
   * @param tenants asked at every run, so that tenants added later are measured
   * @throws IllegalArgumentException if {@code period} is not positive
   */
  public DueWorkScheduler startMeasuring(Duration period, Supplier<? extends Collection<TenantId>> tenants) {
    requireNonNull(period, "period");
    requireNonNull(tenants, "tenants");
    if (period.isNegative() || period.isZero()) {
      throw new IllegalArgumentException("period must be positive, was " + period);
    }
    return DueWorkScheduler.start(() -> measureDue(tenants.get()), period, "crm-measurement", "measuring");
  }

  /**
   * The relay that delivers notifications from the outbox to the notification port. Deliveries due at once are
   * also sent right after the commit that wrote them (see {@link RelayPolicy#deliverAfterCommit()}); the relay
   * sends what that did not (a failure to retry, a process that died), and the digests. Run it on a schedule:
   * {@code crm.relay().start(Duration.ofSeconds(5))}.
   */
  public NotificationRelay relay() {
    return relay;
  }

  /** Closes the storage. Using this {@code Crm} afterwards is an error. */
  @Override
  public void close() {
    runtime.storage().close();
  }

  /**
   * Builds a {@link Crm}. Every setting has a default: the system clock in UTC, in-memory storage and
   * random ids (128 random bits, written as 22 characters of URL-safe Base64).
   */
  public static final class Builder {
    private Clock clock = Clock.systemUTC();
    private Storage storage;
    private IdGenerator idGenerator = RandomIds.INSTANCE;
    private int writeAttempts = 3;
    private Executor executor = ForkJoinPool.commonPool();
    private NotificationPort notifications = new LoggingNotificationPort();
    private StakeholderDirectory stakeholders = StakeholderDirectory.ADDRESSEES;
    private RelayPolicy relayPolicy;
    private final Map<String, KpiFunction> kpis = new LinkedHashMap<>();

    private Builder() {}

    /** The clock every operation takes its "now" from. Tests pass a fixed or a controllable clock. */
    public Builder clock(Clock clock) {
      this.clock = requireNonNull(clock, "clock");
      return this;
    }

    /** Where records are kept. The default keeps them in memory, for as long as the {@code Crm} lives. */
    public Builder storage(Storage storage) {
      this.storage = requireNonNull(storage, "storage");
      return this;
    }

    /** Makes the ids of new records. The default makes random 128-bit ids. */
    public Builder idGenerator(IdGenerator idGenerator) {
      this.idGenerator = requireNonNull(idGenerator, "idGenerator");
      return this;
    }

    /**
     * How many times a change is attempted when the storage fails in a way that may pass (a deadlock, a
     * serialization failure, a connection lost before the commit); 3 by default, 1 to turn retries off.
     * Each attempt is a whole new transaction, so nothing of a failed one remains. A failure during the
     * commit itself is never retried, since its outcome is unknown.
     *
     * @throws IllegalArgumentException if {@code attempts} is less than 1
     */
    public Builder writeAttempts(int attempts) {
      if (attempts < 1) {
        throw new IllegalArgumentException("write attempts must be at least 1, was " + attempts);
      }
      this.writeAttempts = attempts;
      return this;
    }

    /**
     * Where the library runs work beside the calling thread; {@link ForkJoinPool#commonPool()} by default.
     * Today that is the preparation of {@link dev.etiquette.crm.api.party.Parties#createAll} (validation,
     * normalization, ids and audit entries of the next few hundred drafts while the current ones are
     * written), so that the storage's time and the library's own CPU time overlap. The calling thread never
     * waits for a task the executor has not started: it then does the work itself, so any executor is safe,
     * even a saturated one. Pass {@code Runnable::run} to do all the work in the calling thread.
     */
    public Builder executor(Executor executor) {
      this.executor = requireNonNull(executor, "executor");
      return this;
    }

    /**
     * Where deliveries go (one port; a {@link dev.etiquette.crm.notify.NotificationRouter} sends each channel to
     * its own); {@link LoggingNotificationPort} by default, which logs each at INFO through SLF4J. The relay
     * ({@link #relay()}) calls it at least once for every delivery in the outbox.
     */
    public Builder notifications(NotificationPort port) {
      this.notifications = requireNonNull(port, "port");
      return this;
    }

    /**
     * Who is told what: the host's people and their subscriptions. By default
     * {@link StakeholderDirectory#ADDRESSEES}: each obligation notification goes at once, on channel
     * {@code "default"}, to whoever it is addressed to.
     */
    public Builder stakeholders(StakeholderDirectory directory) {
      this.stakeholders = requireNonNull(directory, "directory");
      return this;
    }

    /** How the relay delivers: attempts, backoff, lease, batch size. A default policy otherwise. */
    public Builder relay(RelayPolicy policy) {
      this.relayPolicy = requireNonNull(policy, "policy");
      return this;
    }

    /**
     * Registers a custom KPI: KPI definitions named {@code name} are computed by {@code function} (see
     * {@link KpiFunction} for what it may do and how its failures are reported). Every tenant's vision may use it;
     * {@link dev.etiquette.crm.api.measure.Measurements#define} refuses a definition whose name is neither a
     * built-in's nor registered here.
     *
     * @param name the definition's name: 1 to 64 characters from {@code [a-z0-9_.-]}, starting with a letter, and
     *     not the name of a {@link BuiltInKpi built-in KPI}
     * @throws IllegalArgumentException if the name is malformed, a built-in's, or registered already
     */
    public Builder kpi(String name, KpiFunction function) {
      requireNonNull(name, "name");
      requireNonNull(function, "function");
      try {
        KpiDefinition.of(name);
      } catch (ValidationException e) {
        throw new IllegalArgumentException("a custom KPI's name must be 1 to 64 characters from [a-z0-9_.-],"
            + " starting with a letter, was \"" + ValidationException.printable(name) + "\"", e);
      }
      if (BuiltInKpi.byId(name).isPresent()) {
        throw new IllegalArgumentException("\"" + name + "\" is the name of a built-in KPI; a custom KPI needs"
            + " a name of its own");
      }
      if (kpis.putIfAbsent(name, function) != null) {
        throw new IllegalArgumentException("a custom KPI named \"" + name + "\" is registered already");
      }
      return this;
    }

    /** Builds the {@code Crm}. */
    public Crm build() {
      Storage chosen = storage != null ? storage : new InMemoryStorage();
      return new Crm(new CrmRuntime(clock, chosen, idGenerator, writeAttempts, executor, notifications, stakeholders,
          relayPolicy != null ? relayPolicy : RelayPolicy.builder().build(), kpis));
    }
  }
}
