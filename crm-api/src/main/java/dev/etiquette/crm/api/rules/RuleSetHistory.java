package dev.etiquette.crm.api.rules;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import dev.etiquette.crm.api.ValidationException;
import dev.etiquette.crm.api.Violation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The versions of one rule set, and which is in effect when. A version is in effect from its
 * {@link RuleSet#effectiveFrom()} until the next version takes effect; before the first version takes effect no
 * version is.
 *
 * <p>Versions are kept in ascending order of version number. They must all have the same name, distinct
 * version numbers, and effective instants that do not go back as the version number goes up (version 3 cannot take
 * effect before version 2), so that "the version in effect at {@code t}" is always the highest version whose
 * instant is at or before {@code t}. Two versions may take effect at the same instant; the higher one wins, and
 * the lower one is never in effect.
 *
 * @param versions the versions, in any order; kept sorted by version number
 */
public record RuleSetHistory(List<RuleSet> versions) {

  /** @throws ValidationException listing every problem: another name, a repeated version, an instant going back */
  public RuleSetHistory {
    List<RuleSet> sorted = new ArrayList<>(requireNonNull(versions, "versions"));
    sorted.forEach(v -> requireNonNull(v, "version"));
    sorted.sort(Comparator.comparingInt(RuleSet::version));
    versions = ImmutableList.copyOf(sorted);
    List<Violation> violations = new ArrayList<>();
    for (int i = 0; i < versions.size(); i++) {
      RuleSet current = versions.get(i);
      if (!current.name().equals(versions.get(0).name())) {
        violations.add(new Violation("versions[" + i + "].name", ValidationException.printable(current.name()),
            "must be " + versions.get(0).name() + ": a history holds the versions of one rule set"));
      }
      if (i > 0) {
        RuleSet previous = versions.get(i - 1);
        if (previous.version() == current.version()) {
          violations.add(new Violation("versions[" + i + "].version", String.valueOf(current.version()),
              "is repeated: each version number appears once"));
        } else if (current.effectiveFrom().isBefore(previous.effectiveFrom())) {
          violations.add(new Violation("versions[" + i + "].effectiveFrom", current.effectiveFrom().toString(),
              "is before the effective instant of version " + previous.version() + " (" + previous.effectiveFrom()
                  + "): a later version cannot take effect earlier"));
        }
      }
    }
    if (!violations.isEmpty()) {
      throw new ValidationException(violations);
    }
  }

  /** A history of one version. */
  public static RuleSetHistory of(RuleSet first) {
    return new RuleSetHistory(List.of(requireNonNull(first, "first")));
  }

  /**
   * This history with {@code next} added.
   *
   * @throws ValidationException if {@code next} has another name, a version number already present, or takes
   *     effect before a lower version
   */
  public RuleSetHistory plus(RuleSet next) {
    List<RuleSet> all = new ArrayList<>(versions);
    all.add(requireNonNull(next, "next"));
    return new RuleSetHistory(all);
  }

  /** The version in effect at {@code instant}: the highest version that took effect at or before it, if any. */
  public Optional<RuleSet> inEffectAt(Instant instant) {
    requireNonNull(instant, "instant");
    RuleSet found = null;
    for (RuleSet version : versions) {
      if (!version.effectiveFrom().isAfter(instant)) {
        found = version;
      }
    }
    return Optional.ofNullable(found);
  }

  /** The version numbered {@code version}, if present. */
  public Optional<RuleSet> version(int version) {
    return versions.stream().filter(v -> v.version() == version).findFirst();
  }
}
