package dev.etiquette.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.etiquette.crm.api.Actor;
import dev.etiquette.crm.api.Channel;
import dev.etiquette.crm.api.CrmTenant;
import dev.etiquette.crm.api.NotFoundException;
import dev.etiquette.crm.api.Page;
import dev.etiquette.crm.api.PageRequest;
import dev.etiquette.crm.api.Purpose;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.ValidationException;
import dev.etiquette.crm.api.VersionConflictException;
import dev.etiquette.crm.api.Violation;
import dev.etiquette.crm.api.interaction.Conversation;
import dev.etiquette.crm.api.interaction.ConversationId;
import dev.etiquette.crm.api.interaction.ConversationState;
import dev.etiquette.crm.api.interaction.Direction;
import dev.etiquette.crm.api.interaction.Interaction;
import dev.etiquette.crm.api.interaction.InteractionDraft;
import dev.etiquette.crm.api.interaction.InteractionId;
import dev.etiquette.crm.api.interaction.InteractionKind;
import dev.etiquette.crm.api.party.AttributeValue;
import dev.etiquette.crm.api.party.AuditAction;
import dev.etiquette.crm.api.party.AuditEntry;
import dev.etiquette.crm.api.party.FieldChange;
import dev.etiquette.crm.api.party.Party;
import dev.etiquette.crm.api.party.PartyDraft;
import dev.etiquette.crm.api.party.PartyId;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The interaction timeline and its conversations, through the public API on the in-memory storage. */
class InteractionsTest {

  static final Instant START = Instant.parse("2026-03-02T09:30:00Z");

  MutableClock clock;
  Crm crm;
  CrmTenant acme;
  Party ada;
  Party grace;

  @BeforeEach
  void setUp() {
    clock = new MutableClock(START);
    AtomicInteger ids = new AtomicInteger();
    crm = Crm.builder().clock(clock).idGenerator(type -> type + "-" + ids.incrementAndGet()).build();
    acme = crm.tenant(TenantId.of("acme"), Actor.user("alice"));
    ada = acme.parties().create(PartyDraft.person("Ada Lovelace").build());
    grace = acme.parties().create(PartyDraft.person("Grace Hopper").build());
  }

  private Interaction inbound(Party party, String conversation, Instant at) {
    return acme.interactions().record(InteractionDraft.inbound(party.id(), Channel.EMAIL, Purpose.SERVICE)
        .conversation(conversation).occurredAt(at).build());
  }

  private Interaction outbound(Party party, String conversation, Instant at) {
    return acme.interactions().record(InteractionDraft.outbound(party.id(), Channel.EMAIL, Purpose.SERVICE)
        .conversation(conversation).occurredAt(at).build());
  }

  // ------------------------------------------------------------------------------------------------ recording

  @Test
  void aRecordedInteractionHasItsDraftsContentTheActorAndTheClocksTime() {
    clock.advance(Duration.ofMinutes(5));
    Interaction call = acme.as(Actor.user("bob")).interactions().record(
        InteractionDraft.outbound(ada.id(), Channel.PHONE, Purpose.SALES)
            .occurredAt(START.plusSeconds(60).plusNanos(1_234_567))
            .outcome("booked a demo")
            .attribute("durationSeconds", AttributeValue.of(312))
            .attribute("topic", AttributeValue.of("pricing"))
            .build());
    assertThat(call.tenantId()).isEqualTo(TenantId.of("acme"));
    assertThat(call.party()).isEqualTo(ada.id());
    assertThat(call.kind()).isEqualTo(InteractionKind.CONTACT);
    assertThat(call.channel()).isEqualTo(Channel.PHONE);
    assertThat(call.purpose()).isEqualTo(Purpose.SALES);
    assertThat(call.direction()).isEqualTo(Direction.OUTBOUND);
    assertThat(call.actor()).isEqualTo(Actor.user("bob"));
    assertThat(call.conversation()).isEmpty();
    assertThat(call.occurredAt()).as("kept to the microsecond").isEqualTo(START.plusSeconds(60).plusNanos(1_234_000));
    assertThat(call.recordedAt()).isEqualTo(START.plus(Duration.ofMinutes(5)));
    assertThat(call.outcome()).contains("booked a demo");
    assertThat(call.attribute("durationSeconds")).contains(AttributeValue.of(312));
    assertThat(acme.interactions().get(call.id())).isEqualTo(call);
    assertThat(acme.interactions().find(InteractionId.of("missing"))).isEmpty();
    assertThatThrownBy(() -> acme.interactions().get(InteractionId.of("missing")))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void withoutAnInstantAnInteractionOccurredNow() {
    Interaction chat = acme.interactions().record(InteractionDraft.inbound(ada.id(), Channel.CHAT, Purpose.SERVICE)
        .build());
    assertThat(chat.occurredAt()).isEqualTo(START).isEqualTo(chat.recordedAt());
  }

  @Test
  void surveyAnswersAndPurchasesCarryTypedAttributes() {
    Interaction answer = acme.interactions().record(InteractionDraft.inbound(ada.id(), Channel.EMAIL, Purpose.SURVEY)
        .kind(InteractionKind.SURVEY_ANSWER).attribute("score", AttributeValue.of(9))
        .attribute("survey", AttributeValue.of("nps-2026-q1")).build());
    Interaction purchase = acme.interactions().record(InteractionDraft.inbound(ada.id(), Channel.IN_APP,
        Purpose.TRANSACTIONAL).kind(InteractionKind.PURCHASE)
        .attribute("amount", AttributeValue.of(new BigDecimal("49.90")))
        .attribute("currency", AttributeValue.of("EUR"))
        .attribute("deliveredOn", AttributeValue.of(LocalDate.of(2026, 3, 4)))
        .attribute("plan", AttributeValue.choice("pro")).build());
    assertThat(acme.interactions().get(answer.id()).attribute("score")).contains(AttributeValue.of(9));
    assertThat(acme.interactions().get(purchase.id()).attribute("amount"))
        .contains(AttributeValue.of(new BigDecimal("49.9")));
  }

  @Test
  void anUnknownPartyIsNotFoundAndAnotherTenantsPartyIsUnknown() {
    assertThatThrownBy(() -> acme.interactions().record(
        InteractionDraft.inbound(PartyId.of("nobody"), Channel.EMAIL, Purpose.SERVICE).build()))
        .isInstanceOf(NotFoundException.class).hasMessageContaining("nobody");
    CrmTenant globex = crm.tenant(TenantId.of("globex"), Actor.user("gus"));
    assertThatThrownBy(() -> globex.interactions().record(
        InteractionDraft.inbound(ada.id(), Channel.EMAIL, Purpose.SERVICE).build()))
        .isInstanceOf(NotFoundException.class);
    assertThat(acme.interactions().timeline(ada.id(), PageRequest.first(10)).items()).isEmpty();
  }

  @Test
  void everyProblemOfADraftIsReportedAtOnceWithPersonalTextMasked() {
    String secret = "Ada said her PIN is 1234 ".repeat(30);
    InteractionDraft draft = InteractionDraft.outbound(ada.id(), Channel.EMAIL, Purpose.SURVEY)
        .kind(InteractionKind.SURVEY_ANSWER)
        .occurredAt(START.plusSeconds(1))
        .outcome(secret)
        .attribute("1bad name", AttributeValue.of(1))
        .attribute("notes", AttributeValue.of("x".repeat(10_001)))
        .attribute("broken", AttributeValue.of("a\uD800"))
        .attribute("plan", AttributeValue.choice("tab\there"))
        .build();
    assertThatThrownBy(() -> acme.interactions().record(draft)).isInstanceOfSatisfying(ValidationException.class, e -> {
      assertThat(e.violations()).extracting(Violation::path).containsExactlyInAnyOrder("occurredAt", "direction",
          "outcome", "attributes.1bad name", "attributes.notes", "attributes.broken", "attributes.plan");
      assertThat(e.getMessage()).doesNotContain("PIN").doesNotContain("xxxxxxxxxx");
    });
    assertThat(acme.interactions().timeline(ada.id(), PageRequest.first(10)).items()).isEmpty();
  }

  @Test
  void occurredAtMayNotBeBefore1900NorTooManyAttributes() {
    InteractionDraft.Builder builder = InteractionDraft.inbound(ada.id(), Channel.EMAIL, Purpose.SERVICE)
        .occurredAt(Instant.MIN);
    for (int i = 0; i <= InteractionDraft.MAX_ATTRIBUTES; i++) {
      builder.attribute("a" + i, AttributeValue.of(i));
    }
    assertThatThrownBy(() -> acme.interactions().record(builder.build()))
        .isInstanceOfSatisfying(ValidationException.class, e ->
            assertThat(e.violations()).extracting(Violation::path).containsExactly("occurredAt", "attributes"));
    assertThatThrownBy(() -> acme.interactions().record(InteractionDraft.inbound(ada.id(), Channel.EMAIL,
        Purpose.SERVICE).occurredAt(Instant.MAX).build())).isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> acme.interactions().record(InteractionDraft.inbound(ada.id(), Channel.EMAIL,
        Purpose.SERVICE).outcome(" ").build())).isInstanceOf(ValidationException.class);
  }

  // ------------------------------------------------------------------------------------------------ conversations

  @Test
  void theFirstInteractionOpensAConversationAndTheOpeningIsAudited() {
    Interaction question = inbound(ada, "ZD-1", START.minusSeconds(600));
    Conversation opened = acme.interactions().conversation(ConversationId.of("ZD-1"));
    assertThat(opened).isEqualTo(new Conversation(TenantId.of("acme"), ConversationId.of("ZD-1"), ada.id(),
        Channel.EMAIL, ConversationState.OPEN, question.occurredAt(), question.occurredAt(),
        Optional.of(question.occurredAt()), Optional.of(question.occurredAt()), Optional.empty(), Optional.empty(), Optional.empty(), 1, 1, START,
        START));
    assertThat(opened.awaitingReply()).isTrue();
    List<AuditEntry> audit = acme.audit().ofRecord("conversation", "ZD-1", PageRequest.first(10)).items();
    assertThat(audit).singleElement().satisfies(e -> {
      assertThat(e.action()).isEqualTo(AuditAction.CREATED);
      assertThat(e.actor()).isEqualTo(Actor.user("alice"));
      assertThat(e.changes()).containsExactly(
          new FieldChange("party", Optional.empty(), Optional.of(ada.id().value())),
          new FieldChange("channel", Optional.empty(), Optional.of("EMAIL")),
          new FieldChange("state", Optional.empty(), Optional.of("OPEN")));
    });
  }

  @Test
  void aConversationSummarizesItsInteractionsByWhenTheyOccurredNotWhenTheyWereRecorded() {
    Instant t = START.minus(Duration.ofHours(5));
    inbound(ada, "T-1", t.plusSeconds(100));
    clock.advance(Duration.ofMinutes(1));
    outbound(ada, "T-1", t.plusSeconds(200));
    inbound(ada, "T-1", t.plusSeconds(50)); // back-dated: an import, a late webhook
    outbound(ada, "T-1", t.plusSeconds(20));
    Conversation c = acme.interactions().conversation(ConversationId.of("T-1"));
    assertThat(c.openedAt()).isEqualTo(t.plusSeconds(20));
    assertThat(c.firstInboundAt()).contains(t.plusSeconds(50));
    assertThat(c.lastInboundAt()).contains(t.plusSeconds(100));
    assertThat(c.lastOutboundAt()).contains(t.plusSeconds(200));
    assertThat(c.lastInteractionAt()).isEqualTo(t.plusSeconds(200));
    assertThat(c.awaitingReply()).isFalse();
    assertThat(c.interactionCount()).isEqualTo(4);
    assertThat(c.version()).isEqualTo(4);
    assertThat(c.createdAt()).isEqualTo(START);
    assertThat(c.updatedAt()).isEqualTo(START.plusSeconds(60));
    inbound(ada, "T-1", t.plusSeconds(300));
    assertThat(acme.interactions().conversation(ConversationId.of("T-1")).awaitingReply()).isTrue();
  }

  @Test
  void aConversationHoldsOnePartyAndOneChannel() {
    inbound(ada, "T-1", START);
    assertThatThrownBy(() -> inbound(grace, "T-1", START)).isInstanceOfSatisfying(ValidationException.class, e ->
        assertThat(e.violations()).singleElement().satisfies(v -> {
          assertThat(v.path()).isEqualTo("conversation");
          assertThat(v.message()).contains("another party");
        }));
    assertThatThrownBy(() -> acme.interactions().record(InteractionDraft.inbound(ada.id(), Channel.SMS,
        Purpose.SERVICE).conversation("T-1").build())).isInstanceOfSatisfying(ValidationException.class, e ->
        assertThat(e.violations()).singleElement().satisfies(v -> assertThat(v.message()).contains("EMAIL")));
    assertThat(acme.interactions().timeline(grace.id(), PageRequest.first(10)).items()).isEmpty();
    assertThat(acme.interactions().conversation(ConversationId.of("T-1")).version()).isEqualTo(1);
  }

  @Test
  void theHostSetsTheStateWithTheVersionItReadAndTheChangeIsAudited() {
    inbound(ada, "T-1", START);
    clock.advance(Duration.ofMinutes(3));
    Conversation waiting = acme.interactions().setConversationState(ConversationId.of("T-1"), 1,
        ConversationState.WAITING_ON_CUSTOMER);
    assertThat(waiting.state()).isEqualTo(ConversationState.WAITING_ON_CUSTOMER);
    assertThat(waiting.stateChangedAt()).isEqualTo(START.plusSeconds(180));
    assertThat(waiting.version()).isEqualTo(2);
    assertThat(acme.interactions().setConversationState(ConversationId.of("T-1"), 2,
        ConversationState.WAITING_ON_CUSTOMER)).as("the same state changes nothing").isEqualTo(waiting);
    assertThatThrownBy(() -> acme.interactions().setConversationState(ConversationId.of("T-1"), 1,
        ConversationState.RESOLVED)).isInstanceOfSatisfying(VersionConflictException.class, e -> {
          assertThat(e.expectedVersion()).isEqualTo(1);
          assertThat(e.actualVersion()).isEqualTo(2);
        });
    assertThatThrownBy(() -> acme.interactions().setConversationState(ConversationId.of("nope"), 1,
        ConversationState.RESOLVED)).isInstanceOf(NotFoundException.class);
    List<AuditEntry> audit = acme.audit().ofRecord("conversation", "T-1", PageRequest.first(10)).items();
    assertThat(audit).extracting(AuditEntry::action).containsExactly(AuditAction.CREATED, AuditAction.STATE_CHANGED);
    assertThat(audit.get(1).changes()).containsExactly(
        new FieldChange("state", Optional.of("OPEN"), Optional.of("WAITING_ON_CUSTOMER")));
  }

  @Test
  void recordingChangesTheVersionSoAStateSetWithoutSeeingTheLatestMessageIsRefused() {
    inbound(ada, "T-1", START);
    Conversation read = acme.interactions().conversation(ConversationId.of("T-1"));
    clock.advance(Duration.ofMinutes(1));
    inbound(ada, "T-1", START.plusSeconds(30));
    assertThatThrownBy(() -> acme.interactions().setConversationState(read.id(), read.version(),
        ConversationState.RESOLVED)).isInstanceOf(VersionConflictException.class);
  }

  @Test
  void theCustomersNextMessageReopensAWaitingOrResolvedConversation() {
    inbound(ada, "T-1", START);
    clock.advance(Duration.ofMinutes(10));
    outbound(ada, "T-1", clock.instant());
    Conversation resolved = acme.interactions().setConversationState(ConversationId.of("T-1"), 2,
        ConversationState.RESOLVED);
    clock.advance(Duration.ofMinutes(10));
    inbound(ada, "T-1", START.plusSeconds(30)); // back-dated: before the resolution, does not reopen
    assertThat(acme.interactions().conversation(resolved.id()).state()).isEqualTo(ConversationState.RESOLVED);
    outbound(ada, "T-1", clock.instant()); // the business never reopens
    assertThat(acme.interactions().conversation(resolved.id()).state()).isEqualTo(ConversationState.RESOLVED);
    clock.advance(Duration.ofMinutes(1));
    Interaction again = acme.as(Actor.system()).interactions().record(InteractionDraft.inbound(ada.id(),
        Channel.EMAIL, Purpose.SERVICE).conversation("T-1").occurredAt(clock.instant().minusSeconds(5)).build());
    Conversation reopened = acme.interactions().conversation(resolved.id());
    assertThat(reopened.state()).isEqualTo(ConversationState.OPEN);
    assertThat(reopened.stateChangedAt()).isEqualTo(again.occurredAt());
    assertThat(reopened.awaitingReply()).isTrue();
    List<AuditEntry> audit = acme.audit().ofRecord("conversation", "T-1", PageRequest.first(10)).items();
    assertThat(audit).extracting(AuditEntry::action)
        .containsExactly(AuditAction.CREATED, AuditAction.STATE_CHANGED, AuditAction.STATE_CHANGED);
    assertThat(audit.get(2).actor()).isEqualTo(Actor.system());
    assertThat(audit.get(2).changes()).containsExactly(
        new FieldChange("state", Optional.of("RESOLVED"), Optional.of("OPEN")));
  }

  @Test
  void aResolvedConversationAwaitsNoReply() {
    inbound(ada, "T-1", START);
    Conversation resolved = acme.interactions().setConversationState(ConversationId.of("T-1"), 1,
        ConversationState.RESOLVED);
    assertThat(resolved.awaitingReply()).isFalse();
  }

  // ------------------------------------------------------------------------------------------------ queries

  @Test
  void theTimelineIsNewestFirstWithTiesByIdAndPagesWithoutGapsOrDuplicates() {
    List<Interaction> recorded = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      recorded.add(inbound(ada, "T-" + (i % 2), START.minusSeconds(i / 2 * 60L)));
    }
    inbound(grace, "G-1", START);
    List<Interaction> expected = recorded.stream().sorted((a, b) -> {
      int byTime = b.occurredAt().compareTo(a.occurredAt());
      return byTime != 0 ? byTime : b.id().compareTo(a.id());
    }).toList();
    List<Interaction> paged = new ArrayList<>();
    Optional<PageRequest> request = Optional.of(PageRequest.first(3));
    while (request.isPresent()) {
      Page<Interaction> page = acme.interactions().timeline(ada.id(), request.get());
      assertThat(page.items().size()).isLessThanOrEqualTo(3);
      paged.addAll(page.items());
      request = request.get().next(page);
    }
    assertThat(paged).isEqualTo(expected);
  }

  @Test
  void aConversationReadsOldestFirst() {
    Interaction b = inbound(ada, "T-1", START.minusSeconds(10));
    Interaction a = outbound(ada, "T-1", START.minusSeconds(20));
    Interaction c = inbound(ada, "T-1", START);
    inbound(ada, "T-2", START);
    Page<Interaction> first = acme.interactions().conversationTimeline(ConversationId.of("T-1"), PageRequest.first(2));
    assertThat(first.items()).containsExactly(a, b);
    Page<Interaction> second = acme.interactions().conversationTimeline(ConversationId.of("T-1"),
        PageRequest.first(2).next(first).orElseThrow());
    assertThat(second.items()).containsExactly(c);
    assertThat(second.hasNext()).isFalse();
    assertThat(acme.interactions().conversationTimeline(ConversationId.of("none"), PageRequest.first(2)).items())
        .isEmpty();
  }

  @Test
  void aCursorOfAnotherPartyOrConversationIsRefused() {
    for (int i = 0; i < 3; i++) {
      inbound(ada, "T-1", START.minusSeconds(i));
      inbound(grace, "G-1", START.minusSeconds(i));
    }
    String adas = acme.interactions().timeline(ada.id(), PageRequest.first(1)).nextCursor().orElseThrow();
    assertThatThrownBy(() -> acme.interactions().timeline(grace.id(), PageRequest.after(adas, 1)))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> acme.interactions().conversationTimeline(ConversationId.of("T-1"),
        PageRequest.after(adas, 1))).isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> acme.interactions().timeline(ada.id(), PageRequest.after("garbage", 1)))
        .isInstanceOf(ValidationException.class);
  }

  @Test
  void lastContactsArePerChannelTheLatestInEitherDirection() {
    Interaction email = inbound(ada, "T-1", START.minusSeconds(60));
    outbound(ada, "T-1", START.minusSeconds(120)); // earlier: not the last contact
    Interaction call = acme.interactions().record(InteractionDraft.outbound(ada.id(), Channel.PHONE, Purpose.SALES)
        .occurredAt(START.minusSeconds(3600)).build());
    Interaction sms = acme.interactions().record(InteractionDraft.outbound(ada.id(), Channel.SMS,
        Purpose.MARKETING).build());
    Map<Channel, Interaction> last = acme.interactions().lastContacts(ada.id());
    assertThat(last).containsExactly(Map.entry(Channel.EMAIL, email), Map.entry(Channel.PHONE, call),
        Map.entry(Channel.SMS, sms));
    assertThat(acme.interactions().lastContacts(grace.id())).isEmpty();
    assertThat(acme.interactions().lastContacts(PartyId.of("nobody"))).isEmpty();
  }

  @Test
  void anIdempotencyKeyRecordsOnce() {
    InteractionDraft draft = InteractionDraft.inbound(ada.id(), Channel.EMAIL, Purpose.SERVICE).conversation("T-1")
        .occurredAt(START).build();
    Interaction first = acme.interactions().record(draft, "<msg-1@mail.example.com>");
    clock.advance(Duration.ofMinutes(1));
    Interaction again = acme.interactions().record(draft, "<msg-1@mail.example.com>");
    assertThat(again).isEqualTo(first);
    assertThat(acme.interactions().timeline(ada.id(), PageRequest.first(10)).items()).containsExactly(first);
    assertThat(acme.interactions().conversation(ConversationId.of("T-1")).interactionCount()).isEqualTo(1);
    InteractionDraft other = InteractionDraft.outbound(ada.id(), Channel.EMAIL, Purpose.SERVICE).build();
    assertThatThrownBy(() -> acme.interactions().record(other, "<msg-1@mail.example.com>"))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> acme.interactions().record(draft, "")).isInstanceOf(ValidationException.class);
  }

  @Test
  void tenantsSeeOnlyTheirOwnInteractionsAndConversations() {
    Interaction mine = inbound(ada, "T-1", START);
    CrmTenant globex = crm.tenant(TenantId.of("globex"), Actor.user("gus"));
    Party gus = globex.parties().create(PartyDraft.person("Gus").build());
    globex.interactions().record(InteractionDraft.inbound(gus.id(), Channel.EMAIL, Purpose.SERVICE)
        .conversation("T-1").build());
    assertThat(globex.interactions().find(mine.id())).isEmpty();
    assertThat(globex.interactions().conversation(ConversationId.of("T-1")).party()).isEqualTo(gus.id());
    assertThat(acme.interactions().conversation(ConversationId.of("T-1")).party()).isEqualTo(ada.id());
    assertThat(globex.interactions().timeline(ada.id(), PageRequest.first(10)).items()).isEmpty();
    assertThat(globex.interactions().lastContacts(ada.id())).isEmpty();
  }
}
