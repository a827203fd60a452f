package dev.etiquette.crm.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.etiquette.crm.api.ValidationException;
import dev.etiquette.crm.api.Violation;
import dev.etiquette.crm.api.measure.BuiltInKpi;
import dev.etiquette.crm.api.measure.Cadence;
import dev.etiquette.crm.api.measure.Kpi;
import dev.etiquette.crm.api.measure.KpiDefinition;
import dev.etiquette.crm.api.measure.KpiDirection;
import dev.etiquette.crm.api.measure.Objective;
import dev.etiquette.crm.api.measure.Vision;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Vision files: the layout for people, and broken files rejected whole with every problem where it is. */
class VisionJsonTest {

  static Vision vision() {
    return new Vision("Customers hear from us fast and stay with us", List.of(
        new Objective("respond-fast", "Answer every customer within the hour", List.of(
            new Kpi("frt-p90", "First response time, 90th percentile",
                BuiltInKpi.FIRST_RESPONSE_TIME.with(Map.of("statistic", "p90")), KpiDirection.LOWER_IS_BETTER,
                240, 60, LocalDate.of(2026, 12, 31), "alice", Cadence.MONTHLY),
            new Kpi("sla", "SLA compliance", BuiltInKpi.SLA_COMPLIANCE.definition(), KpiDirection.HIGHER_IS_BETTER,
                82.5, 95, LocalDate.of(2026, 12, 31), "alice", Cadence.WEEKLY))),
        new Objective("keep", "Keep our customers", List.of(
            new Kpi("churn", "Churn", BuiltInKpi.CHURN.definition(), KpiDirection.LOWER_IS_BETTER, 4.2, 2.5,
                LocalDate.of(2027, 3, 31), "bob", Cadence.QUARTERLY),
            new Kpi("health", "Account health", KpiDefinition.of("account_health", Map.of("segment", "smb")),
                KpiDirection.HIGHER_IS_BETTER, 0.1, 0.3, LocalDate.of(2027, 3, 31), "bob", Cadence.MONTHLY)))));
  }

  @Test
  void aVisionFileIsLaidOutForPeopleAndReadsBack() {
    String file = VisionJson.toJson(vision());

    assertThat(file).startsWith("{\n  \"statement\": \"Customers hear from us fast and stay with us\",\n"
        + "  \"objectives\": [\n    {\n      \"id\": \"respond-fast\",\n");
    assertThat(file).contains("\"definition\": {\n            \"name\": \"first_response_time\",\n"
        + "            \"parameters\": {\n              \"statistic\": \"p90\"\n            }\n          },\n");
    assertThat(file).contains("\"baseline\": 240.0", "\"target\": 60.0", "\"baseline\": 82.5", "\"baseline\": 0.1",
        "\"deadline\": \"2026-12-31\"", "\"cadence\": \"QUARTERLY\"", "\"direction\": \"LOWER_IS_BETTER\"",
        "\"parameters\": {}");
    assertThat(file).endsWith("}\n").doesNotContain("\r");
    assertThat(VisionJson.fromJson(file)).isEqualTo(vision());
    assertThat(VisionJson.fromJson(file, Set.of("account_health"))).isEqualTo(vision());
    assertThat(CrmJson.fromJson(CrmJson.toJson(vision()), Vision.class)).isEqualTo(vision());
    assertThat(CrmJson.fromJsonFast(file, Vision.class)).contains(vision());
    assertThat(VisionJson.toJson(VisionJson.fromJson(file))).isEqualTo(file);
  }

  @Test
  void numbersAreReadExactlyAsDoublesAndIntegersAreNumbersToo() {
    String file = VisionJson.toJson(vision()).replace("\"baseline\": 240.0", "\"baseline\": 240")
        .replace("\"baseline\": 0.1", "\"baseline\": 1e-1");

    assertThat(VisionJson.fromJson(file)).isEqualTo(vision());
  }

  /** A file with problems of form: all are reported, each where it is. */
  @Test
  void aFileWithErrorsOfFormIsRejectedWholeWithEveryProblem() {
    String file = """
        {
          "statement": "Be great",
          "objectives": [
            {
              "id": "respond",
              "title": "Answer fast",
              "kpis": [
                {
                  "id": "frt",
                  "name": "First response time",
                  "definition": {"name": "first_response_time", "parameters": {}},
                  "direction": "LOWER",
                  "baseline": "240",
                  "target": 1e400,
                  "deadline": "2026-13-01",
                  "owner": "alice",
                  "cadence": "MONTHLY",
                  "colour": "blue"
                }
              ]
            }
          ]
        }
        """;

    ValidationException e = catchThrowableOfType(ValidationException.class, () -> VisionJson.fromJson(file));

    assertThat(e.violations()).extracting(Violation::path).containsExactly(
        "$.objectives[0].kpis[0].direction (line 12, column 24)",
        "$.objectives[0].kpis[0].baseline (line 13, column 23)",
        "$.objectives[0].kpis[0].target (line 14, column 21)",
        "$.objectives[0].kpis[0].deadline (line 15, column 23)",
        "$.objectives[0].kpis[0].colour (line 18, column 11)");
    assertThat(e.violations().get(2).message()).contains("is out of range", "finite double");
  }

  /** A file whose form is right but whose definitions are not: every problem, where it is. */
  @Test
  void definitionsAreCheckedWithTheirLineAndColumn() {
    String file = """
        {
          "statement": "Be great",
          "objectives": [
            {
              "id": "respond",
              "title": "Answer fast",
              "kpis": [
                {
                  "id": "frt",
                  "name": "First response time",
                  "definition": {"name": "first_response_time", "parameters": {"statistic": "p95"}},
                  "direction": "LOWER_IS_BETTER",
                  "baseline": 240,
                  "target": 300,
                  "deadline": "2026-12-31",
                  "owner": "alice",
                  "cadence": "MONTHLY"
                },
                {
                  "id": "health",
                  "name": "Account health",
                  "definition": {"name": "account_health", "parameters": {"segment": "smb"}},
                  "direction": "HIGHER_IS_BETTER",
                  "baseline": 0.1,
                  "target": 0.3,
                  "deadline": "2026-12-31",
                  "owner": "bob",
                  "cadence": "MONTHLY"
                }
              ]
            }
          ]
        }
        """;

    ValidationException e = catchThrowableOfType(ValidationException.class, () -> VisionJson.fromJson(file));

    assertThat(e.violations()).containsExactly(
        new Violation("$.objectives[0].kpis[0].definition.parameters.statistic (line 11, column 85)", "p95",
            "must be one of mean, median, p90"),
        new Violation("$.objectives[0].kpis[0].target (line 14, column 21)", "300.0",
            "must be better than the baseline 240.0 in the KPI's direction, LOWER_IS_BETTER"));

    // with the custom names given, an unknown one is a problem too
    ValidationException strict = catchThrowableOfType(ValidationException.class,
        () -> VisionJson.fromJson(file, Set.of("open_cases")));
    assertThat(strict.violations()).extracting(Violation::path).containsExactly(
        "$.objectives[0].kpis[0].definition.parameters.statistic (line 11, column 85)",
        "$.objectives[0].kpis[0].target (line 14, column 21)",
        "$.objectives[0].kpis[1].definition.name (line 22, column 34)");
  }

  @Test
  void problemsOfMeaningOfTheRecordsComeBeforeThoseOfDefinitions() {
    String file = VisionJson.toJson(vision()).replace("\"id\": \"sla\"", "\"id\": \"frt-p90\"")
        .replace("\"statistic\": \"p90\"", "\"statistic\": \"p95\"");

    ValidationException e = catchThrowableOfType(ValidationException.class, () -> VisionJson.fromJson(file));

    assertThat(e.violations()).singleElement().satisfies(v -> {
      assertThat(v.path()).startsWith("$: vision.kpis");
      assertThat(v.message()).contains("unique");
    });
  }
}
