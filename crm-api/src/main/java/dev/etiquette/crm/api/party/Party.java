package dev.etiquette.crm.api.party;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSortedMap;
import com.google.common.collect.ImmutableSortedSet;
import com.google.common.collect.Sets;
import dev.etiquette.crm.api.Channel;
import dev.etiquette.crm.api.Purpose;
import dev.etiquette.crm.api.TenantId;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A person or an organization as the library stores it: validated, normalized, versioned. Obtain one
 * from {@link Parties}; change it through {@link Parties#update}, never by building a new record.
 *
 * @param tenantId the tenant the party belongs to
 * @param id the party's id, assigned on create
 * @param kind person or organization
 * @param displayName the name shown to people; 1 to 500 characters, stored verbatim
 * @param roles the roles the party holds, possibly none
 * @param externalIds the host application's keys for the party
 * @param contactPoints the party's contact points, normalized, at most one primary per kind
 * @param preferences time zone, locale, preferred channel, quiet hours
 * @param consents every consent record ever recorded, oldest first; see {@link #consentAt}
 * @param doNotContact the global do-not-contact flag: no contact except exempt purposes
 * @param lifecycle the lifecycle stage moves
 * @param owner the host application's user who owns the relationship
 * @param team the team that owns the relationship
 * @param tags free tags, each 1 to 100 characters
 * @param attributes custom attributes, typed by the tenant's {@link AttributeSchema}
 * @param version the record's version: 1 when created, one more with every change
 * @param createdAt when the party was created
 * @param updatedAt when the party last changed
 */
public record Party(
    TenantId tenantId,
    PartyId id,
    PartyKind kind,
    String displayName,
    Set<Role> roles,
    Set<ExternalId> externalIds,
    List<ContactPoint> contactPoints,
    Preferences preferences,
    List<ConsentRecord> consents,
    boolean doNotContact,
    Lifecycle lifecycle,
    Optional<String> owner,
    Optional<String> team,
    Set<String> tags,
    Map<String, AttributeValue> attributes,
    long version,
    Instant createdAt,
    Instant updatedAt) {

  private static final Comparator<ExternalId> EXTERNAL_ID_ORDER =
      Comparator.comparing(ExternalId::system).thenComparing(ExternalId::value);
  private static final ImmutableSortedSet<ExternalId> NO_EXTERNAL_IDS =
      ImmutableSortedSet.orderedBy(EXTERNAL_ID_ORDER).build();

  public Party {
    requireNonNull(tenantId, "tenantId");
    requireNonNull(id, "id");
    requireNonNull(kind, "kind");
    requireNonNull(displayName, "displayName");
    roles = Sets.immutableEnumSet(requireNonNull(roles, "roles"));
    externalIds = requireNonNull(externalIds, "externalIds").isEmpty() ? NO_EXTERNAL_IDS : ImmutableSortedSet.copyOf(EXTERNAL_ID_ORDER, externalIds);
    contactPoints = ImmutableList.copyOf(requireNonNull(contactPoints, "contactPoints"));
    requireNonNull(preferences, "preferences");
    consents = ImmutableList.copyOf(requireNonNull(consents, "consents"));
    requireNonNull(lifecycle, "lifecycle");
    requireNonNull(owner, "owner");
    requireNonNull(team, "team");
    tags = ImmutableSortedSet.copyOf(requireNonNull(tags, "tags"));
    attributes = ImmutableSortedMap.copyOf(requireNonNull(attributes, "attributes"));
    requireNonNull(createdAt, "createdAt");
    requireNonNull(updatedAt, "updatedAt");
    if (version < 1) {
      throw new IllegalArgumentException("version must be at least 1, was " + version);
    }
    if (updatedAt.isBefore(createdAt)) {
      throw new IllegalArgumentException("updatedAt " + updatedAt + " is before createdAt " + createdAt);
    }
  }

  /** The current lifecycle stage, if the party has one. */
  public Optional<LifecycleStage> stage() {
    return lifecycle.current();
  }

  /** Whether the party holds {@code role}. */
  public boolean hasRole(Role role) {
    requireNonNull(role, "role");
    return roles.contains(role);
  }

  /** The contact points of one kind, in the order they were added. */
  public List<ContactPoint> contactPoints(ContactKind kind) {
    requireNonNull(kind, "kind");
    return contactPoints.stream().filter(c -> c.kind() == kind).collect(ImmutableList.toImmutableList());
  }

  /** The primary contact point of {@code kind}, if the party has one of that kind. */
  public Optional<ContactPoint> primary(ContactKind kind) {
    requireNonNull(kind, "kind");
    return contactPoints.stream().filter(c -> c.kind() == kind && c.primary()).findFirst();
  }

  /** The primary email address, if the party has an email address. */
  public Optional<String> primaryEmail() {
    return primary(ContactKind.EMAIL).map(c -> ((EmailAddress) c).address());
  }

  /** The primary phone number in E.164, if the party has a phone number. */
  public Optional<String> primaryPhone() {
    return primary(ContactKind.PHONE).map(c -> ((PhoneNumber) c).number());
  }

  /**
   * The consent record that holds for (channel, purpose) at {@code instant}: among the records of that
   * pair that are effective at the instant, the one recorded last. Empty means nothing is known, which
   * reads as {@link ConsentStatus#UNKNOWN}.
   */
  public Optional<ConsentRecord> consentAt(Channel channel, Purpose purpose, Instant instant) {
    requireNonNull(channel, "channel");
    requireNonNull(purpose, "purpose");
    requireNonNull(instant, "instant");
    ConsentRecord found = null;
    for (ConsentRecord record : consents) {
      if (record.channel() == channel && record.purpose() == purpose && record.isEffectiveAt(instant)) {
        found = record;
      }
    }
    return Optional.ofNullable(found);
  }

  /** The latest consent record of (channel, purpose), effective or not; empty when none was recorded. */
  public Optional<ConsentRecord> latestConsent(Channel channel, Purpose purpose) {
    requireNonNull(channel, "channel");
    requireNonNull(purpose, "purpose");
    ConsentRecord found = null;
    for (ConsentRecord record : consents) {
      if (record.channel() == channel && record.purpose() == purpose) {
        found = record;
      }
    }
    return Optional.ofNullable(found);
  }
}
