package dev.etiquette.crm.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.etiquette.crm.Crm;
import dev.etiquette.crm.api.Actor;
import dev.etiquette.crm.api.Channel;
import dev.etiquette.crm.api.CrmTenant;
import dev.etiquette.crm.api.Purpose;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.calendar.BusinessCalendar;
import dev.etiquette.crm.api.contact.ContactStatus;
import dev.etiquette.crm.api.interaction.ConversationId;
import dev.etiquette.crm.api.interaction.ConversationState;
import dev.etiquette.crm.api.interaction.InteractionDraft;
import dev.etiquette.crm.api.interaction.InteractionKind;
import dev.etiquette.crm.api.measure.BuiltInKpi;
import dev.etiquette.crm.api.measure.Cadence;
import dev.etiquette.crm.api.measure.Kpi;
import dev.etiquette.crm.api.measure.KpiAssessment;
import dev.etiquette.crm.api.measure.KpiDefinition;
import dev.etiquette.crm.api.measure.KpiDirection;
import dev.etiquette.crm.api.measure.KpiStatus;
import dev.etiquette.crm.api.measure.KpiValue;
import dev.etiquette.crm.api.measure.LedgerEntry;
import dev.etiquette.crm.api.measure.MeasurementPeriod;
import dev.etiquette.crm.api.measure.Measurements;
import dev.etiquette.crm.api.measure.Objective;
import dev.etiquette.crm.api.measure.Vision;
import dev.etiquette.crm.api.obligation.ObligationState;
import dev.etiquette.crm.api.party.AttributeValue;
import dev.etiquette.crm.api.party.ConsentDraft;
import dev.etiquette.crm.api.party.LifecycleStage;
import dev.etiquette.crm.api.party.Party;
import dev.etiquette.crm.api.party.PartyDraft;
import dev.etiquette.crm.api.party.PartyId;
import dev.etiquette.crm.api.party.Role;
import dev.etiquette.crm.examples.rules.SupportDeskRules;
import dev.etiquette.crm.testkit.TestClock;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The worked examples of {@code docs/measurement.md}, built through the public API exactly as the page tells them,
 * with the page's numbers. A change of a definition that changes a number fails here, and the page must change
 * with it.
 */
class MeasurementDocExamplesTest {

  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  private static final MeasurementPeriod OCTOBER = Cadence.MONTHLY.periodContaining(LocalDate.of(2026, 10, 1), PARIS);
  private static final MeasurementPeriod NOVEMBER = Cadence.MONTHLY.next(OCTOBER);

  private final TestClock clock = TestClock.startingAt(Instant.parse("2026-09-01T08:00:00Z"));
  private final Crm crm = Crm.builder().clock(clock).build();

  @AfterEach
  void close() {
    crm.close();
  }

  /** A tenant in Paris with the business calendar Monday to Friday 09:00-17:00. */
  private CrmTenant tenant(String name) {
    CrmTenant tenant = crm.tenant(TenantId.of(name), Actor.user("analyst"));
    tenant.configure(tenant.settings().withZone(PARIS)
        .withCalendar(BusinessCalendar.weekdays(PARIS, LocalTime.of(9, 0), LocalTime.of(17, 0))));
    return tenant;
  }

  private static Instant paris(int month, int day, int hour, int minute) {
    return LocalDateTime.of(2026, month, day, hour, minute).atZone(PARIS).toInstant();
  }

  private Party customer(CrmTenant tenant, String name) {
    return tenant.parties().create(PartyDraft.person(name).roles(Role.CUSTOMER).build());
  }

  private void inbound(CrmTenant tenant, PartyId party, String ticket, Instant at) {
    clock.set(at);
    tenant.interactions().record(InteractionDraft.inbound(party, Channel.EMAIL, Purpose.SERVICE)
        .conversation(ConversationId.of(ticket)).build());
  }

  private void outbound(CrmTenant tenant, PartyId party, String ticket, Instant at) {
    clock.set(at);
    tenant.interactions().record(InteractionDraft.outbound(party, Channel.EMAIL, Purpose.SERVICE)
        .conversation(ConversationId.of(ticket)).build());
  }

  private static double value(KpiValue v) {
    return v.value().orElseThrow();
  }

  @Test
  void firstResponseTime() {
    CrmTenant tenant = tenant("frt");
    PartyId ada = customer(tenant, "Ada").id();
    inbound(tenant, ada, "A", paris(10, 5, 10, 0));
    outbound(tenant, ada, "A", paris(10, 5, 10, 10));
    inbound(tenant, ada, "B", paris(10, 6, 14, 0));
    outbound(tenant, ada, "B", paris(10, 6, 14, 30));
    inbound(tenant, ada, "C", paris(10, 9, 16, 30));
    outbound(tenant, ada, "C", paris(10, 12, 9, 30));
    inbound(tenant, ada, "D", paris(10, 14, 11, 0));
    Measurements m = tenant.measurement();

    Map<String, Double> elapsed = Map.of("median", 30.0, "p90", 3126.0, "mean", 3940.0 / 3);
    Map<String, Double> business = Map.of("median", 30.0, "p90", 54.0, "mean", 100.0 / 3);
    for (String statistic : List.of("median", "p90", "mean")) {
      KpiValue e = m.evaluate(BuiltInKpi.FIRST_RESPONSE_TIME.with(Map.of("statistic", statistic, "time", "elapsed")),
          OCTOBER);
      KpiValue b = m.evaluate(BuiltInKpi.FIRST_RESPONSE_TIME.with(Map.of("statistic", statistic, "time", "business")),
          OCTOBER);
      assertThat(value(e)).as("elapsed " + statistic).isCloseTo(elapsed.get(statistic), within(1e-9));
      assertThat(value(b)).as("business " + statistic).isCloseTo(business.get(statistic), within(1e-9));
      assertThat(e.inputs()).containsEntry("answered", 3L);
    }
    assertThat(m.evaluate(BuiltInKpi.FIRST_RESPONSE_TIME.definition(), NOVEMBER).value()).isEmpty();
  }

  @Test
  void timeToResolution() {
    CrmTenant tenant = tenant("ttr");
    PartyId ada = customer(tenant, "Ada").id();
    Instant[][] tickets = {
        {paris(10, 2, 9, 0), paris(10, 2, 10, 0)},
        {paris(10, 3, 9, 0), paris(10, 3, 13, 0)},
        {paris(10, 4, 9, 0), paris(10, 5, 9, 0)}};
    for (int i = 0; i < tickets.length; i++) {
      inbound(tenant, ada, "T" + i, tickets[i][0]);
    }
    for (int i = 0; i < tickets.length; i++) {
      clock.set(tickets[i][1]);
      ConversationId id = ConversationId.of("T" + i);
      tenant.interactions().setConversationState(id, tenant.interactions().conversation(id).version(),
          ConversationState.RESOLVED);
    }
    Measurements m = tenant.measurement();
    assertThat(value(m.evaluate(BuiltInKpi.TIME_TO_RESOLUTION.definition(), OCTOBER))).isEqualTo(240.0);
    assertThat(value(m.evaluate(BuiltInKpi.TIME_TO_RESOLUTION.with(Map.of("statistic", "p90")), OCTOBER)))
        .isCloseTo(1200.0, within(1e-9));
    KpiValue mean = m.evaluate(BuiltInKpi.TIME_TO_RESOLUTION.with(Map.of("statistic", "mean")), OCTOBER);
    assertThat(value(mean)).isCloseTo(580.0, within(1e-9));
    assertThat(mean.inputs()).containsEntry("resolved", 3L);
  }

  @Test
  void slaCompliance() {
    CrmTenant tenant = tenant("sla");
    tenant.rules().publish(SupportDeskRules.load("support-desk.json"));
    PartyId ada = customer(tenant, "Ada").id();
    // six answered within the four business hours
    int[] weekdays = {12, 13, 14, 15, 16, 19};
    for (int day = 0; day < weekdays.length; day++) {
      Instant in = paris(10, weekdays[day], 10, 0);
      inbound(tenant, ada, "ON" + day, in);
      outbound(tenant, ada, "ON" + day, in.plusSeconds(3600));
    }
    inbound(tenant, ada, "LATE", paris(10, 6, 10, 0));
    outbound(tenant, ada, "LATE", paris(10, 6, 15, 0));
    inbound(tenant, ada, "BREACHED", paris(10, 7, 10, 0));
    inbound(tenant, ada, "CANCELLED", paris(10, 8, 10, 0));
    clock.set(paris(10, 8, 11, 0));
    ConversationId cancelled = ConversationId.of("CANCELLED");
    tenant.interactions().setConversationState(cancelled, tenant.interactions().conversation(cancelled).version(),
        ConversationState.RESOLVED);
    inbound(tenant, ada, "PENDING", paris(10, 30, 11, 0));
    clock.set(paris(10, 30, 12, 0));
    crm.processDue();
    assertThat(tenant.obligations().ofConversation(ConversationId.of("BREACHED")).get(0).state())
        .isEqualTo(ObligationState.BREACHED);
    assertThat(tenant.obligations().ofConversation(cancelled).get(0).state()).isEqualTo(ObligationState.CANCELLED);

    KpiValue compliance = tenant.measurement().evaluate(BuiltInKpi.SLA_COMPLIANCE.definition(), OCTOBER);
    assertThat(value(compliance)).isEqualTo(75.0);
    assertThat(compliance.inputs()).containsExactlyInAnyOrderEntriesOf(
        Map.of("on_time", 6L, "late", 1L, "missed", 1L, "pending", 1L));
  }

  @Test
  void breachesAndEscalations() {
    CrmTenant tenant = tenant("breaches");
    tenant.rules().publish(SupportDeskRules.load("support-desk.json"));
    PartyId ada = customer(tenant, "Ada").id();
    inbound(tenant, ada, "FRI-9", paris(10, 9, 10, 0));
    inbound(tenant, ada, "FRI-30", paris(10, 30, 12, 0));
    clock.set(paris(11, 3, 12, 0));
    crm.processDue();
    Measurements m = tenant.measurement();
    assertThat(value(m.evaluate(BuiltInKpi.BREACHES.definition(), OCTOBER))).isEqualTo(2.0);
    assertThat(value(m.evaluate(BuiltInKpi.ESCALATIONS.definition(), OCTOBER))).isEqualTo(3.0);
    assertThat(value(m.evaluate(BuiltInKpi.BREACHES.definition(), NOVEMBER))).isEqualTo(0.0);
    assertThat(value(m.evaluate(BuiltInKpi.ESCALATIONS.definition(), NOVEMBER))).isEqualTo(1.0);
  }

  @Test
  void contactsDenied() {
    CrmTenant tenant = tenant("denied");
    tenant.rules().publish(SupportDeskRules.load("marketing.json"));
    Party reader = tenant.parties().create(PartyDraft.person("Reader").roles(Role.CUSTOMER).email("reader@example.com")
        .consent(ConsentDraft.optIn(Channel.EMAIL, Purpose.MARKETING, "signup form")).build());
    Party stranger = tenant.parties().create(PartyDraft.person("Stranger").roles(Role.PROSPECT)
        .email("stranger@example.com").build());
    List<ContactStatus> statuses = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      clock.set(paris(10, 13, 10 + i, 0));
      statuses.add(tenant.contacts().reserve(reader.id(), Channel.EMAIL, Purpose.MARKETING).status());
    }
    assertThat(statuses).containsExactly(ContactStatus.RESERVED, ContactStatus.RESERVED, ContactStatus.DENIED,
        ContactStatus.DENIED, ContactStatus.DENIED);
    assertThat(tenant.contacts().reserve(stranger.id(), Channel.EMAIL, Purpose.MARKETING).status())
        .isEqualTo(ContactStatus.DENIED);

    KpiValue denied = tenant.measurement().evaluate(BuiltInKpi.CONTACTS_DENIED.definition(), OCTOBER);
    assertThat(value(denied)).isEqualTo(4.0);
    assertThat(denied.breakdown()).containsExactlyInAnyOrderEntriesOf(
        Map.of("marketing/consent", 1.0, "marketing/two-a-week", 3.0));
    assertThat(value(tenant.measurement().evaluate(BuiltInKpi.CONTACTS_DENIED.with(Map.of("rule",
        "marketing/consent")),
        OCTOBER))).isEqualTo(1.0);
  }

  @Test
  void customers() {
    CrmTenant tenant = tenant("customers");
    clock.set(paris(9, 15, 10, 0));
    List<Party> existing = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      existing.add(tenant.parties().create(PartyDraft.person("Customer " + i).roles(Role.CUSTOMER)
          .stage(LifecycleStage.CUSTOMER).build()));
    }
    List<Party> leads = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      leads.add(tenant.parties().create(PartyDraft.person("Lead " + i).roles(Role.PROSPECT)
          .stage(LifecycleStage.LEAD).build()));
    }
    for (int i = 0; i < 5; i++) {
      clock.set(paris(10, 5 + i, 11, 0));
      Party lead = leads.get(i);
      tenant.parties().moveStage(lead.id(), lead.version(), LifecycleStage.CUSTOMER);
    }
    for (int i = 0; i < 3; i++) {
      clock.set(paris(10, 20 + i, 11, 0));
      Party leaving = existing.get(i);
      tenant.parties().moveStage(leaving.id(), leaving.version(), LifecycleStage.CHURNED);
    }
    // twelve customers write in October, one of whom churned since: eleven are active
    for (int i = 2; i < 14; i++) {
      clock.set(paris(10, 26, 9, i));
      tenant.interactions().record(InteractionDraft.inbound(existing.get(i).id(), Channel.EMAIL, Purpose.SERVICE)
          .build());
    }
    clock.set(paris(11, 2, 9, 0));
    Measurements m = tenant.measurement();
    KpiValue retention = m.evaluate(BuiltInKpi.RETENTION.definition(), OCTOBER);
    assertThat(value(retention)).isCloseTo(92.5, within(1e-9));
    assertThat(retention.inputs()).containsEntry("at_start", 40L).containsEntry("at_end", 42L)
        .containsEntry("acquired", 5L);
    assertThat(value(m.evaluate(BuiltInKpi.CHURN.definition(), OCTOBER))).isCloseTo(7.5, within(1e-9));
    assertThat(value(m.evaluate(BuiltInKpi.ACQUISITION.definition(), OCTOBER))).isEqualTo(5.0);
    assertThat(value(m.evaluate(BuiltInKpi.ACTIVE_CUSTOMERS.definition(), OCTOBER))).isEqualTo(11.0);
    KpiValue stages = m.evaluate(BuiltInKpi.CUSTOMERS_BY_STAGE.definition(), OCTOBER);
    assertThat(value(stages)).isEqualTo(45.0);
    assertThat(stages.breakdown()).containsEntry("customer", 42.0).containsEntry("churned", 3.0);
    assertThat(value(m.evaluate(BuiltInKpi.CUSTOMERS_BY_STAGE.with(Map.of("stage", "customer")), OCTOBER)))
        .isEqualTo(42.0);
  }

  @Test
  void npsAndCsat() {
    CrmTenant tenant = tenant("surveys");
    PartyId ada = customer(tenant, "Ada").id();
    int minute = 0;
    for (int score : new int[] {9, 10, 9, 10, 9, 7, 8, 8, 3, 6}) {
      answer(tenant, ada, "nps", score, paris(10, 20, 10, minute++));
    }
    for (int score : new int[] {5, 5, 4, 4, 4, 3, 2, 1}) {
      answer(tenant, ada, "csat", score, paris(10, 20, 11, minute++));
    }
    answer(tenant, ada, "nps", 6, paris(11, 3, 10, 0));
    Measurements m = tenant.measurement();
    KpiValue nps = m.evaluate(BuiltInKpi.NPS.definition(), OCTOBER);
    assertThat(value(nps)).isCloseTo(30.0, within(1e-9));
    assertThat(nps.inputs()).containsEntry("answers", 10L).containsEntry("promoters", 5L)
        .containsEntry("passives", 3L).containsEntry("detractors", 2L);
    assertThat(value(m.evaluate(BuiltInKpi.CSAT.definition(), OCTOBER))).isCloseTo(62.5, within(1e-9));
    assertThat(value(m.evaluate(BuiltInKpi.NPS.definition(), NOVEMBER))).isEqualTo(-100.0);
    assertThat(m.evaluate(BuiltInKpi.CSAT.definition(), NOVEMBER).value()).isEmpty();
  }

  private void answer(CrmTenant tenant, PartyId party, String survey, int score, Instant at) {
    clock.set(at);
    tenant.interactions().record(InteractionDraft.inbound(party, Channel.EMAIL, Purpose.SURVEY)
        .kind(InteractionKind.SURVEY_ANSWER).attribute("survey", AttributeValue.of(survey))
        .attribute("score", AttributeValue.of(score)).build());
  }

  @Test
  void roi() {
    CrmTenant tenant = tenant("roi");
    Measurements m = tenant.measurement();
    m.addToLedger(LedgerEntry.cost("lic-2026-10", LedgerEntry.LICENCE, new BigDecimal("1200"), oct(1), "CRM licences"));
    m.addToLedger(LedgerEntry.hours("ops-2026-10", new BigDecimal("20"), new BigDecimal("45"), oct(31), "Admin time"));
    m.addToLedger(LedgerEntry.cost("onb-2026-10", LedgerEntry.SERVICES, new BigDecimal("400"), oct(15), "Onboarding"));
    m.addToLedger(LedgerEntry.value("rev-2026-10", LedgerEntry.ATTRIBUTED_REVENUE, new BigDecimal("3000"), oct(20),
        "Upsells"));
    m.addToLedger(LedgerEntry.value("ret-2026-10", LedgerEntry.RETAINED_VALUE, new BigDecimal("1000"), oct(31),
        "Saved renewals"));
    KpiValue roi = m.evaluate(BuiltInKpi.ROI.definition(), OCTOBER);
    assertThat(value(roi)).isCloseTo(60.0, within(1e-9));
    assertThat(roi.breakdown()).containsEntry("cost", 2500.0).containsEntry("value", 4000.0);
    assertThat(m.evaluate(BuiltInKpi.ROI.definition(), NOVEMBER).value()).isEmpty();
  }

  private static LocalDate oct(int day) {
    return LocalDate.of(2026, 10, day);
  }

  @Test
  void status() {
    CrmTenant tenant = tenant("status");
    LocalDate lastWeekEnd = LocalDate.of(2026, 10, 26);
    List<Kpi> kpis = new ArrayList<>();
    for (int days : new int[] {70, 35, 28}) {
      kpis.add(new Kpi("deadline-" + days, "Deadline " + days + " days after the last week",
          KpiDefinition.of("manual"), KpiDirection.HIGHER_IS_BETTER, 60, 80, lastWeekEnd.plusDays(days), "maria",
          Cadence.WEEKLY));
    }
    clock.set(paris(10, 27, 9, 0));
    Measurements m = tenant.measurement();
    m.define(new Vision("The status method, worked.", List.of(new Objective("status", "Status", kpis))));
    MeasurementPeriod week = Cadence.WEEKLY.periodContaining(LocalDate.of(2026, 10, 5), PARIS);
    for (double value : new double[] {62, 64, 66}) {
      for (Kpi kpi : kpis) {
        m.record(kpi.id(), week, value);
      }
      week = Cadence.WEEKLY.next(week);
    }
    Map<String, KpiStatus> expected = Map.of("deadline-70", KpiStatus.ON_TRACK, "deadline-35", KpiStatus.AT_RISK,
        "deadline-28", KpiStatus.OFF_TRACK);
    Map<String, Double> projections = Map.of("deadline-70", 86.0, "deadline-35", 76.0, "deadline-28", 74.0);
    for (Kpi kpi : kpis) {
      KpiAssessment a = m.assess(kpi.id());
      assertThat(a.status()).as(kpi.id()).isEqualTo(expected.get(kpi.id()));
      assertThat(a.projected().orElseThrow()).as(kpi.id()).isCloseTo(projections.get(kpi.id()), within(1e-9));
      assertThat(a.slopePerDay()).isCloseTo(2.0 / 7, within(1e-12));
      assertThat(a.points()).isEqualTo(3);
    }
  }
}
