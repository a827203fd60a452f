package dev.etiquette.crm.api.obligation;

import dev.etiquette.crm.api.ValidationException;
import dev.etiquette.crm.api.rules.RuleSet;
import dev.etiquette.crm.api.rules.RuleSetHistory;
import java.util.List;
import java.util.Optional;

/**
 * The etiquette rule sets a tenant runs under. A tenant may have several rule sets (a support desk's, key
 * accounts'); each evaluates every event on its own, by the version in effect at the event (see
 * {@link RuleSetHistory}). Versions are added, never changed or removed; every obligation names the version
 * that created it.
 */
public interface RuleSets {

  /**
   * Adds a version of a rule set. Dormancy rules of the new version start watching the tenant's parties at once:
   * their countdowns start at the version's {@code effectiveFrom} or at the party's latest interaction, whichever
   * is later.
   *
   * @return the rule set's history with the version added
   * @throws ValidationException if the tenant already has this version number of the set, or the version takes
   *     effect before a lower version of it
   */
  RuleSetHistory publish(RuleSet version);

  /** The history of the rule set named {@code name}, or empty if the tenant has none. */
  Optional<RuleSetHistory> history(String name);

  /** The histories of all the tenant's rule sets, by name. */
  List<RuleSetHistory> all();
}
