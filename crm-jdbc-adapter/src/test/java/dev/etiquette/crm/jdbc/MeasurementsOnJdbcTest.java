package dev.etiquette.crm.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.etiquette.crm.Crm;
import dev.etiquette.crm.api.Actor;
import dev.etiquette.crm.api.Channel;
import dev.etiquette.crm.api.CrmTenant;
import dev.etiquette.crm.api.PageRequest;
import dev.etiquette.crm.api.Purpose;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.interaction.InteractionDraft;
import dev.etiquette.crm.api.measure.BuiltInKpi;
import dev.etiquette.crm.api.measure.Cadence;
import dev.etiquette.crm.api.measure.Kpi;
import dev.etiquette.crm.api.measure.KpiDirection;
import dev.etiquette.crm.api.measure.KpiStatus;
import dev.etiquette.crm.api.measure.MeasureRun;
import dev.etiquette.crm.api.measure.Measurement;
import dev.etiquette.crm.api.measure.MeasurementPeriod;
import dev.etiquette.crm.api.measure.Objective;
import dev.etiquette.crm.api.measure.Report;
import dev.etiquette.crm.api.measure.Vision;
import dev.etiquette.crm.api.notification.Delivery;
import dev.etiquette.crm.api.notification.Directory;
import dev.etiquette.crm.api.notification.Notification;
import dev.etiquette.crm.api.notification.NotificationKind;
import dev.etiquette.crm.api.notification.Stakeholder;
import dev.etiquette.crm.api.notification.Subscription;
import dev.etiquette.crm.api.obligation.AssignedTo;
import dev.etiquette.crm.api.party.AuditEntry;
import dev.etiquette.crm.api.party.FieldChange;
import dev.etiquette.crm.api.party.Party;
import dev.etiquette.crm.api.party.PartyDraft;
import dev.etiquette.crm.measure.Reports;
import dev.etiquette.crm.testkit.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The measurement system through the JDBC storage, on each database: due measurements computed by the database's
 * aggregates, the KPI notifications written once per key with their idempotency records and delivered to the owner,
 * a replaced measurement audited, and a report.
 */
class MeasurementsOnJdbcTest {

  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void dueMeasurementsNotificationsAuditAndReport(Dialect dialect) {
    TestClock clock = TestClock.startingAt(Instant.parse("2026-03-20T09:00:00Z"));
    List<Delivery> delivered = new CopyOnWriteArrayList<>();
    Crm crm = Crm.builder().clock(clock).storage(JdbcStorageContractTests.storage(dialect))
        .stakeholders(new Directory(List.of(Stakeholder.internal("alice", "Alice")), List.of(
            Subscription.addressed(Set.of(NotificationKind.KPI_STALE, NotificationKind.KPI_OFF_TRACK), "email",
                Subscription.Cadence.IMMEDIATE))))
        .notifications(delivered::add).build();
    CrmTenant acme = crm.tenant(TenantId.of("m-" + UUID.randomUUID().toString().substring(0, 8)),
        Actor.user("maria"));
    acme.configure(acme.settings().withZone(BERLIN));
    Kpi frt = new Kpi("frt", "First response time", BuiltInKpi.FIRST_RESPONSE_TIME.definition(),
        KpiDirection.LOWER_IS_BETTER, 240, 60, LocalDate.of(2026, 12, 31), "alice", Cadence.MONTHLY);
    Kpi board = new Kpi("board", "Board rating", BuiltInKpi.MANUAL.definition(), KpiDirection.HIGHER_IS_BETTER, 1,
        5, LocalDate.of(2026, 12, 31), "alice", Cadence.MONTHLY);
    acme.measurement().define(new Vision("Fast", List.of(new Objective("respond", "Answer fast",
        List.of(frt, board)))));
    Party ada = acme.parties().create(PartyDraft.person("Ada").build());
    // replied after 4 hours: no better than the baseline, so off track
    acme.interactions().record(InteractionDraft.inbound(ada.id(), Channel.EMAIL, Purpose.SERVICE).conversation("c1")
        .occurredAt(Instant.parse("2026-03-02T09:00:00Z")).build());
    acme.interactions().record(InteractionDraft.outbound(ada.id(), Channel.EMAIL, Purpose.SERVICE).conversation("c1")
        .occurredAt(Instant.parse("2026-03-02T13:00:00Z")).build());
    MeasurementPeriod march = Cadence.MONTHLY.periodContaining(LocalDate.of(2026, 3, 1), BERLIN);

    clock.set(Instant.parse("2026-04-03T08:00:00Z"));
    MeasureRun run = acme.measurement().measureDue();
    MeasureRun again = acme.measurement().measureDue();

    assertThat(run.measured()).singleElement().satisfies(m -> {
      assertThat(m.period()).isEqualTo(march);
      assertThat(m.value()).contains(240.0);
    });
    assertThat(run.stale()).extracting(a -> a.kpi().id()).containsExactly("board");
    assertThat(run.notified()).isEqualTo(2);
    assertThat(again.measured()).isEmpty();
    assertThat(again.notified()).isZero();
    assertThat(delivered).extracting(d -> d.notifications().get(0).key()).containsExactlyInAnyOrder(
        "kpi:frt:off-track:2026-03-01", "kpi:board:stale:2026-03-01");
    assertThat(delivered).allSatisfy(d -> {
      Notification n = d.notifications().get(0);
      assertThat(d.recipient().id()).isEqualTo("alice");
      assertThat(n.recipient()).isEqualTo(AssignedTo.owner("alice"));
      assertThat(n.party()).isEmpty();
      assertThat(n.obligation()).isEmpty();
    });
    assertThat(acme.notifications().find("kpi:board:stale:2026-03-01/alice/email")).isPresent();
    assertThat(acme.measurement().assess("frt").status()).isEqualTo(KpiStatus.OFF_TRACK);

    clock.advance(Duration.ofHours(1));
    Measurement remeasured = acme.measurement().measure("frt", march);
    assertThat(remeasured.version()).isEqualTo(2);
    List<AuditEntry> audit = acme.audit().ofRecord("measurement", "frt/2026-03-01/2026-04-01", PageRequest.first(5))
        .items();
    assertThat(audit).singleElement().satisfies(e -> assertThat(e.changes()).contains(
        new FieldChange("value", Optional.of("240.0"), Optional.of("240.0"))));
    assertThat(acme.measurement().history("frt")).containsExactly(remeasured);

    Report report = acme.measurement().report();
    assertThat(report.objectives().get(0).status()).isEqualTo(KpiStatus.OFF_TRACK);
    assertThat(Reports.toCsv(report)).contains("respond,frt,first_response_time,MINUTES,LOWER_IS_BETTER,240,60,"
        + "2026-12-31,alice,MONTHLY,2026-03-01/2026-04-01,240,OFF_TRACK,false,240,,answered=1\r\n");
  }
}
