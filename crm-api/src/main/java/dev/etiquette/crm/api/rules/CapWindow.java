package dev.etiquette.crm.api.rules;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * The window over which a {@link FrequencyCap} counts the contact ledger.
 *
 * <ul>
 *   <li>{@link Rolling}{@code (W)}: a contact at {@code t} counts the entries in {@code (t − W, t]}, so a contact
 *       made exactly {@code W} earlier no longer counts;</li>
 *   <li>{@link CalendarDays}{@code (D)}: a contact at {@code t} counts the entries on the {@code D} local dates
 *       ending with {@code t}'s local date, in the customer's time zone (the party's preference, else the
 *       tenant's zone). {@code CalendarDays(1)} is "per local day".</li>
 * </ul>
 */
public sealed interface CapWindow {

  /** A rolling window of {@code length}. */
  static CapWindow rolling(Duration length) {
    return new Rolling(length);
  }

  /** The {@code days} local dates ending with the contact's local date. */
  static CapWindow calendarDays(int days) {
    return new CalendarDays(days);
  }

  /**
   * A rolling window.
   *
   * @param length the window's length; in a rule set positive and at most {@link RuleSet#MAX_DURATION}
   */
  record Rolling(Duration length) implements CapWindow {
    public Rolling {
      requireNonNull(length, "length");
    }
  }

  /**
   * Whole local dates in the customer's time zone.
   *
   * @param days how many dates, the contact's own included; in a rule set 1 to {@value FrequencyCap#MAX_DAYS}
   */
  record CalendarDays(int days) implements CapWindow {}
}
