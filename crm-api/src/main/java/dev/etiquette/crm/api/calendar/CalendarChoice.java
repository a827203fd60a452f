package dev.etiquette.crm.api.calendar;

import static java.util.Objects.requireNonNull;

import dev.etiquette.crm.api.ValidationException;

/**
 * Which calendar a rule counts its time in: a response target of "4 business hours" means 4 hours of open time
 * of the calendar named here. These values only name the calendar; the rules that use them resolve the name to
 * a {@link BusinessCalendar} (the tenant's, a team's, the customer's) when they compute a deadline.
 */
public sealed interface CalendarChoice {

  /** The tenant's own business calendar. */
  static CalendarChoice business() {
    return new Business();
  }

  /** The business calendar of the team named {@code team}. */
  static CalendarChoice team(String team) {
    return new Team(team);
  }

  /** The customer's own opening hours (a B2B customer's business hours, in the customer's time zone). */
  static CalendarChoice customer() {
    return new Customer();
  }

  /** Plain elapsed time, weekends and nights included: {@link BusinessCalendar#alwaysOpen}. */
  static CalendarChoice elapsed() {
    return new Elapsed();
  }

  /** The tenant's own business calendar. */
  record Business() implements CalendarChoice {}

  /**
   * The business calendar of one team (a support team in another region keeps its own hours).
   *
   * @param team the team's name, as parties' owning teams are named; not blank
   */
  record Team(String team) implements CalendarChoice {

    /** @throws ValidationException if {@code team} is blank */
    public Team {
      requireNonNull(team, "team");
      if (team.isBlank()) {
        throw ValidationException.of("team", team, "must not be blank");
      }
    }
  }

  /** The customer's own opening hours, in the customer's time zone. */
  record Customer() implements CalendarChoice {}

  /** Plain elapsed time: every instant counts. */
  record Elapsed() implements CalendarChoice {}
}
