package dev.etiquette.crm.api;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableSortedMap;
import com.google.common.collect.ImmutableSortedSet;
import dev.etiquette.crm.api.calendar.BusinessCalendar;
import dev.etiquette.crm.api.calendar.CalendarChoice;
import dev.etiquette.crm.api.party.AttributeSchema;
import dev.etiquette.crm.api.party.LifecycleModel;
import dev.etiquette.crm.api.party.Party;
import dev.etiquette.crm.api.party.RelationshipType;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A tenant's settings.
 *
 * @param tenantId the tenant they belong to
 * @param zone the tenant's time zone, for periods and for parties without a zone of their own
 * @param defaultRegion the ISO 3166-1 alpha-2 region used to read phone numbers written without a country
 *     code; empty means such numbers are rejected
 * @param lifecycle the lifecycle stages and their order
 * @param attributes the custom attributes parties may carry
 * @param relationshipTypes relationship types the tenant adds to the built-in ones
 * @param calendar the business's own calendar (opening hours, holidays), which rules count in unless they
 *     say otherwise; empty means business time is elapsed time
 * @param teamCalendars the calendars of teams that keep hours of their own, by team name
 */
public record TenantSettings(
    TenantId tenantId,
    ZoneId zone,
    Optional<String> defaultRegion,
    LifecycleModel lifecycle,
    AttributeSchema attributes,
    Set<RelationshipType> relationshipTypes,
    Optional<BusinessCalendar> calendar,
    Map<String, BusinessCalendar> teamCalendars) {

  public TenantSettings {
    requireNonNull(tenantId, "tenantId");
    requireNonNull(zone, "zone");
    requireNonNull(defaultRegion, "defaultRegion");
    requireNonNull(lifecycle, "lifecycle");
    requireNonNull(attributes, "attributes");
    relationshipTypes = ImmutableSortedSet.copyOf(Comparator.comparing(RelationshipType::name),
        requireNonNull(relationshipTypes, "relationshipTypes"));
    requireNonNull(calendar, "calendar");
    teamCalendars = ImmutableSortedMap.copyOf(requireNonNull(teamCalendars, "teamCalendars"));
  }

  /**
   * The settings a tenant has until it is configured: zone UTC, no default region, the default lifecycle
   * model, no custom attributes, no extra relationship types, no calendars (business time is elapsed time).
   */
  public static TenantSettings defaults(TenantId tenantId) {
    return new TenantSettings(tenantId, ZoneOffset.UTC, Optional.empty(), LifecycleModel.defaults(),
        AttributeSchema.empty(), Set.of(), Optional.empty(), Map.of());
  }

  public TenantSettings withZone(ZoneId zone) {
    return new TenantSettings(tenantId, zone, defaultRegion, lifecycle, attributes, relationshipTypes, calendar,
        teamCalendars);
  }

  public TenantSettings withDefaultRegion(String region) {
    return new TenantSettings(tenantId, zone, Optional.of(region), lifecycle, attributes, relationshipTypes,
        calendar, teamCalendars);
  }

  public TenantSettings withLifecycle(LifecycleModel lifecycle) {
    return new TenantSettings(tenantId, zone, defaultRegion, lifecycle, attributes, relationshipTypes, calendar,
        teamCalendars);
  }

  public TenantSettings withAttributes(AttributeSchema attributes) {
    return new TenantSettings(tenantId, zone, defaultRegion, lifecycle, attributes, relationshipTypes, calendar,
        teamCalendars);
  }

  public TenantSettings withRelationshipTypes(Set<RelationshipType> types) {
    return new TenantSettings(tenantId, zone, defaultRegion, lifecycle, attributes, types, calendar, teamCalendars);
  }

  /** These settings with the business's own calendar. */
  public TenantSettings withCalendar(BusinessCalendar calendar) {
    return new TenantSettings(tenantId, zone, defaultRegion, lifecycle, attributes, relationshipTypes,
        Optional.of(calendar), teamCalendars);
  }

  /** These settings with {@code team}'s own calendar, replacing the one it had. */
  public TenantSettings withTeamCalendar(String team, BusinessCalendar calendar) {
    requireNonNull(team, "team");
    requireNonNull(calendar, "calendar");
    Map<String, BusinessCalendar> teams = new TreeMap<>(teamCalendars);
    teams.put(team, calendar);
    return new TenantSettings(tenantId, zone, defaultRegion, lifecycle, attributes, relationshipTypes, this.calendar,
        teams);
  }

  /**
   * The calendar that a rule's time counts in for {@code customer}, as {@code choice} names it:
   * <ul>
   *   <li>{@link CalendarChoice.Business}: the business's {@link #calendar()};</li>
   *   <li>{@link CalendarChoice.Team}: the team's calendar in {@link #teamCalendars()}, or the business's when
   *       the team keeps no hours of its own;</li>
   *   <li>{@link CalendarChoice.Customer}: the customer's own
   *       {@linkplain dev.etiquette.crm.api.party.Preferences#openingHours() opening hours}, or the business's
   *       when it has none;</li>
   *   <li>{@link CalendarChoice.Elapsed}: always open, so business time is elapsed time.</li>
   * </ul>
   * Where the business has no calendar, business time is elapsed time: always open, in the tenant's zone.
   */
  public BusinessCalendar calendarFor(CalendarChoice choice, Party customer) {
    requireNonNull(choice, "choice");
    requireNonNull(customer, "customer");
    BusinessCalendar business = calendar.orElseGet(() -> BusinessCalendar.alwaysOpen(zone));
    if (choice instanceof CalendarChoice.Team team) {
      return teamCalendars.getOrDefault(team.team(), business);
    }
    if (choice instanceof CalendarChoice.Customer) {
      return customer.preferences().openingHours().orElse(business);
    }
    if (choice instanceof CalendarChoice.Elapsed) {
      return BusinessCalendar.alwaysOpen(zone);
    }
    return business;
  }

  /** Whether {@code type} is built in or defined by this tenant. */
  public boolean knows(RelationshipType type) {
    return RelationshipType.BUILT_IN.contains(type) || relationshipTypes.contains(type);
  }
}
