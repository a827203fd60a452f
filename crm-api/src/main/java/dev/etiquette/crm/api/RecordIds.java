package dev.etiquette.crm.api;

/**
 * The one format of every record id the library assigns or accepts (parties, relationships, consent
 * records, interactions, obligations, and whatever an {@link dev.etiquette.crm.api.spi.IdGenerator} makes):
 * 1 to 64 characters from {@code [A-Za-z0-9_-]}.
 */
public final class RecordIds {

  /** The longest id, in characters. */
  public static final int MAX_LENGTH = 64;

  private RecordIds() {}

  /**
   * Whether {@code value} has the format: what {@code value.matches("[A-Za-z0-9_-]{1,64}")} answers, without
   * a regular expression (ids are checked on every record the library reads or makes).
   *
   * @throws NullPointerException if {@code value} is null
   */
  public static boolean isWellFormed(String value) {
    if (value.isEmpty() || value.length() > MAX_LENGTH) {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'
          || c == '-';
      if (!allowed) {
        return false;
      }
    }
    return true;
  }
}
