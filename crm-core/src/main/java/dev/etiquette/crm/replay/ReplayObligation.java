package dev.etiquette.crm.replay;

import static java.util.Objects.requireNonNull;

import dev.etiquette.crm.api.obligation.Obligation;
import java.util.Optional;

/**
 * An obligation as a replay left it.
 *
 * @param key the obligation's stable key, the same whichever rule set is replayed, which {@link Replay#compare}
 *     matches obligations by: {@code <rule id>/<party ref>/<conversation or ->/<trigger>}, where the trigger is the
 *     step of the interaction that created it ({@code steps[2]}) or {@code -} (a dormancy check-in); a second
 *     obligation with the same key gets {@code #2}, a third {@code #3}, in the order of creation
 * @param party the party's reference
 * @param triggerStep the index of the step whose interaction created it, if one did
 * @param obligation the obligation: its final state, deadline, warning, breach, escalations, settlement and its
 *     whole history
 */
public record ReplayObligation(String key, String party, Optional<Integer> triggerStep, Obligation obligation) {

  public ReplayObligation {
    requireNonNull(key, "key");
    requireNonNull(party, "party");
    requireNonNull(triggerStep, "triggerStep");
    requireNonNull(obligation, "obligation");
  }
}
