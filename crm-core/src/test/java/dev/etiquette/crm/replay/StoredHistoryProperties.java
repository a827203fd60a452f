package dev.etiquette.crm.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.etiquette.crm.api.contact.ContactEntry;
import dev.etiquette.crm.api.contact.ContactId;
import dev.etiquette.crm.api.interaction.ConversationId;
import dev.etiquette.crm.api.obligation.Obligation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The law of replaying stored history: a history made live and stored, read back with {@link Replay#scenarioOf}
 * and replayed under the tenant's own rule set, gives the obligations the tenant holds, and, where no party's
 * record changed (those fields are read as they are now), the contact decisions its ledger holds.
 */
class StoredHistoryProperties {

  /**
   * Random histories of every step kind, each step a millisecond after the one before it: steps at one instant
   * are stored without the order they happened in, so a history's order is only known where instants differ.
   */
  @Provide
  Arbitrary<Scenario> histories() {
    return Arbitraries.longs().map(Scenarios::random).map(StoredHistoryProperties::distinctInstants);
  }

  @Provide
  Arbitrary<Scenario> historiesWithoutPartyUpdates() {
    return histories().map(StoredHistoryProperties::withoutPartyUpdates);
  }

  @Property(tries = 40)
  void replayingTheStoredHistoryGivesTheStoredObligations(@ForAll("histories") Scenario history) {
    try (LiveHistory live = LiveHistory.of(history)) {
      Instant to = history.steps().get(history.steps().size() - 1).at();

      Scenario stored = Replay.scenarioOf(live.tenant, history.start(), to);
      ReplayOutcome outcome = Replay.run(stored);

      assertThat(Replay.scenarioOf(live.tenant, history.start(), to)).isEqualTo(stored);
      List<String> replayed = outcome.obligations().stream().map(o -> summary(o.party(), o.obligation()))
          .sorted().toList();
      List<String> held = live.obligations().stream().map(o -> summary(o.party().value(), o)).sorted().toList();
      assertThat(replayed).isEqualTo(held);
    }
  }

  @Property(tries = 40)
  void replayingTheStoredHistoryGivesTheStoredDecisions(@ForAll("historiesWithoutPartyUpdates") Scenario history) {
    try (LiveHistory live = LiveHistory.of(history)) {
      Instant to = history.steps().get(history.steps().size() - 1).at();

      ReplayOutcome outcome = Replay.run(Replay.scenarioOf(live.tenant, history.start(), to));

      assertThat(outcome.decisions()).hasSize(live.reservations.size());
      for (ReplayDecision decision : outcome.decisions()) {
        ContactEntry entry = live.tenant.contacts().find(ContactId.of(decision.ref().orElseThrow())).orElseThrow();
        assertThat(decision.receipt().verdict()).isEqualTo(entry.receipt().verdict());
        assertThat(decision.receipt().denials()).isEqualTo(entry.receipt().denials());
        assertThat(decision.receipt().nextAllowedAt()).isEqualTo(entry.receipt().nextAllowedAt());
        assertThat(decision.status()).contains(entry.status());
      }
    }
  }

  private static String summary(String party, Obligation o) {
    return String.join(" ", party, o.rule().rule(), o.conversation().map(ConversationId::value).orElse("-"),
        o.state().name(), o.target().toString(), o.dueAt().toString(), o.breachedAt().toString(),
        Integer.toString(o.escalated()), o.escalations().toString(), o.settledAt().toString(),
        o.pausedSince().toString());
  }

  private static Scenario distinctInstants(Scenario scenario) {
    List<Step> steps = new ArrayList<>();
    for (int i = 0; i < scenario.steps().size(); i++) {
      steps.add(at(scenario.steps().get(i), scenario.steps().get(i).at().plus(Duration.ofMillis(i))));
    }
    return withSteps(scenario, steps);
  }

  private static Scenario withoutPartyUpdates(Scenario scenario) {
    return withSteps(scenario, scenario.steps().stream().filter(s -> !(s instanceof Step.UpdateParty)).toList());
  }

  private static Scenario withSteps(Scenario s, List<Step> steps) {
    return new Scenario(s.name(), s.description(), s.tenant(), s.zone(), s.calendar(), s.teamCalendars(), s.start(),
        s.rules(), s.parties(), steps);
  }

  /** The step at another instant. */
  private static Step at(Step step, Instant at) {
    if (step instanceof Step.RecordInteraction s) {
      return new Step.RecordInteraction(at, s.party(), s.kind(), s.channel(), s.purpose(), s.direction(),
          s.conversation(), s.outcome(), s.attributes());
    } else if (step instanceof Step.Decide s) {
      return new Step.Decide(at, s.party(), s.channel(), s.purpose());
    } else if (step instanceof Step.Reserve s) {
      return new Step.Reserve(at, s.party(), s.channel(), s.purpose(), s.ref());
    } else if (step instanceof Step.Confirm s) {
      return new Step.Confirm(at, s.contact());
    } else if (step instanceof Step.Release s) {
      return new Step.Release(at, s.contact());
    } else if (step instanceof Step.SetConversationState s) {
      return new Step.SetConversationState(at, s.conversation(), s.state());
    } else if (step instanceof Step.RecordConsent s) {
      return new Step.RecordConsent(at, s.party(), s.consent());
    } else if (step instanceof Step.UpdateParty s) {
      return new Step.UpdateParty(at, s.party(), s.changes());
    }
    return new Step.Advance(at);
  }
}
