package dev.etiquette.crm.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.etiquette.crm.api.Channel;
import dev.etiquette.crm.api.CrmTenant;
import dev.etiquette.crm.api.Purpose;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.ValidationException;
import dev.etiquette.crm.api.contact.ContactEntry;
import dev.etiquette.crm.api.contact.ContactId;
import dev.etiquette.crm.api.contact.ContactStatus;
import dev.etiquette.crm.api.contact.Verdict;
import dev.etiquette.crm.api.interaction.ConversationId;
import dev.etiquette.crm.api.interaction.ConversationState;
import dev.etiquette.crm.api.interaction.Interaction;
import dev.etiquette.crm.api.interaction.InteractionDraft;
import dev.etiquette.crm.api.obligation.Obligation;
import dev.etiquette.crm.api.obligation.ObligationState;
import dev.etiquette.crm.api.party.ConsentDraft;
import dev.etiquette.crm.api.party.Party;
import dev.etiquette.crm.api.party.PartyDraft;
import dev.etiquette.crm.api.party.PartyId;
import dev.etiquette.crm.api.party.PartyQuery;
import dev.etiquette.crm.api.party.Role;
import dev.etiquette.crm.api.rules.RuleSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A tenant's stored history, replayed: under the rule set it ran under, the replay gives what the tenant holds;
 * under a stricter one, the differences expected; and reading it changes nothing stored.
 */
class StoredHistoryTest {

  /** Monday 2 March 2026, 00:00 UTC; the office (Scenarios.officeHours) is open 09:00-17:00 Berlin, Mon-Fri. */
  private static final Instant FROM = Scenarios.START;
  /** Monday 9 March 2026, 18:00 UTC. */
  private static final Instant TO = Instant.parse("2026-03-09T18:00:00Z");

  /** Four business hours to a first response; two marketing e-mails a rolling week. */
  private static final RuleSet RULES = Scenarios.rules(1, Duration.ofHours(4), 2, Duration.ofDays(7), false);
  /** Two business hours; one marketing e-mail a rolling week. */
  private static final RuleSet STRICT = Scenarios.rules(2, Duration.ofHours(2), 1, Duration.ofDays(7), false);

  private LiveHistory live;
  private CrmTenant acme;
  private PartyId ada;
  private PartyId bob;
  private PartyId carol;
  /** The ledger entries made in the window, in order. */
  private final List<ContactEntry> reserved = new ArrayList<>();

  @BeforeEach
  void storeAHistory() {
    live = new LiveHistory(Instant.parse("2026-02-20T09:00:00Z"), "acme");
    acme = live.tenant;
    acme.configure(acme.settings().withZone(Scenarios.BERLIN).withCalendar(Scenarios.officeHours()));
    acme.rules().publish(RULES);
    ada = acme.parties().create(PartyDraft.person("Ada Lovelace").roles(Role.CUSTOMER).email("ada@example.com")
        .team("support").tags("vip").consent(ConsentDraft.optIn(Channel.EMAIL, Purpose.MARKETING, "signup form"))
        .build()).id();
    bob = acme.parties().create(PartyDraft.person("Bob Babbage").roles(Role.CUSTOMER).email("bob@example.com")
        .team("support").build()).id();
    carol = acme.parties().create(PartyDraft.person("Carol Hopper").email("carol@example.com").build()).id();
    // before the window: carol writes, and is answered (not in the window, so not replayed)
    at("2026-02-25T10:00:00Z", () -> inbound(carol, "C-1"));
    at("2026-02-25T11:00:00Z", () -> outbound(carol, "C-1"));

    // Monday: a newsletter to ada, sent; ada writes at 11:00 Berlin and is answered at 13:30 Berlin
    at("2026-03-02T09:00:00Z", () -> reserve(ada));
    at("2026-03-02T09:01:00Z", () -> acme.contacts().confirm(reserved.get(0).id()));
    at("2026-03-02T10:00:00Z", () -> inbound(ada, "T-1"));
    at("2026-03-02T12:30:00Z", () -> outbound(ada, "T-1"));
    // Tuesday: a second newsletter to ada, released; marketing to bob, denied (no consent)
    at("2026-03-03T08:00:00Z", () -> reserve(ada));
    at("2026-03-03T08:05:00Z", () -> acme.contacts().release(reserved.get(1).id()));
    at("2026-03-03T08:10:00Z", () -> reserve(bob));
    // bob writes at 16:00 Berlin; the agent asks him a question half an hour later; he answers on Wednesday
    at("2026-03-03T15:00:00Z", () -> inbound(bob, "T-2"));
    at("2026-03-03T15:30:00Z", () -> {
      ConversationId t2 = ConversationId.of("T-2");
      acme.interactions().setConversationState(t2, acme.interactions().conversation(t2).version(),
          ConversationState.WAITING_ON_CUSTOMER);
    });
    at("2026-03-04T09:00:00Z", () -> inbound(bob, "T-2"));
    // Wednesday: ada's third newsletter (the second counted), sent; bob opts in at noon
    at("2026-03-04T10:00:00Z", () -> reserve(ada));
    at("2026-03-04T10:01:00Z", () -> acme.contacts().confirm(reserved.get(3).id()));
    at("2026-03-04T12:00:00Z", () -> acme.parties().recordConsent(bob, acme.parties().get(bob).version(),
        ConsentDraft.optIn(Channel.EMAIL, Purpose.MARKETING, "preference centre")));
    // bob is answered at 12:00 Berlin, recorded two hours later (after his deadline, 13:30 Berlin)
    at("2026-03-04T13:00:00Z", () -> acme.interactions().record(InteractionDraft.outbound(bob, Channel.EMAIL,
        Purpose.SERVICE).conversation("T-2").occurredAt(Instant.parse("2026-03-04T11:00:00Z")).build()));
    // Thursday: ada's fourth newsletter is denied by the cap; bob's first is allowed, and sent
    at("2026-03-05T09:00:00Z", () -> reserve(ada));
    at("2026-03-05T09:30:00Z", () -> reserve(bob));
    at("2026-03-05T09:31:00Z", () -> acme.contacts().confirm(reserved.get(5).id()));
    // Friday 15:00 Berlin: ada writes again, and no one answers
    at("2026-03-06T14:00:00Z", () -> inbound(ada, "T-3"));
    // the scheduler runs at the end of the window
    at(TO.toString(), () -> acme.obligations().processDue());
    // after the window: ada writes once more, and is sent a newsletter
    at("2026-03-09T19:00:00Z", () -> inbound(ada, "T-4"));
    at("2026-03-09T19:30:00Z", () -> reserve(ada));
  }

  @AfterEach
  void close() {
    live.close();
  }

  private void at(String instant, Runnable action) {
    live.clock.moveTo(Instant.parse(instant));
    action.run();
  }

  private void inbound(PartyId party, String conversation) {
    acme.interactions().record(InteractionDraft.inbound(party, Channel.EMAIL, Purpose.SERVICE)
        .conversation(conversation).build());
  }

  private void outbound(PartyId party, String conversation) {
    acme.interactions().record(InteractionDraft.outbound(party, Channel.EMAIL, Purpose.SERVICE)
        .conversation(conversation).build());
  }

  private void reserve(PartyId party) {
    reserved.add(acme.contacts().reserve(party, Channel.EMAIL, Purpose.MARKETING));
  }

  @Test
  void theScenarioHoldsThePartiesAndStepsOfTheWindowInTimeOrder() {
    Scenario scenario = Replay.scenarioOf(acme, FROM, TO);

    assertThat(scenario.tenant()).isEqualTo(acme.tenantId());
    assertThat(scenario.zone()).isEqualTo(Scenarios.BERLIN);
    assertThat(scenario.calendar()).contains(Scenarios.officeHours());
    assertThat(scenario.start()).isEqualTo(FROM);
    assertThat(scenario.rules()).isEqualTo(RULES);
    // carol has nothing in the window
    assertThat(scenario.parties()).extracting(ScenarioParty::ref)
        .containsExactlyElementsOf(new TreeSet<>(List.of(ada.value(), bob.value())));
    ScenarioParty adaAsReplayed = scenario.parties().stream().filter(p -> p.ref().equals(ada.value())).findFirst()
        .orElseThrow();
    assertThat(adaAsReplayed.draft().displayName()).isEqualTo("Ada Lovelace");
    assertThat(adaAsReplayed.draft().team()).contains("support");
    assertThat(adaAsReplayed.draft().tags()).containsExactly("vip");
    // her opt-in was recorded before the window; bob's within it, so it is a step
    assertThat(adaAsReplayed.draft().consents()).singleElement()
        .satisfies(c -> assertThat(c.capturedAt()).contains(Instant.parse("2026-02-20T09:00:00Z")));
    assertThat(scenario.steps()).extracting(Step::at).isSorted();
    assertThat(scenario.steps()).extracting(s -> s.getClass().getSimpleName()).containsExactly(
        "Reserve", "Confirm", "RecordInteraction", "RecordInteraction",
        "Reserve", "Release", "Reserve", "RecordInteraction", "SetConversationState", "RecordInteraction",
        // bob's inbound on Wednesday reopened T-2: the audit trail's change is replayed, and changes nothing then
        "SetConversationState",
        "Reserve", "Confirm", "RecordInteraction", "RecordConsent",
        "Reserve", "Reserve", "Confirm",
        "RecordInteraction", "Advance");
    // the late reply is replayed where it occurred
    assertThat(scenario.steps().get(13).at()).isEqualTo(Instant.parse("2026-03-04T11:00:00Z"));
    assertThat(scenario.steps().get(19)).isEqualTo(new Step.Advance(TO));
    assertThat(scenario.steps().get(0)).isEqualTo(new Step.Reserve(Instant.parse("2026-03-02T09:00:00Z"),
        ada.value(), Channel.EMAIL, Purpose.MARKETING, Optional.of(reserved.get(0).id().value())));
  }

  @Test
  void theSameStoredDataGivesAnEqualScenarioThatReadsBackFromItsFile() {
    Scenario first = Replay.scenarioOf(acme, FROM, TO);
    Scenario second = Replay.scenarioOf(acme, "desk", FROM, TO);

    assertThat(second).isEqualTo(first);
    assertThat(ReplayJson.readScenario(ReplayJson.write(first))).isEqualTo(first);
  }

  @Test
  void replayedUnderItsOwnRulesTheHistoryGivesTheObligationsAndDecisionsTheTenantHolds() {
    ReplayOutcome outcome = Replay.run(Replay.scenarioOf(acme, FROM, TO));

    List<String> replayed = outcome.obligations().stream().map(o -> summary(o.party(), o.obligation())).sorted()
        .toList();
    List<String> stored = live.obligations().stream()
        .filter(o -> o.trigger().map(t -> inWindow(acme.interactions().get(t))).orElse(false))
        .map(o -> summary(o.party().value(), o)).sorted().toList();
    assertThat(replayed).isEqualTo(stored);
    assertThat(outcome.obligations()).extracting(o -> o.obligation().state()).containsExactlyInAnyOrder(
        ObligationState.SATISFIED_ON_TIME, ObligationState.SATISFIED_ON_TIME, ObligationState.BREACHED);
    // bob's deadline moved out by the paused business time, and he was answered before it
    Obligation bobs = outcome.obligations().stream().filter(o -> o.party().equals(bob.value())).findFirst()
        .orElseThrow().obligation();
    assertThat(bobs.settledAt()).contains(Instant.parse("2026-03-04T11:00:00Z"));
    assertThat(bobs.dueAt()).isEqualTo(Instant.parse("2026-03-04T12:30:00Z"));

    assertThat(outcome.decisions()).hasSize(reserved.size() - 1);
    for (ReplayDecision decision : outcome.decisions()) {
      ContactEntry entry = acme.contacts().find(ContactId.of(decision.ref().orElseThrow())).orElseThrow();
      assertThat(decision.receipt().verdict()).as(decision.ref().get()).isEqualTo(entry.receipt().verdict());
      assertThat(decision.receipt().denials()).isEqualTo(entry.receipt().denials());
      assertThat(decision.status()).contains(entry.status());
    }
    assertThat(outcome.decisions()).extracting(d -> d.status().orElseThrow()).containsExactly(ContactStatus.SENT,
        ContactStatus.RELEASED, ContactStatus.DENIED, ContactStatus.SENT, ContactStatus.DENIED, ContactStatus.SENT);
  }

  @Test
  void comparedWithAStricterRuleSetTheStoredHistoryShowsWhatItWouldChange() {
    Scenario scenario = Replay.scenarioOf(acme, FROM, TO);

    ReplayDiff diff = Replay.compare(scenario, scenario.rules(), STRICT);

    // ada's Monday e-mail at 11:00 Berlin, answered at 13:30: on time in four business hours, late in two
    String monday = "first-response/" + ada.value() + "/T-1/steps[2]";
    assertThat(diff.obligations()).filteredOn(d -> d.key().equals(monday)).singleElement().satisfies(d -> {
      assertThat(d.a().orElseThrow().state()).isEqualTo(ObligationState.SATISFIED_ON_TIME);
      assertThat(d.b().orElseThrow().state()).isEqualTo(ObligationState.SATISFIED_LATE);
      assertThat(d.b().orElseThrow().dueAt()).isEqualTo(Instant.parse("2026-03-02T12:00:00Z"));
    });
    assertThat(diff.breaches()).extracting(ReplayDiff.BreachDifference::key).contains(monday);
    // one newsletter a week: the one sent on Monday fills the week, so ada's newsletters of Tuesday (released)
    // and Wednesday are denied until it leaves the window; Thursday's was denied either way, until then
    assertThat(diff.deniedContacts()).extracting(ReplayDiff.DecisionDifference::step).containsExactly(4, 11);
    assertThat(diff.deniedContacts()).allSatisfy(d -> {
      assertThat(d.party()).isEqualTo(ada.value());
      assertThat(d.a().verdict()).isEqualTo(Verdict.ALLOW);
      assertThat(d.b().deniedBy()).containsExactly("FREQUENCY_CAP marketing-cap");
      assertThat(d.b().nextAllowedAt()).contains(Instant.parse("2026-03-09T09:00:00Z"));
    });
  }

  @Test
  void readingAndReplayingTheStoredHistoryChangesNothingStored() {
    String before = snapshot();

    Scenario scenario = Replay.scenarioOf(acme, FROM, TO);
    Replay.run(scenario);
    Replay.compare(scenario, scenario.rules(), STRICT);

    assertThat(snapshot()).isEqualTo(before);
  }

  @Test
  void aWindowThatDoesNotEndAfterItStartsIsRejected() {
    assertThatThrownBy(() -> Replay.scenarioOf(acme, TO, TO)).isInstanceOfSatisfying(ValidationException.class,
        e -> assertThat(e.violations()).singleElement().satisfies(v -> {
          assertThat(v.path()).isEqualTo("to");
          assertThat(v.value()).isEqualTo(TO.toString());
        }));
  }

  @Test
  void withSeveralRuleSetsInEffectTheOneToReplayMustBeNamed() {
    RuleSet other = new RuleSet("key-accounts", 1, Instant.parse("2026-02-01T00:00:00Z"), Optional.empty(),
        List.of(), Optional.empty());
    acme.rules().publish(other);

    assertThatThrownBy(() -> Replay.scenarioOf(acme, FROM, TO)).isInstanceOfSatisfying(ValidationException.class,
        e -> assertThat(e.violations()).singleElement().satisfies(v -> {
          assertThat(v.path()).isEqualTo("ruleSet");
          assertThat(v.value()).isEqualTo("desk, key-accounts");
        }));
    assertThat(Replay.scenarioOf(acme, "key-accounts", FROM, TO).rules()).isEqualTo(other);
    assertThat(Replay.scenarioOf(acme, "desk", FROM, TO).rules()).isEqualTo(RULES);
    assertThatThrownBy(() -> Replay.scenarioOf(acme, "nope", FROM, TO))
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations()).singleElement()
            .satisfies(v -> {
              assertThat(v.path()).isEqualTo("ruleSet");
              assertThat(v.value()).isEqualTo("nope");
              assertThat(v.message()).contains("desk, key-accounts");
            }));
    // before desk v1 took effect (1 March), only key-accounts was in effect
    assertThat(Replay.scenarioOf(acme, Instant.parse("2026-02-28T00:00:00Z"), FROM).rules()).isEqualTo(other);
    assertThatThrownBy(() -> Replay.scenarioOf(acme, "desk", Instant.parse("2026-02-28T00:00:00Z"), FROM))
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations()).singleElement()
            .satisfies(v -> assertThat(v.message()).contains("no version in effect")));
  }

  @Test
  void aWindowWithMorePartiesThanAScenarioHoldsIsRejected() {
    CrmTenant big = live.crm.tenant(TenantId.of("big"), acme.actor());
    big.rules().publish(RULES);
    List<PartyDraft> drafts = new ArrayList<>();
    for (int i = 0; i <= Scenario.MAX_PARTIES; i++) {
      drafts.add(PartyDraft.person("Party " + i).build());
    }
    List<Party> parties = big.parties().createAll(drafts);
    for (Party party : parties) {
      big.interactions().record(InteractionDraft.inbound(party.id(), Channel.PHONE, Purpose.SALES)
          .occurredAt(Instant.parse("2026-03-02T10:00:00Z")).build());
    }

    assertThatThrownBy(() -> Replay.scenarioOf(big, FROM, TO)).isInstanceOfSatisfying(ValidationException.class,
        e -> assertThat(e.violations()).singleElement().satisfies(v -> {
          assertThat(v.path()).isEqualTo("to");
          assertThat(v.message()).contains("more than 1000 parties").contains("shorter window");
        }));
    assertThat(Replay.scenarioOf(big, FROM, Instant.parse("2026-03-02T09:00:00Z")).parties()).isEmpty();
  }

  private static boolean inWindow(Interaction interaction) {
    return !interaction.occurredAt().isBefore(FROM) && interaction.occurredAt().isBefore(TO);
  }

  private static String summary(String party, Obligation o) {
    return String.join(" ", party, o.rule().rule(), o.conversation().map(ConversationId::value).orElse("-"),
        o.state().name(), o.target().toString(), o.dueAt().toString(), o.breachedAt().toString(),
        Integer.toString(o.escalated()), o.escalations().toString(), o.settledAt().toString());
  }

  /** Everything the tenant has stored, with versions, as text. */
  private String snapshot() {
    List<String> lines = new ArrayList<>();
    Set<ConversationId> conversations = new TreeSet<>(Comparator.comparing(ConversationId::value));
    for (Party party : LiveHistory.all(r -> acme.parties().search(PartyQuery.all(), r))) {
      lines.add(party.toString());
      for (Interaction i : LiveHistory.all(r -> acme.interactions().timeline(party.id(), r))) {
        lines.add(i.toString());
        i.conversation().ifPresent(conversations::add);
      }
      LiveHistory.all(r -> acme.contacts().ofParty(party.id(), Instant.EPOCH, Instant.parse("3000-01-01T00:00:00Z"),
          r)).forEach(e -> lines.add(e.toString()));
    }
    conversations.forEach(c -> lines.add(acme.interactions().conversation(c).toString()));
    live.obligations().forEach(o -> lines.add(o.toString()));
    LiveHistory.all(r -> acme.audit().all(r)).forEach(e -> lines.add(e.toString()));
    lines.add(acme.rules().all().toString());
    lines.add(acme.settings().toString());
    return String.join("\n", lines);
  }
}
