package dev.etiquette.crm.internal;

import static java.util.Objects.requireNonNull;

import dev.etiquette.crm.api.DuplicateKeyException;
import dev.etiquette.crm.api.Page;
import dev.etiquette.crm.api.PageRequest;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.notification.Delivery;
import dev.etiquette.crm.api.notification.DeliveryStatus;
import dev.etiquette.crm.api.notification.OutboxEntry;
import dev.etiquette.crm.api.notification.OutboxStats;
import dev.etiquette.crm.api.spi.OutboxStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The outbox of the {@link InMemoryStorage}: every entry by seq, the entries that are still to be sent
 * ({@code PENDING} or {@code IN_FLIGHT}) by seq, and each tenant's keys. The storage serializes write transactions,
 * so claims are exclusive without locks of their own.
 */
final class InMemoryOutbox {

  private InMemoryOutbox() {}

  /** The outbox of every tenant. */
  static final class Data {
    final NavigableMap<Long, OutboxEntry> bySeq = new TreeMap<>();
    /** The PENDING and IN_FLIGHT entries: the only ones a claim looks at. */
    final NavigableMap<Long, OutboxEntry> active = new TreeMap<>();
    /** The HELD entries. */
    final NavigableMap<Long, OutboxEntry> held = new TreeMap<>();
    final Map<TenantId, Map<String, Long>> keys = new HashMap<>();
    long lastSeq;
  }

  /**
   * The store for one transaction.
   *
   * @param data the outbox
   * @param readCheck throws unless the transaction is open
   * @param writeCheck throws unless the transaction is open and writable
   * @param undo where each change pushes what undoes it
   */
  record Store(Data data, Runnable readCheck, Runnable writeCheck, Deque<Runnable> undo) implements OutboxStore {

    @Override
    public void enqueue(Delivery delivery, DeliveryStatus status, Instant dueAt) {
      requireNonNull(delivery, "delivery");
      requireNonNull(status, "status");
      requireNonNull(dueAt, "dueAt");
      OutboxEntry.checkEnqueued(status);
      writeCheck.run();
      Map<String, Long> keys = data.keys.computeIfAbsent(delivery.tenantId(), t -> new HashMap<>());
      if (keys.containsKey(delivery.key())) {
        throw new DuplicateKeyException("delivery", "key " + delivery.key());
      }
      long seq = ++data.lastSeq;
      keys.put(delivery.key(), seq);
      put(OutboxEntry.enqueued(seq, delivery, status, dueAt));
      undo.push(() -> {
        remove(seq);
        keys.remove(delivery.key());
        data.lastSeq--;
      });
    }

    @Override
    public List<OutboxEntry> claim(String owner, Instant now, Instant leaseUntil, int limit) {
      positive(limit);
      return claimWhere(entry -> true, owner, now, leaseUntil, limit);
    }

    @Override
    public List<OutboxEntry> claim(TenantId tenant, Collection<String> keys, String owner, Instant now,
        Instant leaseUntil) {
      requireNonNull(tenant, "tenant");
      Set<String> wanted = Set.copyOf(keys);
      return claimWhere(e -> e.delivery().tenantId().equals(tenant) && wanted.contains(e.key()), owner, now,
          leaseUntil, wanted.size());
    }

    private List<OutboxEntry> claimWhere(java.util.function.Predicate<OutboxEntry> wanted, String owner,
        Instant now, Instant leaseUntil, int limit) {
      requireNonNull(owner, "owner");
      requireNonNull(now, "now");
      requireNonNull(leaseUntil, "leaseUntil");
      writeCheck.run();
      List<OutboxEntry> claimed = new ArrayList<>();
      Set<List<Object>> stopped = new HashSet<>();
      for (OutboxEntry entry : List.copyOf(data.active.values())) {
        if (claimed.size() >= limit) {
          break;
        }
        List<Object> group = List.of(entry.delivery().tenantId(), entry.delivery().orderKey());
        if (stopped.contains(group)) {
          continue;
        }
        if (!wanted.test(entry) || !claimable(entry, now)) {
          stopped.add(group); // a group is claimed by prefixes: nothing after an entry that is not taken
          continue;
        }
        OutboxEntry taken = entry.claimed(owner, leaseUntil);
        replace(entry, taken);
        claimed.add(taken);
      }
      return claimed;
    }

    private static void positive(int limit) {
      if (limit < 1) {
        throw new IllegalArgumentException("limit must be at least 1, was " + limit);
      }
    }

    private static boolean claimable(OutboxEntry entry, Instant now) {
      return entry.status() == DeliveryStatus.PENDING ? !entry.dueAt().isAfter(now)
          : !entry.leaseUntil().orElseThrow().isAfter(now);
    }

    @Override
    public boolean delivered(TenantId tenant, long seq, String owner, Instant at) {
      requireNonNull(at, "at");
      return settle(tenant, seq, owner, entry -> entry.delivered(at));
    }

    @Override
    public boolean release(TenantId tenant, long seq, String owner) {
      return settle(tenant, seq, owner, OutboxEntry::released);
    }

    @Override
    public boolean failed(TenantId tenant, long seq, String owner, DeliveryStatus next, int attempts,
        Instant dueAt, String error) {
      requireNonNull(next, "next");
      requireNonNull(dueAt, "dueAt");
      requireNonNull(error, "error");
      OutboxEntry.checkFailed(next);
      return settle(tenant, seq, owner, entry -> entry.failed(next, attempts, dueAt, error));
    }

    private boolean settle(TenantId tenant, long seq, String owner,
        java.util.function.UnaryOperator<OutboxEntry> change) {
      requireNonNull(tenant, "tenant");
      requireNonNull(owner, "owner");
      writeCheck.run();
      OutboxEntry entry = data.bySeq.get(seq);
      if (entry == null || !entry.delivery().tenantId().equals(tenant) || entry.status() != DeliveryStatus.IN_FLIGHT
          || !entry.leaseOwner().orElseThrow().equals(owner)) {
        return false;
      }
      replace(entry, change.apply(entry));
      return true;
    }

    @Override
    public List<OutboxEntry> dueForDigest(Instant now, int limit) {
      requireNonNull(now, "now");
      positive(limit);
      readCheck.run();
      return data.held.values().stream()
          .filter(e -> !e.dueAt().isAfter(now))
          .sorted(Comparator.comparing((OutboxEntry e) -> e.delivery().tenantId().value())
              .thenComparing(e -> e.delivery().orderKey())
              .thenComparing(OutboxEntry::dueAt)
              .thenComparingLong(OutboxEntry::seq))
          .limit(limit)
          .toList();
    }

    @Override
    public int digested(TenantId tenant, Collection<Long> seqs) {
      requireNonNull(tenant, "tenant");
      writeCheck.run();
      int count = 0;
      for (long seq : Set.copyOf(seqs)) {
        OutboxEntry entry = data.bySeq.get(seq);
        if (entry != null && entry.delivery().tenantId().equals(tenant) && entry.status() == DeliveryStatus.HELD) {
          replace(entry, entry.digested());
          count++;
        }
      }
      return count;
    }

    @Override
    public Optional<OutboxEntry> requeue(TenantId tenant, String key, Instant now) {
      requireNonNull(now, "now");
      Optional<OutboxEntry> found = find(tenant, key);
      writeCheck.run();
      return found.map(entry -> {
        if (entry.status() != DeliveryStatus.DEAD) {
          return entry;
        }
        OutboxEntry requeued = entry.requeued(now);
        replace(entry, requeued);
        return requeued;
      });
    }

    @Override
    public int requeueDead(TenantId tenant, Instant now) {
      requireNonNull(tenant, "tenant");
      requireNonNull(now, "now");
      writeCheck.run();
      List<OutboxEntry> dead = data.bySeq.values().stream()
          .filter(e -> e.delivery().tenantId().equals(tenant) && e.status() == DeliveryStatus.DEAD)
          .toList();
      dead.forEach(e -> replace(e, e.requeued(now)));
      return dead.size();
    }

    @Override
    public Optional<OutboxEntry> find(TenantId tenant, String key) {
      requireNonNull(tenant, "tenant");
      requireNonNull(key, "key");
      readCheck.run();
      Long seq = data.keys.getOrDefault(tenant, Map.of()).get(key);
      return seq == null ? Optional.empty() : Optional.of(data.bySeq.get(seq));
    }

    @Override
    public Page<OutboxEntry> list(TenantId tenant, DeliveryStatus status, PageRequest page) {
      requireNonNull(tenant, "tenant");
      requireNonNull(status, "status");
      requireNonNull(page, "page");
      readCheck.run();
      String scope = "outbox:" + tenant.value() + ":" + status;
      long after = page.cursor().map(c -> parseSeq(Cursors.decode(scope, c))).orElse(0L);
      List<OutboxEntry> items = new ArrayList<>();
      boolean more = false;
      for (OutboxEntry entry : data.bySeq.tailMap(after, false).values()) {
        if (entry.delivery().tenantId().equals(tenant) && entry.status() == status) {
          if (items.size() == page.limit()) {
            more = true;
            break;
          }
          items.add(entry);
        }
      }
      Optional<String> next = more ? Optional.of(Cursors.encode(scope, Long.toString(items.get(items.size() - 1)
          .seq()))) : Optional.empty();
      return new Page<>(items, next);
    }

    private static long parseSeq(String value) {
      try {
        return Long.parseLong(value);
      } catch (NumberFormatException e) {
        throw dev.etiquette.crm.api.ValidationException.of("cursor", value, "is not a cursor of this listing");
      }
    }

    @Override
    public OutboxStats counts(Optional<TenantId> tenant) {
      requireNonNull(tenant, "tenant");
      readCheck.run();
      long[] counts = new long[DeliveryStatus.values().length];
      for (OutboxEntry entry : data.bySeq.values()) {
        if (tenant.isEmpty() || tenant.get().equals(entry.delivery().tenantId())) {
          counts[entry.status().ordinal()]++;
        }
      }
      return new OutboxStats(counts[0], counts[1], counts[2], counts[3], counts[4], counts[5]);
    }


    private void replace(OutboxEntry before, OutboxEntry after) {
      put(after);
      undo.push(() -> put(before));
    }

    private void put(OutboxEntry entry) {
      long seq = entry.seq();
      data.bySeq.put(seq, entry);
      data.active.remove(seq);
      data.held.remove(seq);
      switch (entry.status()) {
        case PENDING, IN_FLIGHT -> data.active.put(seq, entry);
        case HELD -> data.held.put(seq, entry);
        default -> { }
      }
    }

    private void remove(long seq) {
      data.bySeq.remove(seq);
      data.active.remove(seq);
      data.held.remove(seq);
    }
  }
}
