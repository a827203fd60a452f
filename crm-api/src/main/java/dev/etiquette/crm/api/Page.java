package dev.etiquette.crm.api;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import java.util.List;
import java.util.Optional;

/**
 * One page of a result, in the result's stable order.
 *
 * @param items the items of this page; at most the requested limit
 * @param nextCursor the cursor for the next page; empty when this is the last page
 * @param <T> the item type
 */
public record Page<T>(List<T> items, Optional<String> nextCursor) {

  public Page {
    items = ImmutableList.copyOf(requireNonNull(items, "items"));
    requireNonNull(nextCursor, "nextCursor");
  }

  /** Whether another page follows. */
  public boolean hasNext() {
    return nextCursor.isPresent();
  }
}
