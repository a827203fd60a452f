package dev.etiquette.crm.api;

import static java.util.Objects.requireNonNull;

/**
 * Who makes a change: a user of the host application, or the library itself acting on a rule or a
 * schedule. Every audited change names its actor.
 *
 * @param id the host application's user id, or {@code "system"}; 1 to 200 characters, no control
 *     characters
 */
public record Actor(String id) {

  private static final Actor SYSTEM = new Actor("system");

  /**
   * @throws NullPointerException if {@code id} is null
   * @throws ValidationException if {@code id} is blank, longer than 200 characters or contains control
   *     characters
   */
  public Actor {
    requireNonNull(id, "id");
    if (id.isBlank() || id.length() > 200 || id.chars().anyMatch(Character::isISOControl)) {
      throw ValidationException.of("actor", id,
          "must be 1 to 200 characters, not blank, without control characters");
    }
  }

  /** The actor for changes the library makes on its own (rules, schedules, migrations). */
  public static Actor system() {
    return SYSTEM;
  }

  /**
   * An actor for a user of the host application, named by the host's own user id.
   *
   * @throws ValidationException if {@code userId} is {@code "system"}, which names the library itself
   */
  public static Actor user(String userId) {
    if ("system".equals(userId)) {
      throw ValidationException.of("actor", userId, "is reserved for the library itself; use Actor.system()");
    }
    return new Actor(userId);
  }

  @Override
  public String toString() {
    return id;
  }
}
