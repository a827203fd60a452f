package dev.etiquette.crm.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.etiquette.crm.Crm;
import dev.etiquette.crm.api.Actor;
import dev.etiquette.crm.api.Channel;
import dev.etiquette.crm.api.CrmTenant;
import dev.etiquette.crm.api.PageRequest;
import dev.etiquette.crm.api.Purpose;
import dev.etiquette.crm.api.StorageException;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.contact.ContactRequest;
import dev.etiquette.crm.api.contact.ContactStatus;
import dev.etiquette.crm.api.notification.DeliveryStatus;
import dev.etiquette.crm.api.notification.Directory;
import dev.etiquette.crm.api.notification.NotificationKind;
import dev.etiquette.crm.api.notification.OutboxEntry;
import dev.etiquette.crm.api.notification.OutboxStats;
import dev.etiquette.crm.api.notification.Subscription;
import dev.etiquette.crm.api.party.PartyDraft;
import dev.etiquette.crm.api.party.PartyId;
import dev.etiquette.crm.api.rules.ConsentRegime;
import dev.etiquette.crm.api.rules.ContactRules;
import dev.etiquette.crm.api.rules.RuleSet;
import dev.etiquette.crm.api.spi.NotificationPort;
import dev.etiquette.crm.notify.RelayPolicy;
import dev.etiquette.crm.notify.RelayRun;
import dev.etiquette.crm.testkit.TestClock;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The database goes away while the relay is sending a batch, and comes back. On PostgreSQL, in a schema of the
 * test's own: the relay's pool connects under an application name of its own; "away" means its backends are
 * terminated by the server ({@code pg_terminate_backend}) and its data source refuses new connections; "back"
 * means it hands them out again. Time is a {@link TestClock}: the lease expires when the test moves the clock.
 *
 * <p>What must hold: the relay reports the outage ({@code deliverDue} throws {@link StorageException},
 * {@code storageFailingSince} is the instant of the first failing run, and is empty again after a run that
 * reaches the storage); the deliveries claimed by the batch that could not be recorded stay {@code IN_FLIGHT}
 * only until their lease passes, and are then sent again with the same key and body; nothing else is sent twice;
 * each recipient's later deliveries wait for its earlier one; and every delivery ends {@code DELIVERED}.
 */
class OutboxDatabaseAwayTest {

  static final int OWNERS = 20;
  static final int PER_OWNER = 2;
  /** A claim takes a prefix of each owner's deliveries, by seq: every owner's first and the first 5 owners' second. */
  static final int BATCH = 25;
  static final Duration LEASE = Duration.ofSeconds(30);

  @Test
  void theRelayReportsADatabaseThatWentAwayMidBatchAndResumesWithoutLosingOrStrandingAnything()
      throws Exception {
    String application = "crm-outbox-away-" + UUID.randomUUID().toString().substring(0, 8);
    try (OutboxSchema schema = OutboxSchema.create(Dialect.POSTGRESQL);
        OutboxReceiver receiver = new OutboxReceiver()) {
      HikariConfig config = schema.config("crm-outbox-away", 4);
      config.addDataSourceProperty("ApplicationName", application);
      try (HikariDataSource pool = new HikariDataSource(config)) {
        Switch database = new Switch(pool, application);
        TestClock clock = TestClock.startingAt(Clock.systemUTC().instant().truncatedTo(ChronoUnit.MICROS));
        NotificationPort webhook = receiver.port("away");
        AtomicInteger sends = new AtomicInteger();
        AtomicInteger awayAfter = new AtomicInteger(-1);
        Crm crm = Crm.builder().clock(clock)
            .storage(JdbcStorage.builder(database).migrate(false).build())
            .notifications(d -> {
              webhook.deliver(d);
              if (sends.incrementAndGet() == awayAfter.get()) {
                database.away(); // mid-batch: the next sends still reach the receiver, the outcomes cannot be written
              }
            })
            .relay(RelayPolicy.builder().relayId("relay-away").lease(LEASE).batchSize(BATCH).deliverAfterCommit(false)
                .build())
            .stakeholders(new Directory(List.of(), List.of(Subscription.addressed(
                Set.of(NotificationKind.CONTACT_DENIED), "default", Subscription.Cadence.IMMEDIATE))))
            .build();
        TenantId tenantId = TenantId.of("away-" + UUID.randomUUID().toString().substring(0, 8));
        CrmTenant tenant = crm.tenant(tenantId, Actor.user("away-test"));
        tenant.rules().publish(RuleSet.builder("consent-only", 1, clock.instant().minus(Duration.ofDays(1)))
            .contact(ContactRules.builder(ConsentRegime.OPT_IN).build()).build());
        List<PartyId> parties = new ArrayList<>();
        for (int i = 0; i < OWNERS; i++) {
          parties.add(tenant.parties().create(PartyDraft.person("Customer " + i).owner("owner-" + i).build()).id());
        }
        for (int round = 0; round < PER_OWNER; round++) {
          for (PartyId party : parties) {
            assertThat(tenant.contacts().reserve(ContactRequest.of(party, Channel.EMAIL, Purpose.MARKETING,
                clock.instant())).status()).isEqualTo(ContactStatus.DENIED);
          }
        }
        int total = OWNERS * PER_OWNER;
        assertThat(tenant.notifications().stats().pending()).isEqualTo(total);

        // the first claim takes the first 25 by seq; the database goes away after the 5th is sent
        awayAfter.set(5);
        Instant failedAt = clock.instant();
        Throwable first = catchThrowable(() -> crm.relay().deliverDue());
        assertThat(first).as("what the run that lost the database threw").isInstanceOf(StorageException.class);
        assertThat(((StorageException) first).retryable()).as("retryable: %s", first.getMessage()).isTrue();
        assertThat(database.terminated).as("backends the server terminated").isPositive();
        assertThat(crm.relay().storageFailingSince()).hasValue(failedAt);
        List<OutboxReceiver.Received> sentInTheLostBatch = receiver.accepted();
        assertThat(sentInTheLostBatch).as("the batch was sent before its outcomes were lost").hasSize(BATCH);

        clock.advance(Duration.ofSeconds(5));
        Throwable second = catchThrowable(() -> crm.relay().deliverDue());
        assertThat(second).as("a run while the database is away").isInstanceOf(StorageException.class);
        assertThat(crm.relay().storageFailingSince()).as("failing since the first failing run").hasValue(failedAt);
        assertThat(receiver.accepted()).as("nothing is sent while the database is away").hasSize(BATCH);

        database.back();
        Map<DeliveryStatus, Long> statuses = statuses(tenant);
        assertThat(statuses).as("the outbox when the database is back")
            .isEqualTo(Map.of(DeliveryStatus.IN_FLIGHT, (long) BATCH, DeliveryStatus.PENDING, (long) (total - BATCH)));
        RelayRun whileLeased = crm.relay().deliverDue();
        assertThat(whileLeased).as("a run before the lease passed: the claimed ones and those behind them wait")
            .isEqualTo(new RelayRun(0, 0, 0, 0, 0, 0));
        assertThat(crm.relay().storageFailingSince()).as("after a run that reached the storage").isEmpty();
        assertThat(receiver.accepted()).hasSize(BATCH);

        clock.set(failedAt.plus(LEASE));
        RelayRun afterLease = crm.relay().deliverDue();
        assertThat(afterLease).as("the run once the lease passed").isEqualTo(new RelayRun(0, total, total, 0, 0, 0));

        assertThat(tenant.notifications().stats()).isEqualTo(new OutboxStats(0, 0, 0, total, 0, 0));
        Map<String, List<OutboxReceiver.Received>> byKey = receiver.byKey();
        assertThat(byKey).as("keys received").hasSize(total);
        Set<String> lostBatch = sentInTheLostBatch.stream().map(OutboxReceiver.Received::key)
            .collect(Collectors.toSet());
        byKey.forEach((key, copies) -> {
          assertThat(copies).as("copies of %s", key).hasSize(lostBatch.contains(key) ? 2 : 1);
          assertThat(copies).allSatisfy(c -> assertThat(Arrays.equals(c.body(), copies.get(0).body()))
              .as("a copy of %s has the first copy's body", key).isTrue());
        });
        assertThat(receiver.rejected()).isEmpty();
        Map<String, List<Long>> firstArrivals = new HashMap<>();
        for (String key : byKey.keySet()) {
          OutboxEntry entry = tenant.notifications().find(key).orElseThrow();
          firstArrivals.computeIfAbsent(entry.delivery().orderKey(), k -> new ArrayList<>()).add(entry.seq());
        }
        assertThat(firstArrivals).allSatisfy((orderKey, seqs) -> assertThat(seqs).as(orderKey).isSorted());
        System.out.printf("[outbox away] %d deliveries to %d owners; the database went away after the 5th send of"
            + " a batch of %d (%d backends terminated); %d requests accepted, %d keys, %d duplicates%n", total,
            OWNERS, BATCH, database.terminated, receiver.accepted().size(), byKey.size(),
            receiver.accepted().size() - byKey.size());
      }
    }
  }

  private static Map<DeliveryStatus, Long> statuses(CrmTenant tenant) {
    Map<DeliveryStatus, Long> counts = new HashMap<>();
    for (DeliveryStatus status : DeliveryStatus.values()) {
      List<OutboxEntry> entries = tenant.notifications().list(status, PageRequest.first(1_000)).items();
      if (!entries.isEmpty()) {
        counts.put(status, (long) entries.size());
      }
    }
    return counts;
  }

  /**
   * The relay's data source, which the test turns away and back. Away: it refuses new connections (SQL state
   * 08001, as a driver does when the server does not answer), the server terminates every backend of the pool's
   * application name, and the pool evicts its connections (as a pool does once it sees them fail).
   */
  static final class Switch implements DataSource {
    private final HikariDataSource pool;
    private final String application;
    private volatile boolean away;
    volatile int terminated;

    Switch(HikariDataSource pool, String application) {
      this.pool = pool;
      this.application = application;
    }

    void away() {
      away = true;
      try (Connection admin = TestDatabases.dataSource(Dialect.POSTGRESQL).getConnection();
          PreparedStatement ps = admin.prepareStatement("SELECT COUNT(pg_terminate_backend(pid))"
              + " FROM pg_stat_activity WHERE application_name = ?")) {
        ps.setString(1, application);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          terminated = rs.getInt(1);
        }
      } catch (SQLException e) {
        throw new IllegalStateException("terminating the relay's backends failed", e);
      }
      pool.getHikariPoolMXBean().softEvictConnections();
    }

    void back() {
      away = false;
    }

    @Override
    public Connection getConnection() throws SQLException {
      if (away) {
        throw new SQLException("Connection to the database refused (the test took it away)", "08001");
      }
      return pool.getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
      throw new SQLFeatureNotSupportedException("the relay's pool has its own credentials");
    }

    @Override
    public PrintWriter getLogWriter() {
      return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {}

    @Override
    public void setLoginTimeout(int seconds) {}

    @Override
    public int getLoginTimeout() {
      return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
      throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
      throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
      return false;
    }
  }
}
