package dev.etiquette.crm.internal;

import static java.util.Objects.requireNonNull;

import dev.etiquette.crm.api.RecordIds;
import dev.etiquette.crm.api.StorageException;
import dev.etiquette.crm.api.ValidationException;
import dev.etiquette.crm.api.Violation;
import dev.etiquette.crm.api.measure.KpiFunction;
import dev.etiquette.crm.api.spi.IdGenerator;
import dev.etiquette.crm.notify.RelayPolicy;
import dev.etiquette.crm.api.spi.NotificationPort;
import dev.etiquette.crm.api.spi.StakeholderDirectory;
import dev.etiquette.crm.api.spi.Storage;
import dev.etiquette.crm.api.spi.StorageTransaction;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every service shares: the clock, the storage, the id generator, the validator, the executor, the
 * stakeholder directory and the notification relay.
 */
public final class CrmRuntime {

  private static final Logger LOG = LoggerFactory.getLogger(CrmRuntime.class);

  private final Clock clock;
  private final Storage storage;
  private final IdGenerator idGenerator;
  private final InputValidator validator = new InputValidator();

  private final int writeAttempts;
  private final Executor executor;
  private final StakeholderDirectory stakeholders;
  private final Relay relay;
  private final Map<String, KpiFunction> kpiFunctions;

  public CrmRuntime(Clock clock, Storage storage, IdGenerator idGenerator, int writeAttempts, Executor executor,
      NotificationPort notificationPort, StakeholderDirectory stakeholders, RelayPolicy relayPolicy) {
    this(clock, storage, idGenerator, writeAttempts, executor, notificationPort, stakeholders, relayPolicy, Map.of());
  }

  /**
   * @param kpiFunctions the custom KPIs by name (none is a built-in's name); checked by the builder
   */
  public CrmRuntime(Clock clock, Storage storage, IdGenerator idGenerator, int writeAttempts, Executor executor,
      NotificationPort notificationPort, StakeholderDirectory stakeholders, RelayPolicy relayPolicy,
      Map<String, KpiFunction> kpiFunctions) {
    this.kpiFunctions = Map.copyOf(requireNonNull(kpiFunctions, "kpiFunctions"));
    this.stakeholders = requireNonNull(stakeholders, "stakeholders");
    this.clock = requireNonNull(clock, "clock");
    this.storage = requireNonNull(storage, "storage");
    this.idGenerator = requireNonNull(idGenerator, "idGenerator");
    this.executor = requireNonNull(executor, "executor");
    if (writeAttempts < 1) {
      throw new IllegalArgumentException("write attempts must be at least 1, was " + writeAttempts);
    }
    this.writeAttempts = writeAttempts;
    this.relay = new Relay(this, requireNonNull(notificationPort, "notificationPort"),
        requireNonNull(relayPolicy, "relayPolicy"));
  }

  /**
   * Runs {@code work} in a write transaction, repeating the whole transaction when the storage reports a
   * retryable failure (a deadlock, a serialization failure, a lost connection) that happened before the
   * commit, up to the configured number of attempts. A failure during the commit is never repeated here:
   * its outcome is unknown.
   */
  public <T> T write(Storage.Work<T> work) {
    for (int attempt = 1; ; attempt++) {
      try {
        return storage.write(work);
      } catch (StorageException e) {
        if (!e.retryable() || "commit".equals(e.operation()) || attempt >= writeAttempts) {
          throw e;
        }
        LOG.debug("retrying a write after a transient storage failure (attempt {} of {}): {}", attempt + 1,
            writeAttempts, e.getMessage());
      }
    }
  }

  /**
   * Like {@link #write}, for work that may produce notifications: they and their deliveries are written in the
   * transaction through the {@link Outbox} given to {@code work}, and the deliveries due at once are handed to the
   * relay's fast path after the commit. A run of the transaction that is repeated starts with an empty outbox.
   */
  <T> T writeNotifying(BiFunction<StorageTransaction, Outbox, T> work) {
    Outbox outbox = newOutbox();
    T result = write(tx -> {
      outbox.clear();
      return work.apply(tx, outbox);
    });
    outbox.deliver(relay);
    return result;
  }

  /** An empty outbox for one write transaction. */
  Outbox newOutbox() {
    return new Outbox(stakeholders);
  }

  /** The custom KPIs the {@code Crm} was built with, by name. */
  Map<String, KpiFunction> kpiFunctions() {
    return kpiFunctions;
  }

  public Clock clock() {
    return clock;
  }

  /** Now, truncated to microseconds: the precision every store keeps. */
  public Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  /** Where work that may run beside the calling thread runs (the preparation of bulk creates). */
  Executor executor() {
    return executor;
  }

  /** The relay that delivers from the outbox. */
  public Relay relay() {
    return relay;
  }

  public Storage storage() {
    return storage;
  }

  InputValidator validator() {
    return validator;
  }

  /** A new id from the generator, checked against the documented id format. */
  String newId(String recordType) {
    String id = idGenerator.newId(recordType);
    if (id == null || !RecordIds.isWellFormed(id)) {
      throw new ValidationException(List.of(new Violation("idGenerator", ValidationException.printable(id),
          "the id generator must return 1 to 64 characters from [A-Za-z0-9_-]")));
    }
    return id;
  }
}
