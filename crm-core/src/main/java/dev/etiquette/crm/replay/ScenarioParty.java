package dev.etiquette.crm.replay;

import static java.util.Objects.requireNonNull;

import dev.etiquette.crm.api.party.PartyDraft;

/**
 * A party of a {@link Scenario}: created when the replay starts, in the scenario's order, and named by its
 * reference in the steps (the library gives it its id).
 *
 * @param ref the scenario's name for the party: 1 to 64 characters from {@code [A-Za-z0-9._-]}, unique in the
 *     scenario (the scenario checks it)
 * @param draft the party as created at the scenario's start, with its consents (each captured when its
 *     {@code capturedAt} says, or at the start), preferences and do-not-contact flag
 */
public record ScenarioParty(String ref, PartyDraft draft) {

  public ScenarioParty {
    requireNonNull(ref, "ref");
    requireNonNull(draft, "draft");
  }
}
