package dev.etiquette.crm.api.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.etiquette.crm.api.Channel;
import dev.etiquette.crm.api.Purpose;
import dev.etiquette.crm.api.ValidationException;
import dev.etiquette.crm.api.Violation;
import dev.etiquette.crm.api.calendar.CalendarChoice;
import dev.etiquette.crm.api.interaction.Direction;
import dev.etiquette.crm.api.interaction.InteractionKind;
import dev.etiquette.crm.api.party.LifecycleStage;
import dev.etiquette.crm.api.party.Role;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RuleSetTest {

  static final Instant FROM = Instant.parse("2026-01-01T00:00:00Z");

  static ResponseRule firstResponse() {
    return ResponseRule.firstResponse("first-response")
        .channels(Channel.EMAIL, Channel.CHAT)
        .within(Duration.ofHours(4))
        .within(Channel.CHAT, Duration.ofHours(1))
        .withinForSegment("vip", Duration.ofHours(2))
        .target(ResponseTarget.of(Duration.ofMinutes(30)).withChannel(Channel.CHAT).withSegment("vip"))
        .warning(Warning.atFraction("0.75"))
        .escalate("team_lead", Duration.ofMinutes(30))
        .escalate("head_of_support", Duration.ofHours(2))
        .assignee(Assignee.team("support"))
        .build();
  }

  static FollowUpRule thankYou() {
    return FollowUpRule.builder("thank-you", "Thank the customer for the purchase")
        .after(EventFilter.of(InteractionKind.PURCHASE).build())
        .delay(Duration.ofDays(1))
        .within(Duration.ofHours(8))
        .satisfiedBy(EventFilter.of(InteractionKind.CONTACT).outbound().build())
        .cancelWhen(EventFilter.of(InteractionKind.CONTACT).outbound().build())
        .assignee(Assignee.owner("sales"))
        .build();
  }

  static DormancyRule checkIn() {
    return DormancyRule.builder("check-in", "Check in with the customer", 90)
        .stages(LifecycleStage.CUSTOMER, LifecycleStage.EVANGELIST)
        .within(Duration.ofDays(5))
        .satisfiedBy(EventFilter.of(InteractionKind.CONTACT).outbound().build())
        .cancelWhen(EventFilter.builder().inbound().build())
        .assignee(Assignee.owner("account-management"))
        .build();
  }

  static RuleSet supportDesk() {
    return RuleSet.builder("support-desk", 1, FROM).description("The support desk's promises")
        .rule(firstResponse()).rule(thankYou()).rule(checkIn()).build();
  }

  private static List<Violation> violations(Runnable build) {
    return catchThrowableOfType(ValidationException.class, build::run).violations();
  }

  private static RuleSet with(ObligationRule... rules) {
    return new RuleSet("s", 1, FROM, Optional.empty(), List.of(rules), Optional.empty());
  }

  @Nested
  class Building {

    @Test
    void buildersMakeTheRulesTheyDescribe() {
      RuleSet set = supportDesk();

      assertThat(set.obligations()).extracting(ObligationRule::id)
          .containsExactly("first-response", "thank-you", "check-in");
      ResponseRule first = (ResponseRule) set.rule("first-response").orElseThrow();
      assertThat(first.kind()).isEqualTo(ResponseKind.FIRST_RESPONSE);
      assertThat(first.calendar()).isEqualTo(CalendarChoice.business());
      assertThat(first.targets()).hasSize(4);
      assertThat(first.escalation()).containsExactly(EscalationStep.of("team_lead", Duration.ofMinutes(30)),
          EscalationStep.of("head_of_support", Duration.ofHours(2)));
      assertThat(first.warning()).contains(new Warning.ElapsedFraction(new BigDecimal("0.750")));
      FollowUpRule thankYou = (FollowUpRule) set.rule("thank-you").orElseThrow();
      assertThat(thankYou.delay()).isEqualTo(Duration.ofDays(1));
      assertThat(thankYou.trigger().kinds()).containsExactly(InteractionKind.PURCHASE);
      assertThat(((DormancyRule) set.rule("check-in").orElseThrow()).inactivity()).isEqualTo(Duration.ofDays(90));
      assertThat(set.ref("thank-you")).hasToString("support-desk v1 thank-you");
      assertThatThrownBy(() -> set.ref("nope")).isInstanceOf(ValidationException.class);
    }

    @Test
    void aBuilderSaysWhatIsMissing() {
      assertThat(violations(() -> FollowUpRule.builder("f", "Follow up").build()))
          .extracting(Violation::path).containsExactly("trigger", "within", "satisfiedBy", "assignee");
      assertThat(violations(() -> ResponseRule.firstResponse("r").build()))
          .extracting(Violation::path).containsExactly("assignee", "targets");
      assertThat(violations(() -> DormancyRule.builder("d", "Check in", 0).build()))
          .extracting(Violation::path).containsExactly("within", "satisfiedBy", "assignee", "stages", "days");
    }
  }

  @Nested
  class TheTargetThatApplies {

    @Test
    void isTheMostSpecificThenTheFirst() {
      ResponseRule rule = firstResponse();
      assertThat(rule.targetFor(Channel.EMAIL, Optional.empty(), Set.of())).map(ResponseTarget::within)
          .contains(Duration.ofHours(4));
      assertThat(rule.targetFor(Channel.CHAT, Optional.empty(), Set.of())).map(ResponseTarget::within)
          .contains(Duration.ofHours(1));
      assertThat(rule.targetFor(Channel.EMAIL, Optional.empty(), Set.of("vip"))).map(ResponseTarget::within)
          .contains(Duration.ofHours(2));
      assertThat(rule.targetFor(Channel.CHAT, Optional.of("urgent"), Set.of("vip", "other")))
          .map(ResponseTarget::within).contains(Duration.ofMinutes(30));
    }

    @Test
    void amongEquallySpecificTargetsTheFirstWins() {
      ResponseRule rule = ResponseRule.nextResponse("n").within(Duration.ofHours(8))
          .withinForPriority("urgent", Duration.ofHours(1))
          .within(Channel.EMAIL, Duration.ofHours(6))
          .assignee(Assignee.role("support")).build();

      assertThat(rule.targetFor(Channel.EMAIL, Optional.of("urgent"), Set.of())).map(ResponseTarget::within)
          .contains(Duration.ofHours(1));
      assertThat(rule.targetFor(Channel.EMAIL, Optional.of("low"), Set.of())).map(ResponseTarget::within)
          .contains(Duration.ofHours(6));
    }

    @Test
    void theFirstRuleOfAKindThatAppliesIsTheOne() {
      ResponseRule email = ResponseRule.firstResponse("email").channels(Channel.EMAIL).within(Duration.ofHours(4))
          .assignee(Assignee.role("support")).build();
      ResponseRule rest = ResponseRule.firstResponse("rest").within(Duration.ofHours(24))
          .assignee(Assignee.role("support")).build();
      RuleSet set = with(email, rest);

      assertThat(set.responseRule(ResponseKind.FIRST_RESPONSE, Channel.EMAIL, Purpose.SERVICE)).contains(email);
      assertThat(set.responseRule(ResponseKind.FIRST_RESPONSE, Channel.SMS, Purpose.SERVICE)).contains(rest);
      assertThat(set.responseRule(ResponseKind.NEXT_RESPONSE, Channel.SMS, Purpose.SERVICE)).isEmpty();
    }
  }

  @Nested
  class Validation {

    @Test
    void everyProblemIsReportedAtOnceWithItsPath() {
      ResponseRule bad = new ResponseRule("bad id!", ResponseKind.FIRST_RESPONSE, Set.of(Channel.EMAIL), Set.of(),
          List.of(new ResponseTarget(Optional.of(Channel.CHAT), Optional.empty(), Optional.of(" "),
                  Duration.ofMinutes(-5)),
              ResponseTarget.of(Duration.ZERO).withSegment("vip"),
              ResponseTarget.of(Duration.ofHours(1)).withSegment("vip")),
          CalendarChoice.team("x\u0007"), Optional.of(Warning.before(Duration.ofHours(2))),
          List.of(EscalationStep.of("", Duration.ofMinutes(-1)), EscalationStep.of("lead", Duration.ZERO)),
          Assignee.owner("\t"));
      FollowUpRule follow = new FollowUpRule("dup", "", EventFilter.builder().outbound()
          .kinds(InteractionKind.PURCHASE).attribute("1x", "").build(), Duration.ofSeconds(-1),
          Duration.ofDays(4000), EventFilter.any(), List.of(), CalendarChoice.elapsed(),
          Optional.of(Warning.atFraction("1.0")), List.of(), Assignee.role("r"));
      DormancyRule dormancy = new DormancyRule("dup", "Check in", Set.of(), Set.of(), 0, Duration.ofHours(1),
          EventFilter.any(), List.of(), CalendarChoice.business(),
          Optional.of(Warning.atFraction(new BigDecimal("0.1234567891"))), List.of(), Assignee.role("r"));

      List<Violation> violations = violations(() -> new RuleSet("", 0, Instant.parse("+10000-01-01T00:00:00Z"),
          Optional.of(""), List.of(bad, follow, dormancy), Optional.empty()));

      assertThat(violations).extracting(Violation::path).containsExactly(
          "name", "version", "effectiveFrom", "description",
          "obligations[0].id",
          "obligations[0].targets[0].within",
          "obligations[0].targets[0].channel",
          "obligations[0].targets[0].segment",
          "obligations[0].targets[1].within",
          "obligations[0].targets[2]",
          "obligations[0].targets",
          "obligations[0].calendar.team",
          "obligations[0].escalation[0].role",
          "obligations[0].escalation[0].after",
          "obligations[0].escalation[1].after",
          "obligations[0].assignee.fallback",
          "obligations[1].action",
          "obligations[1].trigger.directions",
          "obligations[1].trigger.attributes.1x",
          "obligations[1].trigger.attributes.1x",
          "obligations[1].delay",
          "obligations[1].within",
          "obligations[1].warning.fraction",
          "obligations[2].id",
          "obligations[2].stages",
          "obligations[2].days",
          "obligations[2].warning.fraction");
      assertThat(violations).filteredOn(v -> v.path().equals("obligations[2].id")).singleElement()
          .satisfies(v -> assertThat(v.message()).contains("obligations[1]"));
      assertThat(violations).filteredOn(v -> v.path().equals("obligations[0].targets")).singleElement()
          .satisfies(v -> assertThat(v.message()).startsWith("has no default target"));
      assertThat(violations).filteredOn(v -> v.path().equals("obligations[0].targets[0].within")).singleElement()
          .isEqualTo(new Violation("obligations[0].targets[0].within", "-PT5M", "must be positive"));
      assertThat(violations).filteredOn(v -> v.path().equals("obligations[1].within")).singleElement()
          .isEqualTo(new Violation("obligations[1].within", "P4000D", "must be at most P3650D"));
      // as docs/rules.md quotes them
      assertThat(violations).extracting(Violation::toString).contains(
          "obligations[0].targets '3 targets': has no default target (one without channel, priority and segment),"
              + " so an interaction that matches no other target would have none",
          "obligations[2].id 'dup': is the id of obligations[1] too: rule ids are unique within a rule set");
    }

    @Test
    void aWarningOffsetMustBeShorterThanEveryTarget() {
      ResponseRule rule = new ResponseRule("r", ResponseKind.FIRST_RESPONSE, Set.of(), Set.of(),
          List.of(ResponseTarget.of(Duration.ofHours(4)), ResponseTarget.of(Duration.ofHours(1)).withChannel(
              Channel.CHAT)), CalendarChoice.business(), Optional.of(Warning.before(Duration.ofHours(1))), List.of(),
          Assignee.role("support"));

      assertThat(violations(() -> with(rule))).singleElement().isEqualTo(new Violation(
          "obligations[0].warning.offset", "PT1H", "must be shorter than the rule's shortest target (PT1H), or the"
              + " warning would fall at or before the opening"));
      assertThat(with(new ResponseRule("r", ResponseKind.FIRST_RESPONSE, Set.of(), Set.of(), rule.targets(),
          CalendarChoice.business(), Optional.of(Warning.before(Duration.ofMinutes(59))), List.of(),
          Assignee.role("support"))).obligations()).hasSize(1);
    }

    @Test
    void aResponseRuleThatEarlierRulesLeaveNothingToDoIsRejected() {
      ResponseRule email = ResponseRule.firstResponse("email").channels(Channel.EMAIL).within(Duration.ofHours(4))
          .assignee(Assignee.role("support")).build();
      ResponseRule chat = ResponseRule.firstResponse("chat").channels(Channel.CHAT).within(Duration.ofHours(1))
          .assignee(Assignee.role("support")).build();
      ResponseRule both = ResponseRule.firstResponse("both").channels(Channel.CHAT, Channel.EMAIL)
          .purposes(Purpose.SALES).within(Duration.ofHours(2)).assignee(Assignee.role("sales")).build();
      ResponseRule next = ResponseRule.nextResponse("next").channels(Channel.EMAIL).within(Duration.ofHours(8))
          .assignee(Assignee.role("support")).build();

      assertThat(violations(() -> with(email, chat, both, next))).singleElement().satisfies(v -> {
        assertThat(v.path()).isEqualTo("obligations[2]");
        assertThat(v.value()).isEqualTo("both");
        assertThat(v.message()).contains("obligations[0] 'email'", "obligations[1] 'chat'");
      });
      assertThat(with(both, email, chat, next).obligations()).hasSize(4);
    }

    @Test
    void aFilterThatCanNeverMatchIsRejected() {
      FollowUpRule rule = new FollowUpRule("f", "Thank", EventFilter.of(InteractionKind.PURCHASE,
          InteractionKind.SURVEY_ANSWER).outbound().build(), Duration.ZERO, Duration.ofHours(1), EventFilter.any(),
          List.of(EventFilter.builder().outbound().inbound().kinds(InteractionKind.PURCHASE).build()),
          CalendarChoice.business(), Optional.empty(), List.of(), Assignee.role("r"));

      assertThat(violations(() -> with(rule))).singleElement().isEqualTo(new Violation(
          "obligations[0].trigger.directions", "[OUTBOUND]",
          "never matches: [SURVEY_ANSWER, PURCHASE] interactions are always inbound"));
    }

    @Test
    void namesAreCountedInCodePointsAndMustNotBeBlank() {
      String emoji = "\uD83D\uDE00".repeat(200);
      assertThat(with(new FollowUpRule("f", emoji, EventFilter.any(), Duration.ZERO, Duration.ofHours(1),
          EventFilter.any(), List.of(), CalendarChoice.business(), Optional.empty(), List.of(),
          Assignee.role("r"))).obligations()).hasSize(1);
      for (String bad : List.of("\u3000", emoji + "x", "a\u0085b", "\uD83D", "")) {
        assertThat(violations(() -> with(new FollowUpRule("f", "Thank", EventFilter.any(), Duration.ZERO,
            Duration.ofHours(1), EventFilter.any(), List.of(), CalendarChoice.business(), Optional.empty(),
            List.of(), Assignee.role(bad))))).as(bad).singleElement()
            .satisfies(v -> assertThat(v.path()).isEqualTo("obligations[0].assignee.name"));
      }
    }

    @Test
    void aDormancyRuleNeedsStagesOrRoles() {
      DormancyRule byRole = DormancyRule.builder("d", "Check in", 30).roles(Role.PARTNER)
          .within(Duration.ofDays(2)).satisfiedBy(EventFilter.builder().outbound().build())
          .assignee(Assignee.owner("partners")).build();

      assertThat(byRole.watches(Optional.empty(), Set.of(Role.PARTNER, Role.VENDOR))).isTrue();
      assertThat(byRole.watches(Optional.of(LifecycleStage.CUSTOMER), Set.of(Role.CUSTOMER))).isFalse();
      assertThat(checkIn().watches(Optional.of(LifecycleStage.CUSTOMER), Set.of())).isTrue();
      assertThat(checkIn().watches(Optional.empty(), Set.of(Role.CUSTOMER))).isFalse();
    }

    @Test
    void fractionsAreNormalizedAndBoundedBothWays() {
      assertThat(Warning.atFraction("0.750")).isEqualTo(Warning.atFraction(new BigDecimal("0.75")));
      for (String bad : List.of("0", "1", "-0.5", "1.5")) {
        assertThat(violations(() -> with(thankYouWith(Warning.atFraction(bad))))).as(bad).singleElement()
            .satisfies(v -> assertThat(v.path()).isEqualTo("obligations[0].warning.fraction"));
      }
      assertThat(with(thankYouWith(Warning.atFraction("0.999999999"))).obligations()).hasSize(1);
    }

    private FollowUpRule thankYouWith(Warning warning) {
      FollowUpRule t = thankYou();
      return new FollowUpRule(t.id(), t.action(), t.trigger(), t.delay(), t.within(), t.satisfiedBy(),
          t.cancelWhen(), t.calendar(), Optional.of(warning), t.escalation(), t.assignee());
    }
  }

  @Nested
  class Filters {

    @Test
    void emptyConditionsMatchEverything() {
      EventFilter filter = EventFilter.of(InteractionKind.CONTACT).outbound().channels(Channel.PHONE)
          .attribute("stage", "onboarded").build();
      assertThat(filter.kinds()).containsExactly(InteractionKind.CONTACT);
      assertThat(filter.directions()).containsExactly(Direction.OUTBOUND);
      assertThat(filter.purposes()).isEmpty();
      assertThat(filter.attributes()).isEqualTo(Map.of("stage", "onboarded"));
      assertThat(EventFilter.any()).isEqualTo(EventFilter.builder().build());
    }
  }

  @Nested
  class History {

    @Test
    void theVersionInEffectIsTheLatestThatHasTakenEffect() {
      RuleSet v1 = supportDesk();
      RuleSet v2 = new RuleSet("support-desk", 2, FROM.plusSeconds(86_400), Optional.empty(), List.of(thankYou()), Optional.empty());
      RuleSet v3 = new RuleSet("support-desk", 3, FROM.plusSeconds(86_400), Optional.empty(), List.of(), Optional.empty());
      RuleSetHistory history = RuleSetHistory.of(v1).plus(v3).plus(v2);

      assertThat(history.versions()).containsExactly(v1, v2, v3);
      assertThat(history.inEffectAt(FROM.minusNanos(1))).isEmpty();
      assertThat(history.inEffectAt(FROM)).contains(v1);
      assertThat(history.inEffectAt(FROM.plusSeconds(86_399))).contains(v1);
      assertThat(history.inEffectAt(FROM.plusSeconds(86_400))).contains(v3);
      assertThat(history.version(2)).contains(v2);
    }

    @Test
    void aLaterVersionCannotTakeEffectEarlierNorRepeatANumber() {
      RuleSet v1 = supportDesk();
      RuleSet early = new RuleSet("support-desk", 2, FROM.minusSeconds(1), Optional.empty(), List.of(), Optional.empty());
      RuleSet again = new RuleSet("support-desk", 1, FROM, Optional.empty(), List.of(), Optional.empty());
      RuleSet other = new RuleSet("other", 3, FROM, Optional.empty(), List.of(), Optional.empty());

      assertThat(violations(() -> new RuleSetHistory(List.of(v1, early, again, other))))
          .extracting(Violation::path)
          .containsExactly("versions[1].version", "versions[2].effectiveFrom", "versions[3].name");
    }
  }
}
