package dev.etiquette.crm.replay;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import dev.etiquette.crm.api.notification.Notification;
import java.util.List;

/**
 * What a replay produced. Everything in it comes from a private library with a controlled clock and sequential
 * ids, so the same scenario and rule set always give an equal outcome, and {@link ReplayJson#write(ReplayOutcome)}
 * the same bytes.
 *
 * @param scenario the scenario's name
 * @param ruleSet the name of the rule set replayed
 * @param version its version
 * @param parties the scenario's parties with their ids, in the scenario's order
 * @param decisions every contact decision, in the order of the steps
 * @param obligations every obligation, in the order they were created
 * @param notifications every notification, in the order they were delivered
 */
public record ReplayOutcome(String scenario, String ruleSet, int version, List<ReplayParty> parties,
    List<ReplayDecision> decisions, List<ReplayObligation> obligations, List<Notification> notifications) {

  public ReplayOutcome {
    requireNonNull(scenario, "scenario");
    requireNonNull(ruleSet, "ruleSet");
    parties = ImmutableList.copyOf(requireNonNull(parties, "parties"));
    decisions = ImmutableList.copyOf(requireNonNull(decisions, "decisions"));
    obligations = ImmutableList.copyOf(requireNonNull(obligations, "obligations"));
    notifications = ImmutableList.copyOf(requireNonNull(notifications, "notifications"));
  }
}
