package dev.etiquette.crm.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import dev.etiquette.crm.Crm;
import dev.etiquette.crm.api.Actor;
import dev.etiquette.crm.api.CrmTenant;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.notification.OutboxStats;
import dev.etiquette.crm.api.obligation.DueWork;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM of {@link DueWorkConcurrencyTest}: on "go", {@code threads} threads each call
 * {@code processDue()} for one tenant until a call finds nothing due, with the clock standing at the given
 * instant; then the process runs its relay until the tenant's outbox has nothing left to send. It prints what its calls did ({@code due <opened> <warned> <breached> <escalated>}), the keys of the
 * deliveries its port received ({@code notified <delivery key>}), and {@code done}.
 *
 * <p>Arguments: tenant id, threads, the instant of the clock. The database comes from the {@code CRM_WORKER_*}
 * environment variables ({@link ConcurrencyWorkload#workerConfig}).
 */
public final class DueWorkWorker {

  private DueWorkWorker() {}

  public static void main(String[] args) throws Exception {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    TenantId tenantId = TenantId.of(args[0]);
    int threads = Integer.parseInt(args[1]);
    Instant now = Instant.parse(args[2]);
    Set<String> notified = ConcurrentHashMap.newKeySet();
    List<String> repeated = new ArrayList<>();
    try (HikariDataSource pool = new HikariDataSource(
        ConcurrencyWorkload.workerConfig(threads, "crm-due-work-child"));
        JdbcStorage storage = JdbcStorage.builder(pool).build();
        Crm crm = Crm.builder().storage(storage).clock(Clock.fixed(now, ZoneOffset.UTC))
            .notifications(delivery -> {
              String key = delivery.key();
              // the relay sends every tenant's deliveries: an earlier run may have left some of its own
              if (delivery.tenantId().equals(tenantId) && !notified.add(key)) {
                synchronized (repeated) {
                  repeated.add(key);
                }
              }
            }).build()) {
      CrmTenant tenant = crm.tenant(tenantId, Actor.system());
      tenant.obligations().search(dev.etiquette.crm.api.obligation.ObligationQuery.all(),
          dev.etiquette.crm.api.PageRequest.first(1)); // warms the pool and the code paths
      out.println("ready");
      String go = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      if (!"go".equals(go)) {
        out.println("unexpected parent said " + go);
        System.exit(2);
      }
      ExecutorService executor = Executors.newFixedThreadPool(threads);
      List<Future<DueWork>> runs = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        runs.add(executor.submit(() -> {
          DueWork total = DueWork.NONE;
          for (DueWork once = tenant.obligations().processDue(); once.total() > 0;
              once = tenant.obligations().processDue()) {
            total = total.plus(once);
          }
          return total;
        }));
      }
      DueWork total = DueWork.NONE;
      for (Future<DueWork> run : runs) {
        total = total.plus(run.get(120, TimeUnit.SECONDS));
      }
      executor.shutdown();
      // The notifications went to the outbox. A delivery right after its commit waits while another thread or
      // process holds an earlier delivery to the same recipient, so the relay sends the rest: it runs until the
      // tenant's outbox has nothing pending or in flight (the other process may still be sending).
      for (int round = 0; round < 100_000; round++) {
        crm.relay().deliverDue();
        OutboxStats left = storage.read(tx -> tx.outbox().counts(Optional.of(tenantId)));
        if (left.pending() + left.inFlight() == 0) {
          break;
        }
      }
      out.println("due " + total.opened() + " " + total.warned() + " " + total.breached() + " " + total.escalated());
      notified.forEach(key -> out.println("notified " + key));
      repeated.forEach(key -> out.println("repeated " + key));
      out.println("done");
    }
    System.exit(0);
  }
}
