package dev.etiquette.crm.internal;

import static java.util.Objects.requireNonNull;

import dev.etiquette.crm.notify.RelayPolicy;
import dev.etiquette.crm.notify.RelayRun;
import dev.etiquette.crm.api.DuplicateKeyException;
import dev.etiquette.crm.api.StorageException;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.VersionConflictException;
import dev.etiquette.crm.api.notification.Delivery;
import dev.etiquette.crm.api.notification.DeliveryException;
import dev.etiquette.crm.api.notification.DeliveryStatus;
import dev.etiquette.crm.api.notification.Notification;
import dev.etiquette.crm.api.notification.OutboxEntry;
import dev.etiquette.crm.api.spi.NotificationPort;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers from the outbox: gathers due digests, claims due deliveries under a lease, hands each to the port
 * outside any transaction, and records each outcome (delivered; retry after a backoff; dead letter). Thread-safe;
 * several relays, in one process or many, may share a storage.
 */
public final class Relay {

  private static final Logger LOG = LoggerFactory.getLogger(Relay.class);

  /** The most held deliveries one digest transaction reads; a digest carries at most this many notifications. */
  static final int DIGEST_BATCH = 1_000;

  /** The most claim rounds one run makes, so that a run ends even while producers keep writing. */
  private static final int MAX_ROUNDS = 100;

  private final CrmRuntime runtime;
  private final NotificationPort port;
  private final RelayPolicy policy;
  private final AtomicReference<Instant> storageFailingSince = new AtomicReference<>();

  Relay(CrmRuntime runtime, NotificationPort port, RelayPolicy policy) {
    this.runtime = requireNonNull(runtime, "runtime");
    this.port = requireNonNull(port, "port");
    this.policy = requireNonNull(policy, "policy");
  }

  public RelayPolicy policy() {
    return policy;
  }

  /** Since when the storage has failed the relay's runs, or empty while it answers. */
  public Optional<Instant> storageFailingSince() {
    return Optional.ofNullable(storageFailingSince.get());
  }

  /**
   * One run: every digest due, then claim rounds until nothing is claimable (at most {@value #MAX_ROUNDS}).
   *
   * @throws StorageException if the storage fails; deliveries claimed and not recorded are taken over when their
   *     lease expires
   */
  public RelayRun deliverDue() {
    try {
      RelayRun run = new RelayRun(0, 0, 0, 0, 0, 0);
      int digests;
      do {
        digests = gatherDigests();
        run = run.plus(new RelayRun(digests, 0, 0, 0, 0, 0));
      } while (digests > 0);
      for (int round = 0; round < MAX_ROUNDS; round++) {
        Instant now = runtime.now();
        List<OutboxEntry> claimed = runtime.write(
            tx -> tx.outbox().claim(policy.relayId(), now, now.plus(policy.lease()), policy.batchSize()));
        if (claimed.isEmpty()) {
          break;
        }
        run = run.plus(send(claimed));
      }
      recovered();
      return run;
    } catch (StorageException e) {
      failing(e);
      throw e;
    }
  }

  /**
   * The fast path: right after a commit, sends the deliveries it wrote that are claimable now. Never throws: a
   * failure is logged and left to the relay's runs.
   */
  void deliverNow(Map<TenantId, List<String>> keys) {
    if (!policy.deliverAfterCommit()) {
      return;
    }
    keys.forEach((tenant, tenantKeys) -> {
      try {
        Instant now = runtime.now();
        List<OutboxEntry> claimed = runtime.write(tx -> tx.outbox().claim(tenant, tenantKeys, policy.relayId(), now,
            now.plus(policy.lease())));
        send(claimed);
      } catch (RuntimeException e) {
        LOG.warn("could not deliver {} notification(s) of tenant {} right after the commit; the relay will: {}",
            tenantKeys.size(), tenant, e.toString());
      }
    });
  }

  private int gatherDigests() {
    Instant now = runtime.now();
    try {
      return runtime.write(tx -> {
        List<OutboxEntry> due = tx.outbox().dueForDigest(now, DIGEST_BATCH);
        int made = 0;
        int start = 0;
        while (start < due.size()) {
          int end = start + 1;
          while (end < due.size() && sameDigest(due.get(start), due.get(end))) {
            end++;
          }
          List<OutboxEntry> group = due.subList(start, end);
          OutboxEntry first = group.get(0);
          Delivery.Digest digest = first.delivery().digest().orElseThrow();
          List<Notification> items = group.stream().map(e -> e.delivery().notification()).toList();
          Delivery delivery = new Delivery(digestKey(first), first.delivery().tenantId(),
              first.delivery().recipient(), first.delivery().channel(), items, Optional.of(digest), now);
          tx.outbox().enqueue(delivery, DeliveryStatus.PENDING, now);
          List<Long> seqs = group.stream().map(OutboxEntry::seq).toList();
          if (tx.outbox().digested(first.delivery().tenantId(), seqs) != seqs.size()) {
            throw new VersionConflictException("delivery", "digest " + delivery.key(), 0, 0);
          }
          made++;
          start = end;
        }
        return made;
      });
    } catch (DuplicateKeyException | VersionConflictException e) {
      LOG.debug("another relay gathered the same digests: {}", e.getMessage());
      return 0;
    }
  }

  private static boolean sameDigest(OutboxEntry a, OutboxEntry b) {
    return a.delivery().tenantId().equals(b.delivery().tenantId())
        && a.delivery().orderKey().equals(b.delivery().orderKey())
        && a.delivery().digest().equals(b.delivery().digest());
  }

  /** {@code digest/<stakeholder>/<channel>/<cadence>/<end>/<first seq>}: the same for whichever relay makes it. */
  private static String digestKey(OutboxEntry first) {
    Delivery d = first.delivery();
    Delivery.Digest digest = d.digest().orElseThrow();
    return "digest/" + d.recipient().id() + "/" + d.channel() + "/"
        + digest.cadence().name().toLowerCase(java.util.Locale.ROOT) + "/" + digest.to() + "/" + first.seq();
  }

  private sealed interface Outcome {
    OutboxEntry entry();
  }

  private record Delivered(OutboxEntry entry, Instant at) implements Outcome {}

  private record Failed(OutboxEntry entry, DeliveryStatus next, int attempts, Instant dueAt, String error)
      implements Outcome {}

  /** Not attempted: an earlier delivery of its group failed in this batch and will be retried first. */
  private record Released(OutboxEntry entry) implements Outcome {}

  private RelayRun send(List<OutboxEntry> claimed) {
    List<Outcome> outcomes = new ArrayList<>(claimed.size());
    java.util.Set<List<Object>> waiting = new java.util.HashSet<>();
    for (OutboxEntry entry : claimed) {
      List<Object> group = List.of(entry.delivery().tenantId(), entry.delivery().orderKey());
      if (waiting.contains(group) || leaseEnding(entry)) {
        // waiting: an earlier delivery of the group failed; lease ending: another relay may take it over any
        // moment, so sending it now could send it twice
        waiting.add(group);
        outcomes.add(new Released(entry));
        continue;
      }
      Outcome outcome = attempt(entry);
      if (outcome instanceof Failed f && f.next() == DeliveryStatus.PENDING) {
        waiting.add(group); // the group's order: what follows waits for this one's retry
      }
      outcomes.add(outcome);
    }
    int[] lost = {0};
    runtime.write(tx -> {
      lost[0] = 0;
      for (Outcome outcome : outcomes) {
        OutboxEntry entry = outcome.entry();
        TenantId tenant = entry.delivery().tenantId();
        boolean recorded;
        if (outcome instanceof Delivered d) {
          recorded = tx.outbox().delivered(tenant, entry.seq(), policy.relayId(), d.at());
        } else if (outcome instanceof Released) {
          recorded = tx.outbox().release(tenant, entry.seq(), policy.relayId());
        } else {
          recorded = record(tx.outbox(), (Failed) outcome);
        }
        if (!recorded) {
          lost[0]++;
        }
      }
      return null;
    });
    int delivered = 0;
    int retried = 0;
    int dead = 0;
    for (Outcome outcome : outcomes) {
      if (outcome instanceof Delivered) {
        delivered++;
      } else if (outcome instanceof Released) {
        continue;
      } else if (((Failed) outcome).next() == DeliveryStatus.DEAD) {
        dead++;
        LOG.warn("delivery {} of tenant {} is dead-lettered after {} attempt(s): {}", outcome.entry().key(),
            outcome.entry().delivery().tenantId(), ((Failed) outcome).attempts(), ((Failed) outcome).error());
      } else {
        retried++;
      }
    }
    if (lost[0] > 0) {
      LOG.warn("{} delivery outcome(s) not recorded: another relay took them over after the lease of {} expired",
          lost[0], policy.lease());
    }
    return new RelayRun(0, claimed.size(), delivered, retried, dead, lost[0]);
  }

  /**
   * Whether the claim on {@code entry} ends within a tenth of the lease: a batch whose sends took most of the lease
   * gives its remaining entries back rather than send what another relay may be claiming.
   */
  private boolean leaseEnding(OutboxEntry entry) {
    Instant until = entry.leaseUntil().orElseThrow();
    return !runtime.now().isBefore(until.minus(policy.lease().dividedBy(10)));
  }

  private boolean record(dev.etiquette.crm.api.spi.OutboxStore outbox, Failed f) {
    return outbox.failed(f.entry().delivery().tenantId(), f.entry().seq(), policy.relayId(), f.next(), f.attempts(),
        f.dueAt(), f.error());
  }

  private Outcome attempt(OutboxEntry entry) {
    try {
      port.deliver(entry.delivery());
      return new Delivered(entry, runtime.now());
    } catch (RuntimeException e) {
      int attempts = entry.attempts() + 1;
      boolean final_ = (e instanceof DeliveryException d && !d.retryable()) || attempts >= policy.maxAttempts();
      Instant now = runtime.now();
      String error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
      return final_
          ? new Failed(entry, DeliveryStatus.DEAD, attempts, now, error)
          : new Failed(entry, DeliveryStatus.PENDING, attempts, now.plus(policy.retryDelay(attempts))
              .truncatedTo(java.time.temporal.ChronoUnit.MICROS), error);
    }
  }

  private void failing(StorageException e) {
    if (storageFailingSince.compareAndSet(null, runtime.now())) {
      LOG.warn("the notification relay cannot reach the storage; it keeps trying: {}", e.getMessage());
    }
  }

  private void recovered() {
    Instant since = storageFailingSince.getAndSet(null);
    if (since != null) {
      LOG.info("the notification relay reaches the storage again (failing since {})", since);
    }
  }
}
