package dev.etiquette.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.etiquette.crm.api.Actor;
import dev.etiquette.crm.api.Channel;
import dev.etiquette.crm.api.CrmTenant;
import dev.etiquette.crm.api.PageRequest;
import dev.etiquette.crm.api.Purpose;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.ValidationException;
import dev.etiquette.crm.api.calendar.BusinessCalendar;
import dev.etiquette.crm.api.interaction.ConversationId;
import dev.etiquette.crm.api.interaction.ConversationState;
import dev.etiquette.crm.api.interaction.InteractionDraft;
import dev.etiquette.crm.api.interaction.InteractionKind;
import dev.etiquette.crm.api.notification.Notification;
import dev.etiquette.crm.api.notification.NotificationKind;
import dev.etiquette.crm.api.obligation.AssignedTo;
import dev.etiquette.crm.api.obligation.DueWork;
import dev.etiquette.crm.api.obligation.EscalationPoint;
import dev.etiquette.crm.api.obligation.Obligation;
import dev.etiquette.crm.api.obligation.ObligationEvent;
import dev.etiquette.crm.api.obligation.ObligationKind;
import dev.etiquette.crm.api.obligation.ObligationQuery;
import dev.etiquette.crm.api.obligation.ObligationState;
import dev.etiquette.crm.api.party.LifecycleStage;
import dev.etiquette.crm.api.party.Party;
import dev.etiquette.crm.api.party.PartyDraft;
import dev.etiquette.crm.api.party.Role;
import dev.etiquette.crm.api.rules.Assignee;
import dev.etiquette.crm.api.rules.DormancyRule;
import dev.etiquette.crm.api.rules.EventFilter;
import dev.etiquette.crm.api.rules.FollowUpRule;
import dev.etiquette.crm.api.rules.ResponseRule;
import dev.etiquette.crm.api.rules.RuleSet;
import dev.etiquette.crm.api.rules.Warning;
import dev.etiquette.crm.json.CrmJson;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The obligation engine through the public API, on the in-memory storage, with hand-computed deadlines. The
 * business keeps New York hours, 09:00–17:00 on weekdays; in 2026 New York's clocks spring forward on Sunday
 * 8 March (EST, UTC−5, before; EDT, UTC−4, after).
 */
class ObligationsTest {

  static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  static final Instant START = Instant.parse("2026-03-06T19:00:00Z"); // Friday 14:00 EST

  MutableClock clock;
  Crm crm;
  CrmTenant acme;
  Party ada;
  final List<Notification> delivered = new CopyOnWriteArrayList<>();

  static RuleSet supportDesk() {
    return RuleSet.builder("support-desk", 1, Instant.parse("2026-01-01T00:00:00Z"))
        .rule(ResponseRule.firstResponse("first-response")
            .channels(Channel.EMAIL)
            .within(Duration.ofHours(4))
            .warning(Warning.before(Duration.ofHours(1)))
            .escalate("team_lead", Duration.ofMinutes(30))
            .escalate("head_of_support", Duration.ofHours(2))
            .assignee(Assignee.team("support-queue"))
            .build())
        .rule(ResponseRule.nextResponse("next-response")
            .channels(Channel.EMAIL)
            .within(Duration.ofHours(8))
            .assignee(Assignee.owner("support-queue"))
            .build())
        .rule(FollowUpRule.builder("thank-you", "Thank the customer for the purchase")
            .after(EventFilter.of(InteractionKind.PURCHASE).build())
            .delay(Duration.ofDays(1))
            .within(Duration.ofHours(8))
            .satisfiedBy(EventFilter.of(InteractionKind.CONTACT).outbound().build())
            .cancelWhen(EventFilter.of(InteractionKind.SUPPORT_CASE_EVENT).build())
            .assignee(Assignee.owner("sales"))
            .build())
        .build();
  }

  @BeforeEach
  void setUp() {
    clock = new MutableClock(START);
    AtomicInteger ids = new AtomicInteger();
    crm = Crm.builder().clock(clock).idGenerator(type -> type + "-" + ids.incrementAndGet())
        .notifications(d -> delivered.add(d.notification())).build();
    acme = crm.tenant(TenantId.of("acme"), Actor.user("alice"));
    acme.configure(acme.settings().withZone(NEW_YORK)
        .withCalendar(BusinessCalendar.weekdays(NEW_YORK, LocalTime.of(9, 0), LocalTime.of(17, 0))));
    acme.rules().publish(supportDesk());
    ada = acme.parties().create(PartyDraft.person("Ada Lovelace").roles(Role.CUSTOMER).owner("bob").build());
  }

  private void inboundEmail(String conversation, Instant at) {
    clock.set(at);
    acme.interactions().record(InteractionDraft.inbound(ada.id(), Channel.EMAIL, Purpose.SERVICE)
        .conversation(conversation).occurredAt(at).build());
  }

  private void outboundEmail(String conversation, Instant at) {
    clock.set(at);
    acme.interactions().record(InteractionDraft.outbound(ada.id(), Channel.EMAIL, Purpose.SERVICE)
        .conversation(conversation).occurredAt(at).build());
  }

  private Obligation only(String conversation) {
    List<Obligation> all = acme.obligations().ofConversation(ConversationId.of(conversation));
    assertThat(all).hasSize(1);
    return all.get(0);
  }

  private DueWork processAt(Instant at) {
    clock.set(at);
    return crm.processDue();
  }

  @Test
  void firstResponseDeadlineCrossesTheWeekendAndTheSpringDstChange() {
    inboundEmail("c-1", Instant.parse("2026-03-06T20:00:00Z")); // Friday 15:00 EST

    Obligation o = only("c-1");
    assertThat(o.kind()).isEqualTo(ObligationKind.FIRST_RESPONSE);
    assertThat(o.state()).isEqualTo(ObligationState.OPEN);
    assertThat(o.assignee()).isEqualTo(AssignedTo.role("support-queue")); // Ada has no team
    assertThat(o.rule().toString()).isEqualTo("support-desk v1 first-response");
    // Friday 15:00–17:00 counts 2 h; Monday 9 March (EDT) 09:00–11:00 the other 2 h
    assertThat(o.dueAt()).isEqualTo(Instant.parse("2026-03-09T15:00:00Z"));
    assertThat(o.warnAt()).contains(Instant.parse("2026-03-09T14:00:00Z"));
    assertThat(o.escalations()).containsExactly(
        new EscalationPoint(1, "team_lead", Instant.parse("2026-03-09T15:30:00Z")),
        new EscalationPoint(2, "head_of_support", Instant.parse("2026-03-09T17:30:00Z")));
    assertThat(o.nextDueAt()).contains(Instant.parse("2026-03-09T14:00:00Z"));
  }

  @Test
  void warningBreachAndEscalationFallOnceEachAndALateReplySatisfiesLate() {
    inboundEmail("c-1", Instant.parse("2026-03-06T20:00:00Z"));

    assertThat(processAt(Instant.parse("2026-03-09T13:59:59Z"))).isEqualTo(DueWork.NONE);
    assertThat(processAt(Instant.parse("2026-03-09T14:00:00Z"))).isEqualTo(new DueWork(0, 1, 0, 0));
    assertThat(processAt(Instant.parse("2026-03-09T15:00:00Z"))).isEqualTo(new DueWork(0, 0, 1, 0));
    assertThat(processAt(Instant.parse("2026-03-09T15:00:00Z"))).isEqualTo(DueWork.NONE);
    assertThat(processAt(Instant.parse("2026-03-09T15:45:00Z"))).isEqualTo(new DueWork(0, 0, 0, 1));
    assertThat(only("c-1").state()).isEqualTo(ObligationState.BREACHED);
    assertThat(acme.obligations().search(ObligationQuery.escalated(), PageRequest.first(10)).items())
        .extracting(Obligation::id).containsExactly(only("c-1").id());

    outboundEmail("c-1", Instant.parse("2026-03-09T16:00:00Z"));
    assertThat(processAt(Instant.parse("2026-03-10T12:00:00Z"))).isEqualTo(DueWork.NONE);

    Obligation o = only("c-1");
    assertThat(o.state()).isEqualTo(ObligationState.SATISFIED_LATE);
    assertThat(o.breachedAt()).contains(Instant.parse("2026-03-09T15:00:00Z"));
    assertThat(o.settledAt()).contains(Instant.parse("2026-03-09T16:00:00Z"));
    assertThat(o.history()).extracting(ObligationEvent::type).containsExactly(ObligationEvent.Type.OPENED,
        ObligationEvent.Type.WARNED, ObligationEvent.Type.BREACHED, ObligationEvent.Type.ESCALATED,
        ObligationEvent.Type.SATISFIED_LATE);
    assertThat(o.history()).allSatisfy(e -> assertThat(e.ruleVersion()).isEqualTo(1));
    assertThat(delivered).extracting(Notification::kind).containsExactly(NotificationKind.OBLIGATION_WARNING,
        NotificationKind.OBLIGATION_BREACHED, NotificationKind.OBLIGATION_ESCALATED);
    assertThat(delivered.get(2).recipient()).isEqualTo(AssignedTo.role("team_lead"));
    assertThat(CrmJson.fromJson(CrmJson.toJson(o), Obligation.class)).as("JSON round trip").isEqualTo(o);
    assertThat(CrmJson.fromJson(CrmJson.toJson(delivered.get(2)), Notification.class)).isEqualTo(delivered.get(2));
    assertThat(delivered).extracting(Notification::key).containsExactly(o.id() + ":warning", o.id() + ":breach",
        o.id() + ":escalation:1");
  }

  @Test
  void aReplyBeforeTheDeadlineSatisfiesOnTimeAndNothingFallsAfterwards() {
    inboundEmail("c-1", Instant.parse("2026-03-06T20:00:00Z"));
    outboundEmail("c-1", Instant.parse("2026-03-09T14:59:59Z"));

    assertThat(processAt(Instant.parse("2026-03-12T00:00:00Z"))).isEqualTo(DueWork.NONE);
    Obligation o = only("c-1");
    assertThat(o.state()).isEqualTo(ObligationState.SATISFIED_ON_TIME);
    assertThat(o.breachedAt()).isEmpty();
    assertThat(o.nextDueAt()).isEmpty();
    // the warning fell at 14:00, before the reply; nothing after it
    assertThat(delivered).extracting(Notification::kind).containsExactly(NotificationKind.OBLIGATION_WARNING);
  }

  @Test
  void aReplyAtTheDeadlineItselfIsOnTime() {
    inboundEmail("c-1", Instant.parse("2026-03-09T13:00:00Z"));
    outboundEmail("c-1", Instant.parse("2026-03-09T17:00:00Z")); // exactly 4 business hours later

    assertThat(only("c-1").state()).isEqualTo(ObligationState.SATISFIED_ON_TIME);
    assertThat(only("c-1").breachedAt()).isEmpty();
  }

  @Test
  void aReplyRecordedAfterTheDeadlineButBeforeProcessingRecordsTheBreachFirst() {
    inboundEmail("c-1", Instant.parse("2026-03-06T20:00:00Z"));
    outboundEmail("c-1", Instant.parse("2026-03-09T15:10:00Z")); // no due work processed meanwhile

    Obligation o = only("c-1");
    assertThat(o.state()).isEqualTo(ObligationState.SATISFIED_LATE);
    assertThat(o.history()).extracting(ObligationEvent::type).containsExactly(ObligationEvent.Type.OPENED,
        ObligationEvent.Type.WARNED, ObligationEvent.Type.BREACHED, ObligationEvent.Type.SATISFIED_LATE);
    assertThat(delivered).extracting(Notification::kind).containsExactly(NotificationKind.OBLIGATION_WARNING,
        NotificationKind.OBLIGATION_BREACHED);
  }

  @Test
  void aPauseAcrossTheNightMovesTheDeadlineOutByThePausedBusinessTime() {
    inboundEmail("c-1", Instant.parse("2026-03-09T13:00:00Z")); // Monday 09:00 EDT: due 13:00 EDT
    assertThat(only("c-1").dueAt()).isEqualTo(Instant.parse("2026-03-09T17:00:00Z"));

    clock.set(Instant.parse("2026-03-09T14:00:00Z")); // 10:00: one hour counted
    acme.interactions().setConversationState(ConversationId.of("c-1"), 1, ConversationState.WAITING_ON_CUSTOMER);
    assertThat(only("c-1").paused()).isTrue();
    assertThat(processAt(Instant.parse("2026-03-09T20:00:00Z"))).isEqualTo(DueWork.NONE); // paused: no breach

    inboundEmail("c-1", Instant.parse("2026-03-10T14:00:00Z")); // Tuesday 10:00: the customer answers
    Obligation o = only("c-1");
    assertThat(o.paused()).isFalse();
    // paused Monday 10:00–17:00 and Tuesday 09:00–10:00: 8 business hours; 3 h remain from Tuesday 10:00
    assertThat(o.dueAt()).isEqualTo(Instant.parse("2026-03-10T17:00:00Z"));
    assertThat(o.history()).extracting(ObligationEvent::type).containsExactly(ObligationEvent.Type.OPENED,
        ObligationEvent.Type.PAUSED, ObligationEvent.Type.RESUMED);
  }

  @Test
  void theNextResponseIsOwedAfterAReplyAndAnotherInbound() {
    inboundEmail("c-1", Instant.parse("2026-03-09T13:00:00Z"));
    inboundEmail("c-1", Instant.parse("2026-03-09T13:05:00Z")); // while one is open: no other
    outboundEmail("c-1", Instant.parse("2026-03-09T14:00:00Z"));
    inboundEmail("c-1", Instant.parse("2026-03-09T15:00:00Z")); // Monday 11:00 EDT

    List<Obligation> all = acme.obligations().ofConversation(ConversationId.of("c-1"));
    assertThat(all).extracting(Obligation::kind).containsExactly(ObligationKind.FIRST_RESPONSE,
        ObligationKind.NEXT_RESPONSE);
    assertThat(all.get(0).state()).isEqualTo(ObligationState.SATISFIED_ON_TIME);
    Obligation next = all.get(1);
    assertThat(next.state()).isEqualTo(ObligationState.OPEN);
    assertThat(next.assignee()).isEqualTo(AssignedTo.owner("bob"));
    // 8 business hours from Monday 11:00: 6 h on Monday, 2 h on Tuesday: Tuesday 11:00 EDT
    assertThat(next.dueAt()).isEqualTo(Instant.parse("2026-03-10T15:00:00Z"));
  }

  @Test
  void resolvingTheConversationCancelsItsOpenObligation() {
    inboundEmail("c-1", Instant.parse("2026-03-09T13:00:00Z"));
    clock.set(Instant.parse("2026-03-09T13:30:00Z"));
    acme.interactions().setConversationState(ConversationId.of("c-1"), 1, ConversationState.RESOLVED);

    assertThat(only("c-1").state()).isEqualTo(ObligationState.CANCELLED);
    assertThat(processAt(Instant.parse("2026-03-20T00:00:00Z"))).isEqualTo(DueWork.NONE);
  }

  @Test
  void theCustomerWritingAgainAfterAResolutionIsOwedTheNextResponse() {
    inboundEmail("c-1", Instant.parse("2026-03-09T13:00:00Z"));
    clock.set(Instant.parse("2026-03-09T13:30:00Z"));
    acme.interactions().setConversationState(ConversationId.of("c-1"), 1, ConversationState.RESOLVED);
    inboundEmail("c-1", Instant.parse("2026-03-09T14:00:00Z"));

    List<Obligation> all = acme.obligations().ofConversation(ConversationId.of("c-1"));
    assertThat(all).extracting(Obligation::kind, Obligation::state).containsExactly(
        org.assertj.core.groups.Tuple.tuple(ObligationKind.FIRST_RESPONSE, ObligationState.CANCELLED),
        org.assertj.core.groups.Tuple.tuple(ObligationKind.NEXT_RESPONSE, ObligationState.OPEN));
  }

  @Test
  void aFollowUpIsCancelledByItsConditionDuringTheDelay() {
    clock.set(Instant.parse("2026-03-09T15:00:00Z"));
    acme.interactions().record(InteractionDraft.inbound(ada.id(), Channel.IN_APP, Purpose.SALES)
        .kind(InteractionKind.PURCHASE).occurredAt(clock.instant()).build());
    Obligation followUp = acme.obligations().search(ObligationQuery.all().withParty(ada.id()), PageRequest.first(10))
        .items().stream().filter(o -> o.kind() == ObligationKind.FOLLOW_UP).findFirst().orElseThrow();
    assertThat(followUp.state()).isEqualTo(ObligationState.SCHEDULED);
    assertThat(followUp.opensAt()).isEqualTo(Instant.parse("2026-03-10T15:00:00Z"));

    clock.set(Instant.parse("2026-03-09T18:00:00Z"));
    acme.interactions().record(InteractionDraft.inbound(ada.id(), Channel.IN_APP, Purpose.SERVICE)
        .kind(InteractionKind.SUPPORT_CASE_EVENT).occurredAt(clock.instant()).build());

    assertThat(acme.obligations().get(followUp.id()).state()).isEqualTo(ObligationState.CANCELLED);
    assertThat(processAt(Instant.parse("2026-03-12T00:00:00Z"))).isEqualTo(DueWork.NONE);
  }

  @Test
  void aFollowUpOpensAfterItsDelayAndIsSatisfiedByAnOutboundContact() {
    clock.set(Instant.parse("2026-03-09T15:00:00Z"));
    acme.interactions().record(InteractionDraft.inbound(ada.id(), Channel.IN_APP, Purpose.SALES)
        .kind(InteractionKind.PURCHASE).occurredAt(clock.instant()).build());

    assertThat(processAt(Instant.parse("2026-03-10T15:00:00Z"))).isEqualTo(new DueWork(1, 0, 0, 0));
    Obligation open = acme.obligations().search(ObligationQuery.outstanding(), PageRequest.first(10)).items().get(0);
    assertThat(open.kind()).isEqualTo(ObligationKind.FOLLOW_UP);
    assertThat(open.assignee()).isEqualTo(AssignedTo.owner("bob"));
    // opens Tuesday 11:00 EDT; 8 business hours: 6 on Tuesday, 2 on Wednesday
    assertThat(open.dueAt()).isEqualTo(Instant.parse("2026-03-11T15:00:00Z"));

    clock.set(Instant.parse("2026-03-10T16:00:00Z"));
    acme.interactions().record(InteractionDraft.outbound(ada.id(), Channel.PHONE, Purpose.SALES)
        .occurredAt(clock.instant()).build());
    assertThat(acme.obligations().get(open.id()).state()).isEqualTo(ObligationState.SATISFIED_ON_TIME);
  }

  @Test
  void aDormancyCheckInOpensAfterTheDaysWithoutInteractionAndRestartsAfterTheCheckIn() {
    acme.rules().publish(RuleSet.builder("key-accounts", 1, Instant.parse("2026-01-01T00:00:00Z"))
        .rule(DormancyRule.builder("check-in", "Check in with the customer", 30)
            .stages(LifecycleStage.of("customer"))
            .within(Duration.ofDays(2))
            .satisfiedBy(EventFilter.of(InteractionKind.CONTACT).outbound().build())
            .assignee(Assignee.owner("account-managers"))
            .build())
        .build());
    clock.set(Instant.parse("2026-03-09T14:00:00Z"));
    Party grace = acme.parties().create(PartyDraft.person("Grace Hopper").stage(LifecycleStage.of("customer"))
        .build());
    Obligation scheduled = acme.obligations().search(ObligationQuery.all().withParty(grace.id()),
        PageRequest.first(10)).items().get(0);
    assertThat(scheduled.state()).isEqualTo(ObligationState.SCHEDULED);
    assertThat(scheduled.opensAt()).isEqualTo(Instant.parse("2026-04-08T14:00:00Z"));

    // an interaction on day 10 restarts the count
    clock.set(Instant.parse("2026-03-19T14:00:00Z"));
    acme.interactions().record(InteractionDraft.inbound(grace.id(), Channel.PHONE, Purpose.SALES)
        .occurredAt(clock.instant()).build());
    assertThat(acme.obligations().get(scheduled.id()).opensAt()).isEqualTo(Instant.parse("2026-04-18T14:00:00Z"));

    assertThat(processAt(Instant.parse("2026-04-18T14:00:00Z"))).isEqualTo(new DueWork(1, 0, 0, 0));
    assertThat(acme.obligations().get(scheduled.id()).state()).isEqualTo(ObligationState.OPEN);

    clock.set(Instant.parse("2026-04-19T14:00:00Z"));
    acme.interactions().record(InteractionDraft.outbound(grace.id(), Channel.PHONE, Purpose.SALES)
        .occurredAt(clock.instant()).build());
    assertThat(acme.obligations().get(scheduled.id()).state()).isEqualTo(ObligationState.SATISFIED_ON_TIME);
    List<Obligation> next = acme.obligations().search(ObligationQuery.all().withParty(grace.id())
        .withStates(java.util.Set.of(ObligationState.SCHEDULED)), PageRequest.first(10)).items();
    assertThat(next).singleElement().satisfies(o -> assertThat(o.opensAt())
        .isEqualTo(Instant.parse("2026-05-19T14:00:00Z")));
  }

  @Test
  void processingDueWorkTwiceChangesNothingTheSecondTime() {
    inboundEmail("c-1", Instant.parse("2026-03-06T20:00:00Z"));
    inboundEmail("c-2", Instant.parse("2026-03-06T20:30:00Z"));

    DueWork first = processAt(Instant.parse("2026-03-10T00:00:00Z"));
    List<Obligation> after = acme.obligations().search(ObligationQuery.all(), PageRequest.first(10)).items();
    assertThat(first).isEqualTo(new DueWork(0, 2, 2, 4));
    assertThat(crm.processDue()).isEqualTo(DueWork.NONE);
    assertThat(acme.obligations().search(ObligationQuery.all(), PageRequest.first(10)).items()).isEqualTo(after);
    assertThat(delivered).hasSize(8);
  }

  @Test
  void aVersionIsPublishedOnceAndNeverTakesEffectBeforeAnEarlierOne() {
    assertThatThrownBy(() -> acme.rules().publish(supportDesk())).isInstanceOf(ValidationException.class)
        .hasMessageContaining("already has version 1");
    RuleSet earlier = RuleSet.builder("support-desk", 2, Instant.parse("2025-01-01T00:00:00Z"))
        .rule(ResponseRule.firstResponse("first").within(Duration.ofHours(1)).assignee(Assignee.role("x")).build())
        .build();
    assertThatThrownBy(() -> acme.rules().publish(earlier)).isInstanceOf(ValidationException.class);
    assertThat(acme.rules().history("support-desk").orElseThrow().versions()).hasSize(1);
  }
}
