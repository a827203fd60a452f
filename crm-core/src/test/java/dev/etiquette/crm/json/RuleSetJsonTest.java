package dev.etiquette.crm.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.etiquette.crm.api.Channel;
import dev.etiquette.crm.api.ValidationException;
import dev.etiquette.crm.api.Violation;
import dev.etiquette.crm.api.calendar.CalendarChoice;
import dev.etiquette.crm.api.interaction.InteractionKind;
import dev.etiquette.crm.api.party.LifecycleStage;
import dev.etiquette.crm.api.rules.Assignee;
import dev.etiquette.crm.api.rules.DormancyRule;
import dev.etiquette.crm.api.rules.EventFilter;
import dev.etiquette.crm.api.rules.FollowUpRule;
import dev.etiquette.crm.api.rules.ObligationRule;
import dev.etiquette.crm.api.rules.ResponseRule;
import dev.etiquette.crm.api.rules.RuleSet;
import dev.etiquette.crm.api.rules.Warning;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rule files: the layout for people, and broken files rejected whole with every problem where it is. */
class RuleSetJsonTest {

  static RuleSet supportDesk() {
    EventFilter outbound = EventFilter.of(InteractionKind.CONTACT).outbound().build();
    return RuleSet.builder("support-desk", 1, Instant.parse("2026-01-05T00:00:00Z"))
        .rule(ResponseRule.firstResponse("first-response").channels(Channel.EMAIL, Channel.CHAT)
            .within(Duration.ofHours(4)).within(Channel.CHAT, Duration.ofHours(1))
            .warning(Warning.atFraction("0.75")).escalate("team_lead", Duration.ofMinutes(30))
            .assignee(Assignee.team("support")).build())
        .rule(FollowUpRule.builder("thank-you", "Thank the customer").after(EventFilter.of(InteractionKind.PURCHASE)
            .build()).delay(Duration.ofDays(1)).within(Duration.ofHours(8)).satisfiedBy(outbound)
            .cancelWhen(outbound).assignee(Assignee.owner("sales")).build())
        .rule(DormancyRule.builder("check-in", "Check in", 90).stages(LifecycleStage.CUSTOMER)
            .within(Duration.ofDays(7)).calendar(CalendarChoice.elapsed()).satisfiedBy(outbound)
            .assignee(Assignee.owner("sales")).build())
        .build();
  }

  @Test
  void aRuleFileIsLaidOutForPeopleAndReadsBack() {
    RuleSet rules = supportDesk();

    String file = RuleSetJson.toJson(rules);

    assertThat(file).startsWith("{\n  \"name\": \"support-desk\",\n  \"version\": 1,\n"
        + "  \"effectiveFrom\": \"2026-01-05T00:00:00Z\",\n  \"obligations\": [\n    {\n"
        + "      \"type\": \"response_rule\",\n      \"id\": \"first-response\",\n");
    assertThat(file).contains("      \"channels\": [\n        \"EMAIL\",\n        \"CHAT\"\n      ],\n"
        + "      \"purposes\": [],\n");
    assertThat(file).contains("\"delay\": \"P1D\"", "\"within\": \"PT8H\"", "\"fraction\": 0.75",
        "\"attributes\": {}");
    assertThat(file).endsWith("}\n").doesNotContain("\r");
    assertThat(RuleSetJson.fromJson(file)).isEqualTo(rules);
    assertThat(CrmJson.fromJson(CrmJson.toJson(rules), RuleSet.class)).isEqualTo(rules);
    assertThat(CrmJson.fromJsonFast(file, RuleSet.class)).contains(rules);
    assertThat(RuleSetJson.toJson(RuleSetJson.fromJson(file))).isEqualTo(file);
  }

  /** A file with a problem of form in every rule: all are reported, each where it is. */
  @Test
  void aFileWithErrorsOfFormIsRejectedWholeWithEveryProblem() {
    String file = """
        {
          "name": "support-desk",
          "version": "1",
          "effectiveFrom": "2026-01-05T00:00:00Z",
          "obligations": [
            {
              "type": "response_rule",
              "id": "first-response",
              "kind": "FIRST_RESPONSE",
              "channels": ["EMAIL", "FAX"],
              "purposes": [],
              "targets": [{"within": "4 hours"}],
              "calendar": {"type": "business"},
              "escalation": [],
              "assignee": {"type": "team", "fallback": "support"},
              "priority": "high"
            },
            {
              "type": "follow_up",
              "id": "thank-you"
            },
            {
              "type": "dormancy_rule",
              "id": "check-in",
              "action": "Check in",
              "stages": ["customer", "customer"],
              "roles": [],
              "days": 90.5,
              "within": "P7D",
              "satisfiedBy": {"kinds": [], "directions": ["OUTBOUND"], "channels": [], "purposes": []},
              "cancelWhen": [],
              "calendar": {"type": "elapsed"},
              "escalation": [],
              "assignee": {"type": "owner", "fallback": null}
            }
          ]
        }
        """;

    ValidationException e = catchThrowableOfType(ValidationException.class, () -> RuleSetJson.fromJson(file));

    assertThat(e.violations()).extracting(Violation::path).containsExactly(
        "$.version (line 3, column 14)",
        "$.obligations[0].channels[1] (line 10, column 29)",
        "$.obligations[0].targets[0].within (line 12, column 30)",
        "$.obligations[0].priority (line 16, column 7)",
        "$.obligations[1].type (line 19, column 15)",
        "$.obligations[2].stages[1] (line 26, column 30)",
        "$.obligations[2].days (line 28, column 15)",
        "$.obligations[2].satisfiedBy.attributes (line 30, column 22)",
        "$.obligations[2].assignee.fallback (line 34, column 49)");
    assertThat(e.violations().get(1)).isEqualTo(new Violation("$.obligations[0].channels[1] (line 10, column 29)",
        "FAX", "is not a known constant: expected one of EMAIL, PHONE, SMS, CHAT, MEETING, LETTER, SOCIAL, IN_APP"));
    assertThat(e.violations().get(2).message()).isEqualTo("is not an ISO-8601 duration: expected an ISO-8601"
        + " duration string such as \"PT4H\", \"PT1H30M\" or \"P3D\"");
    assertThat(e.violations().get(4).message()).startsWith("is not a known type: expected one of response_rule,"
        + " follow_up_rule, dormancy_rule");
    assertThat(e.violations().get(7).message()).isEqualTo("is required: expected an object");
    // as docs/rules.md quotes them
    assertThat(e.violations()).extracting(Violation::toString).contains(
        "$.version (line 3, column 14) '1': expected an integer from -2147483648 to 2147483647, got a string",
        "$.obligations[0].targets[0].within (line 12, column 30) '4 hours': is not an ISO-8601 duration: expected"
            + " an ISO-8601 duration string such as \"PT4H\", \"PT1H30M\" or \"P3D\"",
        "$.obligations[1].type (line 19, column 15) 'follow_up': is not a known type: expected one of"
            + " response_rule, follow_up_rule, dormancy_rule",
        "$.obligations[2].satisfiedBy.attributes (line 30, column 22) '(missing)': is required: expected an"
            + " object");
  }

  /** A file whose form is right but whose rules are not: every problem, at the value it is about. */
  @Test
  void aFileWithErrorsOfMeaningIsRejectedWholeWithEveryProblemWhereItIs() {
    String file = """
        {
          "name": "support-desk",
          "version": 0,
          "effectiveFrom": "2026-01-05T00:00:00Z",
          "obligations": [
            {
              "type": "response_rule",
              "id": "first-response",
              "kind": "FIRST_RESPONSE",
              "channels": ["EMAIL"],
              "purposes": [],
              "targets": [{"channel": "CHAT", "within": "PT1H"}, {"within": "PT0S"}],
              "calendar": {"type": "business"},
              "warning": {"type": "before_deadline", "offset": "PT4H"},
              "escalation": [{"role": " ", "after": "PT30M"}, {"role": "head", "after": "PT0S"}],
              "assignee": {"type": "team", "fallback": "support"}
            },
            {
              "type": "follow_up_rule",
              "id": "first-response",
              "action": "Thank the customer",
              "trigger": {"kinds": ["PURCHASE"], "directions": ["OUTBOUND"], "channels": [], "purposes": [],
                          "attributes": {"stage": ""}},
              "delay": "-PT1H",
              "within": "P5000D",
              "satisfiedBy": {"kinds": [], "directions": [], "channels": [], "purposes": [], "attributes": {}},
              "cancelWhen": [],
              "calendar": {"type": "team", "team": "emea"},
              "warning": {"type": "elapsed_fraction", "fraction": 1.5},
              "escalation": [],
              "assignee": {"type": "role", "name": "sales"}
            }
          ]
        }
        """;

    ValidationException e = catchThrowableOfType(ValidationException.class, () -> RuleSetJson.fromJson(file));

    assertThat(e.violations()).extracting(Violation::path).containsExactly(
        "$.version (line 3, column 14)",
        "$.obligations[0].targets[0].channel (line 12, column 31)",
        "$.obligations[0].targets[1].within (line 12, column 69)",
        "$.obligations[0].escalation[0].role (line 15, column 31)",
        "$.obligations[0].escalation[1].after (line 15, column 81)",
        "$.obligations[1].id (line 20, column 13)",
        "$.obligations[1].trigger.directions (line 22, column 56)",
        "$.obligations[1].trigger.attributes.stage (line 23, column 43)",
        "$.obligations[1].delay (line 24, column 16)",
        "$.obligations[1].within (line 25, column 17)",
        "$.obligations[1].warning.fraction (line 29, column 59)");
    assertThat(e.violations()).filteredOn(v -> v.path().startsWith("$.obligations[1].id")).singleElement()
        .isEqualTo(new Violation("$.obligations[1].id (line 20, column 13)", "first-response",
            "is the id of obligations[0] too: rule ids are unique within a rule set"));
    assertThat(e.getMessage()).startsWith("11 invalid inputs: ");
    // as docs/rules.md quotes them
    assertThat(e.violations()).extracting(Violation::toString).contains(
        "$.version (line 3, column 14) '0': must be at least 1",
        "$.obligations[0].targets[0].channel (line 12, column 31) 'CHAT': never applies: the rule covers only the"
            + " channels [EMAIL]",
        "$.obligations[0].escalation[1].after (line 15, column 81) 'PT0S': must be positive: only the first step"
            + " may escalate at once (at the breach); a later one counts from the step before",
        "$.obligations[1].trigger.directions (line 22, column 56) '[OUTBOUND]': never matches: [PURCHASE]"
            + " interactions are always inbound");
    // the warning's offset is not compared with targets that are themselves invalid (PT0S)
    assertThat(e.violations()).noneMatch(v -> v.path().contains("warning.offset"));
  }

  @Test
  void contactRulesWithErrorsOfFormAreRejectedWithEveryProblem() {
    String file = """
        {
          "name": "marketing",
          "version": 1,
          "effectiveFrom": "2026-01-05T00:00:00Z",
          "obligations": [],
          "contact": {
            "regime": "OPT_MAYBE",
            "regimes": {},
            "doubleOptIn": [],
            "caps": [{"id": "weekly", "purpose": "MARKETING", "max": 3, "window": {"type": "weekly"}}],
            "quietHours": {"PHONE": [{"start": "21:00", "end": "25:00"}]}
          }
        }
        """;

    ValidationException e = catchThrowableOfType(ValidationException.class, () -> RuleSetJson.fromJson(file));

    assertThat(e.violations()).extracting(Violation::path).containsExactly(
        "$.contact.regime (line 7, column 15)",
        "$.contact.caps[0].window.type (line 10, column 84)",
        "$.contact.quietHours.PHONE[0].end (line 11, column 56)");
  }

  @Test
  void contactRulesWithErrorsOfMeaningAreRejectedWithEveryProblemWhereItIs() {
    String file = """
        {
          "name": "marketing",
          "version": 1,
          "effectiveFrom": "2026-01-05T00:00:00Z",
          "obligations": [],
          "contact": {
            "regime": "OPT_IN",
            "regimes": {"TRANSACTIONAL": "OPT_OUT"},
            "doubleOptIn": [],
            "caps": [
              {"id": "weekly", "purpose": "MARKETING", "max": 0, "window": {"type": "rolling", "length": "PT0S"}},
              {"id": "weekly", "purpose": "LEGAL", "max": 2, "window": {"type": "calendar_days", "days": 400}}
            ],
            "quietHours": {}
          }
        }
        """;

    ValidationException e = catchThrowableOfType(ValidationException.class, () -> RuleSetJson.fromJson(file));

    assertThat(e.violations()).extracting(Violation::toString).containsExactly(
        "$.contact.regimes.TRANSACTIONAL (line 8, column 34) 'TRANSACTIONAL': never applies: TRANSACTIONAL contacts"
            + " are exempt from consent",
        "$.contact.caps[0].max (line 11, column 55) '0': must be 1 to 10000",
        "$.contact.caps[0].window.length (line 11, column 98) 'PT0S': must be positive",
        "$.contact.caps[1].id (line 12, column 14) 'weekly': is the id of contact.caps[0] too: rule and cap ids are"
            + " unique within a rule set",
        "$.contact.caps[1].purpose (line 12, column 35) 'LEGAL': never applies: LEGAL contacts are exempt from caps",
        "$.contact.caps[1].window.days (line 12, column 98) '400': must be 1 to 366");
  }

  @Test
  void theWarningIsCheckedAgainstTheShortestTargetOnceTheTargetsAreValid() {
    String file = RuleSetJson.toJson(supportDesk()).replace("\"type\": \"elapsed_fraction\",\n"
        + "        \"fraction\": 0.75", "\"type\": \"before_deadline\",\n        \"offset\": \"PT1H\"");

    assertThat(catchThrowableOfType(ValidationException.class, () -> RuleSetJson.fromJson(file)).violations())
        .singleElement().satisfies(v -> {
          assertThat(v.path()).startsWith("$.obligations[0].warning.offset (line ");
          assertThat(v.message()).startsWith("must be shorter than the rule's shortest target (PT1H)");
        });
  }

  @Test
  void hostileFilesGetAValidationExceptionAndNothingElse() {
    String good = RuleSetJson.toJson(supportDesk());
    List<String> hostile = List.of("", "null", "[]", "{}", good.substring(0, good.length() / 2),
        good.replace("\"PT4H\"", "\"PT4H\\u0000\""), good.replace("\"support\"", "\"support\\u0007\""),
        good.replace("\"P1D\"", "\"P" + "9".repeat(5_000) + "D\""), good + good,
        good.replace("\"obligations\": [", "\"obligations\": [" + "[".repeat(2_000)));
    for (String file : hostile) {
      assertThatThrownBy(() -> RuleSetJson.fromJson(file)).as(file.length() > 80 ? file.substring(0, 80) : file)
          .isExactlyInstanceOf(ValidationException.class)
          .satisfies(t -> assertThat(((ValidationException) t).violations())
              .allSatisfy(v -> assertThat(v.path()).startsWith("$")));
    }
  }

  @Test
  void aRuleIsReadOnItsOwnButOnlyASetIsChecked() {
    ObligationRule rule = supportDesk().obligations().get(0);
    assertThat(CrmJson.fromJson(CrmJson.toJson(rule), ObligationRule.class)).isEqualTo(rule);
    assertThatThrownBy(() -> RuleSetJson.fromJson(null)).isInstanceOf(NullPointerException.class);
  }
}
