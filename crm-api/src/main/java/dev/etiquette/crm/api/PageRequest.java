package dev.etiquette.crm.api;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * Asks for one page of a result: at most {@code limit} items after the position a cursor marks.
 *
 * <p>Paging is by key, not by offset. Results have a stable order on an immutable key (for parties, the
 * party id), and a cursor marks the last key returned. So an item that matches the query during the
 * whole paging is returned exactly once — no duplicates and no gaps — however the data changes between
 * pages; an item created, deleted or changed to match or not match while paging may or may not appear.
 *
 * @param limit the largest number of items wanted, 1 to 1,000
 * @param cursor where to continue: the {@link Page#nextCursor()} of the previous page; empty for the
 *     first page
 */
public record PageRequest(int limit, Optional<String> cursor) {

  /** The largest page size allowed. */
  public static final int MAX_LIMIT = 1_000;

  /** @throws ValidationException if {@code limit} is not between 1 and {@link #MAX_LIMIT} */
  public PageRequest {
    requireNonNull(cursor, "cursor");
    if (limit < 1 || limit > MAX_LIMIT) {
      throw ValidationException.of("limit", Integer.toString(limit), "must be between 1 and " + MAX_LIMIT);
    }
  }

  /** The first page, of at most {@code limit} items. */
  public static PageRequest first(int limit) {
    return new PageRequest(limit, Optional.empty());
  }

  /** The page after the one that returned {@code cursor}. */
  public static PageRequest after(String cursor, int limit) {
    return new PageRequest(limit, Optional.of(cursor));
  }

  /** The page that follows {@code page}, or empty when {@code page} was the last. */
  public Optional<PageRequest> next(Page<?> page) {
    return page.nextCursor().map(c -> new PageRequest(limit, Optional.of(c)));
  }
}
