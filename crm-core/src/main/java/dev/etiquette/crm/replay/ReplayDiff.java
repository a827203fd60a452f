package dev.etiquette.crm.replay;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import dev.etiquette.crm.api.Channel;
import dev.etiquette.crm.api.Purpose;
import dev.etiquette.crm.api.contact.Verdict;
import dev.etiquette.crm.api.obligation.EscalationPoint;
import dev.etiquette.crm.api.obligation.ObligationState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What differs between two replays of one scenario under rule sets {@code a} and {@code b}
 * ({@link Replay#compare}). Obligations are matched by their {@link ReplayObligation#key() key}, decisions by their
 * step; rule set names and versions are not compared, so a rule set compared with itself under another name or
 * version shows no difference. Each list holds only what differs, in the order of the keys (obligations) or steps
 * (decisions); {@link #same()} tells whether all are empty.
 *
 * @param scenario the scenario's name
 * @param a the first rule set, as {@code <name> v<version>}
 * @param b the second rule set, as {@code <name> v<version>}
 * @param obligations the obligations present in one replay only, or whose summary (state, target, deadline, breach,
 *     escalations, settlement) differs
 * @param breaches the obligations breached in one replay only, or at different instants
 * @param escalations the obligations whose fallen escalation steps differ (roles or instants)
 * @param deniedContacts the decisions denied in at least one replay whose summary (verdict, denying rules, next
 *     allowed instant) differs
 */
public record ReplayDiff(String scenario, String a, String b, List<ObligationDifference> obligations,
    List<BreachDifference> breaches, List<EscalationDifference> escalations,
    List<DecisionDifference> deniedContacts) {

  public ReplayDiff {
    requireNonNull(scenario, "scenario");
    requireNonNull(a, "a");
    requireNonNull(b, "b");
    obligations = ImmutableList.copyOf(requireNonNull(obligations, "obligations"));
    breaches = ImmutableList.copyOf(requireNonNull(breaches, "breaches"));
    escalations = ImmutableList.copyOf(requireNonNull(escalations, "escalations"));
    deniedContacts = ImmutableList.copyOf(requireNonNull(deniedContacts, "deniedContacts"));
  }

  /** Whether the two replays agree on everything compared: every list is empty. */
  public boolean same() {
    return obligations.isEmpty() && breaches.isEmpty() && escalations.isEmpty() && deniedContacts.isEmpty();
  }

  /**
   * What is compared of an obligation.
   *
   * @param state its final state
   * @param target the time allowed, on its clock
   * @param dueAt its deadline as it stands
   * @param breachedAt when it was breached, if it was
   * @param escalated how many escalation steps fell
   * @param settledAt when it was satisfied or cancelled, if it was
   */
  public record ObligationSummary(ObligationState state, Duration target, Instant dueAt,
      Optional<Instant> breachedAt, int escalated, Optional<Instant> settledAt) {

    public ObligationSummary {
      requireNonNull(state, "state");
      requireNonNull(target, "target");
      requireNonNull(dueAt, "dueAt");
      requireNonNull(breachedAt, "breachedAt");
      requireNonNull(settledAt, "settledAt");
    }
  }

  /**
   * An obligation that differs.
   *
   * @param key its key
   * @param a its summary under rule set {@code a}; empty when {@code a} did not create it
   * @param b its summary under rule set {@code b}; empty when {@code b} did not create it
   */
  public record ObligationDifference(String key, Optional<ObligationSummary> a, Optional<ObligationSummary> b) {

    public ObligationDifference {
      requireNonNull(key, "key");
      requireNonNull(a, "a");
      requireNonNull(b, "b");
    }
  }

  /**
   * A breach that differs.
   *
   * @param key the obligation's key
   * @param a when it was breached under {@code a}; empty when it was not (or did not exist)
   * @param b when it was breached under {@code b}; empty when it was not (or did not exist)
   */
  public record BreachDifference(String key, Optional<Instant> a, Optional<Instant> b) {

    public BreachDifference {
      requireNonNull(key, "key");
      requireNonNull(a, "a");
      requireNonNull(b, "b");
    }
  }

  /**
   * Escalations that differ.
   *
   * @param key the obligation's key
   * @param a the steps that fell under {@code a}, in order
   * @param b the steps that fell under {@code b}, in order
   */
  public record EscalationDifference(String key, List<EscalationPoint> a, List<EscalationPoint> b) {

    public EscalationDifference {
      requireNonNull(key, "key");
      a = ImmutableList.copyOf(requireNonNull(a, "a"));
      b = ImmutableList.copyOf(requireNonNull(b, "b"));
    }
  }

  /**
   * What is compared of a contact decision.
   *
   * @param verdict the verdict
   * @param deniedBy the rules that denied, in the receipt's order, each as its check and, where a rule of the set
   *     said it, the rule's id ({@code FREQUENCY_CAP weekly-marketing}, {@code DO_NOT_CONTACT})
   * @param nextAllowedAt the next allowed instant of a denial, if there is one
   */
  public record DecisionSummary(Verdict verdict, List<String> deniedBy, Optional<Instant> nextAllowedAt) {

    public DecisionSummary {
      requireNonNull(verdict, "verdict");
      deniedBy = ImmutableList.copyOf(requireNonNull(deniedBy, "deniedBy"));
      requireNonNull(nextAllowedAt, "nextAllowedAt");
    }
  }

  /**
   * A contact decision that differs, denied in at least one replay.
   *
   * @param step the step's index
   * @param party the party's reference
   * @param channel the channel asked for
   * @param purpose the purpose asked for
   * @param at the contact's instant
   * @param a the decision under {@code a}
   * @param b the decision under {@code b}
   */
  public record DecisionDifference(int step, String party, Channel channel, Purpose purpose, Instant at,
      DecisionSummary a, DecisionSummary b) {

    public DecisionDifference {
      requireNonNull(party, "party");
      requireNonNull(channel, "channel");
      requireNonNull(purpose, "purpose");
      requireNonNull(at, "at");
      requireNonNull(a, "a");
      requireNonNull(b, "b");
    }
  }
}
