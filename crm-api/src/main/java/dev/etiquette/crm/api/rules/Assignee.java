package dev.etiquette.crm.api.rules;

import static java.util.Objects.requireNonNull;

/**
 * Who must act on an obligation. It is resolved when the obligation opens, from the party the obligation is
 * about, and always resolves to someone: each kind names its last fallback.
 *
 * <ul>
 *   <li>{@link Owner}: the party's owner; if it has none, the party's team; if it has none either, the
 *       {@code fallback} role.</li>
 *   <li>{@link Team}: the party's team; if it has none, the {@code fallback} role.</li>
 *   <li>{@link Role}: the named role or queue, whoever the party is.</li>
 * </ul>
 * Names (a fallback, a role) are resolved to people by the host application. In a rule set each is 1 to 200
 * characters, not blank, without control characters.
 */
public sealed interface Assignee {

  /** The party's owner, else its team, else {@code fallback}. */
  static Assignee owner(String fallback) {
    return new Owner(fallback);
  }

  /** The party's team, else {@code fallback}. */
  static Assignee team(String fallback) {
    return new Team(fallback);
  }

  /** The role or queue {@code name}. */
  static Assignee role(String name) {
    return new Role(name);
  }

  /** @param fallback the role that acts when the party has neither owner nor team */
  record Owner(String fallback) implements Assignee {
    public Owner {
      requireNonNull(fallback, "fallback");
    }
  }

  /** @param fallback the role that acts when the party has no team */
  record Team(String fallback) implements Assignee {
    public Team {
      requireNonNull(fallback, "fallback");
    }
  }

  /** @param name the role or queue that acts */
  record Role(String name) implements Assignee {
    public Role {
      requireNonNull(name, "name");
    }
  }
}
