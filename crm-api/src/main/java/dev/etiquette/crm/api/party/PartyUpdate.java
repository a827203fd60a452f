package dev.etiquette.crm.api.party;

import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An ordered list of changes to apply to a party at once: all of them, or (when any is invalid) none.
 * Build one with {@link #builder()}.
 *
 * @param changes the changes, in the order they apply
 */
public record PartyUpdate(List<PartyChange> changes) {

  public PartyUpdate {
    changes = ImmutableList.copyOf(java.util.Objects.requireNonNull(changes, "changes"));
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link PartyUpdate}; each method adds one {@link PartyChange}. */
  public static final class Builder {
    private final List<PartyChange> changes = new ArrayList<>();

    private Builder() {}

    public Builder change(PartyChange change) {
      changes.add(java.util.Objects.requireNonNull(change, "change"));
      return this;
    }

    public Builder rename(String displayName) {
      return change(new PartyChange.Rename(displayName));
    }

    public Builder addRole(Role role) {
      return change(new PartyChange.AddRole(role));
    }

    public Builder removeRole(Role role) {
      return change(new PartyChange.RemoveRole(role));
    }

    public Builder addExternalId(String system, String value) {
      return change(new PartyChange.AddExternalId(new ExternalId(system, value)));
    }

    public Builder removeExternalId(String system, String value) {
      return change(new PartyChange.RemoveExternalId(new ExternalId(system, value)));
    }

    public Builder addContactPoint(ContactPoint contactPoint) {
      return change(new PartyChange.AddContactPoint(contactPoint));
    }

    public Builder removeContactPoint(ContactPoint contactPoint) {
      return change(new PartyChange.RemoveContactPoint(contactPoint));
    }

    public Builder makePrimary(ContactPoint contactPoint) {
      return change(new PartyChange.MakePrimary(contactPoint));
    }

    public Builder preferences(Preferences preferences) {
      return change(new PartyChange.SetPreferences(preferences));
    }

    public Builder doNotContact(boolean doNotContact) {
      return change(new PartyChange.SetDoNotContact(doNotContact));
    }

    public Builder owner(String owner) {
      return change(new PartyChange.AssignOwner(Optional.of(owner)));
    }

    public Builder clearOwner() {
      return change(new PartyChange.AssignOwner(Optional.empty()));
    }

    public Builder team(String team) {
      return change(new PartyChange.AssignTeam(Optional.of(team)));
    }

    public Builder clearTeam() {
      return change(new PartyChange.AssignTeam(Optional.empty()));
    }

    public Builder addTag(String tag) {
      return change(new PartyChange.AddTag(tag));
    }

    public Builder removeTag(String tag) {
      return change(new PartyChange.RemoveTag(tag));
    }

    public Builder attribute(String name, AttributeValue value) {
      return change(new PartyChange.SetAttribute(name, value));
    }

    public Builder removeAttribute(String name) {
      return change(new PartyChange.RemoveAttribute(name));
    }

    public PartyUpdate build() {
      return new PartyUpdate(changes);
    }
  }
}
