package dev.etiquette.crm.jdbc.internal;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.etiquette.crm.api.Actor;
import dev.etiquette.crm.api.DuplicateKeyException;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.TenantSettings;
import dev.etiquette.crm.api.VersionConflictException;
import dev.etiquette.crm.api.interaction.Conversation;
import dev.etiquette.crm.api.interaction.ConversationId;
import dev.etiquette.crm.api.interaction.Interaction;
import dev.etiquette.crm.api.interaction.InteractionId;
import dev.etiquette.crm.api.notification.Notification;
import dev.etiquette.crm.api.obligation.EscalationPoint;
import dev.etiquette.crm.api.obligation.Obligation;
import dev.etiquette.crm.api.obligation.ObligationId;
import dev.etiquette.crm.api.obligation.ObligationQuery;
import dev.etiquette.crm.api.obligation.ObligationState;
import dev.etiquette.crm.api.party.AuditAction;
import dev.etiquette.crm.api.party.AuditEntry;
import dev.etiquette.crm.api.party.ExternalId;
import dev.etiquette.crm.api.party.FieldChange;
import dev.etiquette.crm.api.party.Party;
import dev.etiquette.crm.api.party.PartyId;
import dev.etiquette.crm.api.party.PartyQuery;
import dev.etiquette.crm.api.party.Relationship;
import dev.etiquette.crm.api.party.RelationshipId;
import dev.etiquette.crm.api.rules.RuleSet;
import dev.etiquette.crm.api.spi.AuditStore;
import dev.etiquette.crm.api.spi.ContactLedgerStore;
import dev.etiquette.crm.api.spi.ConversationStore;
import dev.etiquette.crm.api.spi.FactStore;
import dev.etiquette.crm.api.spi.IdempotencyRecord;
import dev.etiquette.crm.api.spi.IdempotencyStore;
import dev.etiquette.crm.api.spi.InteractionStore;
import dev.etiquette.crm.api.spi.MeasurementStore;
import dev.etiquette.crm.api.spi.NotificationStore;
import dev.etiquette.crm.api.spi.ObligationPosition;
import dev.etiquette.crm.api.spi.ObligationStore;
import dev.etiquette.crm.api.spi.OutboxStore;
import dev.etiquette.crm.api.spi.PartyStore;
import dev.etiquette.crm.api.spi.Prepared;
import dev.etiquette.crm.api.spi.RelationshipStore;
import dev.etiquette.crm.api.spi.RuleSetStore;
import dev.etiquette.crm.api.spi.StorageTransaction;
import dev.etiquette.crm.api.spi.TenantSettingsStore;
import dev.etiquette.crm.api.spi.TimelinePosition;
import dev.etiquette.crm.jdbc.Dialect;
import dev.etiquette.crm.json.CrmJson;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** The stores over one JDBC connection, inside one transaction of {@code JdbcStorage}. */
public final class JdbcTransaction implements StorageTransaction, PartyStore, RelationshipStore, AuditStore,
    TenantSettingsStore, IdempotencyStore, InteractionStore, ConversationStore, ObligationStore, RuleSetStore,
    NotificationStore {

  private static final TypeReference<List<FieldChange>> CHANGES = new TypeReference<>() {};
  /**
   * Rows per executed batch: a multiple of 128, since PostgreSQL's driver with {@code reWriteBatchedInserts} sends
   * a batch as multi-row inserts of 128, 64, 32, ... rows (512 rows are four statements, 500 were seven). Each
   * executed batch is one round trip whose first statement the database waits for and whose last one the caller
   * waits for, so fewer, larger batches cost less: 1,024 rows keep a part of a bulk create of 1,000 in one.
   */
  private static final int BATCH = 1024;

  /** The connection; every statement but the deferred writes goes through {@link #connection()}. */
  private final Connection raw;
  private final Dialect dialect;
  private final CounterCreator counters;
  private final RuleSetCache ruleSetCache;
  /** The rule set versions this transaction inserted: not committed yet, so not for the shared cache. */
  private final Set<RuleSetCache.Key> insertedRuleSets = new HashSet<>();
  /** The contact ledger, over the same connection. */
  private final JdbcContacts contacts;
  /** The outbox, over the same connection. */
  private final JdbcOutbox outbox;
  /** The vision, measurements and ledger, over the same connection. */
  private final JdbcMeasurementStore measurements;
  /** The measurement aggregates, over the same connection. */
  private final JdbcFactStore facts;
  private boolean open = true;
  /** Inserted parties whose index and lifecycle rows {@link #flush} writes. */
  private final List<PartyRows.Encoded> pendingIndexRows = new ArrayList<>();
  /** Appended audit entries, with their sequences, that {@link #flush} writes. */
  private final List<PendingAudit> pendingAudit = new ArrayList<>();

  private record PendingAudit(AuditEntry entry, String changes) {}

  public JdbcTransaction(Connection connection, Dialect dialect, CounterCreator counters, RuleSetCache ruleSetCache) {
    this.raw = requireNonNull(connection, "connection");
    this.dialect = requireNonNull(dialect, "dialect");
    this.counters = requireNonNull(counters, "counters");
    this.ruleSetCache = requireNonNull(ruleSetCache, "ruleSetCache");
    this.contacts = new JdbcContacts(dialect, this);
    this.outbox = new JdbcOutbox(dialect, this);
    this.measurements = new JdbcMeasurementStore(dialect, this);
    this.facts = new JdbcFactStore(dialect, this);
  }

  /** Ends this transaction's use of the connection: later calls fail, and rows not written yet are dropped. */
  public void close() {
    open = false;
    pendingIndexRows.clear();
    pendingAudit.clear();
  }

  /**
   * The connection, for a statement of this transaction, after the rows that bulk inserts left for later are
   * written: whatever runs next sees them.
   */
  Connection connection() {
    checkOpen();
    flush();
    return raw;
  }

  /**
   * Writes the rows that bulk inserts left for later: the index and lifecycle rows of inserted parties (roles,
   * tags, attributes, e-mail addresses, phone numbers, stages) and appended audit entries, each table in batches.
   * {@code JdbcStorage} calls it before committing; every other statement runs after it.
   *
   * <p>Why: a bulk create writes its parties in parts, one batch per table and part, and a batch is a round trip
   * whose first statement the database waits for and whose last one the caller waits for. Rows that cannot break
   * a key (those of a new party id, and audit entries whose sequences are already reserved) wait for the end of the
   * transaction or its next statement, and go in one batch per table instead of one per part.
   */
  public void flush() {
    if (pendingIndexRows.isEmpty() && pendingAudit.isEmpty()) {
      return;
    }
    checkOpen();
    List<PartyRows.Encoded> parties = List.copyOf(pendingIndexRows);
    List<PendingAudit> audit = List.copyOf(pendingAudit);
    pendingIndexRows.clear();
    pendingAudit.clear();
    insertIndexRows(raw, parties, false);
    insertStages(raw, parties);
    insertAuditRows(audit);
  }

  @Override
  public PartyStore parties() {
    return this;
  }

  @Override
  public RelationshipStore relationships() {
    return this;
  }

  @Override
  public AuditStore audit() {
    return this;
  }

  @Override
  public TenantSettingsStore settings() {
    return this;
  }

  @Override
  public IdempotencyStore idempotency() {
    return this;
  }

  @Override
  public InteractionStore interactions() {
    return this;
  }

  @Override
  public ConversationStore conversations() {
    return this;
  }

  @Override
  public ObligationStore obligations() {
    return this;
  }

  @Override
  public RuleSetStore ruleSets() {
    return this;
  }

  @Override
  public NotificationStore notifications() {
    return this;
  }

  /** The contact ledger, in {@link JdbcContacts}. */
  @Override
  public ContactLedgerStore contacts() {
    return contacts;
  }

  /** The vision, measurements and ledger, in {@link JdbcMeasurementStore}. */
  @Override
  public MeasurementStore measurements() {
    return measurements;
  }

  /** The measurement aggregates, in {@link JdbcFactStore}. */
  @Override
  public FactStore facts() {
    return facts;
  }

  /** The outbox, in {@link JdbcOutbox}. */
  @Override
  public OutboxStore outbox() {
    return outbox;
  }

  // ---------------------------------------------------------------- parties

  private static final String PARTY_COLUMNS = "p.document";

  @Override
  public Optional<Party> find(TenantId tenant, PartyId id) {
    return one("find party", "SELECT document FROM crm_party WHERE tenant_id = ? AND party_id = ?",
        List.of(tenant.value(), id.value()), Party.class);
  }

  @Override
  public Optional<Party> findByExternalId(TenantId tenant, ExternalId externalId) {
    return one("find party by external id", "SELECT p.document FROM crm_party_external_id x"
        + " JOIN crm_party p ON p.tenant_id = x.tenant_id AND p.party_id = x.party_id"
        + " WHERE x.tenant_id = ? AND x.system_name = ? AND x.external_id = ?",
        List.of(tenant.value(), externalId.system(), externalId.value()), Party.class);
  }

  @Override
  public List<Party> findByEmail(TenantId tenant, String email) {
    return list("find parties by email", "SELECT " + PARTY_COLUMNS + " FROM crm_party_email e"
        + " JOIN crm_party p ON p.tenant_id = e.tenant_id AND p.party_id = e.party_id"
        + " WHERE e.tenant_id = ? AND e.email = ? ORDER BY p.party_id",
        List.of(tenant.value(), email.toLowerCase(Locale.ROOT)), Party.class);
  }

  @Override
  public List<Party> findByPhone(TenantId tenant, String e164) {
    return list("find parties by phone", "SELECT " + PARTY_COLUMNS + " FROM crm_party_phone f"
        + " JOIN crm_party p ON p.tenant_id = f.tenant_id AND p.party_id = f.party_id"
        + " WHERE f.tenant_id = ? AND f.phone = ? ORDER BY p.party_id",
        List.of(tenant.value(), e164), Party.class);
  }

  @Override
  public void insert(Party party) {
    insertAll(List.of(party));
  }

  /** The parties' rows, for {@link #insertAll(Prepared)}: what {@code JdbcStorage.prepareParties} returns. */
  public static Prepared<Party> prepareParties(List<Party> parties) {
    return PartyRows.of(parties);
  }

  /** The entries' rows, for {@link #appendAll(Prepared)}: what {@code JdbcStorage.prepareAudit} returns. */
  public static Prepared<AuditEntry> prepareAudit(List<AuditEntry> entries) {
    return AuditRows.of(entries);
  }

  /** Inserts the parties with batched statements: one round trip per table and batch. */
  @Override
  public void insertAll(List<Party> parties) {
    insertRows(PartyRows.of(parties));
  }

  /** Inserts parties prepared by {@code JdbcStorage.prepareParties}, or encodes them first. */
  @Override
  public void insertAll(Prepared<Party> parties) {
    insertRows(PartyRows.from(parties));
  }

  /**
   * Writes the parties' rows and their external ids (a unique key: a taken one fails here, in this call); their other
   * index rows and lifecycle rows cannot break a key once the party row is in, and wait for {@link #flush}.
   */
  private void insertRows(PartyRows parties) {
    checkOpen();
    try (PreparedStatement ps = raw.prepareStatement("INSERT INTO crm_party (tenant_id, party_id, version,"
        + " kind, name_key, stage, owner_id, created_at, updated_at, document) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      int pending = 0;
      for (PartyRows.Encoded party : parties.rows()) {
        bindParty(ps, party);
        ps.addBatch();
        if (++pending == BATCH) {
          ps.executeBatch();
          pending = 0;
        }
      }
      if (pending > 0) {
        ps.executeBatch();
      }
    } catch (SQLException e) {
      throw partyKeyOrStorage("insert party", e, parties.values());
    }
    batch(raw, "insert party external ids",
        "INSERT INTO crm_party_external_id (tenant_id, system_name, external_id, party_id) VALUES (?, ?, ?, ?)",
        parties.rows(), PartyRows.Encoded::externalIds, 2, "externalId");
    pendingIndexRows.addAll(parties.rows());
  }

  @Override
  public void update(Party party, long expectedVersion) {
    checkOpen();
    try (PreparedStatement ps = connection().prepareStatement("UPDATE crm_party SET version = ?, kind = ?,"
        + " name_key = ?, stage = ?, owner_id = ?, updated_at = ?, document = ?"
        + " WHERE tenant_id = ? AND party_id = ? AND version = ?")) {
      ps.setLong(1, party.version());
      ps.setString(2, party.kind().name());
      ps.setString(3, party.displayName().toLowerCase(Locale.ROOT));
      setNullable(ps, 4, party.stage().map(s -> s.name()));
      setNullable(ps, 5, party.owner());
      ps.setLong(6, Micros.of(party.updatedAt()));
      ps.setString(7, CrmJson.toJson(party));
      ps.setString(8, party.tenantId().value());
      ps.setString(9, party.id().value());
      ps.setLong(10, expectedVersion);
      if (ps.executeUpdate() == 0) {
        long actual = version("crm_party", "party_id", party.tenantId(), party.id().value());
        throw new VersionConflictException("party", party.id().value(), expectedVersion, actual);
      }
    } catch (SQLException e) {
      throw SqlErrors.storage("update party", e);
    }
    for (String table : List.of("crm_party_role", "crm_party_tag", "crm_party_attribute", "crm_party_email",
        "crm_party_phone", "crm_party_external_id")) {
      execute("update party", "DELETE FROM " + table + " WHERE tenant_id = ? AND party_id = ?",
          List.of(party.tenantId().value(), party.id().value()));
    }
    List<PartyRows.Encoded> rows = PartyRows.of(List.of(party)).rows();
    insertIndexRows(connection(), rows, true);
    // a lifecycle only grows: a party without one now never had one, and has no rows to replace
    if (!party.lifecycle().history().isEmpty()) {
      execute("update party stages", "DELETE FROM crm_party_stage WHERE tenant_id = ? AND party_id = ?",
          List.of(party.tenantId().value(), party.id().value()));
      insertStages(connection(), rows);
    }
  }

  /**
   * Inserts the lifecycle rows of the parties ({@link Facts#stages}) in batches; prepares no statement when none
   * of them has a stage.
   */
  private void insertStages(Connection c, List<PartyRows.Encoded> parties) {
    checkOpen();
    PreparedStatement ps = null;
    try {
      int pending = 0;
      for (PartyRows.Encoded party : parties) {
        for (Facts.StageRow row : party.stages()) {
          if (ps == null) {
            ps = c.prepareStatement("INSERT INTO crm_party_stage (tenant_id, party_id, seq, stage,"
                + " changed_at, until_at) VALUES (?, ?, ?, ?, ?, ?)");
          }
          ps.setString(1, party.tenant());
          ps.setString(2, party.partyId());
          ps.setInt(3, row.seq());
          ps.setString(4, row.stage());
          ps.setLong(5, row.changedAt());
          setNullableLong(ps, 6, row.untilAt());
          ps.addBatch();
          if (++pending == BATCH) {
            ps.executeBatch();
            pending = 0;
          }
        }
      }
      if (ps != null) {
        try (PreparedStatement statement = ps) {
          if (pending > 0) {
            statement.executeBatch();
          }
        }
      }
    } catch (SQLException e) {
      if (ps != null) {
        try {
          ps.close();
        } catch (SQLException closing) {
          e.addSuppressed(closing);
        }
      }
      throw SqlErrors.storage("insert party stages", e);
    }
  }

  private void bindParty(PreparedStatement ps, PartyRows.Encoded party) throws SQLException {
    ps.setString(1, party.tenant());
    ps.setString(2, party.partyId());
    ps.setLong(3, party.party().version());
    ps.setString(4, party.party().kind().name());
    ps.setString(5, party.nameKey());
    setNullable(ps, 6, party.stage());
    setNullable(ps, 7, party.owner());
    ps.setLong(8, party.createdAt());
    ps.setLong(9, party.updatedAt());
    setDocument(ps, 10, party.document());
  }

  /** Inserts the index rows of the parties, their external ids too when {@code withExternalIds}. */
  private void insertIndexRows(Connection c, List<PartyRows.Encoded> parties, boolean withExternalIds) {
    batch(c, "insert party roles", "INSERT INTO crm_party_role (tenant_id, role, party_id) VALUES (?, ?, ?)",
        parties, PartyRows.Encoded::roles, 1, null);
    batch(c, "insert party tags", "INSERT INTO crm_party_tag (tenant_id, tag, party_id) VALUES (?, ?, ?)",
        parties, PartyRows.Encoded::tags, 1, null);
    batch(c, "insert party attributes",
        "INSERT INTO crm_party_attribute (tenant_id, attr_name, value_hash, party_id) VALUES (?, ?, ?, ?)",
        parties, PartyRows.Encoded::attributes, 2, null);
    batch(c, "insert party emails", "INSERT INTO crm_party_email (tenant_id, email, party_id) VALUES (?, ?, ?)",
        parties, PartyRows.Encoded::emails, 1, null);
    batch(c, "insert party phones", "INSERT INTO crm_party_phone (tenant_id, phone, party_id) VALUES (?, ?, ?)",
        parties, PartyRows.Encoded::phones, 1, null);
    if (withExternalIds) {
      batch(c, "insert party external ids",
          "INSERT INTO crm_party_external_id (tenant_id, system_name, external_id, party_id) VALUES (?, ?, ?, ?)",
          parties, PartyRows.Encoded::externalIds, 2, "externalId");
    }
  }

  @Override
  public List<Party> search(TenantId tenant, PartyQuery query, Optional<PartyId> after, int limit) {
    StringBuilder sql = new StringBuilder("SELECT p.document FROM crm_party p WHERE p.tenant_id = ?");
    List<Object> args = new ArrayList<>();
    args.add(tenant.value());
    query.kind().ifPresent(k -> {
      sql.append(" AND p.kind = ?");
      args.add(k.name());
    });
    query.stage().ifPresent(s -> {
      sql.append(" AND p.stage = ?");
      args.add(s.name());
    });
    query.owner().ifPresent(o -> {
      sql.append(" AND p.owner_id = ?");
      args.add(o);
    });
    query.namePrefix().ifPresent(prefix -> {
      sql.append(" AND p.name_key LIKE ? ESCAPE '!'");
      args.add(likePrefix(prefix.toLowerCase(Locale.ROOT)));
    });
    query.role().ifPresent(r -> {
      sql.append(" AND EXISTS (SELECT 1 FROM crm_party_role r WHERE r.tenant_id = p.tenant_id"
          + " AND r.party_id = p.party_id AND r.role = ?)");
      args.add(r.name());
    });
    query.tag().ifPresent(t -> {
      sql.append(" AND EXISTS (SELECT 1 FROM crm_party_tag t WHERE t.tenant_id = p.tenant_id"
          + " AND t.party_id = p.party_id AND t.tag = ?)");
      args.add(t);
    });
    query.attribute().ifPresent(a -> {
      sql.append(" AND EXISTS (SELECT 1 FROM crm_party_attribute a WHERE a.tenant_id = p.tenant_id"
          + " AND a.party_id = p.party_id AND a.attr_name = ? AND a.value_hash = ?)");
      args.add(a.name());
      args.add(PartyRows.valueHash(a.value()));
    });
    after.ifPresent(id -> {
      sql.append(" AND p.party_id > ?");
      args.add(id.value());
    });
    sql.append(" ORDER BY p.party_id LIMIT ?");
    args.add(limit);
    return list("search parties", sql.toString(), args, Party.class);
  }

  private static String likePrefix(String prefix) {
    return prefix.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
  }

  // ---------------------------------------------------------------- relationships

  @Override
  public Optional<Relationship> find(TenantId tenant, RelationshipId id) {
    return one("find relationship", "SELECT document FROM crm_relationship WHERE tenant_id = ? AND relationship_id = ?",
        List.of(tenant.value(), id.value()), Relationship.class);
  }

  @Override
  public List<Relationship> ofParty(TenantId tenant, PartyId party) {
    return list("find relationships of party", "SELECT document FROM crm_relationship WHERE tenant_id = ?"
        + " AND (from_party = ? OR to_party = ?) ORDER BY relationship_id",
        List.of(tenant.value(), party.value(), party.value()), Relationship.class);
  }

  @Override
  public void insert(Relationship r) {
    checkOpen();
    try (PreparedStatement ps = connection().prepareStatement("INSERT INTO crm_relationship (tenant_id,"
        + " relationship_id, version, rel_type, from_party, to_party, valid_from, valid_to, created_at, updated_at,"
        + " document) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, r.tenantId().value());
      ps.setString(2, r.id().value());
      ps.setLong(3, r.version());
      ps.setString(4, r.type().name());
      ps.setString(5, r.from().value());
      ps.setString(6, r.to().value());
      ps.setLong(7, Micros.of(r.validFrom()));
      setNullableLong(ps, 8, r.validTo().map(Micros::of));
      ps.setLong(9, Micros.of(r.createdAt()));
      ps.setLong(10, Micros.of(r.updatedAt()));
      ps.setString(11, CrmJson.toJson(r));
      ps.executeUpdate();
    } catch (SQLException e) {
      if (SqlErrors.isUniqueViolation(e)) {
        throw new DuplicateKeyException("relationship", "id " + r.id());
      }
      throw SqlErrors.storage("insert relationship", e);
    }
  }

  @Override
  public void update(Relationship r, long expectedVersion) {
    checkOpen();
    try (PreparedStatement ps = connection().prepareStatement("UPDATE crm_relationship SET version = ?, rel_type = ?,"
        + " from_party = ?, to_party = ?, valid_from = ?, valid_to = ?, updated_at = ?, document = ?"
        + " WHERE tenant_id = ? AND relationship_id = ? AND version = ?")) {
      ps.setLong(1, r.version());
      ps.setString(2, r.type().name());
      ps.setString(3, r.from().value());
      ps.setString(4, r.to().value());
      ps.setLong(5, Micros.of(r.validFrom()));
      setNullableLong(ps, 6, r.validTo().map(Micros::of));
      ps.setLong(7, Micros.of(r.updatedAt()));
      ps.setString(8, CrmJson.toJson(r));
      ps.setString(9, r.tenantId().value());
      ps.setString(10, r.id().value());
      ps.setLong(11, expectedVersion);
      if (ps.executeUpdate() == 0) {
        long actual = version("crm_relationship", "relationship_id", r.tenantId(), r.id().value());
        throw new VersionConflictException("relationship", r.id().value(), expectedVersion, actual);
      }
    } catch (SQLException e) {
      throw SqlErrors.storage("update relationship", e);
    }
  }

  // ---------------------------------------------------------------- audit

  @Override
  public AuditEntry append(AuditEntry entry) {
    return appendAll(List.of(entry)).get(0);
  }

  /** Appends entries of one tenant, reserving their sequence numbers with one counter update. */
  @Override
  public List<AuditEntry> appendAll(List<AuditEntry> entries) {
    return appendRows(AuditRows.of(entries));
  }

  /** Appends entries prepared by {@code JdbcStorage.prepareAudit}, or encodes them first. */
  @Override
  public List<AuditEntry> appendAll(Prepared<AuditEntry> entries) {
    return appendRows(AuditRows.from(entries));
  }

  /**
   * Reserves the entries' sequences at once (a counter update, which orders concurrent appends of the tenant) and
   * leaves their rows for {@link #flush}: with their sequences reserved they cannot break a key.
   */
  private List<AuditEntry> appendRows(AuditRows rows) {
    checkOpen();
    List<AuditEntry> entries = rows.values();
    if (entries.isEmpty()) {
      return List.of();
    }
    TenantId tenant = entries.get(0).tenantId();
    for (AuditEntry entry : entries) {
      if (!entry.tenantId().equals(tenant)) {
        throw new IllegalArgumentException("appendAll takes entries of one tenant");
      }
    }
    long last = nextCounter(tenant, "audit", entries.size());
    long seq = last - entries.size();
    List<AuditEntry> stored = new ArrayList<>(entries.size());
    for (int i = 0; i < entries.size(); i++) {
      AuditEntry entry = entries.get(i);
      AuditEntry s = new AuditEntry(tenant, ++seq, entry.recordType(), entry.recordId(), entry.action(),
          entry.actor(), entry.at(), entry.changes());
      stored.add(s);
      pendingAudit.add(new PendingAudit(s, rows.changes(i)));
    }
    return stored;
  }

  /** The longest CLOB, in bytes, that H2 keeps inside its row (its default {@code MAX_LENGTH_INPLACE_LOB}). */
  private static final int H2_INPLACE_LOB_BYTES = 256;

  /**
   * Binds a JSON document. On H2, whose document columns are CLOBs, a text longer than H2 keeps inside the row is
   * handed over as a character stream: H2 then makes the LOB from it once, where a string is first made a small LOB
   * and then read back, decoded and encoded again into the LOB store when the row is inserted.
   */
  private void setDocument(PreparedStatement ps, int index, String json) throws SQLException {
    if (dialect == Dialect.H2 && json.length() > H2_INPLACE_LOB_BYTES) {
      ps.setCharacterStream(index, new StringReader(json), json.length());
    } else {
      ps.setString(index, json);
    }
  }

  private void insertAuditRows(List<PendingAudit> rows) {
    if (rows.isEmpty()) {
      return;
    }
    try (PreparedStatement ps = raw.prepareStatement("INSERT INTO crm_audit (tenant_id, seq, record_type,"
        + " record_id, audit_action, actor, occurred_at, changes) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      int pending = 0;
      for (PendingAudit row : rows) {
        AuditEntry s = row.entry();
        ps.setString(1, s.tenantId().value());
        ps.setLong(2, s.sequence());
        ps.setString(3, s.recordType());
        ps.setString(4, s.recordId());
        ps.setString(5, s.action().name());
        ps.setString(6, s.actor().id());
        ps.setLong(7, Micros.of(s.at()));
        setDocument(ps, 8, row.changes());
        ps.addBatch();
        if (++pending == BATCH) {
          ps.executeBatch();
          pending = 0;
        }
      }
      if (pending > 0) {
        ps.executeBatch();
      }
    } catch (SQLException e) {
      throw SqlErrors.storage("append audit entry", e);
    }
  }

  /**
   * Adds {@code count} to the tenant's counter and returns the new value. The row stays locked until the
   * transaction ends, which orders concurrent appends of one tenant.
   */
  private long nextCounter(TenantId tenant, String name, int count) {
    // on the connection as it is: the counter's row is no row that deferred writes leave for later
    List<Object> key = List.of(tenant.value(), name);
    String read = "SELECT current_value FROM crm_tenant_counter WHERE tenant_id = ? AND counter_name = ?";
    switch (dialect) {
      case POSTGRESQL -> {
        return query(raw, "advance counter", "INSERT INTO crm_tenant_counter (tenant_id, counter_name, current_value)"
            + " VALUES (?, ?, " + count + ") ON CONFLICT (tenant_id, counter_name) DO UPDATE"
            + " SET current_value = crm_tenant_counter.current_value + " + count + " RETURNING current_value",
            key, rs -> rs.getLong(1)).get(0);
      }
      case MARIADB -> {
        // one statement that takes the row's exclusive lock at once: no shared-then-exclusive deadlock
        execute(raw, "advance counter", "INSERT INTO crm_tenant_counter (tenant_id, counter_name, current_value)"
            + " VALUES (?, ?, " + count + ") ON DUPLICATE KEY UPDATE current_value = current_value + " + count, key);
        return query(raw, "read counter", read, key, rs -> rs.getLong(1)).get(0);
      }
      default -> {
        String advance = "UPDATE crm_tenant_counter SET current_value = current_value + " + count
            + " WHERE tenant_id = ? AND counter_name = ?";
        if (execute(raw, "advance counter", advance, key) == 0) {
          counters.create(tenant, name);
          if (execute(raw, "advance counter", advance, key) == 0) {
            throw new IllegalStateException("counter " + name + " of tenant " + tenant + " was not created");
          }
        }
        return query(raw, "read counter", read, key, rs -> rs.getLong(1)).get(0);
      }
    }
  }

  /** Creates a tenant's counter row at 0, committed at once, if it does not exist yet. */
  @FunctionalInterface
  public interface CounterCreator {
    void create(TenantId tenant, String name);
  }

  @Override
  public List<AuditEntry> list(TenantId tenant, Optional<String> recordType, Optional<String> recordId,
      long afterSequence, int limit) {
    StringBuilder sql = new StringBuilder("SELECT seq, record_type, record_id, audit_action, actor, occurred_at,"
        + " changes FROM crm_audit WHERE tenant_id = ?");
    List<Object> args = new ArrayList<>();
    args.add(tenant.value());
    recordType.ifPresent(t -> {
      sql.append(" AND record_type = ?");
      args.add(t);
    });
    recordId.ifPresent(id -> {
      sql.append(" AND record_id = ?");
      args.add(id);
    });
    sql.append(" AND seq > ? ORDER BY seq LIMIT ?");
    args.add(afterSequence);
    args.add(limit);
    return query("list audit entries", sql.toString(), args, rs -> new AuditEntry(tenant, rs.getLong(1),
        rs.getString(2), rs.getString(3), AuditAction.valueOf(rs.getString(4)), new Actor(rs.getString(5)),
        Micros.toInstant(rs.getLong(6)), CrmJson.fromJson(rs.getString(7), CHANGES)));
  }

  // ---------------------------------------------------------------- settings

  @Override
  public Optional<TenantSettings> find(TenantId tenant) {
    return one("find tenant settings", "SELECT document FROM crm_tenant_settings WHERE tenant_id = ?",
        List.of(tenant.value()), TenantSettings.class);
  }

  @Override
  public void save(TenantSettings settings) {
    List<Object> args = List.of(CrmJson.toJson(settings), settings.tenantId().value());
    if (execute("save tenant settings", "UPDATE crm_tenant_settings SET document = ? WHERE tenant_id = ?", args) == 0) {
      execute("save tenant settings", "INSERT INTO crm_tenant_settings (document, tenant_id) VALUES (?, ?)", args);
    }
  }

  // ---------------------------------------------------------------- idempotency

  @Override
  public Optional<IdempotencyRecord> find(TenantId tenant, String recordType, String key) {
    List<IdempotencyRecord> found = query("find idempotency key", "SELECT record_id, fingerprint, created_at"
        + " FROM crm_idempotency WHERE tenant_id = ? AND record_type = ? AND idem_key = ?",
        List.of(tenant.value(), recordType, key),
        rs -> new IdempotencyRecord(tenant, key, recordType, rs.getString(1), rs.getString(2),
            Micros.toInstant(rs.getLong(3))));
    return found.stream().findFirst();
  }

  @Override
  public void insert(IdempotencyRecord record) {
    checkOpen();
    try (PreparedStatement ps = connection().prepareStatement("INSERT INTO crm_idempotency (tenant_id, record_type,"
        + " idem_key, record_id, fingerprint, created_at) VALUES (?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, record.tenantId().value());
      ps.setString(2, record.recordType());
      ps.setString(3, record.key());
      ps.setString(4, record.recordId());
      ps.setString(5, record.fingerprint());
      ps.setLong(6, Micros.of(record.createdAt()));
      ps.executeUpdate();
    } catch (SQLException e) {
      if (SqlErrors.isUniqueViolation(e)) {
        throw new DuplicateKeyException(record.recordType(), "idempotencyKey " + record.key());
      }
      throw SqlErrors.storage("insert idempotency key", e);
    }
  }

  // ---------------------------------------------------------------- interactions

  @Override
  public Optional<Interaction> find(TenantId tenant, InteractionId id) {
    return one("find interaction", "SELECT document FROM crm_interaction WHERE tenant_id = ? AND interaction_id = ?",
        List.of(tenant.value(), id.value()), Interaction.class);
  }

  @Override
  public void insert(Interaction i) {
    checkOpen();
    try (PreparedStatement ps = connection().prepareStatement("INSERT INTO crm_interaction (tenant_id, interaction_id,"
        + " party_id, conversation_id, kind, channel, purpose, direction, occurred_at, recorded_at, document, survey,"
        + " score) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, i.tenantId().value());
      ps.setString(2, i.id().value());
      ps.setString(3, i.party().value());
      setNullable(ps, 4, i.conversation().map(ConversationId::value));
      ps.setString(5, i.kind().name());
      ps.setString(6, i.channel().name());
      ps.setString(7, i.purpose().name());
      ps.setString(8, i.direction().name());
      ps.setLong(9, Micros.of(i.occurredAt()));
      ps.setLong(10, Micros.of(i.recordedAt()));
      ps.setString(11, CrmJson.toJson(i));
      Optional<Facts.SurveyAnswer> answer = Facts.surveyAnswer(i);
      setNullable(ps, 12, answer.map(Facts.SurveyAnswer::survey));
      setNullableLong(ps, 13, answer.map(a -> (long) a.score()));
      ps.executeUpdate();
    } catch (SQLException e) {
      if (SqlErrors.isUniqueViolation(e)) {
        throw new DuplicateKeyException("interaction", "id " + i.id());
      }
      throw SqlErrors.storage("insert interaction", e);
    }
    advanceLastContact(i);
  }

  /**
   * Makes {@code i} its party's last contact on its channel unless the one held has a later position, in one
   * statement that locks the row: concurrent inserts for the same party and channel leave the greatest.
   */
  private void advanceLastContact(Interaction i) {
    List<Object> row = List.of(i.tenantId().value(), i.party().value(), i.channel().name(),
        Micros.of(i.occurredAt()), i.id().value());
    String sql = switch (dialect) {
      case POSTGRESQL -> "INSERT INTO crm_interaction_last_contact AS l (tenant_id, party_id, channel, occurred_at,"
          + " interaction_id) VALUES (?, ?, ?, ?, ?) ON CONFLICT (tenant_id, party_id, channel) DO UPDATE"
          + " SET occurred_at = EXCLUDED.occurred_at, interaction_id = EXCLUDED.interaction_id"
          + " WHERE l.occurred_at < EXCLUDED.occurred_at"
          + " OR (l.occurred_at = EXCLUDED.occurred_at AND l.interaction_id < EXCLUDED.interaction_id)";
      // assignments run left to right: interaction_id changes only for a later position, and occurred_at
      // follows it (two interactions never share an id)
      case MARIADB -> "INSERT INTO crm_interaction_last_contact (tenant_id, party_id, channel, occurred_at,"
          + " interaction_id) VALUES (?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE"
          + " interaction_id = IF(occurred_at < VALUES(occurred_at) OR (occurred_at = VALUES(occurred_at)"
          + " AND interaction_id < VALUES(interaction_id)), VALUES(interaction_id), interaction_id),"
          + " occurred_at = IF(interaction_id = VALUES(interaction_id), VALUES(occurred_at), occurred_at)";
      case H2 -> "MERGE INTO crm_interaction_last_contact l USING (VALUES (CAST(? AS VARCHAR(64)),"
          + " CAST(? AS VARCHAR(64)), CAST(? AS VARCHAR(16)), CAST(? AS BIGINT), CAST(? AS VARCHAR(64))))"
          + " AS n (tenant_id, party_id, channel, occurred_at, interaction_id)"
          + " ON l.tenant_id = n.tenant_id AND l.party_id = n.party_id AND l.channel = n.channel"
          + " WHEN MATCHED AND (l.occurred_at < n.occurred_at"
          + " OR (l.occurred_at = n.occurred_at AND l.interaction_id < n.interaction_id))"
          + " THEN UPDATE SET occurred_at = n.occurred_at, interaction_id = n.interaction_id"
          + " WHEN NOT MATCHED THEN INSERT (tenant_id, party_id, channel, occurred_at, interaction_id)"
          + " VALUES (n.tenant_id, n.party_id, n.channel, n.occurred_at, n.interaction_id)";
    };
    checkOpen();
    for (int attempt = 1; ; attempt++) {
      try (PreparedStatement ps = connection().prepareStatement(sql)) {
        bind(ps, row);
        ps.executeUpdate();
        return;
      } catch (SQLException e) {
        // H2's MERGE may meet a concurrent transaction's insert of the same new row; once that one has
        // committed, the row exists and the MERGE takes its other branch. (A failed statement does not
        // end an H2 transaction.)
        if (dialect == Dialect.H2 && SqlErrors.isUniqueViolation(e) && attempt < 3) {
          continue;
        }
        throw SqlErrors.storage("update last contact", e);
      }
    }
  }

  @Override
  public List<Interaction> ofParty(TenantId tenant, PartyId party, Optional<TimelinePosition> before, int limit) {
    StringBuilder sql = new StringBuilder("SELECT document FROM crm_interaction WHERE tenant_id = ? AND party_id = ?");
    List<Object> args = new ArrayList<>(List.of(tenant.value(), party.value()));
    before.ifPresent(p -> {
      // the first condition bounds the index range; the second settles ties on occurred_at by id
      sql.append(" AND occurred_at <= ? AND (occurred_at < ? OR interaction_id < ?)");
      long at = Micros.of(p.occurredAt());
      args.addAll(List.of(at, at, p.id().value()));
    });
    // H2 reads an index in order only when ORDER BY names its columns from the first; the others see that
    // tenant and party are fixed by the WHERE clause
    sql.append(dialect == Dialect.H2 ? " ORDER BY tenant_id, party_id, occurred_at DESC, interaction_id DESC LIMIT ?"
        : " ORDER BY occurred_at DESC, interaction_id DESC LIMIT ?");
    args.add(limit);
    return list("list interactions of party", sql.toString(), args, Interaction.class);
  }

  @Override
  public List<Interaction> ofConversation(TenantId tenant, ConversationId conversation,
      Optional<TimelinePosition> after, int limit) {
    StringBuilder sql = new StringBuilder(
        "SELECT document FROM crm_interaction WHERE tenant_id = ? AND conversation_id = ?");
    List<Object> args = new ArrayList<>(List.of(tenant.value(), conversation.value()));
    after.ifPresent(p -> {
      sql.append(" AND occurred_at >= ? AND (occurred_at > ? OR interaction_id > ?)");
      long at = Micros.of(p.occurredAt());
      args.addAll(List.of(at, at, p.id().value()));
    });
    sql.append(dialect == Dialect.H2 ? " ORDER BY tenant_id, conversation_id, occurred_at, interaction_id LIMIT ?"
        : " ORDER BY occurred_at, interaction_id LIMIT ?");
    args.add(limit);
    return list("list interactions of conversation", sql.toString(), args, Interaction.class);
  }

  @Override
  public List<Interaction> lastContacts(TenantId tenant, PartyId party) {
    List<Interaction> found = new ArrayList<>(list("list last contacts of party", "SELECT i.document"
        + " FROM crm_interaction_last_contact l JOIN crm_interaction i"
        + " ON i.tenant_id = l.tenant_id AND i.interaction_id = l.interaction_id"
        + " WHERE l.tenant_id = ? AND l.party_id = ?", List.of(tenant.value(), party.value()), Interaction.class));
    found.sort(Comparator.comparing(Interaction::channel));
    return found;
  }

  // ---------------------------------------------------------------- conversations

  @Override
  public Optional<Conversation> find(TenantId tenant, ConversationId id) {
    return one("find conversation", "SELECT document FROM crm_conversation WHERE tenant_id = ? AND conversation_id = ?",
        List.of(tenant.value(), id.value()), Conversation.class);
  }

  /**
   * Locks the conversation's row until the transaction ends; a concurrent locker waits, then reads anew. A
   * conversation that does not exist is not locked: on MariaDB, under repeatable read, a locking read of a missing
   * key would take a gap lock, and transactions opening the same new conversation at once would deadlock on their
   * gap locks when they insert it, again and again as they retry; so there a plain read comes first, and only a
   * conversation that exists is read for update. Openers of a new conversation meet on its key instead (the loser
   * gets a {@code DuplicateKeyException} and the library repeats its recording), as on H2 and PostgreSQL.
   */
  @Override
  public Optional<Conversation> findForUpdate(TenantId tenant, ConversationId id) {
    List<Object> key = List.of(tenant.value(), id.value());
    if (dialect == Dialect.MARIADB && query("find conversation", "SELECT 1 FROM crm_conversation WHERE tenant_id = ?"
        + " AND conversation_id = ?", key, rs -> rs.getInt(1)).isEmpty()) {
      return Optional.empty();
    }
    return one("find conversation for update", "SELECT document FROM crm_conversation WHERE tenant_id = ?"
        + " AND conversation_id = ? FOR UPDATE", key, Conversation.class);
  }

  @Override
  public void insert(Conversation c) {
    checkOpen();
    try (PreparedStatement ps = connection().prepareStatement("INSERT INTO crm_conversation (" + CONVERSATION_COLUMNS
        + ", tenant_id, conversation_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      int next = bindConversation(ps, c);
      ps.setString(next, c.tenantId().value());
      ps.setString(next + 1, c.id().value());
      ps.executeUpdate();
    } catch (SQLException e) {
      if (SqlErrors.isUniqueViolation(e)) {
        throw new DuplicateKeyException("conversation", "id " + c.id());
      }
      throw SqlErrors.storage("insert conversation", e);
    }
  }

  @Override
  public void update(Conversation c, long expectedVersion) {
    checkOpen();
    try (PreparedStatement ps = connection().prepareStatement("UPDATE crm_conversation SET "
        + CONVERSATION_COLUMNS.replace(",", " = ?,") + " = ? WHERE tenant_id = ? AND conversation_id = ?"
        + " AND version = ?")) {
      int next = bindConversation(ps, c);
      ps.setString(next, c.tenantId().value());
      ps.setString(next + 1, c.id().value());
      ps.setLong(next + 2, expectedVersion);
      if (ps.executeUpdate() == 0) {
        long actual = version("crm_conversation", "conversation_id", c.tenantId(), c.id().value());
        throw new VersionConflictException("conversation", c.id().value(), expectedVersion, actual);
      }
    } catch (SQLException e) {
      throw SqlErrors.storage("update conversation", e);
    }
  }

  /** The columns an insert and an update write, in this order, then tenant_id and conversation_id. */
  static final String CONVERSATION_COLUMNS = "version, party_id, channel, state, state_changed_at,"
      + " updated_at, document, opened_at, first_inbound_at, first_reply_at, first_reply_ms, first_reply_business_ms,"
      + " resolution_ms";

  /** Binds {@link #CONVERSATION_COLUMNS} from parameter 1; returns the next parameter's index. */
  static int bindConversation(PreparedStatement ps, Conversation c) throws SQLException {
    ps.setLong(1, c.version());
    ps.setString(2, c.party().value());
    ps.setString(3, c.channel().name());
    ps.setString(4, c.state().name());
    ps.setLong(5, Micros.of(c.stateChangedAt()));
    ps.setLong(6, Micros.of(c.updatedAt()));
    ps.setString(7, CrmJson.toJson(c));
    ps.setLong(8, Micros.of(c.openedAt()));
    setNullableLong(ps, 9, c.firstInboundAt().map(Micros::of));
    setNullableLong(ps, 10, c.firstReplyAt().map(Micros::of));
    setNullableLong(ps, 11, Facts.firstReplyMillis(c));
    setNullableLong(ps, 12, Facts.firstReplyBusinessMillis(c));
    setNullableLong(ps, 13, Facts.resolutionMillis(c));
    return 14;
  }

  // ---------------------------------------------------------------- obligations

  /** The columns an insert and an update write, in this order, then tenant_id and obligation_id. */
  private static final String OBLIGATION_COLUMNS = "version, party_id, conversation_id, kind, state, settled,"
      + " assignee_kind, assignee_name, due_at, next_due_at, escalated, exclusive_key, created_at, updated_at,"
      + " document, breached_at";

  @Override
  public void insert(Obligation o) {
    checkOpen();
    try (PreparedStatement ps = connection().prepareStatement("INSERT INTO crm_obligation (" + OBLIGATION_COLUMNS
        + ", tenant_id, obligation_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      int next = bindObligation(ps, o);
      ps.setString(next, o.tenantId().value());
      ps.setString(next + 1, o.id().value());
      ps.executeUpdate();
    } catch (SQLException e) {
      if (SqlErrors.isUniqueViolation(e)) {
        throw obligationKeyTaken(e, o);
      }
      throw SqlErrors.storage("insert obligation", e);
    }
    upsertEscalations(o);
  }

  @Override
  public void update(Obligation o, long expectedVersion) {
    checkOpen();
    try (PreparedStatement ps = connection().prepareStatement("UPDATE crm_obligation SET "
        + OBLIGATION_COLUMNS.replace(",", " = ?,") + " = ? WHERE tenant_id = ? AND obligation_id = ? AND version = ?")) {
      int next = bindObligation(ps, o);
      ps.setString(next, o.tenantId().value());
      ps.setString(next + 1, o.id().value());
      ps.setLong(next + 2, expectedVersion);
      if (ps.executeUpdate() == 0) {
        long actual = version("crm_obligation", "obligation_id", o.tenantId(), o.id().value());
        throw new VersionConflictException("obligation", o.id().value(), expectedVersion, actual);
      }
    } catch (SQLException e) {
      if (SqlErrors.isUniqueViolation(e)) {
        throw obligationKeyTaken(e, o);
      }
      throw SqlErrors.storage("update obligation", e);
    }
    upsertEscalations(o);
  }

  /** Binds {@link #OBLIGATION_COLUMNS} from parameter 1; returns the next parameter's index. */
  private static int bindObligation(PreparedStatement ps, Obligation o) throws SQLException {
    ps.setLong(1, o.version());
    ps.setString(2, o.party().value());
    setNullable(ps, 3, o.conversation().map(ConversationId::value));
    ps.setString(4, o.kind().name());
    ps.setString(5, o.state().name());
    ps.setInt(6, o.state().isFinal() ? 1 : 0);
    ps.setString(7, o.assignee().kind().name());
    ps.setString(8, o.assignee().name());
    ps.setLong(9, Micros.of(o.dueAt()));
    setNullableLong(ps, 10, o.nextDueAt().map(Micros::of));
    ps.setInt(11, o.escalated());
    setNullable(ps, 12, o.exclusiveKey());
    ps.setLong(13, Micros.of(o.createdAt()));
    ps.setLong(14, Micros.of(o.updatedAt()));
    ps.setString(15, CrmJson.toJson(o));
    setNullableLong(ps, 16, o.breachedAt().map(Micros::of));
    return 17;
  }

  /**
   * Writes the escalation steps the obligation has reached ({@link Facts#reached}), if any, in one batch: each
   * inserted, or its instant updated where it changed. Steps above {@code escalated} are not deleted: the
   * aggregate counts only the steps at most the obligation's {@code escalated} (which the library never lowers).
   */
  private void upsertEscalations(Obligation o) {
    List<EscalationPoint> reached = Facts.reached(o);
    if (reached.isEmpty()) {
      return;
    }
    String sql = switch (dialect) {
      case POSTGRESQL -> "INSERT INTO crm_obligation_escalation AS e (tenant_id, obligation_id, step, due_at)"
          + " VALUES (?, ?, ?, ?) ON CONFLICT (tenant_id, obligation_id, step) DO UPDATE SET due_at = EXCLUDED.due_at"
          + " WHERE e.due_at <> EXCLUDED.due_at";
      case MARIADB -> "INSERT INTO crm_obligation_escalation (tenant_id, obligation_id, step, due_at)"
          + " VALUES (?, ?, ?, ?) ON DUPLICATE KEY UPDATE due_at = VALUES(due_at)";
      case H2 -> "MERGE INTO crm_obligation_escalation (tenant_id, obligation_id, step, due_at)"
          + " KEY (tenant_id, obligation_id, step) VALUES (?, ?, ?, ?)";
    };
    checkOpen();
    try (PreparedStatement ps = connection().prepareStatement(sql)) {
      for (EscalationPoint point : reached) {
        ps.setString(1, o.tenantId().value());
        ps.setString(2, o.id().value());
        ps.setInt(3, point.step());
        ps.setLong(4, Micros.of(point.dueAt()));
        ps.addBatch();
      }
      ps.executeBatch();
    } catch (SQLException e) {
      throw SqlErrors.storage("write obligation escalations", e);
    }
  }

  /** The id is taken, or (when the database names that index) another unsettled obligation holds the key. */
  private static DuplicateKeyException obligationKeyTaken(SQLException e, Obligation o) {
    Optional<String> key = o.exclusiveKey();
    if (key.isPresent() && SqlErrors.mentions(e, "crm_obligation_exclusive")) {
      return new DuplicateKeyException("obligation", "unsettled " + key.get());
    }
    return new DuplicateKeyException("obligation", "id " + o.id());
  }

  @Override
  public Optional<Obligation> find(TenantId tenant, ObligationId id) {
    return one("find obligation", "SELECT document FROM crm_obligation WHERE tenant_id = ? AND obligation_id = ?",
        List.of(tenant.value(), id.value()), Obligation.class);
  }

  @Override
  public List<Obligation> unsettledOfConversation(TenantId tenant, ConversationId conversation) {
    return list("list unsettled obligations of conversation", "SELECT document FROM crm_obligation"
        + " WHERE tenant_id = ? AND conversation_id = ? AND settled = 0" + orderBy(
            "tenant_id, conversation_id, ", "created_at, obligation_id"),
        List.of(tenant.value(), conversation.value()), Obligation.class);
  }

  @Override
  public List<Obligation> unsettledOfParty(TenantId tenant, PartyId party) {
    return list("list unsettled obligations of party", "SELECT document FROM crm_obligation"
        + " WHERE tenant_id = ? AND party_id = ? AND settled = 0" + orderBy(
            "tenant_id, party_id, settled, ", "created_at, obligation_id"),
        List.of(tenant.value(), party.value()), Obligation.class);
  }

  @Override
  public List<Obligation> ofConversation(TenantId tenant, ConversationId conversation) {
    return list("list obligations of conversation", "SELECT document FROM crm_obligation"
        + " WHERE tenant_id = ? AND conversation_id = ?" + orderBy(
            "tenant_id, conversation_id, ", "created_at, obligation_id"),
        List.of(tenant.value(), conversation.value()), Obligation.class);
  }

  /** The conversation index read backwards, one row. */
  @Override
  public Optional<Obligation> latestOfConversation(TenantId tenant, ConversationId conversation) {
    return one("find latest obligation of conversation", "SELECT document FROM crm_obligation"
        + " WHERE tenant_id = ? AND conversation_id = ?" + orderBy("tenant_id DESC, conversation_id DESC, ",
            "created_at DESC, obligation_id DESC") + " LIMIT 1",
        List.of(tenant.value(), conversation.value()), Obligation.class);
  }

  /**
   * {@code ORDER BY columns}; on H2 led by {@code fixed}, the index columns before them that the WHERE clause
   * fixes, without which H2 sorts instead of reading the index in order.
   */
  private String orderBy(String fixed, String columns) {
    return " ORDER BY " + (dialect == Dialect.H2 ? fixed : "") + columns;
  }

  /**
   * Served by one of the deadline indexes: one assignee's, when given; else the unsettled (or settled) ones', when
   * the states asked for are all unsettled (or all final); else every obligation's.
   */
  @Override
  public List<Obligation> search(TenantId tenant, ObligationQuery query, Optional<ObligationPosition> after,
      int limit) {
    StringBuilder sql = new StringBuilder("SELECT document FROM crm_obligation WHERE tenant_id = ?");
    List<Object> args = new ArrayList<>();
    args.add(tenant.value());
    String fixed = "tenant_id, ";
    query.assignee().ifPresent(a -> {
      sql.append(" AND assignee_kind = ? AND assignee_name = ?");
      args.add(a.kind().name());
      args.add(a.name());
    });
    Optional<Integer> settled = settled(query.states());
    if (settled.isPresent()) {
      sql.append(" AND settled = ?");
      args.add(settled.get());
      fixed = query.assignee().isPresent() ? "tenant_id, assignee_kind, assignee_name, settled, "
          : "tenant_id, settled, ";
    }
    if (!query.states().isEmpty()) {
      sql.append(" AND state IN (").append(String.join(", ", Collections.nCopies(query.states().size(),
          "?"))).append(')');
      query.states().stream().map(ObligationState::name).sorted().forEach(args::add);
    }
    query.party().ifPresent(p -> {
      sql.append(" AND party_id = ?");
      args.add(p.value());
    });
    query.dueFrom().ifPresent(from -> {
      sql.append(" AND due_at >= ?");
      args.add(Micros.of(from));
    });
    query.dueBefore().ifPresent(before -> {
      sql.append(" AND due_at < ?");
      args.add(Micros.of(before));
    });
    if (query.escalatedOnly()) {
      sql.append(" AND escalated > 0");
    }
    after.ifPresent(p -> {
      // the first condition bounds the index range; the second settles ties on due_at by id
      sql.append(" AND due_at >= ? AND (due_at > ? OR obligation_id > ?)");
      long at = Micros.of(p.dueAt());
      args.addAll(List.of(at, at, p.id().value()));
    });
    sql.append(orderBy(fixed, "due_at, obligation_id")).append(" LIMIT ?");
    args.add(limit);
    return list("search obligations", sql.toString(), args, Obligation.class);
  }

  /** 0 when every state asked for is unsettled, 1 when every one is final; empty for any state or a mix. */
  private static Optional<Integer> settled(Set<ObligationState> states) {
    if (states.isEmpty()) {
      return Optional.empty();
    }
    if (states.stream().noneMatch(ObligationState::isFinal)) {
      return Optional.of(0);
    }
    return states.stream().allMatch(ObligationState::isFinal) ? Optional.of(1) : Optional.empty();
  }

  /**
   * {@code SELECT ... FOR UPDATE SKIP LOCKED} on the due index. PostgreSQL and MariaDB (10.6 and later) lock only
   * the rows they return, so concurrent claimers take the next ones. H2 (2.3) has {@code SKIP LOCKED} too, but
   * with {@code LIMIT} it locks every row the WHERE clause matches, not only the rows returned; so on H2 a derived
   * table picks the earliest {@code limit} ids without locking and the outer query locks those rows alone (a
   * concurrent claimer on H2 then skips them and gets fewer, or none, rather than the next ones). Either way no
   * claimer waits for another, and the version check of every update keeps a claim honest.
   */
  @Override
  public List<Obligation> claimDue(Optional<TenantId> tenant, Instant now, int limit) {
    requireNonNull(tenant, "tenant");
    long at = Micros.of(now);
    List<Object> args = new ArrayList<>();
    tenant.ifPresent(t -> args.add(t.value()));
    args.add(at);
    args.add(limit);
    String where = tenant.isPresent() ? "tenant_id = ? AND next_due_at <= ?" : "next_due_at <= ?";
    if (dialect != Dialect.H2) {
      return list("claim due obligations", "SELECT document FROM crm_obligation WHERE " + where
          + " ORDER BY next_due_at LIMIT ? FOR UPDATE SKIP LOCKED", args, Obligation.class);
    }
    args.add(at);
    List<Obligation> claimed = new ArrayList<>(list("claim due obligations", "SELECT o.document FROM (SELECT"
        + " tenant_id, obligation_id FROM crm_obligation WHERE " + where + " ORDER BY "
        + (tenant.isPresent() ? "tenant_id, " : "") + "next_due_at LIMIT ?) d JOIN crm_obligation o"
        + " ON o.tenant_id = d.tenant_id AND o.obligation_id = d.obligation_id WHERE o.next_due_at <= ?"
        + " FOR UPDATE SKIP LOCKED", args, Obligation.class));
    claimed.sort(Comparator.comparing(o -> o.nextDueAt().orElseThrow()));
    return claimed;
  }

  // ---------------------------------------------------------------- rule sets

  @Override
  public void insert(TenantId tenant, RuleSet ruleSet) {
    checkOpen();
    try (PreparedStatement ps = connection().prepareStatement("INSERT INTO crm_rule_set (tenant_id, rule_set_name,"
        + " version, document) VALUES (?, ?, ?, ?)")) {
      ps.setString(1, tenant.value());
      ps.setString(2, ruleSet.name());
      ps.setInt(3, ruleSet.version());
      ps.setString(4, CrmJson.toJson(ruleSet));
      ps.executeUpdate();
    } catch (SQLException e) {
      if (SqlErrors.isUniqueViolation(e)) {
        throw new DuplicateKeyException("rule set", ruleSet.name() + " v" + ruleSet.version());
      }
      throw SqlErrors.storage("insert rule set", e);
    }
    insertedRuleSets.add(new RuleSetCache.Key(tenant, ruleSet.name(), ruleSet.version()));
  }

  /**
   * Reads the names and version numbers, and the documents only of the versions the storage's cache lacks: a
   * stored version never changes.
   */
  @Override
  public List<RuleSet> all(TenantId tenant) {
    List<RuleSetCache.Key> keys = query("list rule sets", "SELECT rule_set_name, version FROM crm_rule_set"
        + " WHERE tenant_id = ?", List.of(tenant.value()),
        rs -> new RuleSetCache.Key(tenant, rs.getString(1), rs.getInt(2)));
    List<RuleSet> found = new ArrayList<>(keys.size());
    List<RuleSetCache.Key> missing = new ArrayList<>();
    for (RuleSetCache.Key key : keys) {
      ruleSetCache.get(key).ifPresentOrElse(found::add, () -> missing.add(key));
    }
    if (!missing.isEmpty()) {
      StringBuilder sql = new StringBuilder("SELECT rule_set_name, version, document FROM crm_rule_set"
          + " WHERE tenant_id = ? AND (");
      List<Object> args = new ArrayList<>();
      args.add(tenant.value());
      for (int i = 0; i < missing.size(); i++) {
        sql.append(i == 0 ? "" : " OR ").append("(rule_set_name = ? AND version = ?)");
        args.add(missing.get(i).name());
        args.add(missing.get(i).version());
      }
      sql.append(')');
      record Row(RuleSetCache.Key key, String document) {}
      for (Row row : query("read rule sets", sql.toString(), args,
          rs -> new Row(new RuleSetCache.Key(tenant, rs.getString(1), rs.getInt(2)), rs.getString(3)))) {
        RuleSet ruleSet = CrmJson.fromJson(row.document(), RuleSet.class);
        if (!insertedRuleSets.contains(row.key())) {
          ruleSetCache.put(row.key(), ruleSet, row.document().length());
        }
        found.add(ruleSet);
      }
    }
    return found;
  }

  // ---------------------------------------------------------------- notifications

  @Override
  public void append(Notification n) {
    checkOpen();
    try (PreparedStatement ps = connection().prepareStatement("INSERT INTO crm_notification (tenant_id,"
        + " notification_key, obligation_id, kind, created_at, document) VALUES (?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, n.tenantId().value());
      ps.setString(2, n.key());
      setNullable(ps, 3, n.obligation().map(ObligationId::value));
      ps.setString(4, n.kind().name());
      ps.setLong(5, Micros.of(n.createdAt()));
      ps.setString(6, CrmJson.toJson(n));
      ps.executeUpdate();
    } catch (SQLException e) {
      if (SqlErrors.isUniqueViolation(e)) {
        throw new DuplicateKeyException("notification", "key " + n.key());
      }
      throw SqlErrors.storage("append notification", e);
    }
  }

  @Override
  public List<Notification> ofObligation(TenantId tenant, ObligationId obligation) {
    return list("list notifications of obligation", "SELECT document FROM crm_notification"
        + " WHERE tenant_id = ? AND obligation_id = ?" + orderBy("tenant_id, obligation_id, ", "seq"),
        List.of(tenant.value(), obligation.value()), Notification.class);
  }

  // ---------------------------------------------------------------- helpers

  void checkOpen() {
    if (!open) {
      throw new IllegalStateException("the transaction has ended");
    }
  }

  /**
   * The record's latest committed version, for a {@link VersionConflictException}. On MariaDB a plain read
   * would see the transaction's repeatable-read snapshot, taken before the concurrent update that caused
   * the conflict, and report the expected version as the actual one; a locking read sees the latest (the
   * failed update already holds the row's lock under repeatable read).
   */
  private long version(String table, String idColumn, TenantId tenant, String id) {
    List<Long> found = query("read version", "SELECT version FROM " + table + " WHERE tenant_id = ? AND "
        + idColumn + " = ?" + (dialect == Dialect.MARIADB ? " LOCK IN SHARE MODE" : ""), List.of(tenant.value(), id),
        rs -> rs.getLong(1));
    return found.isEmpty() ? 0 : found.get(0);
  }

  private RuntimeException partyKeyOrStorage(String operation, SQLException e, List<Party> parties) {
    if (SqlErrors.isUniqueViolation(e)) {
      return new DuplicateKeyException("party", parties.size() == 1 ? "id " + parties.get(0).id() : "id of a party");
    }
    return SqlErrors.storage(operation, e);
  }

  /**
   * Inserts the rows (tenant, values..., party) of one index table for each party, in batches of {@link #BATCH}
   * rows; prepares no statement when no party has a row there.
   *
   * @param values a party's value columns, {@code width} per row
   */
  private void batch(Connection c, String operation, String sql, List<PartyRows.Encoded> parties,
      Function<PartyRows.Encoded, List<String>> values, int width, String uniqueKeyName) {
    checkOpen();
    PreparedStatement ps = null;
    try {
      int pending = 0;
      for (PartyRows.Encoded party : parties) {
        List<String> columns = values.apply(party);
        for (int row = 0; row < columns.size(); row += width) {
          if (ps == null) {
            ps = c.prepareStatement(sql);
          }
          ps.setString(1, party.tenant());
          for (int column = 0; column < width; column++) {
            ps.setString(2 + column, columns.get(row + column));
          }
          ps.setString(2 + width, party.partyId());
          ps.addBatch();
          if (++pending == BATCH) {
            ps.executeBatch();
            pending = 0;
          }
        }
      }
      if (ps != null) {
        try (PreparedStatement statement = ps) {
          ps = null;
          if (pending > 0) {
            statement.executeBatch();
          }
        }
      }
    } catch (SQLException e) {
      if (ps != null) {
        try {
          ps.close();
        } catch (SQLException closing) {
          e.addSuppressed(closing);
        }
      }
      if (uniqueKeyName != null && SqlErrors.isUniqueViolation(e)) {
        throw new DuplicateKeyException("party", uniqueKeyName + " of " + (parties.size() == 1
            ? "party " + parties.get(0).party().id() : "one of the parties"));
      }
      throw SqlErrors.storage(operation, e);
    }
  }

  private int execute(String operation, String sql, List<?> args) {
    return execute(connection(), operation, sql, args);
  }

  private int execute(Connection c, String operation, String sql, List<?> args) {
    checkOpen();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, args);
      return ps.executeUpdate();
    } catch (SQLException e) {
      throw SqlErrors.storage(operation, e);
    }
  }

  @FunctionalInterface
  interface RowReader<T> {
    T read(ResultSet rs) throws SQLException;
  }

  <T> List<T> query(String operation, String sql, List<?> args, RowReader<T> reader) {
    return query(connection(), operation, sql, args, reader);
  }

  private <T> List<T> query(Connection c, String operation, String sql, List<?> args, RowReader<T> reader) {
    checkOpen();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, args);
      try (ResultSet rs = ps.executeQuery()) {
        List<T> rows = new ArrayList<>();
        while (rs.next()) {
          rows.add(reader.read(rs));
        }
        return rows;
      }
    } catch (SQLException e) {
      throw SqlErrors.storage(operation, e);
    }
  }

  private <T> List<T> list(String operation, String sql, List<?> args, Class<T> type) {
    return query(operation, sql, args, rs -> CrmJson.fromJson(rs.getString(1), type));
  }

  private <T> Optional<T> one(String operation, String sql, List<?> args, Class<T> type) {
    return list(operation, sql, args, type).stream().findFirst();
  }

  private static void bind(PreparedStatement ps, List<?> args) throws SQLException {
    for (int i = 0; i < args.size(); i++) {
      Object arg = args.get(i);
      if (arg instanceof String s) {
        ps.setString(i + 1, s);
      } else if (arg instanceof Integer n) {
        ps.setInt(i + 1, n);
      } else if (arg instanceof Long n) {
        ps.setLong(i + 1, n);
      } else if (arg instanceof LocalDate d) {
        ps.setObject(i + 1, d);
      } else {
        throw new IllegalArgumentException("unsupported argument type " + arg.getClass());
      }
    }
  }

  static void setNullable(PreparedStatement ps, int index, Optional<String> value) throws SQLException {
    if (value.isPresent()) {
      ps.setString(index, value.get());
    } else {
      ps.setNull(index, Types.VARCHAR);
    }
  }

  static void setNullableLong(PreparedStatement ps, int index, Optional<Long> value) throws SQLException {
    if (value.isPresent()) {
      ps.setLong(index, value.get());
    } else {
      ps.setNull(index, Types.BIGINT);
    }
  }

}
