package dev.etiquette.crm.api.measure;

import static java.util.Objects.requireNonNull;

import dev.etiquette.crm.api.ValidationException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.regex.Pattern;

/**
 * One line of the CRM programme's ledger: a cost (licences, hours at a rate, services) or a value it brought
 * (attributed revenue, retained value). The {@link BuiltInKpi#ROI programme ROI} sums the entries dated in its
 * period. Entries are never changed; a correction is another entry (a cost may be negative to reverse one).
 *
 * @param id unique within the tenant, chosen by the host (adding the same entry twice is refused): 1 to 64
 *     characters from {@code [A-Za-z0-9_.:-]}
 * @param kind cost or value
 * @param category what it is: {@code licence}, {@code hours}, {@code services}, {@code attributed_revenue},
 *     {@code retained_value} or the host's own, 1 to 64 characters from {@code [a-z0-9_]}
 * @param amount in the tenant's currency, at most 4 decimal places and 15 digits before the point
 * @param date the day it is dated (in the tenant's zone)
 * @param description for people, at most 500 characters
 */
public record LedgerEntry(String id, Kind kind, String category, BigDecimal amount, LocalDate date,
    String description) {

  /** A cost of the programme, or a value it brought. */
  public enum Kind {
    COST,
    VALUE
  }

  public static final String LICENCE = "licence";
  public static final String HOURS = "hours";
  public static final String SERVICES = "services";
  public static final String ATTRIBUTED_REVENUE = "attributed_revenue";
  public static final String RETAINED_VALUE = "retained_value";

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");
  private static final Pattern CATEGORY = Pattern.compile("[a-z0-9_]{1,64}");
  private static final BigDecimal LIMIT = new BigDecimal("1000000000000000");

  public LedgerEntry {
    requireNonNull(id, "id");
    requireNonNull(kind, "kind");
    requireNonNull(category, "category");
    requireNonNull(amount, "amount");
    requireNonNull(date, "date");
    requireNonNull(description, "description");
    if (!ID.matcher(id).matches()) {
      throw ValidationException.of("ledger.id", id, "must be 1 to 64 characters from [A-Za-z0-9_.:-]");
    }
    if (!CATEGORY.matcher(category).matches()) {
      throw ValidationException.of("ledger.category", category, "must be 1 to 64 characters from [a-z0-9_]");
    }
    if (amount.stripTrailingZeros().scale() > 4) {
      throw ValidationException.of("ledger.amount", amount.toPlainString(), "must have at most 4 decimal places");
    }
    if (amount.abs().compareTo(LIMIT) >= 0) {
      throw ValidationException.of("ledger.amount", amount.toPlainString(),
          "must have at most 15 digits before the decimal point");
    }
    if (description.length() > 500) {
      throw ValidationException.of("ledger.description", description, "must be at most 500 characters");
    }
    amount = amount.setScale(4, RoundingMode.UNNECESSARY);
  }

  /** A cost of a category. */
  public static LedgerEntry cost(String id, String category, BigDecimal amount, LocalDate date, String description) {
    return new LedgerEntry(id, Kind.COST, category, amount, date, description);
  }

  /** A cost of people's time: {@code hours × rate}, category {@code hours}. */
  public static LedgerEntry hours(String id, BigDecimal hours, BigDecimal rate, LocalDate date, String description) {
    requireNonNull(hours, "hours");
    requireNonNull(rate, "rate");
    return new LedgerEntry(id, Kind.COST, HOURS, hours.multiply(rate).stripTrailingZeros(), date, description);
  }

  /** A value the programme brought, of a category. */
  public static LedgerEntry value(String id, String category, BigDecimal amount, LocalDate date, String description) {
    return new LedgerEntry(id, Kind.VALUE, category, amount, date, description);
  }
}
