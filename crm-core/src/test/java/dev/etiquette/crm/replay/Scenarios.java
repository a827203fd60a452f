package dev.etiquette.crm.replay;

import dev.etiquette.crm.api.Channel;
import dev.etiquette.crm.api.Purpose;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.calendar.BusinessCalendar;
import dev.etiquette.crm.api.calendar.CalendarChoice;
import dev.etiquette.crm.api.calendar.OpenInterval;
import dev.etiquette.crm.api.interaction.ConversationId;
import dev.etiquette.crm.api.interaction.ConversationState;
import dev.etiquette.crm.api.interaction.Direction;
import dev.etiquette.crm.api.interaction.InteractionKind;
import dev.etiquette.crm.api.party.ConsentDraft;
import dev.etiquette.crm.api.party.PartyChange;
import dev.etiquette.crm.api.party.PartyDraft;
import dev.etiquette.crm.api.party.Preferences;
import dev.etiquette.crm.api.party.QuietWindow;
import dev.etiquette.crm.api.party.Role;
import dev.etiquette.crm.api.rules.Assignee;
import dev.etiquette.crm.api.rules.CapWindow;
import dev.etiquette.crm.api.rules.ConsentRegime;
import dev.etiquette.crm.api.rules.ContactRules;
import dev.etiquette.crm.api.rules.EscalationStep;
import dev.etiquette.crm.api.rules.FrequencyCap;
import dev.etiquette.crm.api.rules.ObligationRule;
import dev.etiquette.crm.api.rules.ResponseKind;
import dev.etiquette.crm.api.rules.ResponseRule;
import dev.etiquette.crm.api.rules.ResponseTarget;
import dev.etiquette.crm.api.rules.RuleSet;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/** Scenarios for the replay's tests: a small fixed one, and random ones built from a seed. */
final class Scenarios {

  static final Instant START = Instant.parse("2026-03-02T00:00:00Z");
  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final List<ZoneId> ZONES = List.of(BERLIN, ZoneId.of("America/Los_Angeles"),
      ZoneId.of("Asia/Tokyo"));

  private Scenarios() {}

  static BusinessCalendar officeHours() {
    Map<DayOfWeek, List<OpenInterval>> weekly = new EnumMap<>(DayOfWeek.class);
    for (DayOfWeek day : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
        DayOfWeek.FRIDAY)) {
      weekly.put(day, List.of(new OpenInterval(LocalTime.of(9, 0), LocalTime.of(17, 0))));
    }
    return new BusinessCalendar(BERLIN, weekly, Set.of(), Map.of());
  }

  /** A rule set with a first-response rule of {@code target} and, when {@code cap} is positive, a marketing cap. */
  static RuleSet rules(int version, Duration target, int cap, Duration capWindow, boolean quietCalls) {
    ResponseRule first = new ResponseRule("first-response", ResponseKind.FIRST_RESPONSE, Set.of(Channel.EMAIL),
        Set.of(), List.of(new ResponseTarget(Optional.empty(), Optional.empty(), Optional.empty(), target)),
        new CalendarChoice.Business(), Optional.empty(),
        List.of(new EscalationStep("team_lead", Duration.ofMinutes(30))), new Assignee.Team("support"));
    ContactRules.Builder contact = ContactRules.builder(ConsentRegime.OPT_IN);
    if (cap > 0) {
      contact.cap(FrequencyCap.of("marketing-cap", Purpose.MARKETING, cap, CapWindow.rolling(capWindow)));
    }
    if (quietCalls) {
      contact.quietHours(Channel.PHONE, QuietWindow.of(LocalTime.of(21, 0), LocalTime.of(8, 0)));
    }
    return new RuleSet("desk", version, Instant.parse("2026-03-01T00:00:00Z"), Optional.empty(),
        List.<ObligationRule>of(first), Optional.of(contact.build()));
  }

  /** A random scenario: up to three parties, up to 30 steps of every kind, in time order. */
  static Scenario random(long seed) {
    Random random = new Random(seed);
    RuleSet rules = rules(1, Duration.ofHours(1 + random.nextInt(8)), random.nextInt(4),
        Duration.ofDays(1 + random.nextInt(7)), random.nextBoolean());
    List<ScenarioParty> parties = new ArrayList<>();
    int partyCount = 1 + random.nextInt(3);
    for (int i = 0; i < partyCount; i++) {
      PartyDraft.Builder draft = PartyDraft.person("Party " + i).roles(Role.CUSTOMER).email("p" + i + "@example.com")
          .team("support").preferences(Preferences.none().withTimeZone(ZONES.get(random.nextInt(ZONES.size()))))
          .doNotContact(random.nextInt(5) == 0);
      for (Channel channel : List.of(Channel.EMAIL, Channel.PHONE)) {
        if (random.nextBoolean()) {
          ConsentDraft consent = random.nextInt(4) == 0
              ? ConsentDraft.optOut(channel, Purpose.MARKETING, "import")
              : ConsentDraft.optIn(channel, Purpose.MARKETING, "signup form");
          draft.consent(consent.capturedAt(START.minus(Duration.ofDays(1 + random.nextInt(30)))));
        }
      }
      parties.add(new ScenarioParty("p" + i, draft.build()));
    }
    List<Step> steps = new ArrayList<>();
    List<String> reservations = new ArrayList<>();
    Map<String, Boolean> settled = new java.util.HashMap<>();
    List<ConversationId> conversations = new ArrayList<>();
    Map<ConversationId, String> owners = new java.util.HashMap<>();
    Instant at = START.plus(Duration.ofHours(random.nextInt(48)));
    int stepCount = random.nextInt(31);
    for (int i = 0; i < stepCount; i++) {
      at = at.plus(Duration.ofMinutes(random.nextInt(6 * 60)));
      String party = "p" + random.nextInt(partyCount);
      Channel channel = random.nextBoolean() ? Channel.EMAIL : Channel.PHONE;
      Purpose purpose = List.of(Purpose.MARKETING, Purpose.MARKETING, Purpose.LEGAL, Purpose.SALES)
          .get(random.nextInt(4));
      switch (random.nextInt(9)) {
        case 0, 1 -> {
          ConversationId conversation = ConversationId.of("c-" + party + "-" + random.nextInt(3));
          String owner = owners.putIfAbsent(conversation, party);
          Direction direction = random.nextInt(3) == 0 ? Direction.OUTBOUND : Direction.INBOUND;
          steps.add(new Step.RecordInteraction(at, owner == null ? party : owner, InteractionKind.CONTACT,
              Channel.EMAIL, Purpose.SERVICE, direction, Optional.of(conversation), Optional.empty(), Map.of()));
          conversations.add(conversation);
        }
        case 2 -> steps.add(new Step.Decide(at, party, channel, purpose));
        case 3, 4 -> {
          String ref = "r" + i;
          reservations.add(ref);
          steps.add(new Step.Reserve(at, party, channel, purpose, Optional.of(ref)));
        }
        case 5 -> {
          if (!reservations.isEmpty()) {
            // a reservation is settled one way only (repeating the same settlement is allowed)
            String ref = reservations.get(random.nextInt(reservations.size()));
            boolean confirm = settled.computeIfAbsent(ref, r -> random.nextBoolean());
            steps.add(confirm ? new Step.Confirm(at, ref) : new Step.Release(at, ref));
          }
        }
        case 6 -> {
          if (!conversations.isEmpty()) {
            steps.add(new Step.SetConversationState(at, conversations.get(random.nextInt(conversations.size())),
                ConversationState.values()[random.nextInt(ConversationState.values().length)]));
          }
        }
        case 7 -> steps.add(random.nextBoolean()
            ? new Step.RecordConsent(at, party, ConsentDraft.optOut(Channel.EMAIL, Purpose.MARKETING, "unsubscribe"))
            : new Step.UpdateParty(at, party, List.of(new PartyChange.SetDoNotContact(random.nextBoolean()))));
        default -> steps.add(new Step.Advance(at));
      }
    }
    steps.add(new Step.Advance(at.plus(Duration.ofDays(3))));
    return new Scenario("random-" + seed, Optional.empty(), TenantId.of("acme"), BERLIN,
        Optional.of(officeHours()), Map.of(), START, rules, parties, steps);
  }
}
