package dev.etiquette.crm.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled scenarios ({@code src/main/resources/scenarios}): each {@code <name>.json} replays to exactly its
 * {@code <name>.expected.json}, and each {@code <name>.<variant>.rules.json} compared with the scenario's own rules
 * gives exactly {@code <name>.<variant>.diff.expected.json}, byte for byte; and the command's bad input.
 */
class ReplayScenariosTest {

  private static final Path SCENARIOS = scenarios();

  private static Path scenarios() {
    try {
      return Path.of(ReplayScenariosTest.class.getClassLoader().getResource("scenarios").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private record Run(int code, String out, String err) {}

  private static Run replay(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = ReplayCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static List<String> names(String suffix) throws IOException {
    List<String> names = new ArrayList<>();
    try (Stream<Path> files = Files.list(SCENARIOS)) {
      files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(suffix)).sorted().forEach(names::add);
    }
    return names;
  }

  private static boolean isScenario(String name) {
    return name.endsWith(".json") && !name.endsWith(".expected.json") && !name.endsWith(".rules.json");
  }

  @Test
  void thereAreAtLeastFiveScenariosEachWithItsExpectedOutputAndAComparePair() throws IOException {
    List<String> scenarios = names(".json").stream().filter(ReplayScenariosTest::isScenario).toList();
    assertThat(scenarios).hasSizeGreaterThanOrEqualTo(5);
    for (String scenario : scenarios) {
      assertThat(SCENARIOS.resolve(scenario.replace(".json", ".expected.json"))).exists();
    }
    assertThat(names(".rules.json")).isNotEmpty();
  }

  @TestFactory
  Stream<DynamicTest> eachScenarioReplaysToItsExpectedOutput() throws IOException {
    return names(".json").stream().filter(ReplayScenariosTest::isScenario).map(name -> DynamicTest.dynamicTest(name,
        () -> {
          String expected = Files.readString(SCENARIOS.resolve(name.replace(".json", ".expected.json")));
          Run run = replay("scenarios/" + name);
          assertThat(run.err()).isEmpty();
          assertThat(run.code()).isZero();
          assertThat(run.out()).isEqualTo(expected);
          assertThat(replay(SCENARIOS.resolve(name).toString()).out()).isEqualTo(expected);
        }));
  }

  @TestFactory
  Stream<DynamicTest> eachComparePairGivesItsExpectedDiff() throws IOException {
    return names(".rules.json").stream().map(rules -> DynamicTest.dynamicTest(rules, () -> {
      String scenario = rules.substring(0, rules.indexOf('.')) + ".json";
      String expected = Files.readString(SCENARIOS.resolve(rules.replace(".rules.json", ".diff.expected.json")));
      Run run = replay("scenarios/" + scenario, "--compare", "scenarios/" + rules);
      assertThat(run.err()).isEmpty();
      assertThat(run.code()).isZero();
      assertThat(run.out()).isEqualTo(expected).contains("\"deniedContacts\"");
      assertThat(replay("scenarios/" + scenario, "--compare=scenarios/" + rules).out()).isEqualTo(expected);
    }));
  }

  @Test
  void theComparePairsShowDifferences() {
    assertThat(replay("scenarios/support-weekend-breach.json", "--compare",
        "scenarios/support-weekend-breach.relaxed.rules.json").out())
        .contains("\"breaches\": [\n    {\n      \"key\": \"first-response/ada/T-100/steps[0]\"");
    assertThat(replay("scenarios/marketing-cap.json", "--compare", "scenarios/marketing-cap.strict.rules.json")
        .out()).contains("\"FREQUENCY_CAP weekly-marketing\"");
  }

  @Test
  void aScenarioComparedWithItsOwnRulesShowsNoDifference(@TempDir Path dir) throws IOException {
    // the scenario's own rule set, cut out of the file by the JSON reader and written back as a rule file
    String scenario = Files.readString(SCENARIOS.resolve("marketing-cap.json"));
    Path rules = dir.resolve("same.rules.json");
    Files.writeString(rules, dev.etiquette.crm.json.RuleSetJson.toJson(
        dev.etiquette.crm.replay.ReplayJson.readScenario(scenario).rules()));

    Run run = replay(SCENARIOS.resolve("marketing-cap.json").toString(), "--compare", rules.toString());

    assertThat(run.code()).isZero();
    assertThat(run.out()).contains("\"obligations\": []", "\"breaches\": []", "\"escalations\": []",
        "\"deniedContacts\": []");
  }

  @Test
  void aBadScenarioGetsItsJsonPathsAndExitCodeTwoWithoutAStackTrace(@TempDir Path dir) throws IOException {
    String good = Files.readString(SCENARIOS.resolve("marketing-cap.json"));
    Path bad = dir.resolve("bad.json");
    Files.writeString(bad, good.replace("\"contact\": \"spring-teaser\"", "\"contact\": \"no-such-reservation\"")
        .replace("\"purpose\": \"MARKETING\",\n      \"ref\": \"webinar-invite\"",
            "\"purpose\": \"NEWSLETTER\",\n      \"ref\": \"webinar-invite\""));

    Run run = replay(bad.toString());

    assertThat(run.code()).isEqualTo(ReplayCommand.BAD_INPUT);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).startsWith("replay: " + bad + " is not valid:")
        .contains("$.steps[2].purpose (line ").contains("NEWSLETTER")
        .doesNotContain("Exception").doesNotContain("\tat ");

    Files.writeString(bad, good.replace("\"contact\": \"spring-teaser\"", "\"contact\": \"no-such-reservation\""));
    assertThat(replay(bad.toString()).err()).contains("$.steps[1].contact (line ")
        .contains("is not the ref of an earlier reserve step");
  }

  @Test
  void aBadRuleFileAMissingFileAndWrongArgumentsGetExitCodeTwo(@TempDir Path dir) throws IOException {
    Path rules = dir.resolve("broken.rules.json");
    Files.writeString(rules, "{\"name\": \"x\", \"version\": 0}");

    Run badRules = replay("scenarios/marketing-cap.json", "--compare", rules.toString());
    assertThat(badRules.code()).isEqualTo(2);
    assertThat(badRules.err()).startsWith("replay: " + rules + " is not valid:").contains("$.effectiveFrom");

    Run missing = replay(dir.resolve("nothing.json").toString());
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err()).contains("no file or class path resource");

    assertThat(replay().code()).isEqualTo(2);
    assertThat(replay("a.json", "b.json").err()).contains("usage: replay");
    assertThat(replay("scenarios/marketing-cap.json", "--compare").code()).isEqualTo(2);
    assertThat(replay("scenarios/marketing-cap.json", "--frobnicate").err()).contains("unknown option");
  }

  @Test
  void theExampleOfTheDocsReplaysAsTheDocsSay() throws IOException {
    String doc = Files.readString(Path.of("..", "docs", "replay.md"));
    String json = doc.substring(doc.indexOf("```json\n") + "```json\n".length());
    json = json.substring(0, json.indexOf("```"));

    dev.etiquette.crm.replay.ReplayOutcome outcome =
        dev.etiquette.crm.replay.Replay.run(dev.etiquette.crm.replay.ReplayJson.readScenario(json));

    assertThat(outcome.decisions()).extracting(d -> d.receipt().verdict().name(), d -> d.status().map(Enum::name))
        .containsExactly(org.assertj.core.groups.Tuple.tuple("ALLOW", java.util.Optional.of("SENT")),
            org.assertj.core.groups.Tuple.tuple("DENY", java.util.Optional.empty()));
    assertThat(outcome.decisions().get(1).receipt().nextAllowedAt())
        .contains(java.time.Instant.parse("2026-03-09T08:00:00Z"));
    assertThat(outcome.obligations()).singleElement().satisfies(o -> {
      assertThat(o.obligation().state().name()).isEqualTo("BREACHED");
      assertThat(o.obligation().breachedAt()).contains(java.time.Instant.parse("2026-03-03T16:00:00Z"));
      assertThat(o.obligation().escalated()).isZero();
      assertThat(o.obligation().escalations().get(0).role()).isEqualTo("team_lead");
    });
    assertThat(outcome.notifications()).singleElement()
        .satisfies(n -> assertThat(n.recipient().name()).isEqualTo("support"));
  }

  @Test
  void theSameFileGivesTheSameBytes() {
    String first = replay("scenarios/quiet-hours-los-angeles.json").out();
    assertThat(replay("scenarios/quiet-hours-los-angeles.json").out()).isEqualTo(first);
  }
}
