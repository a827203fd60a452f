package dev.etiquette.crm.api.party;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a new party should be. A draft may hold invalid content; {@link Parties#create} validates and
 * normalizes it and reports every problem at once. Build one with {@link #person(String)} or
 * {@link #organization(String)}.
 *
 * @param kind person or organization
 * @param displayName the name shown to people
 * @param roles the roles the party holds
 * @param externalIds the host application's keys
 * @param contactPoints contact points, normalized on create; the first of each kind becomes primary
 *     when none of that kind is marked primary
 * @param preferences preferences
 * @param consents consent statements to record with the party, in order
 * @param doNotContact the global do-not-contact flag
 * @param stage the initial lifecycle stage, if any
 * @param owner the owning user
 * @param team the owning team
 * @param tags free tags
 * @param attributes custom attributes
 */
public record PartyDraft(
    PartyKind kind,
    String displayName,
    Set<Role> roles,
    Set<ExternalId> externalIds,
    List<ContactPoint> contactPoints,
    Preferences preferences,
    List<ConsentDraft> consents,
    boolean doNotContact,
    Optional<LifecycleStage> stage,
    Optional<String> owner,
    Optional<String> team,
    Set<String> tags,
    Map<String, AttributeValue> attributes) {

  public PartyDraft {
    requireNonNull(kind, "kind");
    requireNonNull(displayName, "displayName");
    roles = ImmutableSet.copyOf(requireNonNull(roles, "roles"));
    externalIds = ImmutableSet.copyOf(requireNonNull(externalIds, "externalIds"));
    contactPoints = ImmutableList.copyOf(requireNonNull(contactPoints, "contactPoints"));
    requireNonNull(preferences, "preferences");
    consents = ImmutableList.copyOf(requireNonNull(consents, "consents"));
    requireNonNull(stage, "stage");
    requireNonNull(owner, "owner");
    requireNonNull(team, "team");
    tags = ImmutableSet.copyOf(requireNonNull(tags, "tags"));
    attributes = ImmutableMap.copyOf(requireNonNull(attributes, "attributes"));
  }

  /** Starts a draft of a person. */
  public static Builder person(String displayName) {
    return new Builder(PartyKind.PERSON, displayName);
  }

  /** Starts a draft of an organization. */
  public static Builder organization(String displayName) {
    return new Builder(PartyKind.ORGANIZATION, displayName);
  }

  /** Builds a {@link PartyDraft}. Each method rejects {@code null}; content is checked on create. */
  public static final class Builder {
    private final PartyKind kind;
    private final String displayName;
    private final Set<Role> roles = new LinkedHashSet<>();
    private final Set<ExternalId> externalIds = new LinkedHashSet<>();
    private final List<ContactPoint> contactPoints = new ArrayList<>();
    private Preferences preferences = Preferences.none();
    private final List<ConsentDraft> consents = new ArrayList<>();
    private boolean doNotContact;
    private LifecycleStage stage;
    private String owner;
    private String team;
    private final Set<String> tags = new LinkedHashSet<>();
    private final Map<String, AttributeValue> attributes = new LinkedHashMap<>();

    private Builder(PartyKind kind, String displayName) {
      this.kind = kind;
      this.displayName = requireNonNull(displayName, "displayName");
    }

    public Builder roles(Role... roles) {
      for (Role role : roles) {
        this.roles.add(requireNonNull(role, "role"));
      }
      return this;
    }

    public Builder externalId(String system, String value) {
      externalIds.add(new ExternalId(system, value));
      return this;
    }

    public Builder contactPoint(ContactPoint contactPoint) {
      contactPoints.add(requireNonNull(contactPoint, "contactPoint"));
      return this;
    }

    /** Adds an email address (see {@link ContactPoint#email}). */
    public Builder email(String address) {
      return contactPoint(ContactPoint.email(address));
    }

    /** Adds a phone number (see {@link ContactPoint#phone}). */
    public Builder phone(String number) {
      return contactPoint(ContactPoint.phone(number));
    }

    public Builder preferences(Preferences preferences) {
      this.preferences = requireNonNull(preferences, "preferences");
      return this;
    }

    public Builder consent(ConsentDraft consent) {
      consents.add(requireNonNull(consent, "consent"));
      return this;
    }

    public Builder doNotContact(boolean doNotContact) {
      this.doNotContact = doNotContact;
      return this;
    }

    public Builder stage(LifecycleStage stage) {
      this.stage = requireNonNull(stage, "stage");
      return this;
    }

    public Builder owner(String owner) {
      this.owner = requireNonNull(owner, "owner");
      return this;
    }

    public Builder team(String team) {
      this.team = requireNonNull(team, "team");
      return this;
    }

    public Builder tags(String... tags) {
      for (String tag : tags) {
        this.tags.add(requireNonNull(tag, "tag"));
      }
      return this;
    }

    public Builder attribute(String name, AttributeValue value) {
      attributes.put(requireNonNull(name, "name"), requireNonNull(value, "value"));
      return this;
    }

    public PartyDraft build() {
      return new PartyDraft(kind, displayName, roles, externalIds, contactPoints, preferences, consents,
          doNotContact, Optional.ofNullable(stage), Optional.ofNullable(owner), Optional.ofNullable(team), tags,
          attributes);
    }
  }
}
