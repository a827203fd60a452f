package dev.etiquette.crm.api.party;

import static java.util.Objects.requireNonNull;

import dev.etiquette.crm.api.ValidationException;
import java.time.LocalTime;

/**
 * A daily window of local time, {@code [start, end)}, in which a party must not be contacted. A window
 * whose end is before its start spans midnight ({@code 21:00–08:00}).
 *
 * @param start the first local time inside the window
 * @param end the first local time after the window; must differ from {@code start}
 */
public record QuietWindow(LocalTime start, LocalTime end) {

  /** @throws ValidationException if {@code start} equals {@code end} */
  public QuietWindow {
    requireNonNull(start, "start");
    requireNonNull(end, "end");
    if (start.equals(end)) {
      throw ValidationException.of("quietWindow", start + "-" + end, "start and end must differ");
    }
  }

  public static QuietWindow of(LocalTime start, LocalTime end) {
    return new QuietWindow(start, end);
  }

  /** Whether the window spans midnight. */
  public boolean spansMidnight() {
    return end.isBefore(start);
  }

  /** Whether the local time {@code t} falls inside the window. */
  public boolean contains(LocalTime t) {
    return spansMidnight()
        ? !t.isBefore(start) || t.isBefore(end)
        : !t.isBefore(start) && t.isBefore(end);
  }
}
