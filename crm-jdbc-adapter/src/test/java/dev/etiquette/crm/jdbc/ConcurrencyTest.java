package dev.etiquette.crm.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.etiquette.crm.Crm;
import dev.etiquette.crm.api.Actor;
import dev.etiquette.crm.api.CrmTenant;
import dev.etiquette.crm.api.Page;
import dev.etiquette.crm.api.PageRequest;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.party.AttributeDefinition;
import dev.etiquette.crm.api.party.AttributeSchema;
import dev.etiquette.crm.api.party.AttributeValue;
import dev.etiquette.crm.api.party.AuditAction;
import dev.etiquette.crm.api.party.AuditEntry;
import dev.etiquette.crm.api.party.Party;
import dev.etiquette.crm.api.party.PartyDraft;
import dev.etiquette.crm.api.party.PartyId;
import dev.etiquette.crm.api.party.PartyQuery;
import dev.etiquette.crm.api.spi.Storage;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.LongStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Optimistic concurrency under real contention: many writers increment a counter attribute of the same few
 * customers, each increment a read-modify-write retried on {@code VersionConflictException}. No update may
 * be lost: every customer's counter equals the number of increments that reported success, and equals its
 * version minus one (it was created at version 1), its audit trail has one entry per success, and the
 * tenant's audit sequence has no gap. Conflicts surface only as {@code VersionConflictException}; the only
 * other exception allowed is a retryable {@code StorageException} (deadlock, serialization failure), which
 * must have left nothing behind, as the sums show.
 *
 * <p>On PostgreSQL and MariaDB the writers are two child JVMs with eight threads and a pool each; an
 * embedded H2 file cannot be opened by two processes, so there sixteen threads share one JVM. The run is
 * bounded by count ({@value #CUSTOMERS} customers, {@value #INCREMENTS_PER_THREAD} increments per thread),
 * and every wait by a timeout.
 *
 * <p>{@code -Dcrm.isolation=TRANSACTION_REPEATABLE_READ} (any Hikari isolation name) runs the children at
 * that isolation instead of the database's default. On PostgreSQL most conflicts then surface as retryable
 * serialization failures (SQL state 40001) in {@code update party} and {@code advance counter} rather than
 * as {@code VersionConflictException}s; no update is lost either way.
 */
class ConcurrencyTest {

  static final int CUSTOMERS = 5;
  static final int THREADS_PER_PROCESS = 8;
  static final int INCREMENTS_PER_THREAD = 15;
  static final Duration STARTUP = Duration.ofSeconds(60);
  static final Duration RUN = Duration.ofSeconds(100);

  @ParameterizedTest
  @EnumSource(value = Dialect.class, names = {"POSTGRESQL", "MARIADB"})
  void twoProcessesWithEightThreadsEachLoseNoUpdate(Dialect dialect) {
    HikariDataSource dataSource = ConcurrencyDatabases.dataSource(dialect);
    Storage storage = ConcurrencyDatabases.storage(dialect);
    Crm crm = Crm.builder().storage(storage).build();
    CrmTenant tenant = counterTenant(crm);
    List<PartyId> ids = customers(tenant);

    List<String> args = new ArrayList<>(List.of(tenant.tenantId().value(), Integer.toString(THREADS_PER_PROCESS),
        Integer.toString(INCREMENTS_PER_THREAD)));
    ids.forEach(id -> args.add(id.value()));
    Map<String, String> env = Map.of("CRM_WORKER_URL", dataSource.getJdbcUrl(),
        "CRM_WORKER_USER", dataSource.getUsername(),
        "CRM_WORKER_PASSWORD", dataSource.getPassword() == null ? "" : dataSource.getPassword(),
        "CRM_WORKER_SCHEMA", dataSource.getSchema() == null ? "" : dataSource.getSchema(),
        "CRM_WORKER_CATALOG", dataSource.getCatalog() == null ? "" : dataSource.getCatalog(),
        "CRM_WORKER_ISOLATION", System.getProperty("crm.isolation", ""));
    long started = System.nanoTime();
    ConcurrencyWorkload.Tally tally = new ConcurrencyWorkload.Tally();
    List<Long> childMillis = new ArrayList<>();
    try (ConcurrencyChildJvm a = ConcurrencyChildJvm.start(dialect + "-a", ConcurrencyWorkload.class, env, args);
        ConcurrencyChildJvm b = ConcurrencyChildJvm.start(dialect + "-b", ConcurrencyWorkload.class, env, args)) {
      a.awaitLine("ready", STARTUP);
      b.awaitLine("ready", STARTUP);
      a.send("go");
      b.send("go");
      for (ConcurrencyChildJvm child : List.of(a, b)) {
        List<String> lines = child.awaitExit(RUN);
        assertThat(lines).as("output of a child").contains("done");
        tally.add(ConcurrencyWorkload.Tally.parse(lines));
        childMillis.add(ConcurrencyWorkload.millis(lines));
      }
    }
    System.out.printf("[concurrency] %s, 2 processes x %d threads: %s; child run ms %s, total ms %d%n", dialect,
        THREADS_PER_PROCESS, tally, childMillis, (System.nanoTime() - started) / 1_000_000);

    assertNoUpdateLost(tenant, ids, tally, 2L * THREADS_PER_PROCESS * INCREMENTS_PER_THREAD, dataSource);
  }

  @Test
  void sixteenThreadsOnAnEmbeddedH2FileLoseNoUpdate(@TempDir Path dir) {
    try (JdbcStorage storage = JdbcStorage.embeddedH2(dir.resolve("crm"));
        Crm crm = Crm.builder().storage(storage).build()) {
      CrmTenant tenant = counterTenant(crm);
      List<PartyId> ids = customers(tenant);
      long started = System.nanoTime();
      ConcurrencyWorkload.Tally tally = ConcurrencyWorkload.run(tenant, ids, 2 * THREADS_PER_PROCESS,
          INCREMENTS_PER_THREAD, RUN.toSeconds());
      System.out.printf("[concurrency] H2 file, 1 process x %d threads: %s; ms %d%n", 2 * THREADS_PER_PROCESS, tally,
          (System.nanoTime() - started) / 1_000_000);

      assertNoUpdateLost(tenant, ids, tally, 2L * THREADS_PER_PROCESS * INCREMENTS_PER_THREAD, null);
    }
  }

  /** A fresh tenant whose parties have the NUMBER attribute {@code counter}. */
  static CrmTenant counterTenant(Crm crm) {
    CrmTenant tenant = crm.tenant(TenantId.of("cc-" + UUID.randomUUID().toString().substring(0, 8)),
        Actor.user("concurrency-test"));
    tenant.configure(tenant.settings().withAttributes(AttributeSchema.of(AttributeDefinition.number("counter"))));
    return tenant;
  }

  static List<PartyId> customers(CrmTenant tenant) {
    List<PartyId> ids = new ArrayList<>();
    for (int i = 0; i < CUSTOMERS; i++) {
      Party p = tenant.parties().create(PartyDraft.person("Counter " + i).attribute("counter", AttributeValue.of(0))
          .build());
      assertThat(p.version()).isEqualTo(1);
      ids.add(p.id());
    }
    return ids;
  }

  private static void assertNoUpdateLost(CrmTenant tenant, List<PartyId> ids, ConcurrencyWorkload.Tally tally,
      long increments, DataSource dataSource) {
    assertThat(tally.unexpected).as("exceptions other than conflicts and retryable storage failures").isEmpty();
    assertThat(tally.staleConflicts).as("conflicts that named a version not newer than the expected one").isZero();
    assertThat(tally.totalSuccesses() + tally.gaveUp).as("every increment ended in success or gave up")
        .isEqualTo(increments);
    assertThat(tally.totalSuccesses()).as("successful increments").isPositive();
    assertThat(tally.conflicts + tally.retryable).as("contention happened, or this test proves nothing")
        .isPositive();

    long audited = 0;
    for (PartyId id : ids) {
      long successes = tally.successes.getOrDefault(id.value(), 0L);
      Party party = tenant.parties().get(id);
      assertThat(ConcurrencyWorkload.counter(party)).as("counter of %s", id).isEqualByComparingTo(
          java.math.BigDecimal.valueOf(successes));
      assertThat(party.version() - 1).as("version - 1 of %s", id).isEqualTo(successes);
      List<AuditEntry> trail = all(page -> tenant.audit().ofParty(id, page));
      assertThat(trail).as("audit of %s", id).hasSize((int) successes + 1);
      assertThat(trail.stream().filter(e -> e.action() == AuditAction.UPDATED).count()).isEqualTo(successes);
      audited += trail.size();
      List<PartyId> sameCount = ids.stream()
          .filter(other -> tally.successes.getOrDefault(other.value(), 0L) == successes).toList();
      assertThat(all(page -> tenant.parties().search(PartyQuery.all().withAttribute("counter",
          AttributeValue.of(successes)), page))).as("the attribute index agrees with the documents")
          .extracting(Party::id).containsExactlyInAnyOrderElementsOf(sameCount);
      if (dataSource != null) {
        assertThat(count(dataSource, "SELECT COUNT(*) FROM crm_party_attribute WHERE tenant_id = ? AND party_id = ?",
            tenant.tenantId().value(), id.value())).as("attribute index rows of %s", id).isEqualTo(1);
      }
    }
    List<AuditEntry> everything = all(page -> tenant.audit().all(page));
    assertThat(everything).hasSize((int) audited + 1); // and the settings change
    assertThat(everything.stream().mapToLong(AuditEntry::sequence).toArray())
        .as("audit sequence numbers, without gaps").containsExactly(LongStream.rangeClosed(1, audited + 1).toArray());
  }

  private static <T> List<T> all(java.util.function.Function<PageRequest, Page<T>> query) {
    List<T> found = new ArrayList<>();
    java.util.Optional<PageRequest> page = java.util.Optional.of(PageRequest.first(200));
    while (page.isPresent()) {
      Page<T> p = query.apply(page.get());
      found.addAll(p.items());
      page = page.get().next(p);
    }
    return found;
  }

  static long count(DataSource dataSource, String sql, String... args) {
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setString(i + 1, args[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }
}
