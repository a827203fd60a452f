package dev.etiquette.crm.api;

import static java.util.Objects.requireNonNull;

import java.util.regex.Pattern;

/**
 * Identifies a tenant: the owner of a separate set of records. Every record belongs to exactly one tenant,
 * and no operation of one tenant can read or change another tenant's data.
 *
 * <p>A tenant id is 1 to 64 characters from {@code [A-Za-z0-9._-]}, starting with a letter or digit.
 *
 * @param value the tenant id as the host application knows it
 */
public record TenantId(String value) implements Comparable<TenantId> {

  private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  /**
   * @throws NullPointerException if {@code value} is null
   * @throws ValidationException if {@code value} does not have the documented format
   */
  public TenantId {
    requireNonNull(value, "value");
    if (!FORMAT.matcher(value).matches()) {
      throw ValidationException.of("tenantId", value,
          "must be 1 to 64 characters from [A-Za-z0-9._-], starting with a letter or digit");
    }
  }

  /** Returns the tenant id with the given value; see {@link #TenantId(String)} for the format. */
  public static TenantId of(String value) {
    return new TenantId(value);
  }

  @Override
  public int compareTo(TenantId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
