package dev.etiquette.crm.internal;

import com.google.common.hash.Hashing;
import com.google.common.io.BaseEncoding;
import dev.etiquette.crm.api.ValidationException;
import dev.etiquette.crm.api.Page;
import dev.etiquette.crm.api.PageRequest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
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
  static long micros(Instant instant) {
    return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
  }

  /** The instant {@link #micros} gave. */
  static Instant instant(long micros) {
    return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
  }

  /**
   * One page of a result ordered by an instant, then an id: the items after the cursor's position
   * ({@code limit + 1} fetched, to know whether another page follows), and a cursor holding the last item's
   * position as {@code <micros>:<id>}.
   *
   * @param scope what the cursor is bound to (tenant and query)
   * @param position makes a position from an instant and an id text; may throw IllegalArgumentException or
   *     ValidationException for an id of the wrong format
   * @param fetch the items after a position (or from the start), at most the number asked
   * @param instant an item's instant
   * @param id an item's id text
   */
  static <T, P> Page<T> timedPage(String scope, PageRequest page, BiFunction<Instant, String, P> position,
      BiFunction<Optional<P>, Integer, List<T>> fetch, Function<T, Instant> instant, Function<T, String> id) {
    Optional<P> after = page.cursor().map(c -> {
      String key = decode(scope, c);
      int colon = key.indexOf(':');
      try {
        if (colon < 1) {
          throw new IllegalArgumentException("no position");
        }
        return position.apply(instant(Long.parseLong(key.substring(0, colon))), key.substring(colon + 1));
      } catch (IllegalArgumentException | ValidationException e) {
        throw ValidationException.of("page.cursor", c, "is not a cursor returned by this method");
      }
    });
    List<T> found = fetch.apply(after, page.limit() + 1);
    if (found.size() > page.limit()) {
      List<T> items = found.subList(0, page.limit());
      T last = items.get(items.size() - 1);
      return new Page<>(items, Optional.of(encode(scope, micros(instant.apply(last)) + ":" + id.apply(last))));
    }
    return new Page<>(found, Optional.empty());
  }

  private static ValidationException invalid(String cursor) {
    return ValidationException.of("page.cursor", cursor,
        "is not a cursor returned by this method for the same query and tenant");
  }

  private static String fingerprint(String scope) {
    return Hashing.sha256().hashString(scope, StandardCharsets.UTF_8).toString().substring(0, 16);
  }
}
