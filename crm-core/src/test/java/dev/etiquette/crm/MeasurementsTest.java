package dev.etiquette.crm;

import static dev.etiquette.crm.api.notification.NotificationKind.KPI_OFF_TRACK;
import static dev.etiquette.crm.api.notification.NotificationKind.KPI_STALE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import dev.etiquette.crm.api.Actor;
import dev.etiquette.crm.api.Channel;
import dev.etiquette.crm.api.CrmTenant;
import dev.etiquette.crm.api.DuplicateKeyException;
import dev.etiquette.crm.api.NotFoundException;
import dev.etiquette.crm.api.PageRequest;
import dev.etiquette.crm.api.Purpose;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.ValidationException;
import dev.etiquette.crm.api.Violation;
import dev.etiquette.crm.api.calendar.BusinessCalendar;
import dev.etiquette.crm.api.interaction.Conversation;
import dev.etiquette.crm.api.interaction.ConversationId;
import dev.etiquette.crm.api.interaction.InteractionDraft;
import dev.etiquette.crm.api.interaction.InteractionKind;
import dev.etiquette.crm.api.measure.BuiltInKpi;
import dev.etiquette.crm.api.measure.Cadence;
import dev.etiquette.crm.api.measure.Kpi;
import dev.etiquette.crm.api.measure.KpiAssessment;
import dev.etiquette.crm.api.measure.KpiDefinition;
import dev.etiquette.crm.api.measure.KpiDirection;
import dev.etiquette.crm.api.measure.KpiReport;
import dev.etiquette.crm.api.measure.KpiStatus;
import dev.etiquette.crm.api.measure.KpiUnit;
import dev.etiquette.crm.api.measure.KpiValue;
import dev.etiquette.crm.api.measure.LedgerEntry;
import dev.etiquette.crm.api.measure.MeasureRun;
import dev.etiquette.crm.api.measure.Measurement;
import dev.etiquette.crm.api.measure.MeasurementException;
import dev.etiquette.crm.api.measure.MeasurementPeriod;
import dev.etiquette.crm.api.measure.Objective;
import dev.etiquette.crm.api.measure.Report;
import dev.etiquette.crm.api.measure.Vision;
import dev.etiquette.crm.api.notification.Delivery;
import dev.etiquette.crm.api.notification.Directory;
import dev.etiquette.crm.api.notification.Notification;
import dev.etiquette.crm.api.notification.Stakeholder;
import dev.etiquette.crm.api.notification.Subscription;
import dev.etiquette.crm.api.obligation.AssignedTo;
import dev.etiquette.crm.api.party.AttributeValue;
import dev.etiquette.crm.api.party.AuditAction;
import dev.etiquette.crm.api.party.AuditEntry;
import dev.etiquette.crm.api.party.FieldChange;
import dev.etiquette.crm.api.party.LifecycleStage;
import dev.etiquette.crm.api.party.Party;
import dev.etiquette.crm.api.party.PartyDraft;
import dev.etiquette.crm.api.spi.NotificationPort;
import dev.etiquette.crm.measure.Reports;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The measurement system through the public API on the in-memory storage: defining a vision (every problem at
 * once, audited), manual and custom KPIs, the built-ins on a small world in Berlin (first replies in business and
 * elapsed time, surveys, customers, the ledger), due measurements with stale and off-track notifications to the
 * owners, and reports. Time comes from a {@link MutableClock}: nothing sleeps.
 */
class MeasurementsTest {

  static final TenantId ACME = TenantId.of("acme");
  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  static final MeasurementPeriod MARCH = month(2026, 3);
  static final MeasurementPeriod APRIL = month(2026, 4);

  static MeasurementPeriod month(int year, int month) {
    return Cadence.MONTHLY.periodContaining(LocalDate.of(year, month, 1), BERLIN);
  }

  static Instant berlin(int month, int day, int hour, int minute) {
    return LocalDateTime.of(2026, month, day, hour, minute).atZone(BERLIN).toInstant();
  }

  static Kpi kpi(String id, KpiDefinition definition, KpiDirection direction, double baseline, double target,
      String owner) {
    return new Kpi(id, id.replace('-', ' '), definition, direction, baseline, target, LocalDate.of(2026, 12, 31),
        owner, Cadence.MONTHLY);
  }

  static final Kpi FRT = kpi("frt", BuiltInKpi.FIRST_RESPONSE_TIME.with(Map.of("time", "elapsed")),
      KpiDirection.LOWER_IS_BETTER, 240, 60, "alice");
  static final Kpi BOARD = kpi("board", BuiltInKpi.MANUAL.definition(), KpiDirection.HIGHER_IS_BETTER, 1, 5,
      "carol");
  static final Kpi LEDGER_LINES = kpi("ledger-lines", KpiDefinition.of("ledger_lines"),
      KpiDirection.HIGHER_IS_BETTER, 0, 10, "carol");

  static Vision vision(Kpi... kpis) {
    return new Vision("Customers hear from us fast", List.of(new Objective("respond", "Answer fast", List.of(kpis))));
  }

  /** Records every delivery. */
  static final class Port implements NotificationPort {
    final List<Delivery> delivered = new CopyOnWriteArrayList<>();

    @Override
    public void deliver(Delivery delivery) {
      delivered.add(delivery);
    }

    List<Notification> notifications() {
      return delivered.stream().flatMap(d -> d.notifications().stream()).toList();
    }
  }

  MutableClock clock;
  Port port;
  Crm crm;
  CrmTenant acme;

  @BeforeEach
  void setUp() {
    clock = new MutableClock(Instant.parse("2026-02-02T08:00:00Z"));
    port = new Port();
    Directory people = new Directory(List.of(Stakeholder.internal("alice", "Alice"),
        Stakeholder.internal("carol", "Carol")),
        List.of(Subscription.addressed(Set.of(KPI_STALE, KPI_OFF_TRACK), "email", Subscription.Cadence.IMMEDIATE)));
    crm = Crm.builder().clock(clock).stakeholders(people).notifications(port)
        .kpi("ledger_lines", context -> {
          // a custom KPI reads through the tenant's facades: here, the ledger's lines of the period
          int lines = context.tenant().measurement().ledger(context.period().start(), context.period().end()).size();
          return KpiValue.of(lines, Map.of("lines", (long) lines));
        })
        .kpi("broken", context -> {
          throw new IllegalStateException("the warehouse is down");
        })
        .kpi("picky", context -> {
          throw new NotFoundException("warehouse", "w-1");
        })
        .build();
    acme = crm.tenant(ACME, Actor.user("maria"));
    acme.configure(acme.settings().withZone(BERLIN)
        .withCalendar(BusinessCalendar.weekdays(BERLIN, LocalTime.of(9, 0), LocalTime.of(17, 0))));
  }

  // -------------------------------------------------------------------------------------------- defining

  @Nested
  class Defining {

    @Test
    void everyProblemIsReportedAtOnceWithItsPath() {
      Vision wrong = new Vision("Be great", List.of(
          new Objective("respond", "Answer fast", List.of(
              kpi("frt", BuiltInKpi.FIRST_RESPONSE_TIME.with(Map.of("statistic", "p95", "colour", "blue")),
                  KpiDirection.LOWER_IS_BETTER, 240, 60, "alice"))),
          new Objective("keep", "Keep customers", List.of(
              kpi("retention", BuiltInKpi.RETENTION.definition(), KpiDirection.HIGHER_IS_BETTER, 80, 90, "bob"),
              kpi("churn", KpiDefinition.of("churn_rate"), KpiDirection.LOWER_IS_BETTER, 5, 3, "bob"),
              kpi("nps", BuiltInKpi.NPS.definition(), KpiDirection.HIGHER_IS_BETTER, 30, 20, "bob"),
              kpi("stage", BuiltInKpi.CUSTOMERS_BY_STAGE.with(Map.of("stage", "Not A Stage")),
                  KpiDirection.HIGHER_IS_BETTER, 1, 2, "bob")))));

      ValidationException e = catchThrowableOfType(ValidationException.class,
          () -> acme.measurement().define(wrong));

      assertThat(e.violations()).extracting(Violation::path).containsExactly(
          "objectives[0].kpis[0].definition.parameters.colour",
          "objectives[0].kpis[0].definition.parameters.statistic",
          "objectives[1].kpis[1].definition.name",
          "objectives[1].kpis[2].target",
          "objectives[1].kpis[3].definition.parameters.stage");
      assertThat(e.violations().get(1)).isEqualTo(new Violation(
          "objectives[0].kpis[0].definition.parameters.statistic", "p95", "must be one of mean, median, p90"));
      assertThat(e.violations().get(2).message()).contains("neither a built-in KPI", "broken, ledger_lines, picky");
      assertThat(acme.measurement().vision()).isEmpty();
    }

    @Test
    void registeredCustomNamesAreAccepted() {
      assertThat(acme.measurement().define(vision(LEDGER_LINES))).isEqualTo(vision(LEDGER_LINES));
      assertThat(acme.measurement().vision()).contains(vision(LEDGER_LINES));
    }

    @Test
    void definingIsAuditedAndAnEqualVisionChangesNothing() {
      acme.measurement().define(vision(FRT, BOARD));
      acme.measurement().define(vision(FRT, BOARD));
      Kpi stricter = new Kpi("frt", FRT.name(), FRT.definition(), FRT.direction(), 240, 45, FRT.deadline(),
          "alice", FRT.cadence());
      acme.measurement().define(vision(stricter, BOARD));

      List<AuditEntry> trail = acme.audit().ofRecord("vision", "acme", PageRequest.first(10)).items();
      assertThat(trail).extracting(AuditEntry::action).containsExactly(AuditAction.CREATED, AuditAction.UPDATED);
      assertThat(trail.get(0).actor()).isEqualTo(Actor.user("maria"));
      assertThat(trail.get(0).changes()).contains(new FieldChange("kpis.frt.target", Optional.empty(),
          Optional.of("60.0")));
      assertThat(trail.get(1).changes()).containsExactly(new FieldChange("kpis.frt.target", Optional.of("60.0"),
          Optional.of("45.0")));
    }

    @Test
    void aCustomKpiCannotTakeABuiltInsName() {
      assertThatThrownBy(() -> Crm.builder().kpi("nps", context -> KpiValue.none(Map.of())))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("built-in");
      assertThatThrownBy(() -> Crm.builder().kpi("Open Cases", context -> KpiValue.none(Map.of())))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[a-z0-9_.-]");
      assertThatThrownBy(() -> Crm.builder().kpi("x", context -> KpiValue.none(Map.of()))
          .kpi("x", context -> KpiValue.none(Map.of())))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("registered already");
    }
  }

  // -------------------------------------------------------------------------------- manual, custom KPIs

  @Nested
  class ManualAndCustom {

    @BeforeEach
    void define() {
      acme.measurement().define(vision(FRT, BOARD, LEDGER_LINES,
          kpi("broken-kpi", KpiDefinition.of("broken"), KpiDirection.HIGHER_IS_BETTER, 0, 1, "carol"),
          kpi("picky-kpi", KpiDefinition.of("picky"), KpiDirection.HIGHER_IS_BETTER, 0, 1, "carol")));
      clock.set(Instant.parse("2026-04-10T08:00:00Z"));
    }

    @Test
    void aManualValueIsRecordedAndReplacedWithTheOldValueInTheAudit() {
      Measurement first = acme.measurement().record("board", MARCH, 3);
      clock.advance(Duration.ofHours(1));
      Measurement second = acme.measurement().record("board", MARCH, 3.5);

      assertThat(first.version()).isEqualTo(1);
      assertThat(first.recorded()).isTrue();
      assertThat(second.version()).isEqualTo(2);
      assertThat(second.takenAt()).isEqualTo(Instant.parse("2026-04-10T09:00:00Z"));
      assertThat(second.takenBy()).isEqualTo(Actor.user("maria"));
      assertThat(acme.measurement().history("board")).containsExactly(second);
      List<AuditEntry> audit = acme.audit().ofRecord("measurement", "board/2026-03-01/2026-04-01",
          PageRequest.first(10)).items();
      assertThat(audit).singleElement().satisfies(entry -> {
        assertThat(entry.action()).isEqualTo(AuditAction.UPDATED);
        assertThat(entry.changes()).contains(
            new FieldChange("value", Optional.of("3.0"), Optional.of("3.5")),
            new FieldChange("version", Optional.of("1"), Optional.of("2")),
            new FieldChange("takenAt", Optional.of("2026-04-10T08:00:00Z"), Optional.of("2026-04-10T09:00:00Z")));
      });
    }

    @Test
    void onlyAManualKpiIsRecordedAndOnlyAComputedOneMeasured() {
      assertThatThrownBy(() -> acme.measurement().record("frt", MARCH, 3))
          .isInstanceOf(ValidationException.class).hasMessageContaining("only a manual KPI is recorded");
      assertThatThrownBy(() -> acme.measurement().measure("board", MARCH))
          .isInstanceOf(ValidationException.class).hasMessageContaining("manual KPI");
      assertThatThrownBy(() -> acme.measurement().record("board", MARCH, Double.NaN))
          .isInstanceOf(ValidationException.class).hasMessageContaining("finite");
      assertThatThrownBy(() -> acme.measurement().record("nope", MARCH, 1))
          .isInstanceOf(NotFoundException.class);
      assertThatThrownBy(() -> acme.measurement().measure("nope", MARCH))
          .isInstanceOf(NotFoundException.class);
      assertThatThrownBy(() -> acme.measurement().record("board",
          new MeasurementPeriod(MARCH.start(), MARCH.end(), ZoneId.of("UTC")), 1))
          .isInstanceOf(ValidationException.class).hasMessageContaining("the tenant's zone, Europe/Berlin");
      assertThat(acme.measurement().history("board")).isEmpty();
    }

    @Test
    void aCustomKpiReadsThroughTheFacades() {
      acme.measurement().addToLedger(LedgerEntry.cost("c-1", LedgerEntry.LICENCE, new BigDecimal("100"),
          LocalDate.of(2026, 3, 3), "licences"));
      acme.measurement().addToLedger(LedgerEntry.hours("c-2", new BigDecimal("2.5"), new BigDecimal("80"),
          LocalDate.of(2026, 3, 31), "set-up"));
      acme.measurement().addToLedger(LedgerEntry.value("v-1", LedgerEntry.ATTRIBUTED_REVENUE,
          new BigDecimal("900"), LocalDate.of(2026, 4, 1), "deal"));

      Measurement lines = acme.measurement().measure("ledger-lines", MARCH);

      assertThat(lines.value()).contains(2.0);
      assertThat(lines.result().inputs()).isEqualTo(Map.of("lines", 2L));
      assertThat(lines.recorded()).isFalse();
      assertThat(acme.measurement().evaluate(KpiDefinition.of("ledger_lines"), APRIL).value()).contains(1.0);
    }

    @Test
    void aFailingCustomFunctionFailsItsKpiByName() {
      MeasurementException e = catchThrowableOfType(MeasurementException.class,
          () -> acme.measurement().measure("broken-kpi", MARCH));

      assertThat(e.kpi()).isEqualTo("broken-kpi");
      assertThat(e.getMessage()).startsWith("KPI broken-kpi: ").contains("broken", "the warehouse is down");
      assertThat(e.getCause()).isInstanceOf(IllegalStateException.class);
      // the library's own exceptions pass through as they are
      assertThatThrownBy(() -> acme.measurement().measure("picky-kpi", MARCH)).isInstanceOf(NotFoundException.class);
      assertThat(acme.measurement().history("broken-kpi")).isEmpty();
    }

    @Test
    void aFailingCustomKpiStaysDueAndGoesStale() {
      MeasureRun run = acme.measurement().measureDue();

      assertThat(run.measured()).extracting(Measurement::kpi).containsExactlyInAnyOrder("frt", "ledger-lines");
      assertThat(run.stale()).extracting(a -> a.kpi().id())
          .containsExactlyInAnyOrder("board", "broken-kpi", "picky-kpi");
    }

    @Test
    void evaluatingChecksTheDefinitionAndStoresNothing() {
      ValidationException e = catchThrowableOfType(ValidationException.class, () -> acme.measurement()
          .evaluate(BuiltInKpi.SLA_COMPLIANCE.with(Map.of("kind", "urgent")), MARCH));

      assertThat(e.violations()).extracting(Violation::path).containsExactly("definition.parameters.kind");
      assertThatThrownBy(() -> acme.measurement().evaluate(BuiltInKpi.MANUAL.definition(), MARCH))
          .isInstanceOf(ValidationException.class);
      assertThat(acme.measurement().evaluate(BuiltInKpi.BREACHES.definition(), MARCH))
          .isEqualTo(KpiValue.of(0, Map.of("breaches", 0L)));
      assertThat(acme.measurement().history("frt")).isEmpty();
    }

    @Test
    void theLedgerRefusesAnIdTwiceAndListsByDate() {
      LedgerEntry licence = LedgerEntry.cost("c-1", LedgerEntry.LICENCE, new BigDecimal("100"),
          LocalDate.of(2026, 3, 3), "licences");
      acme.measurement().addToLedger(licence);

      assertThatThrownBy(() -> acme.measurement().addToLedger(licence)).isInstanceOf(DuplicateKeyException.class);
      assertThat(acme.measurement().ledger(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 3))).isEmpty();
      assertThat(acme.measurement().ledger(LocalDate.of(2026, 3, 3), LocalDate.of(2026, 3, 4)))
          .containsExactly(licence);
      assertThatThrownBy(() -> acme.measurement().ledger(LocalDate.of(2026, 3, 4), LocalDate.of(2026, 3, 3)))
          .isInstanceOf(ValidationException.class);
    }
  }

  // ------------------------------------------------------------------------------------------- built-ins

  /**
   * A small March in Berlin. Ada, a customer since February, writes three times:
   * <ul>
   *   <li>Monday 2 March 10:00, answered 10:30: 30 minutes, 30 of them business time;</li>
   *   <li>Friday 6 March 16:50, answered Monday 9 March 09:10: 3,860 minutes, 20 of business time;</li>
   *   <li>Tuesday 10 March 11:00, recorded after the reply of 12:00 that was recorded first: 60 minutes.</li>
   * </ul>
   * Elapsed: 30, 60, 3,860, median 60; business: 20, 30, 60, median 30. Bob becomes a customer on 16 March.
   * Survey answers 10, 9, 8 and 6 in March (NPS (2 − 1) ÷ 4 = 25), 0 in April. The ledger: 1,000 of cost on
   * 5 March, 1,500 of value on 20 March (ROI 50 %).
   */
  @Nested
  class BuiltIns {

    Party ada;
    Party bob;

    @BeforeEach
    void world() {
      clock.set(berlin(2, 10, 9, 0));
      ada = acme.parties().create(PartyDraft.person("Ada").stage(LifecycleStage.LEAD).build());
      bob = acme.parties().create(PartyDraft.person("Bob").stage(LifecycleStage.LEAD).build());
      ada = acme.parties().moveStage(ada.id(), ada.version(), LifecycleStage.CUSTOMER);
      clock.set(berlin(3, 16, 9, 0));
      bob = acme.parties().moveStage(bob.id(), bob.version(), LifecycleStage.CUSTOMER);
      clock.set(berlin(4, 10, 12, 0));
      say(true, "C1", berlin(3, 2, 10, 0));
      say(false, "C1", berlin(3, 2, 10, 30));
      say(true, "C2", berlin(3, 6, 16, 50));
      say(false, "C2", berlin(3, 9, 9, 10));
      say(false, "C3", berlin(3, 10, 12, 0));
      say(true, "C3", berlin(3, 10, 11, 0));
      answer(10, berlin(3, 3, 12, 0));
      answer(9, berlin(3, 31, 23, 59));
      answer(8, berlin(3, 1, 0, 0));
      answer(6, berlin(3, 20, 12, 0));
      answer(0, berlin(4, 1, 0, 0));
      acme.measurement().addToLedger(LedgerEntry.cost("c-1", LedgerEntry.LICENCE, new BigDecimal("1000"),
          LocalDate.of(2026, 3, 5), "licences"));
      acme.measurement().addToLedger(LedgerEntry.value("v-1", LedgerEntry.RETAINED_VALUE, new BigDecimal("1500"),
          LocalDate.of(2026, 3, 20), "renewals"));
    }

    void say(boolean inbound, String conversation, Instant at) {
      InteractionDraft.Builder draft = inbound ? InteractionDraft.inbound(ada.id(), Channel.EMAIL, Purpose.SERVICE)
          : InteractionDraft.outbound(ada.id(), Channel.EMAIL, Purpose.SERVICE);
      acme.interactions().record(draft.conversation(conversation).occurredAt(at).build());
    }

    void answer(int score, Instant at) {
      acme.interactions().record(InteractionDraft.inbound(ada.id(), Channel.IN_APP, Purpose.SURVEY)
          .kind(InteractionKind.SURVEY_ANSWER).occurredAt(at)
          .attribute("survey", AttributeValue.of("nps")).attribute("score", AttributeValue.of(score)).build());
    }

    KpiValue evaluate(KpiDefinition definition) {
      return acme.measurement().evaluate(definition, MARCH);
    }

    @Test
    void conversationsKeepTheirFirstReplyInBusinessAndElapsedTime() {
      Conversation c2 = acme.interactions().conversation(ConversationId.of("C2"));
      Conversation c3 = acme.interactions().conversation(ConversationId.of("C3"));

      assertThat(c2.firstReplyAt()).contains(berlin(3, 9, 9, 10));
      assertThat(c2.firstReplyBusinessTime()).contains(Duration.ofMinutes(20));
      assertThat(c3.firstReplyAt()).contains(berlin(3, 10, 12, 0)); // found again when the inbound came in
      assertThat(c3.firstReplyBusinessTime()).contains(Duration.ofMinutes(60));
    }

    @Test
    void firstResponseTime() {
      assertThat(evaluate(BuiltInKpi.FIRST_RESPONSE_TIME.with(Map.of("time", "elapsed"))))
          .isEqualTo(KpiValue.of(60, Map.of("answered", 3L)));
      assertThat(evaluate(BuiltInKpi.FIRST_RESPONSE_TIME.definition()))
          .isEqualTo(KpiValue.of(30, Map.of("answered", 3L)));
      assertThat(evaluate(BuiltInKpi.FIRST_RESPONSE_TIME.with(Map.of("time", "elapsed", "statistic", "mean")))
          .value().orElseThrow()).isCloseTo((30 + 60 + 3860) / 3.0, within(1e-9));
      // p90 of 30, 60, 3,860: r = 1.8, 60 + 0.8 × 3,800
      assertThat(evaluate(BuiltInKpi.FIRST_RESPONSE_TIME.with(Map.of("time", "elapsed", "statistic", "p90")))
          .value().orElseThrow()).isCloseTo(3100, within(1e-9));
      assertThat(acme.measurement().evaluate(BuiltInKpi.FIRST_RESPONSE_TIME.definition(), APRIL).value()).isEmpty();
    }

    @Test
    void npsAndCsat() {
      assertThat(evaluate(BuiltInKpi.NPS.definition())).isEqualTo(KpiValue.of(25, Map.of("answers", 4L,
          "promoters", 2L, "passives", 1L, "detractors", 1L, "ignored", 0L)));
      assertThat(acme.measurement().evaluate(BuiltInKpi.NPS.definition(), APRIL).value()).contains(-100.0);
      assertThat(evaluate(BuiltInKpi.CSAT.definition()).value()).isEmpty(); // no csat survey
    }

    @Test
    void customers() {
      assertThat(evaluate(BuiltInKpi.ACQUISITION.definition()).value()).contains(1.0);
      assertThat(evaluate(BuiltInKpi.ACTIVE_CUSTOMERS.definition()).value()).contains(1.0); // Bob said nothing
      assertThat(evaluate(BuiltInKpi.RETENTION.definition())).isEqualTo(KpiValue.of(100,
          Map.of("at_start", 1L, "at_end", 2L, "acquired", 1L)));
      assertThat(evaluate(BuiltInKpi.CUSTOMERS_BY_STAGE.with(Map.of("stage", "customer"))).value()).contains(2.0);
      assertThat(acme.measurement().evaluate(BuiltInKpi.RETENTION.definition(), month(2026, 2)).value()).isEmpty();
    }

    @Test
    void roi() {
      KpiValue roi = evaluate(BuiltInKpi.ROI.definition());

      assertThat(roi.value()).contains(50.0);
      assertThat(roi.breakdown()).isEqualTo(Map.of("cost", 1000.0, "value", 1500.0));
    }

    @Test
    void aMeasurementIsTakenAtTheClocksInstantAndKeptAsHistory() {
      acme.measurement().define(vision(FRT));

      Measurement march = acme.measurement().measure("frt", MARCH);
      Measurement april = acme.measurement().measure("frt", APRIL);

      assertThat(march.value()).contains(60.0);
      assertThat(march.takenAt()).isEqualTo(clock.instant());
      assertThat(april.value()).isEmpty();
      assertThat(acme.measurement().history("frt")).containsExactly(march, april);
    }
  }

  // ------------------------------------------------------------------------------- due work, notifications

  @Nested
  class DueWork {

    @BeforeEach
    void define() {
      acme.measurement().define(vision(FRT, BOARD));
    }

    void reply(Party party, String conversation, Instant in, Duration after) {
      acme.interactions().record(InteractionDraft.inbound(party.id(), Channel.EMAIL, Purpose.SERVICE)
          .conversation(conversation).occurredAt(in).build());
      acme.interactions().record(InteractionDraft.outbound(party.id(), Channel.EMAIL, Purpose.SERVICE)
          .conversation(conversation).occurredAt(in.plus(after)).build());
    }

    @Test
    void theLastClosedPeriodIsMeasuredAndAnOffTrackKpiItsOwnerTold() {
      clock.set(berlin(3, 20, 12, 0));
      Party ada = acme.parties().create(PartyDraft.person("Ada").build());
      reply(ada, "C1", berlin(3, 2, 10, 0), Duration.ofHours(4)); // 240 minutes: no better than the baseline
      clock.set(berlin(4, 1, 10, 0)); // March closed ten hours ago: within the grace

      MeasureRun run = acme.measurement().measureDue();

      assertThat(run.measured()).singleElement().satisfies(m -> {
        assertThat(m.kpi()).isEqualTo("frt");
        assertThat(m.period()).isEqualTo(MARCH);
        assertThat(m.value()).contains(240.0);
      });
      assertThat(run.stale()).isEmpty(); // the board's value may still come
      assertThat(run.notified()).isEqualTo(1);
      assertThat(port.notifications()).singleElement().satisfies(n -> {
        assertThat(n.kind()).isEqualTo(KPI_OFF_TRACK);
        assertThat(n.key()).isEqualTo("kpi:frt:off-track:2026-03-01");
        assertThat(n.kpi()).contains("frt");
        assertThat(n.recipient()).isEqualTo(AssignedTo.owner("alice"));
        assertThat(n.party()).isEmpty();
        assertThat(n.obligation()).isEmpty();
        assertThat(n.message()).contains("off track", "240.0");
      });
      assertThat(port.delivered.get(0).recipient().id()).isEqualTo("alice");
      assertThat(acme.measurement().assess("frt").status()).isEqualTo(KpiStatus.OFF_TRACK);

      // measuring again finds nothing due, and tells no one twice
      assertThat(acme.measurement().measureDue().measured()).isEmpty();
      assertThat(port.delivered).hasSize(1);
    }

    @Test
    void aKpiWithoutItsMeasurementADayAfterItsPeriodIsStaleAndItsOwnerToldOncePerPeriod() {
      clock.set(berlin(4, 1, 23, 59)); // March ended at 00:00, 24 hours ago less a minute
      assertThat(acme.measurement().measureDue().stale()).isEmpty();
      clock.set(berlin(4, 2, 0, 0));

      MeasureRun run = acme.measurement().measureDue();

      assertThat(run.stale()).singleElement().satisfies(a -> {
        assertThat(a.kpi()).isEqualTo(BOARD);
        assertThat(a.overdue()).contains(MARCH);
        assertThat(a.status()).isEqualTo(KpiStatus.NO_DATA);
      });
      assertThat(run.notified()).isEqualTo(1);
      assertThat(port.notifications()).singleElement().satisfies(n -> {
        assertThat(n.kind()).isEqualTo(KPI_STALE);
        assertThat(n.key()).isEqualTo("kpi:board:stale:2026-03-01");
        assertThat(n.recipient()).isEqualTo(AssignedTo.owner("carol"));
        assertThat(n.at()).isEqualTo(berlin(4, 2, 0, 0));
      });

      clock.advance(Duration.ofHours(5));
      MeasureRun again = acme.measurement().measureDue();
      assertThat(again.stale()).hasSize(1);
      assertThat(again.notified()).isZero();
      assertThat(port.delivered).hasSize(1);

      acme.measurement().record("board", MARCH, 5); // the target: achieved, so no off-track notice either
      assertThat(acme.measurement().assess("board").stale()).isFalse();
      assertThat(acme.measurement().measureDue().stale()).isEmpty();

      clock.set(berlin(5, 3, 9, 0)); // April is overdue now
      MeasureRun may = acme.measurement().measureDue();
      assertThat(may.notified()).isEqualTo(1);
      assertThat(port.notifications()).extracting(Notification::key)
          .containsExactly("kpi:board:stale:2026-03-01", "kpi:board:stale:2026-04-01");
    }

    @Test
    void withoutASubscriptionNothingIsWrittenAndNothingRemembered() {
      Crm quiet = Crm.builder().clock(clock).notifications(port).build(); // the default directory: obligations only
      CrmTenant tenant = quiet.tenant(ACME);
      tenant.measurement().define(vision(BOARD));
      clock.set(berlin(4, 5, 0, 0));

      MeasureRun run = tenant.measurement().measureDue();

      assertThat(run.stale()).hasSize(1);
      assertThat(run.notified()).isZero();
      assertThat(port.delivered).isEmpty();
    }

    @Test
    void missedPeriodsAreMeasuredAfterTheLatestOneAtMostTwelve() {
      clock.set(berlin(4, 3, 0, 0));
      assertThat(acme.measurement().measureDue().measured()).extracting(Measurement::period)
          .containsExactly(MARCH); // no history: the last closed period alone
      clock.set(berlin(8, 15, 0, 0));
      assertThat(acme.measurement().measureDue().measured()).extracting(Measurement::period)
          .containsExactly(APRIL, month(2026, 5), month(2026, 6), month(2026, 7));

      Kpi weekly = new Kpi("weekly-frt", "FRT weekly", FRT.definition(), FRT.direction(), 240, 60,
          LocalDate.of(2026, 12, 31), "alice", Cadence.WEEKLY);
      acme.measurement().define(vision(FRT, BOARD, weekly));
      acme.measurement().measure("weekly-frt", Cadence.WEEKLY.periodContaining(LocalDate.of(2026, 1, 5), BERLIN));
      List<Measurement> caughtUp = acme.measurement().measureDue().measured();

      assertThat(caughtUp).hasSize(12).allSatisfy(m -> assertThat(m.kpi()).isEqualTo("weekly-frt"));
      assertThat(caughtUp.get(11).period()).isEqualTo(Cadence.WEEKLY.lastClosed(clock.instant(), BERLIN));
      assertThat(caughtUp.get(0).period().start()).isEqualTo(LocalDate.of(2026, 5, 18));
    }

    @Test
    void theCrmMeasuresTheTenantsItIsGiven() {
      clock.set(berlin(4, 3, 0, 0));
      CrmTenant globex = crm.tenant(TenantId.of("globex"));

      Map<TenantId, MeasureRun> runs = crm.measureDue(List.of(ACME, globex.tenantId()));

      assertThat(runs.get(ACME).measured()).hasSize(1);
      assertThat(runs.get(globex.tenantId())).isEqualTo(new MeasureRun(clock.instant(), List.of(), List.of(), 0));
    }
  }

  // ------------------------------------------------------------------------------------------------ report

  @Test
  void aReportShowsEveryObjectiveAndKpiWithItsStatusAndPreviousValues() {
    Kpi csat = kpi("csat", BuiltInKpi.CSAT.definition(), KpiDirection.HIGHER_IS_BETTER, 70, 90, "bob");
    Vision vision = new Vision("Customers hear from us fast", List.of(
        new Objective("respond", "Answer fast", List.of(BOARD)),
        new Objective("please", "Please customers", List.of(FRT, csat))));
    acme.measurement().define(vision);
    clock.set(berlin(5, 5, 9, 0));
    acme.measurement().record("board", month(2026, 2), 2);
    acme.measurement().record("board", MARCH, 3);
    acme.measurement().record("board", APRIL, 4.5);
    acme.measurement().measure("frt", APRIL);

    Report report = acme.measurement().report();

    assertThat(report.at()).isEqualTo(clock.instant());
    assertThat(report.objectives()).extracting(Report.ObjectiveReport::status)
        .containsExactly(KpiStatus.ON_TRACK, KpiStatus.NO_DATA);
    KpiReport board = report.objectives().get(0).kpis().get(0);
    assertThat(board.unit()).isEqualTo(KpiUnit.NUMBER);
    assertThat(board.period()).isEqualTo(APRIL);
    assertThat(board.current().flatMap(Measurement::value)).contains(4.5);
    assertThat(board.previous()).extracting(m -> m.value().orElseThrow()).containsExactly(3.0, 2.0);
    KpiAssessment trend = board.assessment();
    assertThat(trend.status()).isEqualTo(KpiStatus.ON_TRACK); // rising about 1.25 a month, 5 well before December
    KpiReport frt = report.objectives().get(1).kpis().get(0);
    assertThat(frt.current()).hasValueSatisfying(m -> assertThat(m.value()).isEmpty());
    assertThat(frt.assessment().status()).isEqualTo(KpiStatus.NO_DATA);
    assertThat(frt.assessment().stale()).isFalse();
    assertThat(report.objectives().get(1).kpis().get(1).assessment().stale()).isTrue();

    String csv = Reports.toCsv(report);
    assertThat(csv.split("\r\n")).hasSize(4);
    assertThat(csv).contains("\r\nrespond,board,manual,NUMBER,HIGHER_IS_BETTER,1,5,2026-12-31,carol,MONTHLY,"
        + "2026-04-01/2026-05-01,4.5,ON_TRACK,false,");
    assertThat(Reports.toJson(report)).contains("\"vision\": \"Customers hear from us fast\"");

    Report earlier = acme.measurement().report(berlin(4, 15, 0, 0), 1);
    KpiReport boardInApril = earlier.objectives().get(0).kpis().get(0);
    assertThat(boardInApril.period()).isEqualTo(MARCH);
    assertThat(boardInApril.current().flatMap(Measurement::value)).contains(3.0);
    assertThat(boardInApril.previous()).extracting(Measurement::period).containsExactly(month(2026, 2));
    assertThatThrownBy(() -> acme.measurement().report(clock.instant(), -1))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> crm.tenant(TenantId.of("globex")).measurement().report())
        .isInstanceOf(NotFoundException.class);
  }
}
