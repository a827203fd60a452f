package dev.etiquette.crm.internal;

import com.google.common.hash.Hashing;
import com.google.common.io.BaseEncoding;
import dev.etiquette.crm.api.ValidationException;
import java.nio.charset.StandardCharsets;

/**
 * Opaque page cursors: the last key returned, bound to the query it was returned for, so that a cursor
 * cannot be replayed against another query by mistake.
 */
final class Cursors {

  private static final BaseEncoding ENCODING = BaseEncoding.base64Url().omitPadding();

  private Cursors() {}

  static String encode(String scope, String lastKey) {
    return ENCODING.encode(("1|" + fingerprint(scope) + "|" + lastKey).getBytes(StandardCharsets.UTF_8));
  }

  /** The last key the cursor marks; a ValidationException if it is not a cursor of {@code scope}. */
  static String decode(String scope, String cursor) {
    String text;
    try {
      text = new String(ENCODING.decode(cursor), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw invalid(cursor);
    }
    String[] parts = text.split("\\|", 3);
    if (parts.length != 3 || !parts[0].equals("1") || !parts[1].equals(fingerprint(scope)) || parts[2].isEmpty()) {
      throw invalid(cursor);
    }
    return parts[2];
  }

  /** An instant as microseconds since the epoch, for a cursor key; the library never keeps finer ones. */
  static long micros(java.time.Instant instant) {
    return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
  }

  /** The instant {@link #micros} gave. */
  static java.time.Instant instant(long micros) {
    return java.time.Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
  }

  private static ValidationException invalid(String cursor) {
    return ValidationException.of("page.cursor", cursor,
        "is not a cursor returned by this method for the same query and tenant");
  }

  private static String fingerprint(String scope) {
    return Hashing.sha256().hashString(scope, StandardCharsets.UTF_8).toString().substring(0, 16);
  }
}
