package dev.etiquette.crm.api.spi;

import dev.etiquette.crm.api.DuplicateKeyException;
import dev.etiquette.crm.api.Page;
import dev.etiquette.crm.api.PageRequest;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.notification.Delivery;
import dev.etiquette.crm.api.notification.DeliveryStatus;
import dev.etiquette.crm.api.notification.OutboxEntry;
import dev.etiquette.crm.api.notification.OutboxStats;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The outbox: deliveries written in the transaction of the change they tell of, and their state until a relay
 * delivered them. Every relay of every process that shares the storage works on the same outbox.
 *
 * <h2>The rules every implementation keeps</h2>
 * <ul>
 *   <li><b>Unique key.</b> A tenant has at most one entry per {@link Delivery#key()}; {@link #enqueue} of a second
 *       one throws {@link DuplicateKeyException} (and the transaction that tried it rolls back).</li>
 *   <li><b>Sequence.</b> {@link #enqueue} gives each entry a {@link OutboxEntry#seq() seq} larger than that of
 *       every entry enqueued by a transaction that committed before it started.</li>
 *   <li><b>Claimable.</b> An entry is claimable at {@code now} when it is {@link DeliveryStatus#PENDING} with
 *       {@code dueAt <= now}, or {@link DeliveryStatus#IN_FLIGHT} with {@code leaseUntil <= now} (its relay died or
 *       is too slow).</li>
 *   <li><b>Per-recipient order.</b> The entries of one tenant with the same {@linkplain Delivery#orderKey() order
 *       key} form a group. A claim takes, of each group, a <em>prefix</em> of its {@code PENDING} and
 *       {@code IN_FLIGHT} entries in seq order: it takes an entry only if it also takes (or took, in this same
 *       claim) every earlier {@code PENDING} or {@code IN_FLIGHT} entry of the group, and it stops at the first one
 *       it cannot take (not claimable, not among the wanted keys, locked by a concurrent claim, beyond the limit).
 *       So a later delivery is claimed only together with, or after, every earlier one; {@code DELIVERED},
 *       {@code DEAD}, {@code HELD} and {@code DIGESTED} entries do not hold a group back.</li>
 *   <li><b>Exclusive claims.</b> Two transactions that claim at the same time never both get the same entry:
 *       claims lock what they take (with {@code FOR UPDATE SKIP LOCKED} where the database has it, so that
 *       concurrent claims take different entries rather than wait). A claim sets the entry {@code IN_FLIGHT}
 *       with the claimer's lease.</li>
 *   <li><b>Fenced outcomes.</b> {@link #delivered} and {@link #failed} change an entry only while it is
 *       {@code IN_FLIGHT} under the caller's lease owner; otherwise they change nothing and return false.</li>
 * </ul>
 * Instants are kept to the microsecond (the library passes only whole microseconds). Keys are at most 500
 * characters and order keys at most 300 (the library's are shorter: a stakeholder id has at most 200, a channel
 * 64); a requeue keeps an entry's last error until its next attempt. Methods not given a tenant work across every
 * tenant of the storage.
 */
public interface OutboxStore {

  /**
   * Writes {@code delivery} as {@link DeliveryStatus#PENDING} (to be sent from {@code dueAt} on) or
   * {@link DeliveryStatus#HELD} (to be gathered into its digest at {@code dueAt}), with no attempts.
   *
   * @throws DuplicateKeyException if the tenant has an entry with the same key
   * @throws IllegalArgumentException if {@code status} is neither PENDING nor HELD
   */
  void enqueue(Delivery delivery, DeliveryStatus status, Instant dueAt);

  /**
   * Claims up to {@code limit} claimable entries of any tenant, smallest seq first and by group prefixes (see the
   * class documentation), for {@code owner} until {@code leaseUntil}; returns them as claimed, by seq.
   *
   * @throws IllegalArgumentException if {@code limit} is less than 1
   */
  List<OutboxEntry> claim(String owner, Instant now, Instant leaseUntil, int limit);

  /** Like {@link #claim}, among the entries of {@code tenant} with one of {@code keys} only. */
  List<OutboxEntry> claim(TenantId tenant, Collection<String> keys, String owner, Instant now, Instant leaseUntil);

  /**
   * Marks a claimed entry {@link DeliveryStatus#DELIVERED} at {@code at}, clearing its lease.
   *
   * @return false, changing nothing, if the entry is not {@code IN_FLIGHT} under {@code owner}
   */
  boolean delivered(TenantId tenant, long seq, String owner, Instant at);

  /**
   * Gives a claimed entry back unsent: it becomes {@link DeliveryStatus#PENDING} again, with its due instant,
   * attempts and last error unchanged and its lease cleared. The relay gives back the later entries of a group
   * whose earlier entry failed, so that they wait for it.
   *
   * @return false, changing nothing, if the entry is not {@code IN_FLIGHT} under {@code owner}
   */
  boolean release(TenantId tenant, long seq, String owner);

  /**
   * Records a failed attempt of a claimed entry: it becomes {@code next} ({@link DeliveryStatus#PENDING}, due at
   * {@code dueAt}, or {@link DeliveryStatus#DEAD}) with {@code attempts} attempts and {@code error} as its last
   * error (cut to 1,000 characters), and its lease is cleared.
   *
   * @return false, changing nothing, if the entry is not {@code IN_FLIGHT} under {@code owner}
   * @throws IllegalArgumentException if {@code next} is neither PENDING nor DEAD
   */
  boolean failed(TenantId tenant, long seq, String owner, DeliveryStatus next, int attempts, Instant dueAt,
      String error);

  /**
   * Up to {@code limit} {@link DeliveryStatus#HELD} entries of any tenant whose digest is due ({@code dueAt <=
   * now}), ordered by tenant, order key, due instant and seq, so that one digest's entries come together.
   *
   * @throws IllegalArgumentException if {@code limit} is less than 1
   */
  List<OutboxEntry> dueForDigest(Instant now, int limit);

  /**
   * Marks the {@link DeliveryStatus#HELD} entries {@code seqs} of {@code tenant} {@link DeliveryStatus#DIGESTED}.
   *
   * @return how many were HELD and are now DIGESTED
   */
  int digested(TenantId tenant, Collection<Long> seqs);

  /**
   * Puts the entry with {@code key} back to {@link DeliveryStatus#PENDING}, due at {@code now}, with no attempts,
   * if it is {@link DeliveryStatus#DEAD}; returns it as it is afterwards.
   */
  Optional<OutboxEntry> requeue(TenantId tenant, String key, Instant now);

  /** Requeues every {@link DeliveryStatus#DEAD} entry of {@code tenant} as {@link #requeue} does; returns how many. */
  int requeueDead(TenantId tenant, Instant now);

  /** The entry of {@code tenant} with {@code key}. */
  Optional<OutboxEntry> find(TenantId tenant, String key);

  /** The entries of {@code tenant} in {@code status}, by seq, paged by seq. */
  Page<OutboxEntry> list(TenantId tenant, DeliveryStatus status, PageRequest page);

  /** How many entries are in each status: of {@code tenant}, or of every tenant when it is empty. */
  OutboxStats counts(Optional<TenantId> tenant);
}
