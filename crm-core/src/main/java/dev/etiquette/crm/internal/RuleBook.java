package dev.etiquette.crm.internal;

import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.rules.ObligationRule;
import dev.etiquette.crm.api.rules.RuleRef;
import dev.etiquette.crm.api.rules.RuleSet;
import dev.etiquette.crm.api.rules.RuleSetHistory;
import dev.etiquette.crm.api.spi.StorageTransaction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** A tenant's rule sets as one transaction read them: every version of each, by name. */
final class RuleBook {

  private final Map<String, RuleSetHistory> histories;

  private RuleBook(Map<String, RuleSetHistory> histories) {
    this.histories = histories;
  }

  static RuleBook load(StorageTransaction tx, TenantId tenant) {
    Map<String, List<RuleSet>> byName = tx.ruleSets().all(tenant).stream()
        .collect(Collectors.groupingBy(RuleSet::name, TreeMap::new, Collectors.toList()));
    Map<String, RuleSetHistory> histories = new TreeMap<>();
    byName.forEach((name, versions) -> histories.put(name, new RuleSetHistory(versions)));
    return new RuleBook(histories);
  }

  /** Whether the tenant has no rule sets at all, so that nothing can create or hold an obligation. */
  boolean isEmpty() {
    return histories.isEmpty();
  }

  Map<String, RuleSetHistory> histories() {
    return histories;
  }

  /** The version of each rule set in effect at {@code instant}, by name. */
  List<RuleSet> inEffectAt(Instant instant) {
    List<RuleSet> sets = new ArrayList<>();
    for (RuleSetHistory history : histories.values()) {
      history.inEffectAt(instant).ifPresent(sets::add);
    }
    return sets;
  }

  /** The rule {@code ref} names, if its version is stored and holds it. */
  Optional<ObligationRule> rule(RuleRef ref) {
    return Optional.ofNullable(histories.get(ref.ruleSet()))
        .flatMap(h -> h.version(ref.version()))
        .flatMap(set -> set.obligations().stream().filter(r -> r.id().equals(ref.rule())).findFirst());
  }
}
