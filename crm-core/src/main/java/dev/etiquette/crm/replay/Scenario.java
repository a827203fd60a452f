package dev.etiquette.crm.replay;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSortedMap;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.TenantSettings;
import dev.etiquette.crm.api.ValidationException;
import dev.etiquette.crm.api.Violation;
import dev.etiquette.crm.api.calendar.BusinessCalendar;
import dev.etiquette.crm.api.interaction.ConversationId;
import dev.etiquette.crm.api.rules.RuleSet;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A history to replay: one tenant's settings, one rule set, the parties as they are at the start, and a
 * time-ordered list of {@link Step steps}. {@link Replay#run} plays it on a fresh, private in-memory library;
 * {@link ReplayJson} reads and writes it as a scenario file (see {@code docs/replay.md}).
 *
 * <h2>Validation</h2>
 * A scenario is always consistent: its constructor reports every problem at once in one
 * {@link ValidationException}, each with its path from the scenario ({@code steps[3].party}): the name (1 to 200
 * characters, no control characters) and description (1 to 2,000); at most {@value #MAX_PARTIES} parties and
 * {@value #MAX_STEPS} steps; party and reservation references (1 to 64 characters from {@code [A-Za-z0-9._-]}),
 * each unique; every step at or after the start and at or after the step before it; every party a step names is
 * one of the scenario's; a confirmation or release names an earlier reservation, not one settled the other way
 * before; a conversation state change names a conversation an earlier interaction step opened. Whether the
 * library accepts each step (a valid interaction, a party draft
 * that passes validation) is found when the scenario is replayed.
 *
 * @param name the scenario's name, for people and the outcome
 * @param description what it shows, if anything
 * @param tenant the tenant the history belongs to (it appears in the outcome's records)
 * @param zone the tenant's time zone
 * @param calendar the business's calendar; empty means business time is elapsed time
 * @param teamCalendars the calendars of teams that keep hours of their own, by team name
 * @param start when the replay starts: the clock's first instant, when the settings, the rule set and the parties
 *     are stored
 * @param rules the rule set replayed, published at the start ({@link Replay#run(Scenario, RuleSet)} may put
 *     another in its place)
 * @param parties the parties, created at the start in this order
 * @param steps what happens, in time order (steps at the same instant run in their order here)
 */
public record Scenario(
    String name,
    Optional<String> description,
    TenantId tenant,
    ZoneId zone,
    Optional<BusinessCalendar> calendar,
    Map<String, BusinessCalendar> teamCalendars,
    Instant start,
    RuleSet rules,
    List<ScenarioParty> parties,
    List<Step> steps) {

  /** The most parties a scenario may have. */
  public static final int MAX_PARTIES = 1_000;

  /** The most steps a scenario may have. */
  public static final int MAX_STEPS = 100_000;

  /** @throws ValidationException listing every problem (see the class description) */
  public Scenario {
    requireNonNull(name, "name");
    requireNonNull(description, "description");
    requireNonNull(tenant, "tenant");
    requireNonNull(zone, "zone");
    requireNonNull(calendar, "calendar");
    teamCalendars = ImmutableSortedMap.copyOf(requireNonNull(teamCalendars, "teamCalendars"));
    requireNonNull(start, "start");
    requireNonNull(rules, "rules");
    parties = ImmutableList.copyOf(requireNonNull(parties, "parties"));
    steps = ImmutableList.copyOf(requireNonNull(steps, "steps"));
    List<Violation> violations = check(name, description, start, parties, steps);
    if (!violations.isEmpty()) {
      throw new ValidationException(violations);
    }
  }

  /** The tenant's settings the replay configures: the defaults with this scenario's zone and calendars. */
  public TenantSettings settings() {
    TenantSettings settings = TenantSettings.defaults(tenant).withZone(zone);
    if (calendar.isPresent()) {
      settings = settings.withCalendar(calendar.get());
    }
    for (Map.Entry<String, BusinessCalendar> team : teamCalendars.entrySet()) {
      settings = settings.withTeamCalendar(team.getKey(), team.getValue());
    }
    return settings;
  }

  /** This scenario with another rule set. */
  public Scenario withRules(RuleSet other) {
    return new Scenario(name, description, tenant, zone, calendar, teamCalendars, start, other, parties, steps);
  }

  private static List<Violation> check(String name, Optional<String> description, Instant start,
      List<ScenarioParty> parties, List<Step> steps) {
    List<Violation> violations = new ArrayList<>();
    text("name", name, 200, violations);
    description.ifPresent(d -> text("description", d, 2_000, violations));
    if (parties.size() > MAX_PARTIES) {
      violations.add(violation("parties", parties.size() + " parties", "must hold at most " + MAX_PARTIES));
    }
    if (steps.size() > MAX_STEPS) {
      violations.add(violation("steps", steps.size() + " steps", "must hold at most " + MAX_STEPS));
    }
    Set<String> refs = new HashSet<>();
    for (int i = 0; i < parties.size(); i++) {
      String ref = parties.get(i).ref();
      if (!isReference(ref)) {
        violations.add(violation("parties[" + i + "].ref", ref, "must be 1 to 64 characters from [A-Za-z0-9._-]"));
      } else if (!refs.add(ref)) {
        violations.add(violation("parties[" + i + "].ref", ref, "is the reference of an earlier party"));
      }
    }
    Set<String> reservations = new HashSet<>();
    Map<String, Class<?>> settled = new HashMap<>();
    Set<ConversationId> conversations = new HashSet<>();
    Instant previous = start;
    for (int i = 0; i < steps.size(); i++) {
      Step step = steps.get(i);
      String path = "steps[" + i + "]";
      if (step.at().isBefore(start)) {
        violations.add(violation(path + ".at", step.at().toString(), "must not be before the start " + start));
      } else if (step.at().isBefore(previous)) {
        violations.add(violation(path + ".at", step.at().toString(),
            "must not be before the step before it (" + previous + "): steps are in time order"));
      }
      if (!step.at().isBefore(start)) {
        previous = step.at().isAfter(previous) ? step.at() : previous;
      }
      party(step).ifPresent(party -> {
        if (!refs.contains(party)) {
          violations.add(violation(path + ".party", party, "is not the reference of one of the scenario's parties"));
        }
      });
      if (step instanceof Step.RecordInteraction interaction) {
        interaction.conversation().ifPresent(conversations::add);
      } else if (step instanceof Step.Reserve reserve && reserve.ref().isPresent()) {
        String ref = reserve.ref().get();
        if (!isReference(ref)) {
          violations.add(violation(path + ".ref", ref, "must be 1 to 64 characters from [A-Za-z0-9._-]"));
        } else if (!reservations.add(ref)) {
          violations.add(violation(path + ".ref", ref, "is the reference of an earlier reservation"));
        }
      } else if (step instanceof Step.Confirm confirm) {
        settle(path, confirm.contact(), Step.Confirm.class, reservations, settled, violations);
      } else if (step instanceof Step.Release release) {
        settle(path, release.contact(), Step.Release.class, reservations, settled, violations);
      } else if (step instanceof Step.SetConversationState change
          && !conversations.contains(change.conversation())) {
        violations.add(violation(path + ".conversation", change.conversation().value(),
            "is not a conversation of an earlier record_interaction step"));
      }
    }
    return violations;
  }

  /**
   * Checks a confirmation or release of {@code ref}: it names an earlier reservation, and one that was not settled
   * the other way (a sent contact cannot be released, nor a released one confirmed; repeating the same is allowed,
   * as the library allows it).
   */
  private static void settle(String path, String ref, Class<?> kind, Set<String> reservations,
      Map<String, Class<?>> settled, List<Violation> violations) {
    if (!reservations.contains(ref)) {
      violations.add(violation(path + ".contact", ref, "is not the ref of an earlier reserve step"));
      return;
    }
    Class<?> before = settled.putIfAbsent(ref, kind);
    if (before != null && before != kind) {
      String was = before == Step.Confirm.class ? "confirmed" : "released";
      String now = kind == Step.Confirm.class ? "confirmed" : "released";
      violations.add(violation(path + ".contact", ref, "was " + was + " by an earlier step and cannot be " + now));
    }
  }

  /** The party a step names, if it names one. */
  static Optional<String> party(Step step) {
    if (step instanceof Step.RecordInteraction s) {
      return Optional.of(s.party());
    } else if (step instanceof Step.Decide s) {
      return Optional.of(s.party());
    } else if (step instanceof Step.Reserve s) {
      return Optional.of(s.party());
    } else if (step instanceof Step.RecordConsent s) {
      return Optional.of(s.party());
    } else if (step instanceof Step.UpdateParty s) {
      return Optional.of(s.party());
    }
    return Optional.empty();
  }

  private static void text(String path, String value, int max, List<Violation> violations) {
    int length = value.codePointCount(0, value.length());
    if (value.isBlank() || length > max) {
      violations.add(violation(path, value, "must be 1 to " + max + " characters, not blank"));
    } else if (value.chars().anyMatch(Character::isISOControl)) {
      violations.add(violation(path, value, "must not contain control characters"));
    }
  }

  private static boolean isReference(String ref) {
    if (ref.isEmpty() || ref.length() > 64) {
      return false;
    }
    for (int i = 0; i < ref.length(); i++) {
      char c = ref.charAt(i);
      boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_'
          || c == '-';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static Violation violation(String path, String value, String message) {
    return new Violation(path, ValidationException.printable(value), message);
  }
}
