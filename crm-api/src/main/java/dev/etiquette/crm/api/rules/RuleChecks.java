package dev.etiquette.crm.api.rules;

import dev.etiquette.crm.api.Channel;
import dev.etiquette.crm.api.Purpose;
import dev.etiquette.crm.api.ValidationException;
import dev.etiquette.crm.api.Violation;
import dev.etiquette.crm.api.calendar.BusinessCalendar;
import dev.etiquette.crm.api.calendar.CalendarChoice;
import dev.etiquette.crm.api.interaction.Direction;
import dev.etiquette.crm.api.interaction.InteractionKind;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Every check of a rule set, in one place: {@link RuleSet}'s constructor and the rule builders call it. Each check
 * adds a violation and goes on, so that all problems are reported at once. Paths are relative to the set
 * ({@code obligations[2].targets[0].within}) or, for a rule built on its own, to the rule ({@code targets[0].within}).
 */
final class RuleChecks {

  static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  static final Pattern ATTRIBUTE_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");
  private static final Pattern PLAIN_SEGMENT = Pattern.compile("[A-Za-z0-9_]{1,200}");
  static final int MAX_NAME = 200;
  static final int MAX_SEGMENT = 100;
  static final int MAX_DESCRIPTION = 2_000;
  static final int MAX_ATTRIBUTE_VALUE = 1_000;
  static final int MAX_TARGETS = 50;
  static final int MAX_STEPS = 20;
  static final int MAX_CANCEL_FILTERS = 20;
  static final int MAX_ATTRIBUTES = 20;
  static final int MAX_FRACTION_DIGITS = 9;

  /** Stands in for a missing assignee while a builder checks the rest of a rule. */
  static final Assignee PLACEHOLDER = Assignee.role("(missing)");

  private static final String ID_FORMAT = "must be 1 to 64 characters from [A-Za-z0-9._-], starting with a letter"
      + " or digit";

  private RuleChecks() {}

  static Violation missing(String path, String what) {
    return new Violation(path, "(missing)", "is required: " + what);
  }

  static Violation missingAssignee() {
    return missing("assignee", "who must act (Assignee.owner, team or role)");
  }

  // ---------------------------------------------------------------------------------------------- the set

  static List<Violation> set(String name, int version, Instant effectiveFrom, Optional<String> description,
      List<ObligationRule> obligations) {
    List<Violation> out = new ArrayList<>();
    if (!ID.matcher(name).matches()) {
      out.add(new Violation("name", ValidationException.printable(name), ID_FORMAT));
    }
    if (version < 1) {
      out.add(new Violation("version", String.valueOf(version), "must be at least 1"));
    }
    if (effectiveFrom.isBefore(BusinessCalendar.EARLIEST_SUPPORTED)
        || !effectiveFrom.isBefore(BusinessCalendar.LATEST_SUPPORTED)) {
      out.add(new Violation("effectiveFrom", effectiveFrom.toString(), "must be in the years 1 to 9999"));
    }
    description.ifPresent(d -> {
      int length = d.codePointCount(0, d.length());
      if (length < 1 || length > MAX_DESCRIPTION) {
        out.add(new Violation("description", ValidationException.printable(d),
            "must be 1 to " + MAX_DESCRIPTION + " characters, was " + length + " (leave it out for none)"));
      }
    });
    if (obligations.size() > RuleSet.MAX_RULES) {
      out.add(new Violation("obligations", obligations.size() + " rules",
          "must hold at most " + RuleSet.MAX_RULES + " rules"));
    }
    Map<String, Integer> ids = new HashMap<>();
    for (int i = 0; i < obligations.size(); i++) {
      ObligationRule rule = Objects.requireNonNull(obligations.get(i), "rule");
      String path = "obligations[" + i + "]";
      Integer first = ids.putIfAbsent(rule.id(), i);
      if (first != null) {
        out.add(new Violation(path + ".id", ValidationException.printable(rule.id()),
            "is the id of obligations[" + first + "] too: rule ids are unique within a rule set"));
      }
      out.addAll(rule(rule, path + "."));
      if (rule instanceof ResponseRule response) {
        shadowed(response, obligations.subList(0, i), path, out);
      }
    }
    return out;
  }

  /** The contact rules of a set whose obligation rules are {@code obligations}. */
  static List<Violation> contact(ContactRules rules, List<ObligationRule> obligations) {
    List<Violation> out = new ArrayList<>();
    rules.regimes().keySet().stream().filter(ContactRules::isExempt).forEach(p -> out.add(new Violation(
        "contact.regimes." + p, p.name(), "never applies: " + p + " contacts are exempt from consent")));
    rules.doubleOptIn().stream().filter(ContactRules::isExempt).forEach(p -> out.add(new Violation(
        "contact.doubleOptIn", p.name(), "never applies: " + p + " contacts are exempt from consent")));
    if (rules.caps().size() > ContactRules.MAX_CAPS) {
      out.add(new Violation("contact.caps", rules.caps().size() + " caps",
          "must hold at most " + ContactRules.MAX_CAPS + " caps"));
    }
    Map<String, String> ids = new HashMap<>();
    for (int i = 0; i < obligations.size(); i++) {
      ids.putIfAbsent(obligations.get(i).id(), "obligations[" + i + "]");
    }
    for (int i = 0; i < rules.caps().size(); i++) {
      FrequencyCap cap = Objects.requireNonNull(rules.caps().get(i), "cap");
      String path = "contact.caps[" + i + "]";
      if (!ID.matcher(cap.id()).matches()) {
        out.add(new Violation(path + ".id", ValidationException.printable(cap.id()), ID_FORMAT));
      }
      String first = ids.putIfAbsent(cap.id(), path);
      if (first != null) {
        out.add(new Violation(path + ".id", ValidationException.printable(cap.id()),
            "is the id of " + first + " too: rule and cap ids are unique within a rule set"));
      }
      if (ContactRules.isExempt(cap.purpose())) {
        out.add(new Violation(path + ".purpose", cap.purpose().name(),
            "never applies: " + cap.purpose() + " contacts are exempt from caps"));
      }
      if (cap.max() < 1 || cap.max() > FrequencyCap.MAX_CONTACTS) {
        out.add(new Violation(path + ".max", String.valueOf(cap.max()),
            "must be 1 to " + FrequencyCap.MAX_CONTACTS));
      }
      if (cap.window() instanceof CapWindow.Rolling rolling) {
        duration(rolling.length(), path + ".window.length", true, out);
      } else if (cap.window() instanceof CapWindow.CalendarDays days
          && (days.days() < 1 || days.days() > FrequencyCap.MAX_DAYS)) {
        out.add(new Violation(path + ".window.days", String.valueOf(days.days()),
            "must be 1 to " + FrequencyCap.MAX_DAYS));
      }
    }
    return out;
  }

  /** A response rule that earlier rules of its kind leave nothing to do. */
  private static void shadowed(ResponseRule rule, List<ObligationRule> earlier, String path, List<Violation> out) {
    Set<Channel> channels = rule.channels().isEmpty() ? EnumSet.allOf(Channel.class) : rule.channels();
    Set<Purpose> purposes = rule.purposes().isEmpty() ? EnumSet.allOf(Purpose.class) : rule.purposes();
    List<String> before = new ArrayList<>();
    for (Channel channel : channels) {
      for (Purpose purpose : purposes) {
        boolean covered = false;
        for (int i = 0; i < earlier.size() && !covered; i++) {
          if (earlier.get(i) instanceof ResponseRule other && other.kind() == rule.kind()
              && other.appliesTo(channel, purpose)) {
            covered = true;
            String name = "obligations[" + i + "] '" + ValidationException.printable(other.id()) + "'";
            if (!before.contains(name)) {
              before.add(name);
            }
          }
        }
        if (!covered) {
          return;
        }
      }
    }
    out.add(new Violation(path, ValidationException.printable(rule.id()), "never applies: for every channel and"
        + " purpose it covers, an earlier " + rule.kind() + " rule applies first (" + String.join(", ", before)
        + "); put it before them or narrow them"));
  }

  // ---------------------------------------------------------------------------------------------- one rule

  /** The problems of one rule; {@code prefix} is its path and a dot, or empty. */
  static List<Violation> rule(ObligationRule rule, String prefix) {
    List<Violation> out = new ArrayList<>();
    if (!ID.matcher(rule.id()).matches()) {
      out.add(new Violation(prefix + "id", ValidationException.printable(rule.id()), ID_FORMAT));
    }
    Optional<Duration> shortest;
    if (rule instanceof ResponseRule response) {
      shortest = response(response, prefix, out);
    } else if (rule instanceof FollowUpRule followUp) {
      shortest = followUp(followUp, prefix, out);
    } else {
      shortest = dormancy((DormancyRule) rule, prefix, out);
    }
    calendar(rule.calendar(), prefix + "calendar", out);
    rule.warning().ifPresent(w -> warning(w, shortest, prefix + "warning", out));
    escalation(rule.escalation(), prefix + "escalation", out);
    assignee(rule.assignee(), prefix + "assignee", out);
    return out;
  }

  /** Checks a response rule; returns its shortest target if every target is valid. */
  private static Optional<Duration> response(ResponseRule rule, String prefix, List<Violation> out) {
    List<ResponseTarget> targets = rule.targets();
    String path = prefix + "targets";
    if (targets.isEmpty()) {
      out.add(new Violation(path, "[]", "must hold at least one target, a default one (without channel, priority"
          + " and segment) among them"));
      return Optional.empty();
    }
    if (targets.size() > MAX_TARGETS) {
      out.add(new Violation(path, targets.size() + " targets", "must hold at most " + MAX_TARGETS + " targets"));
    }
    boolean valid = true;
    Duration shortest = null;
    boolean hasDefault = false;
    for (int i = 0; i < targets.size(); i++) {
      ResponseTarget target = Objects.requireNonNull(targets.get(i), "target");
      String at = path + "[" + i + "]";
      hasDefault |= target.isDefault();
      valid &= duration(target.within(), at + ".within", true, out);
      shortest = shortest == null || target.within().compareTo(shortest) < 0 ? target.within() : shortest;
      target.channel().ifPresent(channel -> {
        if (!rule.channels().isEmpty() && !rule.channels().contains(channel)) {
          out.add(new Violation(at + ".channel", channel.name(), "never applies: the rule covers only the channels "
              + sorted(rule.channels())));
        }
      });
      target.priority().ifPresent(p -> name(p, at + ".priority", MAX_NAME, out));
      target.segment().ifPresent(s -> name(s, at + ".segment", MAX_SEGMENT, out));
      for (int j = 0; j < i; j++) {
        ResponseTarget other = targets.get(j);
        if (other.channel().equals(target.channel()) && other.priority().equals(target.priority())
            && other.segment().equals(target.segment())) {
          out.add(new Violation(at, conditions(target), "has the same conditions as " + path + "[" + j
              + "], so it would never apply: of equally specific targets the first applies"));
          break;
        }
      }
    }
    if (!hasDefault) {
      out.add(new Violation(path, targets.size() + " targets", "has no default target (one without channel,"
          + " priority and segment), so an interaction that matches no other target would have none"));
    }
    return valid ? Optional.of(shortest) : Optional.empty();
  }

  private static Optional<Duration> followUp(FollowUpRule rule, String prefix, List<Violation> out) {
    name(rule.action(), prefix + "action", MAX_NAME, out);
    filter(rule.trigger(), prefix + "trigger", out);
    duration(rule.delay(), prefix + "delay", false, out);
    boolean valid = duration(rule.within(), prefix + "within", true, out);
    filter(rule.satisfiedBy(), prefix + "satisfiedBy", out);
    filters(rule.cancelWhen(), prefix + "cancelWhen", out);
    return valid ? Optional.of(rule.within()) : Optional.empty();
  }

  private static Optional<Duration> dormancy(DormancyRule rule, String prefix, List<Violation> out) {
    name(rule.action(), prefix + "action", MAX_NAME, out);
    if (rule.stages().isEmpty() && rule.roles().isEmpty()) {
      out.add(new Violation(prefix + "stages", "[]", "a dormancy rule must name the lifecycle stages or the roles"
          + " (or both) of the parties it watches"));
    }
    if (rule.days() < 1 || rule.days() > DormancyRule.MAX_DAYS) {
      out.add(new Violation(prefix + "days", String.valueOf(rule.days()),
          "must be 1 to " + DormancyRule.MAX_DAYS + " days"));
    }
    boolean valid = duration(rule.within(), prefix + "within", true, out);
    filter(rule.satisfiedBy(), prefix + "satisfiedBy", out);
    filters(rule.cancelWhen(), prefix + "cancelWhen", out);
    return valid ? Optional.of(rule.within()) : Optional.empty();
  }

  // ---------------------------------------------------------------------------------------------- parts

  private static void calendar(CalendarChoice calendar, String path, List<Violation> out) {
    if (calendar instanceof CalendarChoice.Team team) {
      name(team.team(), path + ".team", MAX_NAME, out);
    }
  }

  /** @param shortest the rule's shortest target, when its targets are valid */
  private static void warning(Warning warning, Optional<Duration> shortest, String path, List<Violation> out) {
    if (warning instanceof Warning.BeforeDeadline before) {
      if (duration(before.offset(), path + ".offset", true, out) && shortest.isPresent()
          && before.offset().compareTo(shortest.get()) >= 0) {
        out.add(new Violation(path + ".offset", format(before.offset()), "must be shorter than the rule's shortest"
            + " target (" + format(shortest.get()) + "), or the warning would fall at or before the opening"));
      }
    } else {
      BigDecimal fraction = ((Warning.ElapsedFraction) warning).fraction();
      if (fraction.signum() <= 0 || fraction.compareTo(BigDecimal.ONE) >= 0) {
        out.add(new Violation(path + ".fraction", fraction.toString(), "must be greater than 0 and less than 1"
            + " (0.75 warns when three quarters of the target have passed)"));
      } else if (fraction.scale() > MAX_FRACTION_DIGITS) {
        out.add(new Violation(path + ".fraction", ValidationException.printable(fraction.toString()),
            "must have at most " + MAX_FRACTION_DIGITS + " digits after the decimal point"));
      }
    }
  }

  private static void escalation(List<EscalationStep> steps, String path, List<Violation> out) {
    if (steps.size() > MAX_STEPS) {
      out.add(new Violation(path, steps.size() + " steps", "must hold at most " + MAX_STEPS + " steps"));
    }
    for (int i = 0; i < steps.size(); i++) {
      EscalationStep step = Objects.requireNonNull(steps.get(i), "step");
      String at = path + "[" + i + "]";
      name(step.role(), at + ".role", MAX_NAME, out);
      if (i == 0 || !step.after().isZero()) {
        duration(step.after(), at + ".after", false, out);
      } else {
        out.add(new Violation(at + ".after", format(step.after()), "must be positive: only the first step may"
            + " escalate at once (at the breach); a later one counts from the step before"));
      }
    }
  }

  private static void assignee(Assignee assignee, String path, List<Violation> out) {
    if (assignee instanceof Assignee.Owner owner) {
      name(owner.fallback(), path + ".fallback", MAX_NAME, out);
    } else if (assignee instanceof Assignee.Team team) {
      name(team.fallback(), path + ".fallback", MAX_NAME, out);
    } else {
      name(((Assignee.Role) assignee).name(), path + ".name", MAX_NAME, out);
    }
  }

  private static void filters(List<EventFilter> filters, String path, List<Violation> out) {
    if (filters.size() > MAX_CANCEL_FILTERS) {
      out.add(new Violation(path, filters.size() + " filters", "must hold at most " + MAX_CANCEL_FILTERS
          + " filters"));
    }
    for (int i = 0; i < filters.size(); i++) {
      filter(Objects.requireNonNull(filters.get(i), "filter"), path + "[" + i + "]", out);
    }
  }

  private static void filter(EventFilter filter, String path, List<Violation> out) {
    if (filter.directions().equals(Set.of(Direction.OUTBOUND)) && !filter.kinds().isEmpty()
        && filter.kinds().stream().allMatch(InteractionKind::alwaysInbound)) {
      out.add(new Violation(path + ".directions", "[OUTBOUND]", "never matches: " + sorted(filter.kinds())
          + " interactions are always inbound"));
    }
    if (filter.attributes().size() > MAX_ATTRIBUTES) {
      out.add(new Violation(path + ".attributes", filter.attributes().size() + " attributes",
          "must hold at most " + MAX_ATTRIBUTES + " attributes"));
    }
    for (Map.Entry<String, String> attribute : filter.attributes().entrySet()) {
      String name = attribute.getKey();
      boolean wellNamed = ATTRIBUTE_NAME.matcher(name).matches();
      // a name of plain characters stays a plain path segment, so that a JSON reader can find its place
      String at = path + ".attributes." + (PLAIN_SEGMENT.matcher(name).matches() ? name
          : "'" + ValidationException.printable(name) + "'");
      if (!wellNamed) {
        out.add(new Violation(at, ValidationException.printable(name), "an attribute name must be 1 to 64"
            + " characters from [A-Za-z0-9_], starting with a letter"));
      }
      String value = attribute.getValue();
      int length = value.codePointCount(0, value.length());
      if (length < 1 || length > MAX_ATTRIBUTE_VALUE) {
        out.add(new Violation(at, ValidationException.printable(value),
            "must be 1 to " + MAX_ATTRIBUTE_VALUE + " characters, was " + length));
      }
    }
  }

  // ---------------------------------------------------------------------------------------------- values

  /**
   * A duration of a rule: positive (or, unless {@code positive}, zero) and at most {@link RuleSet#MAX_DURATION}.
   *
   * @return whether it is valid
   */
  private static boolean duration(Duration duration, String path, boolean positive, List<Violation> out) {
    if (duration.isNegative() || positive && duration.isZero()) {
      out.add(new Violation(path, format(duration), positive ? "must be positive" : "must not be negative"));
      return false;
    }
    if (duration.compareTo(RuleSet.MAX_DURATION) > 0) {
      out.add(new Violation(path, format(duration), "must be at most " + format(RuleSet.MAX_DURATION)));
      return false;
    }
    return true;
  }

  /**
   * A name a person writes and the host resolves (a role, a tag): 1 to {@code max} code points, not blank, no
   * control character, no unpaired surrogate.
   */
  static void name(String name, String path, int max, List<Violation> out) {
    int length = name.codePointCount(0, name.length());
    String problem = null;
    if (length < 1 || length > max) {
      problem = "must be 1 to " + max + " characters, was " + length;
    } else if (name.isBlank()) {
      problem = "must not be blank";
    } else if (name.codePoints().anyMatch(Character::isISOControl)) {
      problem = "must not contain control characters";
    } else if (name.codePoints().anyMatch(c -> c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE)) {
      problem = "must be well-formed Unicode (it has an unpaired surrogate)";
    }
    if (problem != null) {
      out.add(new Violation(path, ValidationException.printable(name), problem));
    }
  }

  private static String conditions(ResponseTarget target) {
    List<String> parts = new ArrayList<>();
    target.channel().ifPresent(c -> parts.add("channel " + c));
    target.priority().ifPresent(p -> parts.add("priority " + p));
    target.segment().ifPresent(s -> parts.add("segment " + s));
    return ValidationException.printable(parts.isEmpty() ? "default" : String.join(", ", parts));
  }

  private static <E extends Enum<E>> String sorted(Set<E> values) {
    return values.stream().sorted().map(Enum::name).toList().toString();
  }

  /** A duration as the JSON format writes it ({@code PT4H}, {@code P3D}). */
  static String format(Duration duration) {
    if (duration.isNegative()) {
      try {
        return "-" + format(duration.negated());
      } catch (ArithmeticException e) {
        return duration.toString(); // Duration.MIN has no positive counterpart
      }
    }
    long days = duration.getSeconds() / 86_400;
    Duration rest = duration.minusDays(days);
    if (days == 0) {
      return duration.toString();
    }
    return "P" + days + "D" + (rest.isZero() ? "" : rest.toString().substring(1));
  }
}
