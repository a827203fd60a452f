package dev.etiquette.crm.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.etiquette.crm.Crm;
import dev.etiquette.crm.api.Actor;
import dev.etiquette.crm.api.Channel;
import dev.etiquette.crm.api.CrmTenant;
import dev.etiquette.crm.api.PageRequest;
import dev.etiquette.crm.api.Purpose;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.contact.ContactEntry;
import dev.etiquette.crm.api.contact.ContactRequest;
import dev.etiquette.crm.api.contact.ContactStatus;
import dev.etiquette.crm.api.party.ConsentDraft;
import dev.etiquette.crm.api.party.PartyDraft;
import dev.etiquette.crm.api.party.PartyId;
import dev.etiquette.crm.api.rules.CapWindow;
import dev.etiquette.crm.api.rules.ConsentRegime;
import dev.etiquette.crm.api.rules.ContactRules;
import dev.etiquette.crm.api.rules.FrequencyCap;
import dev.etiquette.crm.api.rules.RuleSet;
import dev.etiquette.crm.api.spi.Storage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Reservations racing for a frequency cap's last slots never take more than the cap allows: every round, a party
 * whose ledger already holds {@value #TAKEN} of the cap's {@value #MAX} marketing contacts per rolling day gets
 * exactly {@code MAX - TAKEN} more reservations, the others denied, however many senders ask at once.
 *
 * <p>On PostgreSQL and MariaDB the senders are two child JVMs with {@value #THREADS_PER_PROCESS} threads and a
 * pool each, which start every round together (each child's barrier waits for the parent's word); and 32 threads
 * in one JVM. On H2, whose file one process holds, 32 threads share one JVM. Every round is checked twice: the
 * reservations' own outcomes, and the ledger (the entries caps count).
 */
class ContactReservationConcurrencyTest {

  static final int MAX = 8;
  static final int TAKEN = 5;
  static final int ROUNDS = 12;
  static final int THREADS_PER_PROCESS = 6;
  static final int THREADS_IN_ONE_JVM = 32;
  static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");

  @ParameterizedTest
  @EnumSource(value = Dialect.class, names = {"POSTGRESQL", "MARIADB"})
  void twoProcessesNeverTakeMoreThanACapsLastSlots(Dialect dialect) {
    HikariDataSource dataSource = ConcurrencyDatabases.dataSource(dialect);
    Crm crm = crm(ConcurrencyDatabases.storage(dialect));
    CrmTenant tenant = cappedTenant(crm);
    List<PartyId> parties = partiesWithSlotsTaken(tenant);

    Map<String, String> env = Map.of("CRM_WORKER_URL", dataSource.getJdbcUrl(),
        "CRM_WORKER_USER", dataSource.getUsername(),
        "CRM_WORKER_PASSWORD", dataSource.getPassword() == null ? "" : dataSource.getPassword(),
        "CRM_WORKER_SCHEMA", dataSource.getSchema() == null ? "" : dataSource.getSchema(),
        "CRM_WORKER_CATALOG", dataSource.getCatalog() == null ? "" : dataSource.getCatalog());
    List<String> args = new ArrayList<>(List.of(tenant.tenantId().value(), Integer.toString(THREADS_PER_PROCESS),
        NOW.toString()));
    parties.forEach(p -> args.add(p.value()));
    ContactReservationWorker.Tally tally = ContactReservationWorker.Tally.of(ROUNDS);
    try (ConcurrencyChildJvm a = ConcurrencyChildJvm.start(dialect + "-contacts-a", ContactReservationWorker.class,
        env, args);
        ConcurrencyChildJvm b = ConcurrencyChildJvm.start(dialect + "-contacts-b", ContactReservationWorker.class,
            env, args)) {
      a.awaitLine("ready", ConcurrencyTest.STARTUP);
      b.awaitLine("ready", ConcurrencyTest.STARTUP);
      for (int round = 0; round < ROUNDS; round++) {
        a.awaitLine("at " + round, ConcurrencyTest.RUN);
        b.awaitLine("at " + round, ConcurrencyTest.RUN);
        a.send("go");
        b.send("go");
      }
      for (ConcurrencyChildJvm child : List.of(a, b)) {
        List<String> lines = child.awaitExit(ConcurrencyTest.RUN);
        assertThat(lines).as("output of a child").contains("done");
        tally.add(lines);
      }
    }
    System.out.printf("[contacts] %s, 2 processes x %d threads, %d rounds: reserved %s%n", dialect,
        THREADS_PER_PROCESS, ROUNDS, Arrays.toString(tally.reserved()));
    assertEveryRoundTookTheLastSlots(tenant, parties, tally, 2 * THREADS_PER_PROCESS);
  }

  @ParameterizedTest
  @EnumSource(value = Dialect.class, names = {"POSTGRESQL", "MARIADB"})
  void thirtyTwoThreadsNeverTakeMoreThanACapsLastSlots(Dialect dialect) throws Exception {
    CrmTenant tenant = cappedTenant(crm(ConcurrencyDatabases.storage(dialect)));
    List<PartyId> parties = partiesWithSlotsTaken(tenant);
    ContactReservationWorker.Tally tally = ContactReservationWorker.race(tenant, parties, NOW, THREADS_IN_ONE_JVM,
        round -> { });
    assertEveryRoundTookTheLastSlots(tenant, parties, tally, THREADS_IN_ONE_JVM);
  }

  @Test
  void thirtyTwoThreadsOnAnEmbeddedH2FileNeverTakeMoreThanACapsLastSlots(@TempDir Path dir) throws Exception {
    try (JdbcStorage storage = JdbcStorage.embeddedH2(dir.resolve("crm"))) {
      CrmTenant tenant = cappedTenant(crm(storage));
      List<PartyId> parties = partiesWithSlotsTaken(tenant);
      ContactReservationWorker.Tally tally = ContactReservationWorker.race(tenant, parties, NOW,
          THREADS_IN_ONE_JVM, round -> { });
      assertEveryRoundTookTheLastSlots(tenant, parties, tally, THREADS_IN_ONE_JVM);
    }
  }

  /** A {@code Crm} over {@code storage} whose clock stands at {@link #NOW}; not closed (that closes the storage). */
  private static Crm crm(Storage storage) {
    return Crm.builder().storage(storage).clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
  }

  /** A fresh tenant whose rules cap marketing at {@link #MAX} contacts per rolling day. */
  private static CrmTenant cappedTenant(Crm crm) {
    CrmTenant tenant = crm.tenant(TenantId.of("ct-" + UUID.randomUUID().toString().substring(0, 8)),
        Actor.user("contact-race-test"));
    tenant.rules().publish(RuleSet.builder("marketing", 1, NOW.minus(Duration.ofDays(1)))
        .contact(ContactRules.builder(ConsentRegime.OPT_IN)
            .cap(FrequencyCap.of("daily-marketing", Purpose.MARKETING, MAX, CapWindow.rolling(Duration.ofDays(1))))
            .build())
        .build());
    return tenant;
  }

  /**
   * One party per round, opted in to marketing e-mail, with {@link #TAKEN} reservations of the last hour already
   * in the ledger.
   */
  private static List<PartyId> partiesWithSlotsTaken(CrmTenant tenant) {
    List<PartyId> parties = new ArrayList<>();
    for (int round = 0; round < ROUNDS; round++) {
      PartyId party = tenant.parties().create(PartyDraft.person("Customer " + round)
          .consent(ConsentDraft.optIn(Channel.EMAIL, Purpose.MARKETING, "signup form")
              .capturedAt(NOW.minus(Duration.ofDays(30))))
          .build()).id();
      for (int i = 0; i < TAKEN; i++) {
        ContactEntry taken = tenant.contacts().reserve(ContactRequest.of(party, Channel.EMAIL, Purpose.MARKETING,
            NOW.minus(Duration.ofMinutes(10L * (i + 1)))));
        assertThat(taken.status()).as("slot %d of round %d", i, round).isEqualTo(ContactStatus.RESERVED);
      }
      parties.add(party);
    }
    return parties;
  }

  private static void assertEveryRoundTookTheLastSlots(CrmTenant tenant, List<PartyId> parties,
      ContactReservationWorker.Tally tally, int senders) {
    assertThat(tally.unexpected()).as("failures of the senders").isEmpty();
    for (int round = 0; round < ROUNDS; round++) {
      assertThat(tally.reserved()[round]).as("reservations granted in round %d", round).isEqualTo(MAX - TAKEN);
      assertThat(tally.denied()[round]).as("reservations denied in round %d", round)
          .isEqualTo(senders - (MAX - TAKEN));
      List<ContactEntry> ledger = tenant.contacts().ofParty(parties.get(round), NOW.minus(Duration.ofDays(1)),
          NOW.plusSeconds(1), PageRequest.first(100)).items();
      assertThat(ledger).as("the ledger of round %d", round).hasSize(TAKEN + senders);
      assertThat(ledger).filteredOn(ContactEntry::counted).as("the entries caps count in round %d", round)
          .hasSize(MAX);
    }
  }
}
