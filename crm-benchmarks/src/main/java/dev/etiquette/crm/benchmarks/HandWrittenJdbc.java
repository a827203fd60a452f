package dev.etiquette.crm.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.etiquette.crm.Crm;
import dev.etiquette.crm.api.CrmTenant;
import dev.etiquette.crm.api.Page;
import dev.etiquette.crm.api.PageRequest;
import dev.etiquette.crm.api.party.AuditEntry;
import dev.etiquette.crm.api.party.ContactPoint;
import dev.etiquette.crm.api.party.EmailAddress;
import dev.etiquette.crm.api.party.Party;
import dev.etiquette.crm.api.party.PartyDraft;
import dev.etiquette.crm.api.party.PhoneNumber;
import dev.etiquette.crm.api.party.Role;
import dev.etiquette.crm.jdbc.Dialect;
import dev.etiquette.crm.json.CrmJson;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The baselines: what a host application would write by hand with JDBC to store and find the same rows
 * that the library stores and finds, with nothing of the library on the timed path.
 */
final class HandWrittenJdbc {

  /** The row values of one party and its audit entry, exactly as the library's JDBC storage writes them. */
  record Row(String partyId, long version, String kind, String nameKey, Optional<String> stage,
      Optional<String> owner, long createdAt, long updatedAt, String document, List<String> roles,
      List<String> emails, List<String> phones, String auditRecordType, String auditRecordId, String auditAction,
      String actor, long occurredAt, String changes) {}

  static final String FIND_BY_EMAIL = "SELECT p.document FROM crm_party_email e"
      + " JOIN crm_party p ON p.tenant_id = e.tenant_id AND p.party_id = e.party_id"
      + " WHERE e.tenant_id = ? AND e.email = ? ORDER BY p.party_id";

  private HandWrittenJdbc() {}

  /**
   * The rows of the given batches of drafts, computed once, outside any timed region: the drafts go through
   * the library with the in-memory storage, and each stored party and audit entry is turned into row values
   * the way the JDBC storage does it (same JSON writer, same lower-casing, same microsecond instants).
   */
  static List<List<Row>> rows(List<List<PartyDraft>> batches) {
    try (Crm crm = Crm.builder().build()) {
      CrmTenant tenant = crm.tenant(Customers.TENANT, Customers.ACTOR);
      Customers.configure(tenant);
      List<List<Party>> parties = new ArrayList<>();
      for (List<PartyDraft> batch : batches) {
        parties.add(tenant.parties().createAll(batch));
      }
      Map<String, AuditEntry> audit = new HashMap<>();
      PageRequest page = PageRequest.first(PageRequest.MAX_LIMIT);
      while (true) {
        Page<AuditEntry> entries = tenant.audit().all(page);
        entries.items().stream().filter(e -> e.recordType().equals("party")).forEach(e -> audit.put(e.recordId(), e));
        Optional<PageRequest> next = page.next(entries);
        if (next.isEmpty()) {
          break;
        }
        page = next.get();
      }
      List<List<Row>> rows = new ArrayList<>();
      for (List<Party> batch : parties) {
        List<Row> batchRows = new ArrayList<>(batch.size());
        for (Party p : batch) {
          AuditEntry entry = audit.get(p.id().value());
          batchRows.add(new Row(p.id().value(), p.version(), p.kind().name(),
              p.displayName().toLowerCase(Locale.ROOT), p.stage().map(s -> s.name()), p.owner(), micros(p.createdAt()),
              micros(p.updatedAt()), CrmJson.toJson(p), p.roles().stream().map(Role::name).toList(), emails(p),
              phones(p), entry.recordType(), entry.recordId(), entry.action().name(), entry.actor().id(),
              micros(entry.at()), CrmJson.toJson(entry.changes())));
        }
        rows.add(List.copyOf(batchRows));
      }
      return List.copyOf(rows);
    }
  }

  /**
   * Inserts the rows, one transaction per batch: parties, their roles, e-mail and phone index rows, the
   * tenant's audit counter and the audit entries, each table with one JDBC batch.
   *
   * @return the number of parties inserted
   */
  static long importAll(DataSource dataSource, Dialect dialect, String tenant, List<List<Row>> batches)
      throws SQLException {
    long inserted = 0;
    for (List<Row> batch : batches) {
      try (Connection c = dataSource.getConnection()) {
        c.setAutoCommit(false);
        try {
          insertBatch(c, dialect, tenant, batch);
          c.commit();
        } catch (SQLException | RuntimeException e) {
          c.rollback();
          throw e;
        } finally {
          c.setAutoCommit(true);
        }
      }
      inserted += batch.size();
    }
    return inserted;
  }

  private static void insertBatch(Connection c, Dialect dialect, String tenant, List<Row> batch)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO crm_party (tenant_id, party_id, version, kind,"
        + " name_key, stage, owner_id, created_at, updated_at, document) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (Row r : batch) {
        ps.setString(1, tenant);
        ps.setString(2, r.partyId());
        ps.setLong(3, r.version());
        ps.setString(4, r.kind());
        ps.setString(5, r.nameKey());
        setNullable(ps, 6, r.stage());
        setNullable(ps, 7, r.owner());
        ps.setLong(8, r.createdAt());
        ps.setLong(9, r.updatedAt());
        setDocument(ps, dialect, 10, r.document());
        ps.addBatch();
      }
      ps.executeBatch();
    }
    try (PreparedStatement roles = c.prepareStatement(
            "INSERT INTO crm_party_role (tenant_id, role, party_id) VALUES (?, ?, ?)");
        PreparedStatement emails = c.prepareStatement(
            "INSERT INTO crm_party_email (tenant_id, email, party_id) VALUES (?, ?, ?)");
        PreparedStatement phones = c.prepareStatement(
            "INSERT INTO crm_party_phone (tenant_id, phone, party_id) VALUES (?, ?, ?)")) {
      for (Row r : batch) {
        addIndexRows(roles, tenant, r.roles(), r.partyId());
        addIndexRows(emails, tenant, r.emails(), r.partyId());
        addIndexRows(phones, tenant, r.phones(), r.partyId());
      }
      roles.executeBatch();
      emails.executeBatch();
      phones.executeBatch();
    }
    long seq = advanceCounter(c, dialect, tenant, batch.size()) - batch.size();
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO crm_audit (tenant_id, seq, record_type, record_id,"
        + " audit_action, actor, occurred_at, changes) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (Row r : batch) {
        ps.setString(1, tenant);
        ps.setLong(2, ++seq);
        ps.setString(3, r.auditRecordType());
        ps.setString(4, r.auditRecordId());
        ps.setString(5, r.auditAction());
        ps.setString(6, r.actor());
        ps.setLong(7, r.occurredAt());
        setDocument(ps, dialect, 8, r.changes());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private static void addIndexRows(PreparedStatement ps, String tenant, List<String> values, String partyId)
      throws SQLException {
    for (String value : values) {
      ps.setString(1, tenant);
      ps.setString(2, value);
      ps.setString(3, partyId);
      ps.addBatch();
    }
  }

  /** Adds {@code count} to the tenant's audit counter (creating it at need) and returns the new value. */
  private static long advanceCounter(Connection c, Dialect dialect, String tenant, int count) throws SQLException {
    if (dialect == Dialect.POSTGRESQL) {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO crm_tenant_counter (tenant_id, counter_name,"
          + " current_value) VALUES (?, 'audit', ?) ON CONFLICT (tenant_id, counter_name) DO UPDATE"
          + " SET current_value = crm_tenant_counter.current_value + EXCLUDED.current_value RETURNING current_value")) {
        ps.setString(1, tenant);
        ps.setLong(2, count);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return rs.getLong(1);
        }
      }
    }
    try (PreparedStatement update = c.prepareStatement("UPDATE crm_tenant_counter SET current_value = current_value"
        + " + ? WHERE tenant_id = ? AND counter_name = 'audit'")) {
      update.setLong(1, count);
      update.setString(2, tenant);
      if (update.executeUpdate() == 0) {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO crm_tenant_counter (tenant_id, counter_name,"
            + " current_value) VALUES (?, 'audit', ?)")) {
          insert.setString(1, tenant);
          insert.setLong(2, count);
          insert.executeUpdate();
        }
      }
    }
    try (PreparedStatement read = c.prepareStatement("SELECT current_value FROM crm_tenant_counter"
        + " WHERE tenant_id = ? AND counter_name = 'audit'")) {
      read.setString(1, tenant);
      try (ResultSet rs = read.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /** The documents of the tenant's parties with this e-mail address, read by Jackson into trees. */
  static List<JsonNode> findByEmail(DataSource dataSource, ObjectMapper mapper, String tenant, String email)
      throws SQLException, java.io.IOException {
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(FIND_BY_EMAIL)) {
      ps.setString(1, tenant);
      ps.setString(2, email);
      try (ResultSet rs = ps.executeQuery()) {
        List<JsonNode> found = new ArrayList<>(1);
        while (rs.next()) {
          found.add(mapper.readTree(rs.getString(1)));
        }
        return found;
      }
    }
  }

  private static List<String> emails(Party party) {
    List<String> emails = new ArrayList<>();
    for (ContactPoint point : party.contactPoints()) {
      if (point instanceof EmailAddress email && !emails.contains(email.address().toLowerCase(Locale.ROOT))) {
        emails.add(email.address().toLowerCase(Locale.ROOT));
      }
    }
    return List.copyOf(emails);
  }

  private static List<String> phones(Party party) {
    List<String> phones = new ArrayList<>();
    for (ContactPoint point : party.contactPoints()) {
      if (point instanceof PhoneNumber phone && !phones.contains(phone.number())) {
        phones.add(phone.number());
      }
    }
    return List.copyOf(phones);
  }

  /** Microseconds since the epoch, the schema's representation of instants. */
  static long micros(Instant instant) {
    return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
  }

  /**
   * Binds a JSON document as the library's JDBC storage does: on H2, whose document columns are CLOBs, a text longer
   * than the 256 bytes H2 keeps inside the row as a character stream (H2 then makes the LOB once), otherwise as a
   * string. The same binding on both sides also keeps them on the same H2 code: with the baseline binding strings,
   * the library's character streams made the JIT recompile H2's LOB copy, and the baseline's imports took twice as
   * long after the library's first three.
   */
  private static void setDocument(PreparedStatement ps, Dialect dialect, int index, String json) throws SQLException {
    if (dialect == Dialect.H2 && json.length() > 256) {
      ps.setCharacterStream(index, new StringReader(json), json.length());
    } else {
      ps.setString(index, json);
    }
  }

  private static void setNullable(PreparedStatement ps, int index, Optional<String> value) throws SQLException {
    if (value.isPresent()) {
      ps.setString(index, value.get());
    } else {
      ps.setNull(index, Types.VARCHAR);
    }
  }
}
