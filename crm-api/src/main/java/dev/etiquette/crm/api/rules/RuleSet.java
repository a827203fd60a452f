package dev.etiquette.crm.api.rules;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import dev.etiquette.crm.api.Channel;
import dev.etiquette.crm.api.Purpose;
import dev.etiquette.crm.api.ValidationException;
import dev.etiquette.crm.api.Violation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One version of a tenant's etiquette rules: the obligation rules and contact rules in effect from {@link #effectiveFrom()} until a
 * later version of the same {@link #name()} takes effect (see {@link RuleSetHistory}). Every outcome the rules
 * produce records the {@link RuleRef} (set name, version and rule id) of the rule that produced it, and an
 * obligation keeps following the version that created it until it is settled.
 *
 * <h2>Validation</h2>
 * A rule set is always valid: its constructor checks everything and reports <em>every</em> problem at once in one
 * {@link ValidationException}, each with its path from the set ({@code obligations[2].targets[0].within}), the
 * offending value and what was expected; nothing is half-accepted. It checks:
 * <ul>
 *   <li>the name and every rule id (1 to 64 characters from {@code [A-Za-z0-9._-]}, starting with a letter or
 *       digit), rule ids unique within the set; the version (at least 1); the instant (years 1 to 9999); the
 *       description (1 to 2,000 characters);</li>
 *   <li>durations: a target, {@code within} or warning offset positive, a follow-up's delay and the first
 *       escalation step's delay zero or positive, later escalation steps positive, none longer than
 *       {@link #MAX_DURATION};</li>
 *   <li>a warning offset shorter than every target of its rule; a warning fraction strictly between 0 and 1,
 *       with at most 9 digits after the decimal point;</li>
 *   <li>names (roles, fallbacks, priorities, segments, actions, a team calendar's team): not blank, no control
 *       characters, at most 200 characters (segments, which are tags, 100);</li>
 *   <li>response rules: a default target; no two targets with the same conditions; a target's channel among the
 *       rule's channels; no rule that can never apply because earlier rules of its kind cover all its channels
 *       and purposes;</li>
 *   <li>event filters: attribute names and values, and no filter that can never match; dormancy rules: stages or
 *       roles named, days from 1 to {@value DormancyRule#MAX_DAYS};</li>
 *   <li>contact rules: cap ids (same format as rule ids) unique among the set's rules and caps, a cap's
 *       {@code max} from 1 to {@value FrequencyCap#MAX_CONTACTS}, a rolling window positive and at most
 *       {@link #MAX_DURATION}, a calendar-day window of 1 to {@value FrequencyCap#MAX_DAYS} days; no cap, regime or
 *       double opt-in for an exempt purpose (they never apply);</li>
 *   <li>sizes: at most {@value #MAX_RULES} rules, 50 targets per rule, 20 escalation steps, 20 cancel filters and
 *       20 attributes per filter, {@value ContactRules#MAX_CAPS} caps.</li>
 * </ul>
 * "Characters" are Unicode code points, as JSON Schema counts them. See {@code docs/rules.md}.
 *
 * @param name the rule set's name, the same for all its versions: 1 to 64 characters from {@code [A-Za-z0-9._-]},
 *     starting with a letter or digit
 * @param version the version, at least 1; a later version of the same name has a greater number
 * @param effectiveFrom from when the set is in effect
 * @param description what the set is for, for people, if anything: 1 to 2,000 characters
 * @param obligations the obligation rules, in order (the order decides between response rules of the same kind)
 * @param contact the contact rules (consent regimes, frequency caps, quiet hours), if this set has any; contact
 *     decisions apply those of every set in effect
 */
public record RuleSet(
    String name,
    int version,
    Instant effectiveFrom,
    Optional<String> description,
    List<ObligationRule> obligations,
    Optional<ContactRules> contact) {

  /** The longest duration a rule may name: 3,650 days of 24 hours. */
  public static final Duration MAX_DURATION = Duration.ofDays(3_650);

  /** The most rules a set may hold. */
  public static final int MAX_RULES = 1_000;

  /**
   * @throws ValidationException listing every problem of the set and its rules (see the class description)
   */
  public RuleSet {
    requireNonNull(name, "name");
    requireNonNull(effectiveFrom, "effectiveFrom");
    requireNonNull(description, "description");
    obligations = ImmutableList.copyOf(requireNonNull(obligations, "obligations"));
    requireNonNull(contact, "contact");
    List<Violation> violations = RuleChecks.set(name, version, effectiveFrom, description, obligations);
    if (contact.isPresent()) {
      violations.addAll(RuleChecks.contact(contact.get(), obligations));
    }
    if (!violations.isEmpty()) {
      throw new ValidationException(violations);
    }
  }

  /** Starts a rule set. */
  public static Builder builder(String name, int version, Instant effectiveFrom) {
    return new Builder(name, version, effectiveFrom);
  }

  /** The rule with id {@code id}, if the set has one. */
  public Optional<ObligationRule> rule(String id) {
    requireNonNull(id, "id");
    return obligations.stream().filter(rule -> rule.id().equals(id)).findFirst();
  }

  /**
   * The response rule of {@code kind} that applies to an inbound interaction on {@code channel} for
   * {@code purpose}: the first in the set's order, if any.
   */
  public Optional<ResponseRule> responseRule(ResponseKind kind, Channel channel, Purpose purpose) {
    requireNonNull(kind, "kind");
    requireNonNull(channel, "channel");
    requireNonNull(purpose, "purpose");
    for (ObligationRule rule : obligations) {
      if (rule instanceof ResponseRule response && response.kind() == kind && response.appliesTo(channel, purpose)) {
        return Optional.of(response);
      }
    }
    return Optional.empty();
  }

  /** The frequency cap with id {@code id}, if the set's contact rules have one. */
  public Optional<FrequencyCap> cap(String id) {
    requireNonNull(id, "id");
    return contact.flatMap(c -> c.caps().stream().filter(cap -> cap.id().equals(id)).findFirst());
  }

  /**
   * What an outcome of the rule or cap {@code id} of this set records.
   *
   * @throws ValidationException if the set has no rule or cap {@code id}
   */
  public RuleRef ref(String id) {
    if (rule(id).isEmpty() && cap(id).isEmpty()) {
      throw ValidationException.of("id", id, "is not the id of a rule of rule set " + name + " version " + version);
    }
    return new RuleRef(name, version, id);
  }

  /** Builds a {@link RuleSet}. Each method rejects {@code null}; {@link #build()} checks everything. */
  public static final class Builder {
    private final String name;
    private final int version;
    private final Instant effectiveFrom;
    private String description;
    private final List<ObligationRule> obligations = new ArrayList<>();
    private ContactRules contact;

    private Builder(String name, int version, Instant effectiveFrom) {
      this.name = requireNonNull(name, "name");
      this.version = version;
      this.effectiveFrom = requireNonNull(effectiveFrom, "effectiveFrom");
    }

    public Builder description(String description) {
      this.description = requireNonNull(description, "description");
      return this;
    }

    /** Adds a rule; rules keep the order in which they are added. */
    public Builder rule(ObligationRule rule) {
      obligations.add(requireNonNull(rule, "rule"));
      return this;
    }

    /** Sets the contact rules. */
    public Builder contact(ContactRules contact) {
      this.contact = requireNonNull(contact, "contact");
      return this;
    }

    /** @throws ValidationException listing every problem (see {@link RuleSet}) */
    public RuleSet build() {
      return new RuleSet(name, version, effectiveFrom, Optional.ofNullable(description), obligations,
          Optional.ofNullable(contact));
    }
  }
}
