package dev.etiquette.crm.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.etiquette.crm.api.Page;
import dev.etiquette.crm.api.PageRequest;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.notification.DeliveryStatus;
import dev.etiquette.crm.api.notification.OutboxEntry;
import dev.etiquette.crm.testkit.OutboxSamples;
import dev.etiquette.crm.testkit.Samples;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every query of the outbox is served by an index, in order: no table scan and no sort, so that a relay's claim, a
 * digest run, a page of dead letters and a tenant's counts cost the same however many deliveries the outbox has
 * delivered. The one query left out is the count of every tenant's entries, which reads all of them (an index of
 * them) by its nature. The test records the statements the storage prepares and asks each database for their plans
 * (see {@link QueryPlans}).
 */
class OutboxQueryPlanTest {

  private static final List<String> TABLES = List.of("crm_outbox");

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void everyOutboxQueryIsServedByAnIndexWithoutSorting(Dialect dialect) throws Exception {
    DataSource base = TestDatabases.dataSource(dialect);
    List<QueryPlans.Captured> captured = new ArrayList<>();
    JdbcStorage storage = QueryPlans.recordingStorage(dialect, captured);
    String run = UUID.randomUUID().toString().substring(0, 8);
    TenantId tenant = TenantId.of("plan-" + run);
    TenantId other = TenantId.of("other-" + run);
    Instant now = Samples.T0.plus(Duration.ofDays(1));
    // a long history of delivered entries, with a few pending, held, dead and in flight, so that the optimizers
    // have something to choose between
    storage.write(tx -> {
      for (int i = 0; i < 800; i++) {
        TenantId t = i % 5 == 0 ? other : tenant;
        if (i % 10 == 9) {
          tx.outbox().enqueue(OutboxSamples.digest(t, "s" + i % 50, "email", Samples.T0.plusSeconds(i)),
              DeliveryStatus.HELD, Samples.T0.plus(Duration.ofMinutes(i)));
        } else {
          // every tenth a retry due tomorrow, which holds back the later entries of its recipient
          tx.outbox().enqueue(OutboxSamples.delivery(t, "n" + i, "s" + i % 50, "email", Samples.T0),
              DeliveryStatus.PENDING, i % 10 == 8 ? now.plus(Duration.ofDays(1)) : Samples.T0);
        }
      }
      return null;
    });
    storage.write(tx -> {
      int n = 0;
      for (OutboxEntry e : tx.outbox().claim("setup", now, now.plusSeconds(60), 1_000)) {
        TenantId t = e.delivery().tenantId();
        if (n % 7 == 0) {
          tx.outbox().failed(t, e.seq(), "setup", DeliveryStatus.DEAD, 5, now, "550 no such user");
        } else if (n % 13 != 0) {
          tx.outbox().delivered(t, e.seq(), "setup", now);
        }
        n++;
      }
      return null;
    });
    QueryPlans.analyze(base, dialect, TABLES);
    captured.clear();

    List<OutboxEntry> inFlight = storage.read(tx -> tx.outbox().list(tenant, DeliveryStatus.IN_FLIGHT,
        PageRequest.first(2))).items();
    List<OutboxEntry> pending = storage.read(tx -> tx.outbox().list(tenant, DeliveryStatus.PENDING,
        PageRequest.first(3))).items();
    List<OutboxEntry> heldOfTenant = storage.read(tx -> tx.outbox().list(tenant, DeliveryStatus.HELD,
        PageRequest.first(2))).items();
    assertThat(inFlight).hasSize(2);
    assertThat(heldOfTenant).hasSize(2);
    assertThat(pending).isNotEmpty();
    storage.write(tx -> {
      Instant later = now.plus(Duration.ofDays(2));
      List<OutboxEntry> claimed = tx.outbox().claim("plan", later, later.plusSeconds(60), 5);
      assertThat(claimed).as("retries due and leases expired by then").hasSize(5);
      tx.outbox().release(claimed.get(0).delivery().tenantId(), claimed.get(0).seq(), "plan");
      tx.outbox().claim(tenant, pending.stream().map(OutboxEntry::key).toList(), "plan", now, now.plusSeconds(60));
      tx.outbox().delivered(tenant, inFlight.get(0).seq(), "setup", now);
      tx.outbox().failed(tenant, inFlight.get(1).seq(), "setup", DeliveryStatus.PENDING, 1, now, "timeout");
      tx.outbox().dueForDigest(now, 10);
      tx.outbox().digested(tenant, heldOfTenant.stream().map(OutboxEntry::seq).toList());
      tx.outbox().requeue(tenant, heldOfTenant.get(0).key(), now);
      tx.outbox().requeueDead(tenant, now);
      return null;
    });
    storage.read(tx -> {
      tx.outbox().find(tenant, heldOfTenant.get(1).key());
      Page<OutboxEntry> first = tx.outbox().list(tenant, DeliveryStatus.DELIVERED, PageRequest.first(20));
      tx.outbox().list(tenant, DeliveryStatus.DELIVERED, PageRequest.after(first.nextCursor().orElseThrow(), 20));
      tx.outbox().counts(Optional.of(tenant));
      return null;
    });

    Map<String, QueryPlans.Captured> statements = QueryPlans.selectsAndUpdatesOf(captured, TABLES);
    assertThat(statements.keySet()).as("the statements of the outbox's queries")
        .anyMatch(sql -> sql.contains("SKIP LOCKED") && sql.contains("LIMIT"))
        .anyMatch(sql -> sql.contains("delivery_key IN"))
        .anyMatch(sql -> sql.startsWith("UPDATE crm_outbox SET status = 'IN_FLIGHT'"))
        .anyMatch(sql -> sql.contains("status = 'HELD' AND o.due_at <= ?"))
        .anyMatch(sql -> sql.contains("GROUP BY status"))
        .anyMatch(sql -> sql.startsWith("UPDATE crm_outbox SET status = 'DIGESTED'"))
        .hasSize(13);
    QueryPlans.assertServedByIndexes(base, dialect, statements.values());
  }
}
