package dev.etiquette.crm.api.obligation;

import static java.util.Objects.requireNonNull;

/**
 * Who must act on an obligation, as the rule's {@link dev.etiquette.crm.api.rules.Assignee} resolved when the
 * obligation was created: the party's owner, the party's team, or a role. The host application maps the name to
 * people.
 *
 * @param kind what the name is
 * @param name the owner's, team's or role's name, as the party record or the rule names it
 */
public record AssignedTo(Kind kind, String name) {

  /** What an assignee's name is. */
  public enum Kind {
    /** The party's owner (a user of the host application). */
    OWNER,
    /** The party's team. */
    TEAM,
    /** A role or queue named by the rule. */
    ROLE
  }

  public AssignedTo {
    requireNonNull(kind, "kind");
    requireNonNull(name, "name");
  }

  public static AssignedTo owner(String name) {
    return new AssignedTo(Kind.OWNER, name);
  }

  public static AssignedTo team(String name) {
    return new AssignedTo(Kind.TEAM, name);
  }

  public static AssignedTo role(String name) {
    return new AssignedTo(Kind.ROLE, name);
  }

  /** {@code owner alice}, {@code team support}, {@code role head_of_support}. */
  @Override
  public String toString() {
    return kind.name().toLowerCase(java.util.Locale.ROOT) + " " + name;
  }
}
