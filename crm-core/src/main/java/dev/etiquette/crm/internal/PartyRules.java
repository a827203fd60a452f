package dev.etiquette.crm.internal;

import dev.etiquette.crm.api.Actor;
import dev.etiquette.crm.api.TenantSettings;
import dev.etiquette.crm.api.ValidationException;
import dev.etiquette.crm.api.Violation;
import dev.etiquette.crm.api.party.AttributeDefinition;
import dev.etiquette.crm.api.party.AttributeValue;
import dev.etiquette.crm.api.party.ConsentDraft;
import dev.etiquette.crm.api.party.ConsentId;
import dev.etiquette.crm.api.party.ConsentRecord;
import dev.etiquette.crm.api.party.ConsentStatus;
import dev.etiquette.crm.api.party.ContactKind;
import dev.etiquette.crm.api.party.ContactPoint;
import dev.etiquette.crm.api.party.EmailAddress;
import dev.etiquette.crm.api.party.ExternalId;
import dev.etiquette.crm.api.party.Lifecycle;
import dev.etiquette.crm.api.party.LifecycleStage;
import dev.etiquette.crm.api.party.Party;
import dev.etiquette.crm.api.party.PartyChange;
import dev.etiquette.crm.api.party.PartyDraft;
import dev.etiquette.crm.api.party.PartyId;
import dev.etiquette.crm.api.party.PartyUpdate;
import dev.etiquette.crm.api.party.PhoneNumber;
import dev.etiquette.crm.api.party.PostalAddress;
import dev.etiquette.crm.api.party.Preferences;
import dev.etiquette.crm.api.party.Role;
import dev.etiquette.crm.api.party.StageChange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * The rules of customer records: what a valid party is, how drafts and changes become stored parties, how
 * the lifecycle moves and how consent is recorded. Pure functions of their inputs: no storage, no clock.
 */
final class PartyRules {

  static final int MAX_NAME = 500;
  static final int MAX_OWNER = 200;
  static final int MAX_TAG = 100;
  static final int MAX_STRING_ATTRIBUTE = 10_000;
  static final int MAX_REASON = 500;
  /** The most digits a number attribute may have written out in full ({@code 1E+99999999} has 100 million). */
  static final int MAX_NUMBER_DIGITS = 1_000;
  private static final java.util.regex.Pattern ATTRIBUTE_NAME = java.util.regex.Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");

  private final InputValidator validator;

  PartyRules(InputValidator validator) {
    this.validator = validator;
  }

  /** A new party at version 1, or a ValidationException listing every problem of the draft. */
  Party newParty(PartyDraft draft, TenantSettings settings, PartyId id, Instant now, Actor actor) {
    List<Violation> violations = new ArrayList<>();
    InputValidator.checkText(draft.displayName(), "displayName", MAX_NAME, true, violations);
    int i = 0;
    for (ExternalId externalId : draft.externalIds()) {
      checkExternalId(externalId, "externalIds[" + i++ + "]", violations);
    }
    List<ContactPoint> points = new ArrayList<>();
    for (int c = 0; c < draft.contactPoints().size(); c++) {
      addContactPoint(points, draft.contactPoints().get(c), settings, "contactPoints[" + c + "]", false, violations);
    }
    int[] primaries = new int[ContactKind.values().length];
    for (ContactPoint point : points) {
      if (point.primary()) {
        primaries[point.kind().ordinal()]++;
      }
    }
    for (ContactKind kind : ContactKind.values()) {
      if (primaries[kind.ordinal()] > 1) {
        violations.add(new Violation("contactPoints", kind.name(), "at most one contact point of a kind may be primary"));
      }
    }
    draft.owner().ifPresent(o -> InputValidator.checkText(o, "owner", MAX_OWNER, false, violations));
    draft.team().ifPresent(t -> InputValidator.checkText(t, "team", MAX_OWNER, false, violations));
    int t = 0;
    for (String tag : draft.tags()) {
      InputValidator.checkText(tag, "tags[" + t++ + "]", MAX_TAG, false, violations);
    }
    draft.attributes().forEach((name, value) -> checkAttribute(name, value, settings, "attributes." + pathSegment(name), violations));
    draft.stage().ifPresent(stage -> {
      if (!settings.lifecycle().contains(stage)) {
        violations.add(new Violation("stage", stage.name(), "is not a stage of the tenant's lifecycle model "
            + settings.lifecycle().path()));
      }
    });
    List<ConsentRecord> consents = new ArrayList<>();
    for (int c = 0; c < draft.consents().size(); c++) {
      recordConsent(consents, draft.consents().get(c), now, "consents[" + c + "]", violations);
    }
    if (!violations.isEmpty()) {
      throw new ValidationException(violations);
    }
    Lifecycle lifecycle = draft.stage()
        .map(stage -> Lifecycle.none().plus(new StageChange(Optional.empty(), stage, now, actor, false, Optional.empty())))
        .orElse(Lifecycle.none());
    return new Party(settings.tenantId(), id, draft.kind(), draft.displayName(), roles(draft.roles()),
        draft.externalIds(), settlePrimaries(points), draft.preferences(), consents, draft.doNotContact(), lifecycle,
        draft.owner(), draft.team(), draft.tags(), draft.attributes(), 1, now, now);
  }

  /**
   * The party after every change of {@code update}, at the same version and timestamps (the caller bumps
   * them when something changed), or a ValidationException listing every problem.
   */
  Party apply(Party party, PartyUpdate update, TenantSettings settings) {
    List<Violation> violations = new ArrayList<>();
    String displayName = party.displayName();
    Set<Role> roles = EnumSet.noneOf(Role.class);
    roles.addAll(party.roles());
    Set<ExternalId> externalIds = new LinkedHashSet<>(party.externalIds());
    List<ContactPoint> points = new ArrayList<>(party.contactPoints());
    Preferences preferences = party.preferences();
    boolean doNotContact = party.doNotContact();
    Optional<String> owner = party.owner();
    Optional<String> team = party.team();
    Set<String> tags = new TreeSet<>(party.tags());
    Map<String, AttributeValue> attributes = new TreeMap<>(party.attributes());

    for (int i = 0; i < update.changes().size(); i++) {
      PartyChange change = update.changes().get(i);
      String path = "changes[" + i + "]";
      if (change instanceof PartyChange.Rename rename) {
        InputValidator.checkText(rename.displayName(), path + ".displayName", MAX_NAME, true, violations);
        displayName = rename.displayName();
      } else if (change instanceof PartyChange.AddRole add) {
        roles.add(add.role());
      } else if (change instanceof PartyChange.RemoveRole remove) {
        roles.remove(remove.role());
      } else if (change instanceof PartyChange.AddExternalId add) {
        int before = violations.size();
        checkExternalId(add.externalId(), path + ".externalId", violations);
        if (violations.size() == before) {
          externalIds.add(add.externalId());
        }
      } else if (change instanceof PartyChange.RemoveExternalId remove) {
        externalIds.remove(remove.externalId());
      } else if (change instanceof PartyChange.AddContactPoint add) {
        addContactPoint(points, add.contactPoint(), settings, path + ".contactPoint", true, violations);
      } else if (change instanceof PartyChange.RemoveContactPoint remove) {
        findContactPoint(points, remove.contactPoint(), settings, path + ".contactPoint", violations)
            .ifPresent(index -> points.remove((int) index));
      } else if (change instanceof PartyChange.MakePrimary primary) {
        findContactPoint(points, primary.contactPoint(), settings, path + ".contactPoint", violations)
            .ifPresent(index -> makePrimary(points, index));
      } else if (change instanceof PartyChange.SetPreferences set) {
        preferences = set.preferences();
      } else if (change instanceof PartyChange.SetDoNotContact set) {
        doNotContact = set.doNotContact();
      } else if (change instanceof PartyChange.AssignOwner assign) {
        assign.owner().ifPresent(o -> InputValidator.checkText(o, path + ".owner", MAX_OWNER, false, violations));
        owner = assign.owner();
      } else if (change instanceof PartyChange.AssignTeam assign) {
        assign.team().ifPresent(o -> InputValidator.checkText(o, path + ".team", MAX_OWNER, false, violations));
        team = assign.team();
      } else if (change instanceof PartyChange.AddTag add) {
        InputValidator.checkText(add.tag(), path + ".tag", MAX_TAG, false, violations);
        tags.add(add.tag());
      } else if (change instanceof PartyChange.RemoveTag remove) {
        tags.remove(remove.tag());
      } else if (change instanceof PartyChange.SetAttribute set) {
        checkAttribute(set.name(), set.value(), settings, path + ".attributes." + pathSegment(set.name()), violations);
        attributes.put(set.name(), set.value());
      } else if (change instanceof PartyChange.RemoveAttribute remove) {
        attributes.remove(remove.name());
      }
    }
    if (!violations.isEmpty()) {
      throw new ValidationException(violations);
    }
    return new Party(party.tenantId(), party.id(), party.kind(), displayName, roles, externalIds,
        settlePrimaries(points), preferences, party.consents(), doNotContact, party.lifecycle(), owner, team, tags,
        attributes, party.version(), party.createdAt(), party.updatedAt());
  }

  private void checkExternalId(ExternalId externalId, String path, List<Violation> violations) {
    int before = violations.size();
    validator.validate(externalId, path + ".", ValidationException::printable, violations);
    if (violations.size() == before && !InputValidator.isWellFormed(externalId.value())) {
      violations.add(new Violation(path + ".value", ValidationException.printable(externalId.value()),
          "must be well-formed Unicode (it has an unpaired surrogate)"));
    }
  }

  /** The party's lifecycle after a move to {@code stage}, or a ValidationException. */
  static Lifecycle move(Party party, TenantSettings settings, LifecycleStage stage, boolean force,
      Optional<String> reason, Instant now, Actor actor) {
    List<Violation> violations = new ArrayList<>();
    Optional<LifecycleStage> current = party.stage();
    if (!settings.lifecycle().contains(stage)) {
      violations.add(new Violation("stage", stage.name(),
          "is not a stage of the tenant's lifecycle model " + settings.lifecycle().path()
              + " or its exits " + settings.lifecycle().exits()));
    } else if (current.isPresent() && current.get().equals(stage)) {
      violations.add(new Violation("stage", stage.name(), "is the party's current stage"));
    } else if (!force && settings.lifecycle().needsForce(current, stage)) {
      violations.add(new Violation("stage", stage.name(), "moving from " + current.get().name()
          + " to " + stage.name() + " goes against the lifecycle's order; it needs a forced move with a reason"));
    }
    reason.ifPresent(r -> InputValidator.checkText(r, "reason", MAX_REASON, false, violations));
    if (!violations.isEmpty()) {
      throw new ValidationException(violations);
    }
    return party.lifecycle().plus(new StageChange(current, stage, now, actor, force, reason));
  }

  /**
   * Appends the consent draft as a record, superseding the latest of its pair, or adds violations. The new
   * record's id is local to the party: the next free number of the party's consent history ("1", "2", ...).
   */
  static void recordConsent(List<ConsentRecord> consents, ConsentDraft draft, Instant now, String path,
      List<Violation> violations) {
    int before = violations.size();
    InputValidator.checkText(draft.source(), path + ".source", 200, false, violations);
    Instant capturedAt = draft.capturedAt().orElse(now);
    if (capturedAt.isAfter(now)) {
      violations.add(new Violation(path + ".capturedAt", capturedAt.toString(), "must not be in the future (now is "
          + now + ")"));
    }
    Instant from = draft.effectiveFrom().orElse(capturedAt);
    draft.effectiveTo().ifPresent(to -> {
      if (!to.isAfter(from)) {
        violations.add(new Violation(path + ".effectiveTo", to.toString(), "must be after effectiveFrom " + from));
      }
    });
    draft.doubleOptInConfirmedAt().ifPresent(confirmed -> {
      if (draft.status() != ConsentStatus.OPTED_IN) {
        violations.add(new Violation(path + ".doubleOptInConfirmedAt", confirmed.toString(),
            "only an opt-in can be confirmed, the status is " + draft.status()));
      } else if (confirmed.isBefore(capturedAt) || confirmed.isAfter(now)) {
        violations.add(new Violation(path + ".doubleOptInConfirmedAt", confirmed.toString(),
            "must be between capturedAt " + capturedAt + " and now " + now));
      }
    });
    if (violations.size() > before) {
      return;
    }
    Optional<ConsentId> supersedes = Optional.empty();
    for (ConsentRecord record : consents) {
      if (record.channel() == draft.channel() && record.purpose() == draft.purpose()) {
        supersedes = Optional.of(record.id());
      }
    }
    consents.add(new ConsentRecord(nextConsentId(consents), draft.channel(), draft.purpose(), draft.status(),
        draft.legalBasis(), capturedAt, draft.source(), from, draft.effectiveTo(), draft.doubleOptInConfirmedAt(),
        now, supersedes));
  }

  private static final ConsentId[] CONSENT_IDS = new ConsentId[64];

  static {
    for (int n = 1; n <= CONSENT_IDS.length; n++) {
      CONSENT_IDS[n - 1] = ConsentId.of(Integer.toString(n));
    }
  }

  /**
   * The party-local id of the next consent record: one more than the number of records, or the next number
   * not yet taken when records with other ids exist. Small numbers share their instances.
   */
  static ConsentId nextConsentId(List<ConsentRecord> consents) {
    int n = consents.size() + 1;
    while (true) {
      ConsentId candidate = n <= CONSENT_IDS.length ? CONSENT_IDS[n - 1] : ConsentId.of(Integer.toString(n));
      boolean taken = false;
      for (ConsentRecord record : consents) {
        if (record.id().equals(candidate)) {
          taken = true;
          break;
        }
      }
      if (!taken) {
        return candidate;
      }
      n++;
    }
  }

  private void addContactPoint(List<ContactPoint> points, ContactPoint given, TenantSettings settings, String path,
      boolean demoteOthers, List<Violation> violations) {
    Optional<ContactPoint> normalized = normalize(given, settings, path, violations);
    if (normalized.isEmpty()) {
      return;
    }
    ContactPoint point = normalized.get();
    for (ContactPoint p : points) {
      if (sameContactPoint(p, point)) {
        violations.add(new Violation(path, mask(point).apply(keyValue(point)),
            "the party has this contact point already"));
        return;
      }
    }
    points.add(point);
    if (demoteOthers && point.primary()) {
      makePrimary(points, points.size() - 1);
    }
  }

  private Optional<Integer> findContactPoint(List<ContactPoint> points, ContactPoint given, TenantSettings settings,
      String path, List<Violation> violations) {
    Optional<ContactPoint> normalized = normalize(given, settings, path, violations);
    if (normalized.isEmpty()) {
      return Optional.empty();
    }
    String key = matchKey(normalized.get());
    for (int i = 0; i < points.size(); i++) {
      if (matchKey(points.get(i)).equals(key)) {
        return Optional.of(i);
      }
    }
    violations.add(new Violation(path, mask(given).apply(keyValue(given)), "the party has no such contact point"));
    return Optional.empty();
  }

  private Optional<ContactPoint> normalize(ContactPoint given, TenantSettings settings, String path,
      List<Violation> violations) {
    int before = violations.size();
    Optional<ContactPoint> normalized = ContactNormalizer.normalize(given, settings.defaultRegion(), path, violations);
    if (normalized.isEmpty()) {
      return Optional.empty();
    }
    ContactPoint point = normalized.get();
    if (!PlainContactCheck.certainlyValid(point)) {
      validator.validate(point, path + ".", mask(given), violations);
    }
    if (!InputValidator.isWellFormed(point.key()) || !point.label().map(InputValidator::isWellFormed).orElse(true)) {
      violations.add(new Violation(path, mask(given).apply(keyValue(given)),
          "must be well-formed Unicode (it has an unpaired surrogate)"));
    }
    if (point instanceof PostalAddress postal) {
      postal.lines().forEach(line -> {
        if (line.chars().anyMatch(Character::isISOControl)) {
          violations.add(new Violation(path + ".lines", Masking.text(line), "must not contain control characters"));
        }
      });
    }
    if (violations.size() == before && hasControlCharacter(point.key())) {
      // the constraints of some fields (locality, handle, url, an email's C1 range) let control characters in
      violations.add(new Violation(path, mask(given).apply(keyValue(given)), "must not contain control characters"));
    }
    return violations.size() == before ? normalized : Optional.empty();
  }

  /**
   * Whether {@code a} and {@code b} are the same contact point: {@code matchKey(a).equals(matchKey(b))}, without
   * building the keys. Keys of different kinds never match (each key starts with its kind's own prefix); two
   * emails match when their addresses are equal after lower-casing each, two other contact points when their
   * normalized keys are equal.
   */
  static boolean sameContactPoint(ContactPoint a, ContactPoint b) {
    if (a instanceof EmailAddress x) {
      return b instanceof EmailAddress y && LowerCaseEquivalence.INSTANCE.equivalent(x.address(), y.address());
    }
    if (a instanceof PhoneNumber x) {
      return b instanceof PhoneNumber y && x.number().equals(y.number());
    }
    return !(b instanceof EmailAddress) && a.key().equals(b.key());
  }

  private static boolean hasControlCharacter(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (Character.isISOControl(text.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  /** Emails match ignoring case; other contact points match by their normalized key. */
  static String matchKey(ContactPoint point) {
    return point instanceof EmailAddress email ? "email:" + email.address().toLowerCase(java.util.Locale.ROOT)
        : point.key();
  }

  private static String keyValue(ContactPoint point) {
    return point.key().substring(point.key().indexOf(':') + 1);
  }

  private static UnaryOperator<String> mask(ContactPoint point) {
    if (point instanceof EmailAddress) {
      return Masking::email;
    }
    if (point instanceof PhoneNumber) {
      return Masking::phone;
    }
    return Masking::text;
  }

  private static void makePrimary(List<ContactPoint> points, int index) {
    ContactKind kind = points.get(index).kind();
    for (int i = 0; i < points.size(); i++) {
      if (points.get(i).kind() == kind) {
        points.set(i, points.get(i).withPrimary(i == index));
      }
    }
  }

  /** Makes the first contact point of each kind primary where none of that kind is. */
  private static List<ContactPoint> settlePrimaries(List<ContactPoint> points) {
    List<ContactPoint> settled = new ArrayList<>(points);
    for (ContactKind kind : ContactKind.values()) {
      boolean hasPrimary = false;
      for (ContactPoint p : settled) {
        if (p.kind() == kind && p.primary()) {
          hasPrimary = true;
          break;
        }
      }
      if (!hasPrimary) {
        for (int i = 0; i < settled.size(); i++) {
          if (settled.get(i).kind() == kind) {
            settled.set(i, settled.get(i).withPrimary(true));
            break;
          }
        }
      }
    }
    return settled;
  }

  private static void checkAttribute(String name, AttributeValue value, TenantSettings settings, String path,
      List<Violation> violations) {
    // a number's plain text may be enormous (1E+99999999); its scientific form is short
    String shown = Masking.text(value instanceof AttributeValue.NumberValue n ? n.value().toString() : value.asText());
    Optional<AttributeDefinition> definition = settings.attributes().definition(name);
    if (definition.isEmpty()) {
      violations.add(new Violation(path, shown, "is not an attribute of the tenant's schema"
          + (settings.attributes().definitions().isEmpty() ? " (the schema declares none)"
              : " " + settings.attributes().definitions().keySet())));
      return;
    }
    AttributeDefinition def = definition.get();
    if (def.type() != value.type()) {
      violations.add(new Violation(path, shown, "must be a " + def.type() + ", was a "
          + value.type()));
    } else if (value instanceof AttributeValue.NumberValue n && plainDigits(n.value()) > MAX_NUMBER_DIGITS) {
      violations.add(new Violation(path, shown, "must have at most " + MAX_NUMBER_DIGITS
          + " digits when written out, was " + plainDigits(n.value())));
    } else if (value instanceof AttributeValue.StringValue s && s.value().length() > MAX_STRING_ATTRIBUTE) {
      violations.add(new Violation(path, Masking.text(s.value()), "must be at most " + MAX_STRING_ATTRIBUTE
          + " characters, was " + s.value().length()));
    } else if (value instanceof AttributeValue.StringValue s && !InputValidator.isWellFormed(s.value())) {
      violations.add(new Violation(path, Masking.text(s.value()), "must be well-formed Unicode (it has an unpaired surrogate)"));
    } else if (value instanceof AttributeValue.EnumValue e && !def.allowedValues().contains(e.value())) {
      violations.add(new Violation(path, ValidationException.printable(e.value()), "must be one of "
          + def.allowedValues()));
    }
  }

  /** How many digits {@code value} has written out without an exponent. */
  static long plainDigits(java.math.BigDecimal value) {
    return Math.max((long) value.precision() - value.scale(), 0) + Math.max(value.scale(), 0);
  }

  /** An attribute name as a path segment: as it is when well-formed, else shortened and escaped. */
  private static String pathSegment(String name) {
    return ATTRIBUTE_NAME.matcher(name).matches() ? name : ValidationException.printable(name);
  }

  private static Set<Role> roles(Set<Role> roles) {
    return roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles);
  }
}
