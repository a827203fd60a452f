package dev.etiquette.crm.replay;

import static java.util.Objects.requireNonNull;

import dev.etiquette.crm.api.party.PartyId;

/**
 * A scenario's party and the id the replay gave it, so that the ids in an outcome's records can be read back to
 * the scenario's references.
 *
 * @param ref the scenario's reference
 * @param id the party's id in the replay
 */
public record ReplayParty(String ref, PartyId id) {

  public ReplayParty {
    requireNonNull(ref, "ref");
    requireNonNull(id, "id");
  }
}
