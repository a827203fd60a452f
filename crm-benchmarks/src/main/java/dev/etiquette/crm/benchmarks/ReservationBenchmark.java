package dev.etiquette.crm.benchmarks;

import dev.etiquette.crm.Crm;
import dev.etiquette.crm.api.Actor;
import dev.etiquette.crm.api.Channel;
import dev.etiquette.crm.api.CrmTenant;
import dev.etiquette.crm.api.Purpose;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.contact.ContactEntry;
import dev.etiquette.crm.api.contact.ContactRequest;
import dev.etiquette.crm.api.contact.ContactStatus;
import dev.etiquette.crm.api.party.ConsentDraft;
import dev.etiquette.crm.api.party.PartyDraft;
import dev.etiquette.crm.api.party.PartyId;
import dev.etiquette.crm.api.party.Preferences;
import dev.etiquette.crm.api.party.QuietWindow;
import dev.etiquette.crm.api.rules.CapWindow;
import dev.etiquette.crm.api.rules.ConsentRegime;
import dev.etiquette.crm.api.rules.ContactRules;
import dev.etiquette.crm.api.rules.FrequencyCap;
import dev.etiquette.crm.api.rules.RuleSet;
import dev.etiquette.crm.jdbc.Dialect;
import dev.etiquette.crm.json.CrmJson;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
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
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * A contact decision taken as a reservation on a database, one transaction per operation, for the next of
 * {@code customers} customers in turn, each contact an hour after the one before (so that the ledger grows and
 * every cap window holds a steady handful of entries).
 *
 * <ul>
 *   <li>{@link #library}: {@code contacts().reserve(...)}: lock the party's row, read the party, the rule sets in
 *       effect and the counted entries of the cap's window, decide (consent, do-not-contact, the cap, quiet hours),
 *       and insert the entry with its receipt.</li>
 *   <li>{@link #handWritten}: the same check-and-insert as a host would write it in SQL: {@code SELECT document
 *       FROM crm_party ... FOR UPDATE} (lock and read the party), {@code SELECT count(*)} of the counted entries
 *       in the window, and, below the cap, {@code INSERT} of a ledger row with a document of the same size as the
 *       library's (made once, before the trial).</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ReservationBenchmark {

  static final Instant START = Instant.parse("2026-11-02T15:00:00Z");
  static final Duration WINDOW = Duration.ofDays(7);
  static final int CAP = 1_000;
  static final TenantId TENANT = TenantId.of("bench");

  @Param({"POSTGRESQL"})
  public Dialect database;

  @Param({"1000"})
  public int customers;

  private BenchDatabase db;
  private CrmTenant tenant;
  private PartyId[] parties;
  private String document;
  private long op;
  private long granted;

  @Setup(Level.Trial)
  public void setUp(BenchmarkParams params) {
    db = BenchDatabase.open(database);
    db.truncate();
    BenchClock clock = new BenchClock(START);
    tenant = Crm.builder().storage(db.storage()).clock(clock).build().tenant(TENANT, Actor.system());
    tenant.rules().publish(RuleSet.builder("etiquette", 1, Instant.parse("2026-01-01T00:00:00Z"))
        .contact(ContactRules.builder(ConsentRegime.OPT_IN)
            .cap(FrequencyCap.of("weekly", Purpose.MARKETING, CAP, CapWindow.rolling(WINDOW)))
            .quietHours(Channel.PHONE, QuietWindow.of(LocalTime.of(21, 0), LocalTime.of(8, 0)))
            .build())
        .build());
    parties = new PartyId[customers];
    for (int i = 0; i < customers; i++) {
      parties[i] = tenant.parties().create(PartyDraft.person("Customer " + i).email("c" + i + "@example.com")
          .preferences(Preferences.none().withTimeZone(ZoneId.of("America/New_York")))
          .consent(ConsentDraft.optIn(Channel.EMAIL, Purpose.MARKETING, "signup")).build()).id();
    }
    ContactEntry sample = tenant.contacts().reserve(request(0));
    if (sample.status() != ContactStatus.RESERVED) {
      throw new IllegalStateException("the benchmark's reservation is not granted: " + sample.receipt());
    }
    document = CrmJson.toJson(sample);
    tenant.contacts().release(sample.id());
    db.analyze();
  }

  private ContactRequest request(long n) {
    return ContactRequest.of(parties[(int) (n % parties.length)], Channel.EMAIL, Purpose.MARKETING,
        START.plus(Duration.ofHours(n)));
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    if (granted == 0) {
      throw new IllegalStateException("no reservation was granted");
    }
    db.close();
  }

  @Benchmark
  public ContactEntry library() {
    ContactEntry entry = tenant.contacts().reserve(request(++op));
    if (entry.status() == ContactStatus.RESERVED) {
      granted++;
    }
    return entry;
  }

  @Benchmark
  public boolean handWritten() throws SQLException {
    long n = ++op;
    String party = parties[(int) (n % parties.length)].value();
    long at = HandWrittenJdbc.micros(START.plus(Duration.ofHours(n)));
    try (Connection c = db.dataSource().getConnection()) {
      c.setAutoCommit(false);
      try {
        try (PreparedStatement lock = c.prepareStatement("SELECT document FROM crm_party WHERE tenant_id = ?"
            + " AND party_id = ? FOR UPDATE")) {
          lock.setString(1, TENANT.value());
          lock.setString(2, party);
          try (ResultSet rs = lock.executeQuery()) {
            if (!rs.next() || rs.getString(1).isEmpty()) {
              throw new IllegalStateException("no party " + party);
            }
          }
        }
        long count;
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM crm_contact WHERE tenant_id = ?"
            + " AND party_id = ? AND counted = 1 AND contact_at > ? AND contact_at <= ?")) {
          ps.setString(1, TENANT.value());
          ps.setString(2, party);
          ps.setLong(3, at - WINDOW.toSeconds() * 1_000_000L);
          ps.setLong(4, at);
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            count = rs.getLong(1);
          }
        }
        boolean allowed = count < CAP;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO crm_contact (tenant_id, contact_id, version,"
            + " party_id, contact_at, status, counted, created_at, updated_at, document)"
            + " VALUES (?, ?, 1, ?, ?, ?, ?, ?, ?, ?)")) {
          ps.setString(1, TENANT.value());
          ps.setString(2, "h" + n);
          ps.setString(3, party);
          ps.setLong(4, at);
          ps.setString(5, allowed ? "RESERVED" : "DENIED");
          ps.setInt(6, allowed ? 1 : 0);
          ps.setLong(7, at);
          ps.setLong(8, at);
          ps.setString(9, document);
          ps.executeUpdate();
        }
        c.commit();
        if (allowed) {
          granted++;
        }
        return allowed;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    }
  }
}
