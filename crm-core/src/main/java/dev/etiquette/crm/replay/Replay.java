package dev.etiquette.crm.replay;

import static java.util.Objects.requireNonNull;

import dev.etiquette.crm.Crm;
import dev.etiquette.crm.api.Actor;
import dev.etiquette.crm.api.CrmException;
import dev.etiquette.crm.api.CrmTenant;
import dev.etiquette.crm.api.Page;
import dev.etiquette.crm.api.PageRequest;
import dev.etiquette.crm.api.ValidationException;
import dev.etiquette.crm.api.Violation;
import dev.etiquette.crm.api.contact.ContactEntry;
import dev.etiquette.crm.api.contact.ContactId;
import dev.etiquette.crm.api.contact.ContactReceipt;
import dev.etiquette.crm.api.contact.ContactRequest;
import dev.etiquette.crm.api.contact.ContactStatus;
import dev.etiquette.crm.api.contact.RuleVerdict;
import dev.etiquette.crm.api.contact.Verdict;
import dev.etiquette.crm.api.interaction.Conversation;
import dev.etiquette.crm.api.interaction.Interaction;
import dev.etiquette.crm.api.interaction.InteractionDraft;
import dev.etiquette.crm.api.interaction.InteractionId;
import dev.etiquette.crm.api.notification.Notification;
import dev.etiquette.crm.api.obligation.EscalationPoint;
import dev.etiquette.crm.api.obligation.Obligation;
import dev.etiquette.crm.api.obligation.ObligationQuery;
import dev.etiquette.crm.api.party.Party;
import dev.etiquette.crm.api.party.PartyId;
import dev.etiquette.crm.api.party.PartyUpdate;
import dev.etiquette.crm.api.rules.RuleSet;
import dev.etiquette.crm.api.spi.NotificationPort;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Replays a {@link Scenario}: every run builds a fresh {@link Crm} of its own, with in-memory storage, a clock the
 * replay moves to each step's instant, sequential ids ({@code party-000001}) and a notification port that records,
 * and drops it at the end. It never reads or changes any storage of the host, and never reads the system clock, so
 * the same scenario and rule set always give an equal outcome.
 *
 * <p>A run stores the scenario's settings, publishes its rule set and creates its parties at the start, then runs
 * the steps in order (see {@link Step} for what each does). A step the library rejects (an interaction into
 * another party's conversation, a party draft that does not validate) ends the run with a
 * {@link ValidationException} whose violations' paths name the step ({@code steps[4]: occurredAt}).
 *
 * <p>{@link #scenarioOf(CrmTenant, String, Instant, Instant)} turns what a tenant has stored into a scenario,
 * reading only, so that a tenant's stored history can be replayed and compared as a supplied one is.
 *
 * <p>All methods are thread-safe: runs share nothing.
 */
public final class Replay {

  private static final int PAGE = PageRequest.MAX_LIMIT;

  private Replay() {}

  /**
   * The scenario of what {@code tenant} has stored in {@code [from, to)}, under the only rule set in effect at
   * {@code from}, so that {@link #run} and {@link #compare} replay the tenant's stored history (see
   * {@link #scenarioOf(CrmTenant, String, Instant, Instant)} for what it holds and its limits).
   *
   * @throws NullPointerException if an argument is null
   * @throws ValidationException at {@code to} if {@code to} is not after {@code from}, or the window holds more
   *     parties or steps than a scenario may; at {@code ruleSet} if not exactly one of the tenant's rule sets has
   *     a version in effect at {@code from} (naming those that do; name one with the other method)
   */
  public static Scenario scenarioOf(CrmTenant tenant, Instant from, Instant to) {
    requireNonNull(tenant, "tenant");
    requireNonNull(from, "from");
    requireNonNull(to, "to");
    return StoredHistory.read(tenant, Optional.empty(), from, to);
  }

  /**
   * The scenario of what {@code tenant} has stored in {@code [from, to)}, under the version of rule set
   * {@code ruleSet} in effect at {@code from}. It only reads, through the tenant's public API, a page at a time;
   * nothing stored changes. The same stored data always gives an equal scenario: everything is sorted on stored
   * values. The scenario holds:
   * <ul>
   *   <li>the tenant's id, zone, calendar and team calendars (the rest of its settings a scenario does not hold:
   *       the replay runs with the default lifecycle model and no attribute schema), and {@code from} as its
   *       start;</li>
   *   <li>the tenant's parties that have an interaction that occurred in the window or a contact ledger entry
   *       whose contact instant is in it, ordered by id, each with its id as its reference and, as its draft, the
   *       party as stored now: kind, name, roles, contact points, preferences, do-not-contact flag, owner, team,
   *       tags and its stage when the default lifecycle model has it (external ids and custom attributes are
   *       left out), with the consents recorded before {@code from} as its initial consents;</li>
   *   <li>as steps, in time order: the consents recorded in the window ({@code record_consent} at their
   *       {@code recordedAt}); the interactions that occurred in the window ({@code record_interaction} at their
   *       {@code occurredAt}, however late they were recorded); the changes of state of their conversations that
   *       the audit trail holds in the window ({@code set_conversation_state} at the change's instant, once the
   *       conversation has an interaction in the replay; a reopening by the party's message is among them, and
   *       changes nothing when replayed, as the replayed message has reopened the conversation); the ledger
   *       entries ({@code reserve} at the contact's instant, with the entry's id as its {@code ref}) and, for one
   *       sent or released in the window, {@code confirm} or {@code release} at its {@code updatedAt} (or at the
   *       contact's instant, if that is later); and a final {@code advance} to {@code to}. Steps at the same
   *       instant run in the order the library recorded them, then consents, interactions, state changes,
   *       reservations, settlements.</li>
   * </ul>
   * Limits: party fields other than consents are as they are now, not as they were at {@code from}; nothing
   * before {@code from} is replayed, so a conversation opened earlier is opened afresh, {@code OPEN}, by its
   * first interaction in the window, and obligations created earlier are not in the replay; the rule set's
   * version in effect at {@code from} is replayed over the whole window, even if a later version took effect in
   * it, and the tenant's other rule sets are not replayed; a reservation is decided at the contact's instant,
   * even if it was asked for earlier; at most {@value Scenario#MAX_PARTIES} parties and
   * {@value Scenario#MAX_STEPS} steps. Reading costs a page per thousand of the tenant's parties, and for each
   * party its interactions since {@code from}, its ledger entries in the window and the audit trails of its
   * conversations.
   *
   * @throws NullPointerException if an argument is null
   * @throws ValidationException at {@code to} if {@code to} is not after {@code from}, or the window holds more
   *     parties or steps than a scenario may; at {@code ruleSet} if the tenant has no such rule set, or no version
   *     of it is in effect at {@code from}
   */
  public static Scenario scenarioOf(CrmTenant tenant, String ruleSet, Instant from, Instant to) {
    requireNonNull(tenant, "tenant");
    requireNonNull(ruleSet, "ruleSet");
    requireNonNull(from, "from");
    requireNonNull(to, "to");
    return StoredHistory.read(tenant, Optional.of(ruleSet), from, to);
  }

  /**
   * Replays {@code scenario} under its own rule set.
   *
   * @throws NullPointerException if {@code scenario} is null
   * @throws ValidationException if the library rejects a step, the settings or a party, naming it
   */
  public static ReplayOutcome run(Scenario scenario) {
    requireNonNull(scenario, "scenario");
    return new Run(scenario).play();
  }

  /**
   * Replays {@code scenario} with {@code rules} in place of its rule set.
   *
   * @throws NullPointerException if an argument is null
   * @throws ValidationException if the library rejects a step, the settings or a party, naming it
   */
  public static ReplayOutcome run(Scenario scenario, RuleSet rules) {
    requireNonNull(scenario, "scenario");
    requireNonNull(rules, "rules");
    return new Run(scenario.withRules(rules)).play();
  }

  /**
   * Replays {@code scenario} under {@code a} and under {@code b}, and tells what differs (see {@link ReplayDiff}).
   *
   * @throws NullPointerException if an argument is null
   * @throws ValidationException if the library rejects a step under either rule set, naming it
   */
  public static ReplayDiff compare(Scenario scenario, RuleSet a, RuleSet b) {
    requireNonNull(scenario, "scenario");
    requireNonNull(a, "a");
    requireNonNull(b, "b");
    return compare(run(scenario, a), run(scenario, b));
  }

  /**
   * What differs between two outcomes of one scenario (as {@link #compare(Scenario, RuleSet, RuleSet)} reports it).
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the outcomes are of scenarios of different names
   */
  public static ReplayDiff compare(ReplayOutcome a, ReplayOutcome b) {
    requireNonNull(a, "a");
    requireNonNull(b, "b");
    if (!a.scenario().equals(b.scenario())) {
      throw new IllegalArgumentException("the outcomes are of two scenarios: " + a.scenario() + " and "
          + b.scenario());
    }
    Map<String, Obligation> byKeyA = byKey(a);
    Map<String, Obligation> byKeyB = byKey(b);
    TreeSet<String> keys = new TreeSet<>(byKeyA.keySet());
    keys.addAll(byKeyB.keySet());
    List<ReplayDiff.ObligationDifference> obligations = new ArrayList<>();
    List<ReplayDiff.BreachDifference> breaches = new ArrayList<>();
    List<ReplayDiff.EscalationDifference> escalations = new ArrayList<>();
    for (String key : keys) {
      Optional<Obligation> oa = Optional.ofNullable(byKeyA.get(key));
      Optional<Obligation> ob = Optional.ofNullable(byKeyB.get(key));
      Optional<ReplayDiff.ObligationSummary> sa = oa.map(Replay::summary);
      Optional<ReplayDiff.ObligationSummary> sb = ob.map(Replay::summary);
      if (!sa.equals(sb)) {
        obligations.add(new ReplayDiff.ObligationDifference(key, sa, sb));
      }
      Optional<Instant> breachA = oa.flatMap(Obligation::breachedAt);
      Optional<Instant> breachB = ob.flatMap(Obligation::breachedAt);
      if (!breachA.equals(breachB)) {
        breaches.add(new ReplayDiff.BreachDifference(key, breachA, breachB));
      }
      List<EscalationPoint> fallenA = oa.map(Replay::fallen).orElse(List.of());
      List<EscalationPoint> fallenB = ob.map(Replay::fallen).orElse(List.of());
      if (!fallenA.equals(fallenB)) {
        escalations.add(new ReplayDiff.EscalationDifference(key, fallenA, fallenB));
      }
    }
    List<ReplayDiff.DecisionDifference> denied = new ArrayList<>();
    Map<Integer, ReplayDecision> decisionsB = new TreeMap<>();
    b.decisions().forEach(d -> decisionsB.put(d.step(), d));
    for (ReplayDecision da : a.decisions()) {
      ReplayDecision db = decisionsB.get(da.step());
      if (db == null) {
        throw new IllegalArgumentException("step " + da.step() + " decided in one outcome only");
      }
      ReplayDiff.DecisionSummary sa = summary(da.receipt());
      ReplayDiff.DecisionSummary sb = summary(db.receipt());
      if ((sa.verdict() == Verdict.DENY || sb.verdict() == Verdict.DENY) && !sa.equals(sb)) {
        ContactRequest request = da.receipt().request();
        denied.add(new ReplayDiff.DecisionDifference(da.step(), da.party(), request.channel(), request.purpose(),
            request.at(), sa, sb));
      }
    }
    return new ReplayDiff(a.scenario(), a.ruleSet() + " v" + a.version(), b.ruleSet() + " v" + b.version(),
        obligations, breaches, escalations, denied);
  }

  private static Map<String, Obligation> byKey(ReplayOutcome outcome) {
    Map<String, Obligation> byKey = new HashMap<>();
    outcome.obligations().forEach(o -> byKey.put(o.key(), o.obligation()));
    return byKey;
  }

  private static ReplayDiff.ObligationSummary summary(Obligation o) {
    return new ReplayDiff.ObligationSummary(o.state(), o.target(), o.dueAt(), o.breachedAt(), o.escalated(),
        o.settledAt());
  }

  private static List<EscalationPoint> fallen(Obligation o) {
    return o.escalations().subList(0, o.escalated());
  }

  private static ReplayDiff.DecisionSummary summary(ContactReceipt receipt) {
    List<String> deniedBy = new ArrayList<>();
    for (RuleVerdict verdict : receipt.denials()) {
      deniedBy.add(verdict.check() + verdict.rule().map(r -> " " + r.rule()).orElse(""));
    }
    return new ReplayDiff.DecisionSummary(receipt.verdict(), deniedBy, receipt.nextAllowedAt());
  }

  /** One replay: its own library, clock, ids and notifications. */
  private static final class Run {
    private final Scenario scenario;
    private final ReplayClock clock;
    private final List<Notification> notifications = new ArrayList<>();
    private final Map<String, PartyId> partyIds = new HashMap<>();
    private final Map<PartyId, String> partyRefs = new HashMap<>();
    private final Map<InteractionId, Integer> triggers = new HashMap<>();
    private final List<ReplayDecision> decisions = new ArrayList<>();
    /** A reservation's ref → its index in {@link #decisions}. */
    private final Map<String, Integer> reservations = new HashMap<>();

    Run(Scenario scenario) {
      this.scenario = scenario;
      this.clock = new ReplayClock(scenario.start());
    }

    ReplayOutcome play() {
      NotificationPort port = delivery -> {
        synchronized (notifications) {
          notifications.addAll(delivery.notifications());
        }
      };
      try (Crm crm = Crm.builder().clock(clock).idGenerator(new SequentialIds()).executor(Runnable::run)
          .notifications(port).writeAttempts(1).build()) {
        CrmTenant tenant = crm.tenant(scenario.tenant(), Actor.system());
        at("settings", () -> tenant.configure(scenario.settings()));
        at("rules", () -> tenant.rules().publish(scenario.rules()));
        List<ReplayParty> parties = new ArrayList<>();
        for (int i = 0; i < scenario.parties().size(); i++) {
          ScenarioParty party = scenario.parties().get(i);
          Party created = at("parties[" + i + "].draft", () -> tenant.parties().create(party.draft()));
          partyIds.put(party.ref(), created.id());
          partyRefs.put(created.id(), party.ref());
          parties.add(new ReplayParty(party.ref(), created.id()));
        }
        for (int i = 0; i < scenario.steps().size(); i++) {
          Step step = scenario.steps().get(i);
          clock.moveTo(step.at());
          int index = i;
          at("steps[" + i + "]", () -> {
            apply(tenant, index, step);
            return null;
          });
        }
        List<Notification> delivered;
        synchronized (notifications) {
          delivered = List.copyOf(notifications);
        }
        return new ReplayOutcome(scenario.name(), scenario.rules().name(), scenario.rules().version(), parties,
            decisions, obligations(tenant), delivered);
      }
    }

    private void apply(CrmTenant tenant, int index, Step step) {
      if (step instanceof Step.RecordInteraction s) {
        InteractionDraft draft = new InteractionDraft(partyIds.get(s.party()), s.kind(), s.channel(), s.purpose(),
            s.direction(), s.conversation(), Optional.of(s.at()), s.outcome(), s.attributes());
        Interaction recorded = tenant.interactions().record(draft);
        triggers.put(recorded.id(), index);
      } else if (step instanceof Step.Decide s) {
        ContactReceipt receipt = tenant.contacts()
            .decide(ContactRequest.of(partyIds.get(s.party()), s.channel(), s.purpose(), s.at()));
        decisions.add(new ReplayDecision(index, s.party(), Optional.empty(), Optional.empty(), Optional.empty(),
            receipt));
      } else if (step instanceof Step.Reserve s) {
        ContactEntry entry = tenant.contacts()
            .reserve(ContactRequest.of(partyIds.get(s.party()), s.channel(), s.purpose(), s.at()));
        s.ref().ifPresent(ref -> reservations.put(ref, decisions.size()));
        decisions.add(new ReplayDecision(index, s.party(), s.ref(), Optional.of(entry.id().value()),
            Optional.of(entry.status()), entry.receipt()));
      } else if (step instanceof Step.Confirm s) {
        settle(tenant, s.contact(), ContactStatus.SENT);
      } else if (step instanceof Step.Release s) {
        settle(tenant, s.contact(), ContactStatus.RELEASED);
      } else if (step instanceof Step.SetConversationState s) {
        Conversation conversation = tenant.interactions().conversation(s.conversation());
        tenant.interactions().setConversationState(s.conversation(), conversation.version(), s.state());
      } else if (step instanceof Step.RecordConsent s) {
        PartyId id = partyIds.get(s.party());
        tenant.parties().recordConsent(id, tenant.parties().get(id).version(), s.consent());
      } else if (step instanceof Step.UpdateParty s) {
        PartyId id = partyIds.get(s.party());
        tenant.parties().update(id, tenant.parties().get(id).version(), new PartyUpdate(s.changes()));
      } else if (step instanceof Step.Advance) {
        tenant.obligations().processDue();
      } else {
        throw new IllegalStateException("unknown step " + step);
      }
    }

    /** Confirms or releases a reservation; one that was denied was never sent, and stays as it is. */
    private void settle(CrmTenant tenant, String ref, ContactStatus to) {
      int at = reservations.get(ref);
      ReplayDecision decision = decisions.get(at);
      if (decision.status().orElseThrow() == ContactStatus.DENIED) {
        return;
      }
      ContactId id = ContactId.of(decision.contactId().orElseThrow());
      ContactEntry settled = to == ContactStatus.SENT ? tenant.contacts().confirm(id) : tenant.contacts().release(id);
      decisions.set(at, decision.withStatus(settled.status()));
    }

    private List<ReplayObligation> obligations(CrmTenant tenant) {
      List<Obligation> all = new ArrayList<>();
      PageRequest request = PageRequest.first(PAGE);
      while (true) {
        Page<Obligation> page = tenant.obligations().search(ObligationQuery.all(), request);
        all.addAll(page.items());
        if (page.nextCursor().isEmpty()) {
          break;
        }
        request = PageRequest.after(page.nextCursor().get(), PAGE);
      }
      all.sort(Comparator.comparing(o -> o.id().value()));
      Map<String, Integer> seen = new HashMap<>();
      List<ReplayObligation> out = new ArrayList<>(all.size());
      for (Obligation o : all) {
        String party = partyRefs.get(o.party());
        Optional<Integer> trigger = o.trigger().map(triggers::get);
        String base = o.rule().rule() + "/" + party + "/" + o.conversation().map(c -> c.value()).orElse("-") + "/"
            + trigger.map(t -> "steps[" + t + "]").orElse("-");
        int n = seen.merge(base, 1, Integer::sum);
        out.add(new ReplayObligation(n == 1 ? base : base + "#" + n, party, trigger, o));
      }
      return out;
    }

    /** Runs {@code action}; a rejection by the library becomes a violation at {@code path}. */
    private static <T> T at(String path, Supplier<T> action) {
      try {
        return action.get();
      } catch (ValidationException e) {
        List<Violation> violations = new ArrayList<>();
        for (Violation v : e.violations()) {
          violations.add(new Violation(path + ": " + v.path(), v.value(), v.message()));
        }
        throw new ValidationException(violations);
      } catch (CrmException e) {
        throw ValidationException.of(path, e.getClass().getSimpleName(), e.getMessage());
      }
    }
  }
}
