package dev.etiquette.crm.jdbc.internal;

import static java.util.Objects.requireNonNull;

import com.google.common.hash.Hashing;
import com.google.common.io.BaseEncoding;
import dev.etiquette.crm.api.DuplicateKeyException;
import dev.etiquette.crm.api.Page;
import dev.etiquette.crm.api.PageRequest;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.ValidationException;
import dev.etiquette.crm.api.notification.Delivery;
import dev.etiquette.crm.api.notification.DeliveryStatus;
import dev.etiquette.crm.api.notification.OutboxEntry;
import dev.etiquette.crm.api.notification.OutboxStats;
import dev.etiquette.crm.api.spi.OutboxStore;
import dev.etiquette.crm.jdbc.Dialect;
import dev.etiquette.crm.json.CrmJson;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The outbox ({@code crm_outbox}) over the connection of one {@link JdbcTransaction}.
 *
 * <p><b>Claims</b> take, of each group (a tenant's entries of one order key), a prefix of its active ({@code
 * PENDING} and {@code IN_FLIGHT}) entries in seq order. One {@code SELECT ... ORDER BY seq LIMIT ? FOR UPDATE SKIP
 * LOCKED} picks the claimable entries none of whose group's earlier active entries is unclaimable (or, for a claim by
 * keys, not wanted), each with how many earlier active entries its group has; the claim then keeps, of each group,
 * the returned entries as long as they are exactly those earlier entries in turn. What it drops (after an entry that
 * another claimer holds locked, so the query skipped it, or that a concurrent claim changed since the statement's
 * snapshot) it leaves as it is; it sets the rest {@code IN_FLIGHT} under the claimer's lease. PostgreSQL and MariaDB
 * lock only the rows they return and skip rows other transactions hold, so concurrent claimers take the next entries
 * rather than wait; the group checks are plain reads that neither lock nor skip. H2 (2.3) has {@code SKIP LOCKED}
 * too, but with {@code LIMIT} it locks every row the WHERE clause matches, not only those returned; on H2 a derived
 * table therefore picks the first {@code limit} entries without locking and the outer query locks those alone,
 * skipping the ones another claimer holds (which then gets fewer, or none, rather than the next ones). Either way no
 * claimer waits for another, and no entry is claimed twice.
 *
 * <p>Per-recipient order holds among committed entries: two transactions that enqueue for the same recipient at the
 * same time commit in either order, and the one with the larger seq may be claimed before the other commits.
 *
 * <p><b>Fenced outcomes</b> are conditional updates ({@code status = 'IN_FLIGHT' AND lease_owner = ?}) by primary
 * key. Instants are kept as microseconds, as everywhere in the schema; an entry's {@code dueAt} and lease have whole
 * microseconds (finer ones are cut), and {@code now} is compared at its whole microsecond.
 */
final class JdbcOutbox implements OutboxStore {

  /** The longest delivery key, order key and lease owner the columns hold. */
  static final int MAX_KEY = 500;
  static final int MAX_ORDER_KEY = 300;
  static final int MAX_OWNER = 200;
  /** The most seqs {@link #digested} binds in one IN list. */
  private static final int CHUNK = 500;

  /** The columns {@link #entry} reads, in this order (9 of them). */
  private static final String COLUMNS = "o.seq, o.status, o.attempts, o.due_at, o.lease_owner, o.lease_until,"
      + " o.last_error, o.delivered_at, o.document";
  /** The most keys one claim by keys takes (all are bound in one statement, so that groups stay whole). */
  static final int MAX_KEYS = 1_000;
  private static final String ACTIVE_EARLIER = "e.tenant_id = o.tenant_id AND e.order_key = o.order_key"
      + " AND e.active = 1 AND e.seq < o.seq";
  /** How many earlier active entries the entry's group has: column 10 of a claim's rows. */
  private static final String EARLIER = "(SELECT COUNT(*) FROM crm_outbox e WHERE " + ACTIVE_EARLIER + ")";

  private static final BaseEncoding CURSOR = BaseEncoding.base64Url().omitPadding();

  private final Dialect dialect;
  private final JdbcTransaction tx;

  /**
   * @param dialect its database
   * @param tx the transaction, whose queries fail once it has ended
   */
  JdbcOutbox(Dialect dialect, JdbcTransaction tx) {
    this.dialect = requireNonNull(dialect, "dialect");
    this.tx = requireNonNull(tx, "tx");
  }

  /**
   * @throws IllegalArgumentException also if the key is longer than 500 characters or the order key longer than
   *     300 (longer than any the library makes)
   */
  @Override
  public void enqueue(Delivery delivery, DeliveryStatus status, Instant dueAt) {
    requireNonNull(delivery, "delivery");
    requireNonNull(status, "status");
    requireNonNull(dueAt, "dueAt");
    OutboxEntry.checkEnqueued(status);
    if (delivery.key().isEmpty() || delivery.key().length() > MAX_KEY) {
      throw new IllegalArgumentException("a delivery key must have 1 to " + MAX_KEY + " characters, had "
          + delivery.key().length());
    }
    if (delivery.orderKey().length() > MAX_ORDER_KEY) {
      throw new IllegalArgumentException("a delivery's order key (recipient/channel) must have at most "
          + MAX_ORDER_KEY + " characters, had " + delivery.orderKey().length());
    }
    tx.checkOpen();
    try (PreparedStatement ps = tx.connection().prepareStatement("INSERT INTO crm_outbox (tenant_id, delivery_key,"
        + " order_key, status, active, attempts, due_at, created_at, document) VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?)")) {
      ps.setString(1, delivery.tenantId().value());
      ps.setString(2, delivery.key());
      ps.setString(3, delivery.orderKey());
      ps.setString(4, status.name());
      ps.setInt(5, active(status));
      ps.setLong(6, Micros.of(dueAt));
      ps.setLong(7, Micros.of(delivery.createdAt()));
      ps.setString(8, CrmJson.toJson(delivery));
      ps.executeUpdate();
    } catch (SQLException e) {
      if (SqlErrors.isUniqueViolation(e)) {
        throw new DuplicateKeyException("delivery", "key " + delivery.key());
      }
      throw SqlErrors.storage("enqueue delivery", e);
    }
  }

  /**
   * Served by {@code crm_outbox_claim} in seq order, and {@code crm_outbox_order} for the group checks (which read
   * the earlier active entries of the group).
   */
  @Override
  public List<OutboxEntry> claim(String owner, Instant now, Instant leaseUntil, int limit) {
    checkClaim(owner, now, leaseUntil);
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, was " + limit);
    }
    long at = Micros.of(now);
    List<Object> args = new ArrayList<>(List.of(at, at, at, at, limit));
    String where = claimable("o") + " AND NOT EXISTS (SELECT 1 FROM crm_outbox e WHERE " + ACTIVE_EARLIER
        + " AND NOT (" + claimable("e") + "))";
    List<Candidate> found;
    if (dialect != Dialect.H2) {
      found = candidates("claim deliveries", "SELECT " + COLUMNS + ", " + EARLIER + " FROM crm_outbox o WHERE "
          + where + " ORDER BY o.seq LIMIT ? FOR UPDATE SKIP LOCKED", args);
    } else {
      args.addAll(List.of(at, at));
      found = candidates("claim deliveries", "SELECT " + COLUMNS + ", d.earlier FROM (SELECT o.tenant_id, o.seq, "
          + EARLIER + " earlier FROM crm_outbox o WHERE " + where + " ORDER BY o.active, o.seq LIMIT ?) d"
          + " JOIN crm_outbox o ON o.tenant_id = d.tenant_id AND o.seq = d.seq WHERE " + claimable("o")
          + " FOR UPDATE SKIP LOCKED", args);
    }
    return take(found, owner, leaseUntil);
  }

  /**
   * Served by {@code crm_outbox_key}; the keys name at most one entry each, so no limit is needed.
   *
   * @throws IllegalArgumentException also if there are more than 1,000 keys
   */
  @Override
  public List<OutboxEntry> claim(TenantId tenant, Collection<String> keys, String owner, Instant now,
      Instant leaseUntil) {
    requireNonNull(tenant, "tenant");
    requireNonNull(keys, "keys");
    checkClaim(owner, now, leaseUntil);
    List<String> wanted = List.copyOf(new LinkedHashSet<>(keys));
    if (wanted.size() > MAX_KEYS) {
      throw new IllegalArgumentException("a claim by keys takes at most " + MAX_KEYS + " keys, was given "
          + wanted.size());
    }
    if (wanted.isEmpty()) {
      return List.of();
    }
    long at = Micros.of(now);
    String in = " IN (" + marks(wanted.size()) + ")";
    List<Object> args = new ArrayList<>(List.of(tenant.value()));
    args.addAll(wanted);
    args.addAll(List.of(at, at));
    args.addAll(wanted);
    args.addAll(List.of(at, at));
    return take(candidates("claim deliveries by key", "SELECT " + COLUMNS + ", " + EARLIER + " FROM crm_outbox o"
        + " WHERE o.tenant_id = ? AND o.delivery_key" + in + " AND " + claimable("o")
        + " AND NOT EXISTS (SELECT 1 FROM crm_outbox e WHERE " + ACTIVE_EARLIER + " AND NOT (e.delivery_key" + in
        + " AND " + claimable("e") + ")) FOR UPDATE SKIP LOCKED", args), owner, leaseUntil);
  }

  /** Whether the entry {@code alias} is claimable at the two parameters' instant. */
  private static String claimable(String alias) {
    String a = alias + ".";
    return a + "active = 1 AND ((" + a + "status = 'PENDING' AND " + a + "due_at <= ?) OR (" + a
        + "status = 'IN_FLIGHT' AND " + a + "lease_until <= ?))";
  }

  private static void checkClaim(String owner, Instant now, Instant leaseUntil) {
    requireNonNull(owner, "owner");
    requireNonNull(now, "now");
    requireNonNull(leaseUntil, "leaseUntil");
    if (owner.isEmpty() || owner.length() > MAX_OWNER) {
      throw new IllegalArgumentException("a lease owner must have 1 to " + MAX_OWNER + " characters, had "
          + owner.length());
    }
  }

  /** An entry a claim's query returned (and locked), with how many earlier active entries its group has. */
  private record Candidate(OutboxEntry entry, long earlier) {}

  private List<Candidate> candidates(String operation, String sql, List<?> args) {
    return tx.query(operation, sql, args, rs -> new Candidate(entry(rs), rs.getLong(10)));
  }

  /**
   * Keeps, of each group, the candidates that are exactly its earlier active entries in turn, and sets them
   * IN_FLIGHT under the lease; returns them as claimed, by seq.
   */
  private List<OutboxEntry> take(List<Candidate> found, String owner, Instant leaseUntil) {
    List<Candidate> bySeq = new ArrayList<>(found);
    bySeq.sort(Comparator.comparingLong(c -> c.entry().seq()));
    Map<List<String>, Long> taken = new HashMap<>();
    Set<List<String>> stopped = new HashSet<>();
    List<OutboxEntry> kept = new ArrayList<>();
    for (Candidate c : bySeq) {
      List<String> group = List.of(c.entry().delivery().tenantId().value(), c.entry().delivery().orderKey());
      long before = taken.getOrDefault(group, 0L);
      if (stopped.contains(group) || c.earlier() != before) {
        stopped.add(group); // an earlier entry was skipped or changed: the group stops here
        continue;
      }
      taken.put(group, before + 1);
      kept.add(c.entry());
    }
    if (kept.isEmpty()) {
      return List.of();
    }
    long until = Micros.of(leaseUntil);
    List<OutboxEntry> claimed = new ArrayList<>(kept.size());
    tx.checkOpen();
    try (PreparedStatement ps = tx.connection().prepareStatement("UPDATE crm_outbox SET status = 'IN_FLIGHT',"
        + " active = 1, lease_owner = ?, lease_until = ? WHERE tenant_id = ? AND seq = ?")) {
      for (OutboxEntry e : kept) {
        ps.setString(1, owner);
        ps.setLong(2, until);
        ps.setString(3, e.delivery().tenantId().value());
        ps.setLong(4, e.seq());
        ps.addBatch();
        claimed.add(e.claimed(owner, Micros.toInstant(until)));
      }
      ps.executeBatch();
    } catch (SQLException e) {
      throw SqlErrors.storage("claim deliveries", e);
    }
    return claimed;
  }

  @Override
  public boolean release(TenantId tenant, long seq, String owner) {
    requireNonNull(tenant, "tenant");
    requireNonNull(owner, "owner");
    return update("release delivery", "UPDATE crm_outbox SET status = 'PENDING', active = 1, lease_owner = NULL,"
        + " lease_until = NULL WHERE tenant_id = ? AND seq = ? AND status = 'IN_FLIGHT' AND lease_owner = ?",
        List.of(tenant.value(), seq, owner)) == 1;
  }

  @Override
  public boolean delivered(TenantId tenant, long seq, String owner, Instant at) {
    requireNonNull(tenant, "tenant");
    requireNonNull(owner, "owner");
    requireNonNull(at, "at");
    return update("mark delivery delivered", "UPDATE crm_outbox SET status = 'DELIVERED', active = 0,"
        + " lease_owner = NULL, lease_until = NULL, delivered_at = ? WHERE tenant_id = ? AND seq = ?"
        + " AND status = 'IN_FLIGHT' AND lease_owner = ?", List.of(Micros.of(at), tenant.value(), seq, owner)) == 1;
  }

  /**
   * One batch of conditional updates, one round trip. A driver that does not report each statement's count (MariaDB
   * may answer {@code SUCCESS_NO_INFO}) is asked afterwards which of those entries now carry this outcome's
   * delivery instant.
   */
  @Override
  public boolean[] deliveredAll(String owner, List<Accepted> accepted) {
    requireNonNull(owner, "owner");
    requireNonNull(accepted, "accepted");
    boolean[] changed = new boolean[accepted.size()];
    if (accepted.isEmpty()) {
      return changed;
    }
    tx.checkOpen();
    int[] counts;
    try (PreparedStatement ps = tx.connection().prepareStatement("UPDATE crm_outbox SET status = 'DELIVERED', active = 0,"
        + " lease_owner = NULL, lease_until = NULL, delivered_at = ? WHERE tenant_id = ? AND seq = ?"
        + " AND status = 'IN_FLIGHT' AND lease_owner = ?")) {
      for (Accepted a : accepted) {
        ps.setLong(1, Micros.of(a.at()));
        ps.setString(2, a.tenant().value());
        ps.setLong(3, a.seq());
        ps.setString(4, owner);
        ps.addBatch();
      }
      counts = ps.executeBatch();
    } catch (SQLException e) {
      throw SqlErrors.storage("mark deliveries delivered", e);
    }
    for (int i = 0; i < changed.length; i++) {
      if (counts.length == changed.length && counts[i] >= 0) {
        changed[i] = counts[i] == 1;
      } else {
        Accepted a = accepted.get(i);
        changed[i] = !tx.query("check a delivery's outcome", "SELECT 1 FROM crm_outbox WHERE tenant_id = ? AND seq = ?"
            + " AND status = 'DELIVERED' AND delivered_at = ?", List.of(a.tenant().value(), a.seq(),
            Micros.of(a.at())), rs -> 1).isEmpty();
      }
    }
    return changed;
  }

  @Override
  public boolean failed(TenantId tenant, long seq, String owner, DeliveryStatus next, int attempts,
      Instant dueAt, String error) {
    requireNonNull(tenant, "tenant");
    requireNonNull(owner, "owner");
    requireNonNull(next, "next");
    requireNonNull(dueAt, "dueAt");
    requireNonNull(error, "error");
    OutboxEntry.checkFailed(next);
    String cut = OutboxEntry.cutError(error);
    return update("record failed delivery", "UPDATE crm_outbox SET status = ?, active = ?, attempts = ?,"
        + " due_at = ?, last_error = ?, lease_owner = NULL, lease_until = NULL WHERE tenant_id = ? AND seq = ?"
        + " AND status = 'IN_FLIGHT' AND lease_owner = ?",
        List.of(next.name(), active(next), attempts, Micros.of(dueAt), cut, tenant.value(), seq, owner)) == 1;
  }

  /**
   * Served by {@code crm_outbox_digest} in order; held entries not due yet are read and passed over (a digest
   * period's worth at most).
   */
  @Override
  public List<OutboxEntry> dueForDigest(Instant now, int limit) {
    requireNonNull(now, "now");
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, was " + limit);
    }
    return entries("list deliveries due for digest", "SELECT " + COLUMNS + " FROM crm_outbox o"
        + " WHERE o.status = 'HELD' AND o.due_at <= ? ORDER BY " + (dialect == Dialect.H2 ? "o.status, " : "")
        + "o.tenant_id, o.order_key, o.due_at, o.seq LIMIT ?", List.of(Micros.of(now), limit));
  }

  @Override
  public int digested(TenantId tenant, Collection<Long> seqs) {
    requireNonNull(tenant, "tenant");
    List<Long> all = List.copyOf(new LinkedHashSet<>(requireNonNull(seqs, "seqs")));
    int count = 0;
    for (int from = 0; from < all.size(); from += CHUNK) {
      List<Long> chunk = all.subList(from, Math.min(all.size(), from + CHUNK));
      List<Object> args = new ArrayList<>(List.of(tenant.value()));
      args.addAll(chunk);
      count += update("mark deliveries digested", "UPDATE crm_outbox SET status = 'DIGESTED', active = 0"
          + " WHERE tenant_id = ? AND seq IN (" + marks(chunk.size()) + ") AND status = 'HELD'", args);
    }
    return count;
  }

  @Override
  public Optional<OutboxEntry> requeue(TenantId tenant, String key, Instant now) {
    requireNonNull(tenant, "tenant");
    requireNonNull(key, "key");
    requireNonNull(now, "now");
    update("requeue delivery", "UPDATE crm_outbox SET status = 'PENDING', active = 1, attempts = 0, due_at = ?,"
        + " lease_owner = NULL, lease_until = NULL WHERE tenant_id = ? AND delivery_key = ? AND status = 'DEAD'",
        List.of(Micros.of(now), tenant.value(), key));
    return find(tenant, key);
  }

  /** Served by {@code crm_outbox_by_status}. */
  @Override
  public int requeueDead(TenantId tenant, Instant now) {
    requireNonNull(tenant, "tenant");
    requireNonNull(now, "now");
    return update("requeue dead deliveries", "UPDATE crm_outbox SET status = 'PENDING', active = 1, attempts = 0,"
        + " due_at = ?, lease_owner = NULL, lease_until = NULL WHERE tenant_id = ? AND status = 'DEAD'",
        List.of(Micros.of(now), tenant.value()));
  }

  @Override
  public Optional<OutboxEntry> find(TenantId tenant, String key) {
    requireNonNull(tenant, "tenant");
    requireNonNull(key, "key");
    return entries("find delivery", "SELECT " + COLUMNS + " FROM crm_outbox o WHERE o.tenant_id = ?"
        + " AND o.delivery_key = ?", List.of(tenant.value(), key)).stream().findFirst();
  }

  /**
   * Served by {@code crm_outbox_by_status} in order. The cursor holds the last seq returned, bound to the tenant and
   * status it was returned for.
   *
   * @throws ValidationException if the cursor is not one this method returned for the same tenant and status
   */
  @Override
  public Page<OutboxEntry> list(TenantId tenant, DeliveryStatus status, PageRequest page) {
    requireNonNull(tenant, "tenant");
    requireNonNull(status, "status");
    requireNonNull(page, "page");
    String scope = "outbox|" + tenant.value() + "|" + status;
    long after = page.cursor().map(c -> decodeCursor(scope, c)).orElse(Long.MIN_VALUE);
    List<OutboxEntry> found = entries("list deliveries", "SELECT " + COLUMNS + " FROM crm_outbox o"
        + " WHERE o.tenant_id = ? AND o.status = ? AND o.seq > ? ORDER BY "
        + (dialect == Dialect.H2 ? "o.tenant_id, o.status, " : "") + "o.seq LIMIT ?",
        List.of(tenant.value(), status.name(), after, page.limit() + 1));
    if (found.size() <= page.limit()) {
      return new Page<>(found, Optional.empty());
    }
    List<OutboxEntry> items = found.subList(0, page.limit());
    return new Page<>(items, Optional.of(encodeCursor(scope, items.get(items.size() - 1).seq())));
  }

  /** One GROUP BY over {@code crm_outbox_by_status}: a tenant's part of it, or the whole index. */
  @Override
  public OutboxStats counts(Optional<TenantId> tenant) {
    requireNonNull(tenant, "tenant");
    record Count(DeliveryStatus status, long count) {}
    List<Count> rows = tx.query("count deliveries", "SELECT status, COUNT(*) FROM crm_outbox"
        + (tenant.isPresent() ? " WHERE tenant_id = ?" : "") + " GROUP BY status",
        tenant.map(t -> List.of(t.value())).orElse(List.of()),
        rs -> new Count(DeliveryStatus.valueOf(rs.getString(1)), rs.getLong(2)));
    Map<DeliveryStatus, Long> counts = new EnumMap<>(DeliveryStatus.class);
    rows.forEach(c -> counts.merge(c.status(), c.count(), Long::sum));
    return new OutboxStats(counts.getOrDefault(DeliveryStatus.HELD, 0L),
        counts.getOrDefault(DeliveryStatus.PENDING, 0L), counts.getOrDefault(DeliveryStatus.IN_FLIGHT, 0L),
        counts.getOrDefault(DeliveryStatus.DELIVERED, 0L), counts.getOrDefault(DeliveryStatus.DEAD, 0L),
        counts.getOrDefault(DeliveryStatus.DIGESTED, 0L));
  }

  // ---------------------------------------------------------------- helpers

  /** 1 for the statuses a claim looks at and that hold back later entries of their order key. */
  private static int active(DeliveryStatus status) {
    return status == DeliveryStatus.PENDING || status == DeliveryStatus.IN_FLIGHT ? 1 : 0;
  }

  private static String marks(int count) {
    return String.join(", ", Collections.nCopies(count, "?"));
  }

  private List<OutboxEntry> entries(String operation, String sql, List<?> args) {
    return tx.query(operation, sql, args, JdbcOutbox::entry);
  }

  /** An entry from the {@link #COLUMNS}. */
  private static OutboxEntry entry(ResultSet rs) throws SQLException {
    long seq = rs.getLong(1);
    DeliveryStatus status = DeliveryStatus.valueOf(rs.getString(2));
    int attempts = rs.getInt(3);
    Instant dueAt = Micros.toInstant(rs.getLong(4));
    Optional<String> owner = Optional.ofNullable(rs.getString(5));
    Optional<Instant> leaseUntil = instant(rs, 6);
    Optional<String> lastError = Optional.ofNullable(rs.getString(7));
    Optional<Instant> deliveredAt = instant(rs, 8);
    Delivery delivery = CrmJson.fromJson(rs.getString(9), Delivery.class);
    return new OutboxEntry(seq, delivery, status, attempts, dueAt, owner, leaseUntil, lastError, deliveredAt);
  }

  private static Optional<Instant> instant(ResultSet rs, int column) throws SQLException {
    long micros = rs.getLong(column);
    return rs.wasNull() ? Optional.empty() : Optional.of(Micros.toInstant(micros));
  }

  private int update(String operation, String sql, List<?> args) {
    tx.checkOpen();
    try (PreparedStatement ps = tx.connection().prepareStatement(sql)) {
      for (int i = 0; i < args.size(); i++) {
        Object arg = args.get(i);
        if (arg instanceof String s) {
          ps.setString(i + 1, s);
        } else if (arg instanceof Integer n) {
          ps.setInt(i + 1, n);
        } else if (arg instanceof Long n) {
          ps.setLong(i + 1, n);
        } else {
          throw new IllegalArgumentException("unsupported argument type " + arg.getClass());
        }
      }
      return ps.executeUpdate();
    } catch (SQLException e) {
      throw SqlErrors.storage(operation, e);
    }
  }

  private static String encodeCursor(String scope, long seq) {
    return CURSOR.encode(("1|" + fingerprint(scope) + "|" + seq).getBytes(StandardCharsets.UTF_8));
  }

  private static long decodeCursor(String scope, String cursor) {
    try {
      String[] parts = new String(CURSOR.decode(cursor), StandardCharsets.UTF_8).split("\\|", 3);
      if (parts.length == 3 && parts[0].equals("1") && parts[1].equals(fingerprint(scope))) {
        return Long.parseLong(parts[2]);
      }
    } catch (IllegalArgumentException e) {
      // not base64, or not a number: not a cursor of ours
    }
    throw ValidationException.of("page.cursor", cursor,
        "is not a cursor returned by this method for the same tenant and status");
  }

  private static String fingerprint(String scope) {
    return Hashing.sha256().hashString(scope, StandardCharsets.UTF_8).toString().substring(0, 16);
  }
}
