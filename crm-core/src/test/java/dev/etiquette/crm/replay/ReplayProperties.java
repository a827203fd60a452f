package dev.etiquette.crm.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.etiquette.crm.api.rules.RuleSet;
import java.time.Duration;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The laws of replay, over random scenarios of every step kind. */
class ReplayProperties {

  @Provide
  Arbitrary<Scenario> scenarios() {
    return Arbitraries.longs().map(Scenarios::random);
  }

  @Property(tries = 60)
  void replayIsDeterministic(@ForAll("scenarios") Scenario scenario) {
    ReplayOutcome first = Replay.run(scenario);
    ReplayOutcome second = Replay.run(scenario);

    assertThat(second).isEqualTo(first);
    assertThat(ReplayJson.write(second)).isEqualTo(ReplayJson.write(first));
  }

  @Property(tries = 60)
  void aRuleSetComparedWithItselfShowsNoDifference(@ForAll("scenarios") Scenario scenario) {
    ReplayDiff diff = Replay.compare(scenario, scenario.rules(), scenario.rules());

    assertThat(diff.same()).as(ReplayJson.write(diff)).isTrue();
  }

  @Property(tries = 30)
  void theSameRulesUnderAnotherVersionShowNoDifference(@ForAll("scenarios") Scenario scenario) {
    RuleSet rules = scenario.rules();
    RuleSet renumbered = new RuleSet(rules.name(), rules.version() + 1, rules.effectiveFrom(), rules.description(),
        rules.obligations(), rules.contact());

    assertThat(Replay.compare(scenario, rules, renumbered).same()).isTrue();
  }

  @Property(tries = 60)
  void aScenarioFileReadsBackAsTheSameScenario(@ForAll("scenarios") Scenario scenario) {
    String json = ReplayJson.write(scenario);

    assertThat(ReplayJson.readScenario(json)).isEqualTo(scenario);
    assertThat(ReplayJson.write(ReplayJson.readScenario(json))).isEqualTo(json);
  }

  @Property(tries = 30)
  void aScenarioReadFromItsFileReplaysAsTheScenarioDoes(@ForAll("scenarios") Scenario scenario) {
    Scenario read = ReplayJson.readScenario(ReplayJson.write(scenario));

    assertThat(ReplayJson.write(Replay.run(read))).isEqualTo(ReplayJson.write(Replay.run(scenario)));
  }

  @Property(tries = 30)
  void aStricterCapNeverAllowsWhatTheLooserOneDenied(@ForAll("scenarios") Scenario scenario) {
    RuleSet loose = Scenarios.rules(1, Duration.ofHours(4), 3, Duration.ofDays(7), false);
    RuleSet strict = Scenarios.rules(2, Duration.ofHours(4), 1, Duration.ofDays(7), false);

    ReplayDiff diff = Replay.compare(scenario, loose, strict);

    // up to the first decision that differs the two ledgers agree, so that one is denied by the stricter cap
    // (later ones may differ either way, as the ledgers differ from then on); contacts never change obligations
    diff.deniedContacts().stream().findFirst()
        .ifPresent(first -> assertThat(first.b().deniedBy()).contains("FREQUENCY_CAP marketing-cap"));
    assertThat(diff.obligations()).isEmpty();
  }
}
