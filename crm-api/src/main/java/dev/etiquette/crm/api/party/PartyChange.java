package dev.etiquette.crm.api.party;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * One change to a party, part of a {@link PartyUpdate}. Changes apply in order; the update is all or
 * nothing. Lifecycle moves and consent are not changes of this kind: they keep a history and have methods
 * of their own on {@link Parties}.
 */
public sealed interface PartyChange {

  /** Renames the party. */
  record Rename(String displayName) implements PartyChange {
    public Rename {
      requireNonNull(displayName, "displayName");
    }
  }

  /** Gives the party a role; no change if it holds it already. */
  record AddRole(Role role) implements PartyChange {
    public AddRole {
      requireNonNull(role, "role");
    }
  }

  /** Takes a role away; no change if the party does not hold it. */
  record RemoveRole(Role role) implements PartyChange {
    public RemoveRole {
      requireNonNull(role, "role");
    }
  }

  /** Adds an external id; rejected if another party of the tenant holds it. */
  record AddExternalId(ExternalId externalId) implements PartyChange {
    public AddExternalId {
      requireNonNull(externalId, "externalId");
    }
  }

  /** Removes an external id; no change if the party does not hold it. */
  record RemoveExternalId(ExternalId externalId) implements PartyChange {
    public RemoveExternalId {
      requireNonNull(externalId, "externalId");
    }
  }

  /**
   * Adds a contact point, normalized. If it is marked primary, the former primary of its kind is no longer
   * primary; if it is the first of its kind, it becomes primary. Rejected if the party has it already.
   */
  record AddContactPoint(ContactPoint contactPoint) implements PartyChange {
    public AddContactPoint {
      requireNonNull(contactPoint, "contactPoint");
    }
  }

  /**
   * Removes a contact point, matched by its normalized {@link ContactPoint#key()}. If it was primary, the
   * next one of its kind becomes primary. Rejected if the party does not have it.
   */
  record RemoveContactPoint(ContactPoint contactPoint) implements PartyChange {
    public RemoveContactPoint {
      requireNonNull(contactPoint, "contactPoint");
    }
  }

  /** Makes an existing contact point (matched by normalized key) the primary one of its kind. */
  record MakePrimary(ContactPoint contactPoint) implements PartyChange {
    public MakePrimary {
      requireNonNull(contactPoint, "contactPoint");
    }
  }

  /** Replaces the party's preferences. */
  record SetPreferences(Preferences preferences) implements PartyChange {
    public SetPreferences {
      requireNonNull(preferences, "preferences");
    }
  }

  /** Sets or clears the global do-not-contact flag. */
  record SetDoNotContact(boolean doNotContact) implements PartyChange {
  }

  /** Assigns the owning user; empty clears it. */
  record AssignOwner(Optional<String> owner) implements PartyChange {
    public AssignOwner {
      requireNonNull(owner, "owner");
    }
  }

  /** Assigns the owning team; empty clears it. */
  record AssignTeam(Optional<String> team) implements PartyChange {
    public AssignTeam {
      requireNonNull(team, "team");
    }
  }

  /** Adds a tag; no change if present. */
  record AddTag(String tag) implements PartyChange {
    public AddTag {
      requireNonNull(tag, "tag");
    }
  }

  /** Removes a tag; no change if absent. */
  record RemoveTag(String tag) implements PartyChange {
    public RemoveTag {
      requireNonNull(tag, "tag");
    }
  }

  /** Sets a custom attribute, checked against the tenant's schema. */
  record SetAttribute(String name, AttributeValue value) implements PartyChange {
    public SetAttribute {
      requireNonNull(name, "name");
      requireNonNull(value, "value");
    }
  }

  /** Removes a custom attribute; no change if absent. */
  record RemoveAttribute(String name) implements PartyChange {
    public RemoveAttribute {
      requireNonNull(name, "name");
    }
  }
}
