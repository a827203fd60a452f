package dev.etiquette.crm.api;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableSortedSet;
import dev.etiquette.crm.api.party.AttributeSchema;
import dev.etiquette.crm.api.party.LifecycleModel;
import dev.etiquette.crm.api.party.RelationshipType;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.Optional;
import java.util.Set;

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
 */
public record TenantSettings(
    TenantId tenantId,
    ZoneId zone,
    Optional<String> defaultRegion,
    LifecycleModel lifecycle,
    AttributeSchema attributes,
    Set<RelationshipType> relationshipTypes) {

  public TenantSettings {
    requireNonNull(tenantId, "tenantId");
    requireNonNull(zone, "zone");
    requireNonNull(defaultRegion, "defaultRegion");
    requireNonNull(lifecycle, "lifecycle");
    requireNonNull(attributes, "attributes");
    relationshipTypes = ImmutableSortedSet.copyOf(Comparator.comparing(RelationshipType::name),
        requireNonNull(relationshipTypes, "relationshipTypes"));
  }

  /**
   * The settings a tenant has until it is configured: zone UTC, no default region, the default lifecycle
   * model, no custom attributes, no extra relationship types.
   */
  public static TenantSettings defaults(TenantId tenantId) {
    return new TenantSettings(tenantId, ZoneOffset.UTC, Optional.empty(), LifecycleModel.defaults(),
        AttributeSchema.empty(), Set.of());
  }

  public TenantSettings withZone(ZoneId zone) {
    return new TenantSettings(tenantId, zone, defaultRegion, lifecycle, attributes, relationshipTypes);
  }

  public TenantSettings withDefaultRegion(String region) {
    return new TenantSettings(tenantId, zone, Optional.of(region), lifecycle, attributes, relationshipTypes);
  }

  public TenantSettings withLifecycle(LifecycleModel lifecycle) {
    return new TenantSettings(tenantId, zone, defaultRegion, lifecycle, attributes, relationshipTypes);
  }

  public TenantSettings withAttributes(AttributeSchema attributes) {
    return new TenantSettings(tenantId, zone, defaultRegion, lifecycle, attributes, relationshipTypes);
  }

  public TenantSettings withRelationshipTypes(Set<RelationshipType> types) {
    return new TenantSettings(tenantId, zone, defaultRegion, lifecycle, attributes, types);
  }

  /** Whether {@code type} is built in or defined by this tenant. */
  public boolean knows(RelationshipType type) {
    return RelationshipType.BUILT_IN.contains(type) || relationshipTypes.contains(type);
  }
}
