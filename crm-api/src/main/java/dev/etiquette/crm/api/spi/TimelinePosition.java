package dev.etiquette.crm.api.spi;

import static java.util.Objects.requireNonNull;

import dev.etiquette.crm.api.interaction.Interaction;
import dev.etiquette.crm.api.interaction.InteractionId;
import java.time.Instant;

/**
 * Where an interaction stands in a timeline: timelines are ordered by {@code occurredAt}, and among
 * interactions that occurred at the same instant by id ({@link String#compareTo} of the values, code-point
 * order). Both parts are immutable, so a position marks a stable place to continue paging from.
 *
 * @param occurredAt the interaction's {@code occurredAt}
 * @param id the interaction's id
 */
public record TimelinePosition(Instant occurredAt, InteractionId id) implements Comparable<TimelinePosition> {

  public TimelinePosition {
    requireNonNull(occurredAt, "occurredAt");
    requireNonNull(id, "id");
  }

  /** The position of {@code interaction}. */
  public static TimelinePosition of(Interaction interaction) {
    return new TimelinePosition(interaction.occurredAt(), interaction.id());
  }

  /** Earlier positions first: by {@code occurredAt}, then by id. */
  @Override
  public int compareTo(TimelinePosition other) {
    int byTime = occurredAt.compareTo(other.occurredAt);
    return byTime != 0 ? byTime : id.compareTo(other.id);
  }
}
