package dev.etiquette.crm.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.etiquette.crm.api.Channel;
import dev.etiquette.crm.api.Purpose;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.ValidationException;
import dev.etiquette.crm.api.Violation;
import dev.etiquette.crm.api.contact.ContactStatus;
import dev.etiquette.crm.api.contact.Verdict;
import dev.etiquette.crm.api.interaction.ConversationId;
import dev.etiquette.crm.api.interaction.ConversationState;
import dev.etiquette.crm.api.interaction.Direction;
import dev.etiquette.crm.api.interaction.InteractionKind;
import dev.etiquette.crm.api.obligation.ObligationState;
import dev.etiquette.crm.api.party.ConsentDraft;
import dev.etiquette.crm.api.party.PartyDraft;
import dev.etiquette.crm.api.party.Role;
import dev.etiquette.crm.api.rules.RuleSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Hand-computed replays and diffs: an SLA change and a cap change show up as exactly the expected differences. */
class ReplayTest {

  private static final Instant FRIDAY_3PM_BERLIN = Instant.parse("2026-03-06T14:00:00Z");

  private static Step inbound(Instant at, String party, String conversation) {
    return new Step.RecordInteraction(at, party, InteractionKind.CONTACT, Channel.EMAIL, Purpose.SERVICE,
        Direction.INBOUND, Optional.of(ConversationId.of(conversation)), Optional.empty(), Map.of());
  }

  private static Step outbound(Instant at, String party, String conversation) {
    return new Step.RecordInteraction(at, party, InteractionKind.CONTACT, Channel.EMAIL, Purpose.SERVICE,
        Direction.OUTBOUND, Optional.of(ConversationId.of(conversation)), Optional.empty(), Map.of());
  }

  private static ScenarioParty ada() {
    return new ScenarioParty("ada", PartyDraft.person("Ada Lovelace").roles(Role.CUSTOMER).email("ada@example.com")
        .team("support").consent(ConsentDraft.optIn(Channel.EMAIL, Purpose.MARKETING, "signup form")
            .capturedAt(Scenarios.START.minus(Duration.ofDays(1)))).build());
  }

  private static Scenario scenario(RuleSet rules, List<Step> steps) {
    return new Scenario("test", Optional.empty(), TenantId.of("acme"), Scenarios.BERLIN,
        Optional.of(Scenarios.officeHours()), Map.of(), Scenarios.START, rules, List.of(ada()), steps);
  }

  /** Friday 15:00 Berlin, a reply on Monday 13:15 Berlin, due work processed on Monday at 13:00 and 19:00. */
  private static Scenario weekend(RuleSet rules) {
    return scenario(rules, List.of(
        inbound(FRIDAY_3PM_BERLIN, "ada", "T-1"),
        new Step.Advance(Instant.parse("2026-03-09T12:00:00Z")),
        outbound(Instant.parse("2026-03-09T12:15:00Z"), "ada", "T-1"),
        new Step.Advance(Instant.parse("2026-03-09T18:00:00Z"))));
  }

  @Test
  void aFourHourTargetOverTheWeekendIsBreachedOnMondayAndEscalatedOnce() {
    ReplayOutcome outcome = Replay.run(weekend(Scenarios.rules(1, Duration.ofHours(4), 0, Duration.ofDays(1),
        false)));

    assertThat(outcome.obligations()).hasSize(1);
    ReplayObligation only = outcome.obligations().get(0);
    assertThat(only.key()).isEqualTo("first-response/ada/T-1/steps[0]");
    assertThat(only.triggerStep()).contains(0);
    // 2 business hours on Friday (15:00-17:00), 2 on Monday (09:00-11:00 Berlin = 10:00Z)
    assertThat(only.obligation().dueAt()).isEqualTo(Instant.parse("2026-03-09T10:00:00Z"));
    assertThat(only.obligation().state()).isEqualTo(ObligationState.SATISFIED_LATE);
    assertThat(only.obligation().escalated()).isEqualTo(1);
    assertThat(outcome.notifications()).extracting(n -> n.key())
        .containsExactly("obligation-000001:breach", "obligation-000001:escalation:1");
    assertThat(outcome.parties()).extracting(ReplayParty::ref, p -> p.id().value())
        .containsExactly(org.assertj.core.groups.Tuple.tuple("ada", "party-000001"));
  }

  @Test
  void aLongerTargetShowsTheBreachAndTheEscalationGone() {
    Scenario scenario = weekend(Scenarios.rules(1, Duration.ofHours(4), 0, Duration.ofDays(1), false));

    ReplayDiff diff = Replay.compare(scenario, scenario.rules(),
        Scenarios.rules(2, Duration.ofHours(8), 0, Duration.ofDays(1), false));

    String key = "first-response/ada/T-1/steps[0]";
    assertThat(diff.a()).isEqualTo("desk v1");
    assertThat(diff.b()).isEqualTo("desk v2");
    assertThat(diff.obligations()).singleElement().satisfies(d -> {
      assertThat(d.key()).isEqualTo(key);
      assertThat(d.a().orElseThrow().state()).isEqualTo(ObligationState.SATISFIED_LATE);
      assertThat(d.b().orElseThrow().state()).isEqualTo(ObligationState.SATISFIED_ON_TIME);
      // 2 hours on Friday, 6 on Monday: 15:00 Berlin
      assertThat(d.b().orElseThrow().dueAt()).isEqualTo(Instant.parse("2026-03-09T14:00:00Z"));
    });
    assertThat(diff.breaches()).containsExactly(new ReplayDiff.BreachDifference(key,
        Optional.of(Instant.parse("2026-03-09T10:00:00Z")), Optional.empty()));
    assertThat(diff.escalations()).singleElement().satisfies(e -> {
      assertThat(e.a()).extracting(p -> p.role()).containsExactly("team_lead");
      assertThat(e.b()).isEmpty();
    });
    assertThat(diff.deniedContacts()).isEmpty();
    assertThat(diff.same()).isFalse();
  }

  @Test
  void anObligationOnlyOneRuleSetCreatesIsPresentOnOneSideOnly() {
    Scenario scenario = weekend(Scenarios.rules(1, Duration.ofHours(4), 0, Duration.ofDays(1), false));
    RuleSet none = new RuleSet("desk", 2, Instant.parse("2026-03-01T00:00:00Z"), Optional.empty(), List.of(),
        Optional.empty());

    ReplayDiff diff = Replay.compare(scenario, scenario.rules(), none);

    assertThat(diff.obligations()).singleElement().satisfies(d -> {
      assertThat(d.a()).isPresent();
      assertThat(d.b()).isEmpty();
    });
    assertThat(diff.breaches()).singleElement().satisfies(b -> assertThat(b.b()).isEmpty());
  }

  @Test
  void aLowerCapShowsTheContactsItWouldDenyAndWhen() {
    Instant monday = Instant.parse("2026-03-02T09:00:00Z");
    List<Step> steps = List.of(
        new Step.Reserve(monday, "ada", Channel.EMAIL, Purpose.MARKETING, Optional.of("one")),
        new Step.Confirm(monday.plusSeconds(60), "one"),
        new Step.Reserve(monday.plus(Duration.ofDays(2)), "ada", Channel.EMAIL, Purpose.MARKETING,
            Optional.of("two")),
        new Step.Confirm(monday.plus(Duration.ofDays(2)).plusSeconds(60), "two"),
        new Step.Decide(monday.plus(Duration.ofDays(7)), "ada", Channel.EMAIL, Purpose.MARKETING));
    Scenario scenario = scenario(Scenarios.rules(1, Duration.ofHours(4), 2, Duration.ofDays(7), false), steps);

    ReplayOutcome loose = Replay.run(scenario);
    ReplayDiff diff = Replay.compare(scenario, scenario.rules(),
        Scenarios.rules(2, Duration.ofHours(4), 1, Duration.ofDays(7), false));

    assertThat(loose.decisions()).extracting(ReplayDecision::step, d -> d.receipt().verdict(),
        d -> d.status().orElse(null)).containsExactly(
            org.assertj.core.groups.Tuple.tuple(0, Verdict.ALLOW, ContactStatus.SENT),
            org.assertj.core.groups.Tuple.tuple(2, Verdict.ALLOW, ContactStatus.SENT),
            org.assertj.core.groups.Tuple.tuple(4, Verdict.ALLOW, null));
    // under one a week the second is denied until the first leaves the window (exactly seven days later); the
    // decision at that instant is allowed under both, and the denied one was never confirmed
    assertThat(diff.deniedContacts()).singleElement().satisfies(d -> {
      assertThat(d.step()).isEqualTo(2);
      assertThat(d.a()).isEqualTo(new ReplayDiff.DecisionSummary(Verdict.ALLOW, List.of(), Optional.empty()));
      assertThat(d.b()).isEqualTo(new ReplayDiff.DecisionSummary(Verdict.DENY,
          List.of("FREQUENCY_CAP marketing-cap"), Optional.of(monday.plus(Duration.ofDays(7)))));
    });
    assertThat(diff.obligations()).isEmpty();
    assertThat(Replay.run(scenario.withRules(Scenarios.rules(2, Duration.ofHours(4), 1, Duration.ofDays(7),
        false))).decisions().get(1).status()).contains(ContactStatus.DENIED);
  }

  @Test
  void aPauseMovesTheDeadlineOutByThePausedBusinessTime() {
    Instant mondayNine = Instant.parse("2026-03-09T08:00:00Z");
    Scenario scenario = scenario(Scenarios.rules(1, Duration.ofHours(4), 0, Duration.ofDays(1), false), List.of(
        inbound(mondayNine, "ada", "T-2"),
        new Step.SetConversationState(mondayNine.plus(Duration.ofHours(1)), ConversationId.of("T-2"),
            ConversationState.WAITING_ON_CUSTOMER),
        new Step.SetConversationState(mondayNine.plus(Duration.ofDays(1)), ConversationId.of("T-2"),
            ConversationState.OPEN),
        new Step.Advance(mondayNine.plus(Duration.ofDays(2)))));

    ReplayOutcome outcome = Replay.run(scenario);

    // paused Monday 10:00-17:00 and Tuesday 09:00 (7 business hours): due Tuesday 12:00 Berlin, breached then
    assertThat(outcome.obligations().get(0).obligation().breachedAt())
        .contains(Instant.parse("2026-03-10T11:00:00Z"));
  }

  @Test
  void aScenarioReportsEveryProblemWithItsPath() {
    RuleSet rules = Scenarios.rules(1, Duration.ofHours(4), 0, Duration.ofDays(1), false);
    List<Step> steps = List.of(
        new Step.Advance(Scenarios.START.minusSeconds(1)),
        new Step.Decide(Scenarios.START.plusSeconds(60), "bob", Channel.EMAIL, Purpose.MARKETING),
        new Step.Advance(Scenarios.START),
        new Step.Confirm(Scenarios.START.plusSeconds(120), "nothing"),
        new Step.SetConversationState(Scenarios.START.plusSeconds(120), ConversationId.of("T-9"),
            ConversationState.RESOLVED),
        new Step.Reserve(Scenarios.START.plusSeconds(180), "ada", Channel.EMAIL, Purpose.MARKETING,
            Optional.of("r")),
        new Step.Release(Scenarios.START.plusSeconds(240), "r"),
        new Step.Confirm(Scenarios.START.plusSeconds(300), "r"));

    assertThatThrownBy(() -> new Scenario("bad", Optional.empty(), TenantId.of("acme"), Scenarios.BERLIN,
        Optional.empty(), Map.of(), Scenarios.START, rules, List.of(ada(), ada()), steps))
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
            .extracting(Violation::path).containsExactly("parties[1].ref", "steps[0].at", "steps[1].party",
                "steps[2].at", "steps[3].contact", "steps[4].conversation", "steps[7].contact"));
  }

  @Test
  void aScenarioFileWithAProblemIsRejectedWithTheJsonPathLineAndColumn() {
    String json = ReplayJson.write(weekend(Scenarios.rules(1, Duration.ofHours(4), 0, Duration.ofDays(1), false)))
        .replace("\"party\": \"ada\"", "\"party\": \"zoe\"")
        .replace("\"type\": \"advance\"", "\"type\": \"jump\"");

    assertThatThrownBy(() -> ReplayJson.readScenario(json))
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
            .allSatisfy(v -> assertThat(v.value()).contains("jump"))
            .extracting(Violation::path).satisfiesExactly(
                p -> assertThat(p).matches("\\$\\.steps\\[1\\]\\.type \\(line \\d+, column \\d+\\)"),
                p -> assertThat(p).matches("\\$\\.steps\\[3\\]\\.type \\(line \\d+, column \\d+\\)")));
    String unknownParty = json.replace("\"type\": \"jump\"", "\"type\": \"advance\"");
    assertThatThrownBy(() -> ReplayJson.readScenario(unknownParty))
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
            .extracting(Violation::path)
            .allMatch(p -> p.matches("\\$\\.steps\\[[02]\\]\\.party \\(line \\d+, column \\d+\\)"))
            .hasSize(2));
  }

  @Test
  void aStepTheLibraryRejectsNamesTheStep() {
    Scenario scenario = scenario(Scenarios.rules(1, Duration.ofHours(4), 0, Duration.ofDays(1), false), List.of(
        inbound(FRIDAY_3PM_BERLIN, "ada", "T-1"),
        new Step.RecordInteraction(FRIDAY_3PM_BERLIN, "ada", InteractionKind.CONTACT, Channel.CHAT,
            Purpose.SERVICE, Direction.INBOUND, Optional.of(ConversationId.of("T-1")), Optional.empty(),
            Map.of())));

    assertThatThrownBy(() -> Replay.run(scenario))
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
            .allMatch(v -> v.path().startsWith("steps[1]")));
  }

  @Test
  void theLayoutIsOnePropertyPerLineAndKeepsStringsAsTheyAre() {
    assertThat(ReplayJson.layOut("{\"a\":[1,{\"b\":\"x,{y}:\\\"z\"}],\"c\":{},\"d\":[]}"))
        .isEqualTo("{\n  \"a\": [\n    1,\n    {\n      \"b\": \"x,{y}:\\\"z\"\n    }\n  ],\n  \"c\": {},\n"
            + "  \"d\": []\n}\n");
  }
}
