package dev.etiquette.crm.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.etiquette.crm.Crm;
import dev.etiquette.crm.api.Actor;
import dev.etiquette.crm.api.Channel;
import dev.etiquette.crm.api.CrmTenant;
import dev.etiquette.crm.api.Page;
import dev.etiquette.crm.api.PageRequest;
import dev.etiquette.crm.api.Purpose;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.calendar.CalendarChoice;
import dev.etiquette.crm.api.interaction.InteractionDraft;
import dev.etiquette.crm.api.obligation.DueWork;
import dev.etiquette.crm.api.obligation.Obligation;
import dev.etiquette.crm.api.obligation.ObligationEvent;
import dev.etiquette.crm.api.obligation.ObligationQuery;
import dev.etiquette.crm.api.obligation.ObligationState;
import dev.etiquette.crm.api.party.Party;
import dev.etiquette.crm.api.party.PartyDraft;
import dev.etiquette.crm.api.rules.Assignee;
import dev.etiquette.crm.api.rules.ResponseRule;
import dev.etiquette.crm.api.rules.RuleSet;
import dev.etiquette.crm.api.rules.Warning;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Two application instances process due work at the same time against one database: two child JVMs with four
 * threads each call {@code processDue()} for the same tenant, whose {@value #OBLIGATIONS} first-response
 * obligations are all past their warning, their deadline and both escalation steps. Every warning, breach and
 * escalation must be recorded once and notified once: the children's reports sum to exactly one of each per
 * obligation, no delivery key reaches the ports twice (within a child or across both), each obligation's history
 * holds each event once, the notification log holds exactly one row per event, and the outbox one delivered entry.
 * (The notifications go through the outbox: each child runs its relay until the tenant has nothing left to send.)
 */
class DueWorkConcurrencyTest {

  static final int OBLIGATIONS = 300;
  static final int THREADS_PER_PROCESS = 4;
  static final Instant OPENED = Instant.parse("2026-03-02T09:00:00Z");
  static final Instant LATER = OPENED.plus(Duration.ofHours(10));

  @ParameterizedTest
  @EnumSource(value = Dialect.class, names = {"POSTGRESQL", "MARIADB"})
  void twoProcessesRecordAndNotifyEveryBreachOnce(Dialect dialect) {
    HikariDataSource dataSource = ConcurrencyDatabases.dataSource(dialect);
    Crm crm = Crm.builder().storage(ConcurrencyDatabases.storage(dialect)).clock(Clock.fixed(OPENED, ZoneOffset.UTC))
        .build();
    CrmTenant tenant = crm.tenant(TenantId.of("dw-" + UUID.randomUUID().toString().substring(0, 8)),
        Actor.user("due-work-test"));
    tenant.rules().publish(RuleSet.builder("desk", 1, OPENED.minus(Duration.ofDays(1)))
        .rule(ResponseRule.firstResponse("first").within(Duration.ofHours(1)).calendar(CalendarChoice.elapsed())
            .warning(Warning.atFraction("0.5")).escalate("team_lead", Duration.ZERO)
            .escalate("head_of_support", Duration.ofMinutes(30)).assignee(Assignee.team("support")).build())
        .build());
    List<Party> parties = tenant.parties().createAll(java.util.stream.IntStream.range(0, OBLIGATIONS / 3)
        .mapToObj(i -> PartyDraft.person("Customer " + i).build()).toList());
    for (int i = 0; i < OBLIGATIONS; i++) {
      tenant.interactions().record(InteractionDraft.inbound(parties.get(i % parties.size()).id(), Channel.EMAIL,
          Purpose.SERVICE).conversation("c-" + i).occurredAt(OPENED).build());
    }

    Map<String, String> env = Map.of("CRM_WORKER_URL", dataSource.getJdbcUrl(),
        "CRM_WORKER_USER", dataSource.getUsername(),
        "CRM_WORKER_PASSWORD", dataSource.getPassword() == null ? "" : dataSource.getPassword(),
        "CRM_WORKER_SCHEMA", dataSource.getSchema() == null ? "" : dataSource.getSchema(),
        "CRM_WORKER_CATALOG", dataSource.getCatalog() == null ? "" : dataSource.getCatalog());
    List<String> args = List.of(tenant.tenantId().value(), Integer.toString(THREADS_PER_PROCESS), LATER.toString());
    DueWork total = DueWork.NONE;
    List<String> notified = new ArrayList<>();
    try (ConcurrencyChildJvm a = ConcurrencyChildJvm.start(dialect + "-due-a", DueWorkWorker.class, env, args);
        ConcurrencyChildJvm b = ConcurrencyChildJvm.start(dialect + "-due-b", DueWorkWorker.class, env, args)) {
      a.awaitLine("ready", ConcurrencyTest.STARTUP);
      b.awaitLine("ready", ConcurrencyTest.STARTUP);
      a.send("go");
      b.send("go");
      for (ConcurrencyChildJvm child : List.of(a, b)) {
        List<String> lines = child.awaitExit(ConcurrencyTest.RUN);
        assertThat(lines).as("output of a child").contains("done");
        assertThat(lines).as("keys a child's port received twice").noneMatch(l -> l.startsWith("repeated "));
        for (String line : lines) {
          if (line.startsWith("due ")) {
            String[] n = line.split(" ");
            total = total.plus(new DueWork(Integer.parseInt(n[1]), Integer.parseInt(n[2]), Integer.parseInt(n[3]),
                Integer.parseInt(n[4])));
          } else if (line.startsWith("notified ")) {
            notified.add(line.substring("notified ".length()));
          }
        }
      }
    }
    System.out.printf("[due work] %s, 2 processes x %d threads: %s%n", dialect, THREADS_PER_PROCESS, total);

    assertThat(total).isEqualTo(new DueWork(0, OBLIGATIONS, OBLIGATIONS, 2 * OBLIGATIONS));
    assertThat(notified).as("notifications delivered across both processes").hasSize(4 * OBLIGATIONS)
        .doesNotHaveDuplicates();
    List<Obligation> obligations = all(tenant);
    assertThat(obligations).hasSize(OBLIGATIONS).allSatisfy(o -> {
      assertThat(o.state()).isEqualTo(ObligationState.BREACHED);
      assertThat(o.escalated()).isEqualTo(2);
      assertThat(o.history()).extracting(ObligationEvent::type).containsExactly(ObligationEvent.Type.OPENED,
          ObligationEvent.Type.WARNED, ObligationEvent.Type.BREACHED, ObligationEvent.Type.ESCALATED,
          ObligationEvent.Type.ESCALATED);
    });
    Set<String> expected = new HashSet<>();
    obligations.forEach(o -> List.of(":warning", ":breach", ":escalation:1", ":escalation:2")
        .forEach(suffix -> expected.add(o.id() + suffix)));
    assertThat(notified.stream().map(key -> key.substring(0, key.indexOf('/'))))
        .as("the notification of each delivery (a delivery key is <notification key>/<stakeholder>/<channel>)")
        .containsExactlyInAnyOrderElementsOf(expected);
    assertThat(ConcurrencyTest.count(dataSource, "SELECT COUNT(*) FROM crm_notification WHERE tenant_id = ?",
        tenant.tenantId().value())).as("rows in the notification log").isEqualTo(4L * OBLIGATIONS);
    assertThat(ConcurrencyTest.count(dataSource, "SELECT COUNT(*) FROM crm_outbox WHERE tenant_id = ?"
        + " AND status = 'DELIVERED'", tenant.tenantId().value())).as("delivered entries in the outbox")
        .isEqualTo(4L * OBLIGATIONS);
  }

  private static List<Obligation> all(CrmTenant tenant) {
    List<Obligation> found = new ArrayList<>();
    Optional<PageRequest> page = Optional.of(PageRequest.first(200));
    while (page.isPresent()) {
      Page<Obligation> p = tenant.obligations().search(ObligationQuery.all(), page.get());
      found.addAll(p.items());
      page = page.get().next(p);
    }
    return found;
  }
}
