package dev.etiquette.crm.internal;

import com.google.common.collect.ImmutableList;
import dev.etiquette.crm.api.TenantSettings;
import dev.etiquette.crm.api.calendar.BusinessCalendar;
import dev.etiquette.crm.api.calendar.OpenInterval;
import dev.etiquette.crm.api.party.ConsentRecord;
import dev.etiquette.crm.api.party.ContactPoint;
import dev.etiquette.crm.api.party.FieldChange;
import dev.etiquette.crm.api.party.Party;
import dev.etiquette.crm.api.party.Relationship;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Turns records into flat field maps and compares two of them, for the audit trail. */
final class AuditDiff {

  private AuditDiff() {}

  /** The fields that differ between {@code before} and {@code after}, by field path. */
  static List<FieldChange> diff(Map<String, String> before, Map<String, String> after) {
    TreeSet<String> fields = new TreeSet<>(before.keySet());
    fields.addAll(after.keySet());
    ImmutableList.Builder<FieldChange> changes = ImmutableList.builder();
    for (String field : fields) {
      Optional<String> was = Optional.ofNullable(before.get(field));
      Optional<String> is = Optional.ofNullable(after.get(field));
      if (!was.equals(is)) {
        changes.add(new FieldChange(field, was, is));
      }
    }
    return changes.build();
  }

  /**
   * The changes of a record created with these fields: every field from nothing, in the map's order. Equal to
   * {@code diff(Map.of(), fields)} for a sorted map, without merging two key sets.
   */
  static List<FieldChange> created(SortedMap<String, String> fields) {
    FieldChange[] changes = new FieldChange[fields.size()];
    int i = 0;
    for (Map.Entry<String, String> field : fields.entrySet()) {
      changes[i++] = new FieldChange(field.getKey(), Optional.empty(), Optional.of(field.getValue()));
    }
    return ImmutableList.copyOf(changes);
  }

  static SortedMap<String, String> fields(Party party) {
    SortedMap<String, String> f = new TreeMap<>();
    f.put("kind", party.kind().name());
    f.put("displayName", party.displayName());
    putIfNotEmpty(f, "roles", joined(party.roles(), Enum::name));
    putIfNotEmpty(f, "externalIds", joined(party.externalIds(), Object::toString));
    putIfNotEmpty(f, "contactPoints", joined(party.contactPoints(), AuditDiff::render));
    party.preferences().timeZone().ifPresent(z -> f.put("preferences.timeZone", z.getId()));
    party.preferences().locale().ifPresent(l -> f.put("preferences.locale", l.toLanguageTag()));
    party.preferences().preferredChannel().ifPresent(c -> f.put("preferences.preferredChannel", c.name()));
    party.preferences().quietHours().forEach((channel, windows) -> f.put("preferences.quietHours." + channel.name(),
        windows.stream().map(w -> w.start() + "-" + w.end()).collect(Collectors.joining(", "))));
    party.preferences().openingHours().ifPresent(c -> f.put("preferences.openingHours", render(c)));
    for (ConsentRecord consent : party.consents()) {
      f.put("consents." + consent.channel().name() + "." + consent.purpose().name(), render(consent));
    }
    f.put("doNotContact", Boolean.toString(party.doNotContact()));
    party.stage().ifPresent(s -> f.put("stage", s.name()));
    party.owner().ifPresent(o -> f.put("owner", o));
    party.team().ifPresent(t -> f.put("team", t));
    putIfNotEmpty(f, "tags", String.join(", ", party.tags()));
    party.attributes().forEach((name, value) -> f.put("attributes." + name, value.asText()));
    return f;
  }

  static SortedMap<String, String> fields(Relationship relationship) {
    SortedMap<String, String> f = new TreeMap<>();
    f.put("type", relationship.type().name());
    f.put("from", relationship.from().value());
    f.put("to", relationship.to().value());
    f.put("validFrom", relationship.validFrom().toString());
    relationship.validTo().ifPresent(t -> f.put("validTo", t.toString()));
    return f;
  }

  static SortedMap<String, String> fields(TenantSettings settings) {
    SortedMap<String, String> f = new TreeMap<>();
    f.put("zone", settings.zone().getId());
    settings.defaultRegion().ifPresent(r -> f.put("defaultRegion", r));
    f.put("lifecycle.path", settings.lifecycle().path().toString());
    f.put("lifecycle.exits", new TreeSet<>(settings.lifecycle().exits().stream().map(Object::toString).toList()).toString());
    settings.attributes().definitions().forEach((name, def) -> f.put("attributes." + name,
        def.type() + (def.allowedValues().isEmpty() ? "" : " " + new TreeSet<>(def.allowedValues()))));
    putIfNotEmpty(f, "relationshipTypes", settings.relationshipTypes().toString().replaceAll("^\\[|\\]$", ""));
    settings.calendar().ifPresent(c -> f.put("calendar", render(c)));
    settings.teamCalendars().forEach((team, c) -> f.put("teamCalendars." + team, render(c)));
    return f;
  }

  /** A calendar in one line: {@code Europe/Berlin; MONDAY 09:00-17:00; ...; holidays 2026-12-25; 2026-12-24 09:00-12:00}. */
  private static String render(BusinessCalendar calendar) {
    StringBuilder out = new StringBuilder(calendar.zone().getId());
    calendar.weekly().forEach((day, intervals) -> {
      if (!intervals.isEmpty()) {
        out.append("; ").append(day).append(' ').append(joined(intervals));
      }
    });
    if (!calendar.holidays().isEmpty()) {
      out.append("; holidays ").append(new TreeSet<>(calendar.holidays()).stream().map(Object::toString)
          .collect(Collectors.joining(", ")));
    }
    new TreeMap<>(calendar.specialDates()).forEach((date, intervals) ->
        out.append("; ").append(date).append(' ').append(intervals.isEmpty() ? "closed" : joined(intervals)));
    return out.toString();
  }

  private static String joined(List<OpenInterval> intervals) {
    return intervals.stream().map(Object::toString).collect(Collectors.joining(","));
  }

  /** The rendered items, separated by {@code ", "}. */
  private static <T> String joined(Iterable<T> items, Function<? super T, String> render) {
    StringBuilder out = new StringBuilder();
    for (T item : items) {
      if (out.length() > 0) {
        out.append(", ");
      }
      out.append(render.apply(item));
    }
    return out.toString();
  }

  private static String render(ContactPoint point) {
    StringBuilder out = new StringBuilder(point.key());
    point.label().ifPresent(l -> out.append(" (").append(l).append(')'));
    return point.primary() ? out.append(" [primary]").toString() : out.toString();
  }

  private static String render(ConsentRecord consent) {
    return consent.status() + " (" + consent.legalBasis() + ", " + consent.id() + ")";
  }

  private static void putIfNotEmpty(Map<String, String> fields, String name, String value) {
    if (!value.isEmpty()) {
      fields.put(name, value);
    }
  }
}
