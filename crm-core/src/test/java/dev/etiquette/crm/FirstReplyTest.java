package dev.etiquette.crm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.etiquette.crm.api.Actor;
import dev.etiquette.crm.api.Channel;
import dev.etiquette.crm.api.CrmTenant;
import dev.etiquette.crm.api.Purpose;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.calendar.BusinessCalendar;
import dev.etiquette.crm.api.interaction.Conversation;
import dev.etiquette.crm.api.interaction.ConversationId;
import dev.etiquette.crm.api.interaction.ConversationState;
import dev.etiquette.crm.api.interaction.InteractionDraft;
import dev.etiquette.crm.api.party.Party;
import dev.etiquette.crm.api.party.PartyDraft;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A conversation's first reply ({@code firstReplyAt}, {@code firstReplyBusinessTime}): the earliest outbound
 * interaction at or after the first inbound one, whatever order the interactions are recorded in, and the open
 * time of the tenant's calendar between the two.
 */
class FirstReplyTest {

  static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  /** Monday 9 March 2026, noon UTC: every interaction below occurred before it. */
  static final Instant NOW = Instant.parse("2026-03-09T12:00:00Z");
  static final ConversationId C = ConversationId.of("ZD-1");

  MutableClock clock;
  CrmTenant acme;
  Party ada;

  @BeforeEach
  void setUp() {
    clock = new MutableClock(NOW);
    AtomicInteger ids = new AtomicInteger();
    Crm crm = Crm.builder().clock(clock).idGenerator(type -> type + "-" + ids.incrementAndGet()).build();
    acme = crm.tenant(TenantId.of("acme"), Actor.user("alice"));
    ada = acme.parties().create(PartyDraft.person("Ada Lovelace").build());
  }

  private Conversation inbound(String at) {
    acme.interactions().record(InteractionDraft.inbound(ada.id(), Channel.EMAIL, Purpose.SERVICE)
        .conversation(C.value()).occurredAt(Instant.parse(at)).build());
    return acme.interactions().conversation(C);
  }

  private Conversation outbound(String at) {
    acme.interactions().record(InteractionDraft.outbound(ada.id(), Channel.EMAIL, Purpose.SERVICE)
        .conversation(C.value()).occurredAt(Instant.parse(at)).build());
    return acme.interactions().conversation(C);
  }

  private static void assertReply(Conversation c, String at, Duration business) {
    assertThat(c.firstReplyAt()).contains(Instant.parse(at));
    assertThat(c.firstReplyBusinessTime()).contains(business);
  }

  private static void assertNoReply(Conversation c) {
    assertThat(c.firstReplyAt()).isEmpty();
    assertThat(c.firstReplyBusinessTime()).isEmpty();
  }

  @Test
  void theFirstOutboundAtOrAfterTheFirstInboundIsTheReplyTimedOnTheTenantsCalendar() {
    acme.configure(acme.settings().withZone(PARIS)
        .withCalendar(BusinessCalendar.weekdays(PARIS, LocalTime.of(9, 0), LocalTime.of(17, 0))));
    // Friday 16:00 in Paris
    assertNoReply(inbound("2026-03-06T15:00:00Z"));
    // Monday 10:00 in Paris: Friday 16:00-17:00 and Monday 09:00-10:00 are open, 66 hours elapsed
    Conversation replied = outbound("2026-03-09T09:00:00Z");
    assertReply(replied, "2026-03-09T09:00:00Z", Duration.ofHours(2));
    // later replies and inbound messages change nothing
    outbound("2026-03-09T10:00:00Z");
    Conversation later = inbound("2026-03-09T10:30:00Z");
    assertReply(later, "2026-03-09T09:00:00Z", Duration.ofHours(2));
    assertThat(later.version()).isEqualTo(4);
  }

  @Test
  void withoutACalendarTheBusinessTimeIsTheElapsedTime() {
    inbound("2026-03-06T15:00:00.000100Z");
    assertReply(outbound("2026-03-09T09:00:00Z"), "2026-03-09T09:00:00Z",
        Duration.ofHours(66).minusNanos(100_000));
  }

  @Test
  void anOutboundAtTheInstantOfTheFirstInboundIsAReply() {
    inbound("2026-03-09T10:00:00Z");
    assertReply(outbound("2026-03-09T10:00:00Z"), "2026-03-09T10:00:00Z", Duration.ZERO);
  }

  @Test
  void outboundInteractionsBeforeTheFirstInboundAreNoReply() {
    assertNoReply(outbound("2026-03-09T10:00:00Z"));
    assertNoReply(inbound("2026-03-09T10:30:00Z"));
    assertNoReply(outbound("2026-03-09T10:15:00Z"));
    assertReply(outbound("2026-03-09T11:00:00Z"), "2026-03-09T11:00:00Z", Duration.ofMinutes(30));
  }

  @Test
  void anEarlierOutboundRecordedLaterBecomesTheFirstReply() {
    inbound("2026-03-09T10:00:00Z");
    assertReply(outbound("2026-03-09T11:30:00Z"), "2026-03-09T11:30:00Z", Duration.ofMinutes(90));
    assertReply(outbound("2026-03-09T10:20:00Z"), "2026-03-09T10:20:00Z", Duration.ofMinutes(20));
    // one before the first inbound is no reply at all
    assertReply(outbound("2026-03-09T09:00:00Z"), "2026-03-09T10:20:00Z", Duration.ofMinutes(20));
  }

  @Test
  void anEarlierInboundRecordedLaterMakesTheStoredOutboundsAfterItReplies() {
    outbound("2026-03-09T10:00:00Z");
    inbound("2026-03-09T10:30:00Z");
    assertReply(outbound("2026-03-09T11:00:00Z"), "2026-03-09T11:00:00Z", Duration.ofMinutes(30));
    // the party had written at 09:30 already: the 10:00 outbound answered it
    Conversation moved = inbound("2026-03-09T09:30:00Z");
    assertThat(moved.firstInboundAt()).contains(Instant.parse("2026-03-09T09:30:00Z"));
    assertReply(moved, "2026-03-09T10:00:00Z", Duration.ofMinutes(30));
  }

  @Test
  void anEarlierInboundWithNoOutboundBeforeTheReplyKeepsTheReplyAndTimesItAgain() {
    inbound("2026-03-09T10:00:00Z");
    outbound("2026-03-09T11:00:00Z");
    assertReply(inbound("2026-03-09T08:00:00Z"), "2026-03-09T11:00:00Z", Duration.ofHours(3));
  }

  @Test
  void aConversationOpenedByOutboundsFindsItsReplyAmongThemWhenTheFirstInboundArrives() {
    outbound("2026-03-09T09:00:00Z");
    outbound("2026-03-09T10:00:00Z");
    outbound("2026-03-09T11:00:00Z");
    // back-dated: the party wrote at 09:30; the 10:00 outbound is the first after it
    assertReply(inbound("2026-03-09T09:30:00Z"), "2026-03-09T10:00:00Z", Duration.ofMinutes(30));
  }

  @Test
  void aStateChangeKeepsTheFirstReply() {
    inbound("2026-03-09T10:00:00Z");
    Conversation replied = outbound("2026-03-09T10:45:00Z");
    Conversation resolved = acme.interactions().setConversationState(C, replied.version(),
        ConversationState.RESOLVED);
    assertReply(resolved, "2026-03-09T10:45:00Z", Duration.ofMinutes(45));
    assertThat(resolved.firstReplyAt()).isEqualTo(Optional.of(Instant.parse("2026-03-09T10:45:00Z")));
  }
}
