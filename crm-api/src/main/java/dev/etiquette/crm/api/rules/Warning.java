package dev.etiquette.crm.api.rules;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * When to warn that an obligation's deadline is near. A warning is a notification, not a change of state; it
 * is given once, and not at all if the obligation is settled (satisfied or cancelled) before it falls.
 *
 * <p>Both kinds name a point on the obligation's clock (the time that counts in the rule's calendar, from the
 * opening, stopped during pauses), so a warning moves with its deadline when the clock stops. With a target
 * {@code T}:
 * <ul>
 *   <li>{@link BeforeDeadline}{@code (offset)} falls when {@code T - offset} has counted;</li>
 *   <li>{@link ElapsedFraction}{@code (fraction)} falls when {@code fraction × T} has counted (rounded down to the
 *       nanosecond): {@code 0.75} warns when three quarters of the target have passed, that is a quarter of
 *       the target before the deadline.</li>
 * </ul>
 * In a {@link RuleSet} the offset must be positive and shorter than every target of its rule, and the fraction
 * must lie strictly between 0 and 1 with at most 9 digits after the decimal point.
 */
public sealed interface Warning {

  /** A warning {@code offset} of counted time before the deadline. */
  static Warning before(Duration offset) {
    return new BeforeDeadline(offset);
  }

  /** A warning when {@code fraction} of the target has counted: {@code 0.75} for "at 75 %". */
  static Warning atFraction(BigDecimal fraction) {
    return new ElapsedFraction(fraction);
  }

  /** A warning when {@code fraction} of the target has counted, written as a decimal string ({@code "0.75"}). */
  static Warning atFraction(String fraction) {
    return new ElapsedFraction(new BigDecimal(requireNonNull(fraction, "fraction")));
  }

  /**
   * Warns {@code offset} before the deadline, counted on the obligation's clock.
   *
   * @param offset how long before the deadline; in a rule set positive and shorter than every target of the rule
   */
  record BeforeDeadline(Duration offset) implements Warning {
    public BeforeDeadline {
      requireNonNull(offset, "offset");
    }
  }

  /**
   * Warns when a fraction of the target has counted.
   *
   * @param fraction the part of the target that has passed when the warning falls; in a rule set strictly
   *     between 0 and 1, with at most 9 digits after the decimal point. Trailing zeros are stripped, so
   *     {@code 0.750} equals {@code 0.75}.
   */
  record ElapsedFraction(BigDecimal fraction) implements Warning {
    public ElapsedFraction {
      requireNonNull(fraction, "fraction");
      fraction = fraction.signum() == 0 ? BigDecimal.ZERO : fraction.stripTrailingZeros();
    }
  }
}
