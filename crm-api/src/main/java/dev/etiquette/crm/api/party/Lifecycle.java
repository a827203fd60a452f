package dev.etiquette.crm.api.party;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A party's lifecycle: every stage move, oldest first. The current stage is the last move's target.
 *
 * @param history the moves in the order they happened, their instants non-decreasing
 */
public record Lifecycle(List<StageChange> history) {

  private static final Lifecycle NONE = new Lifecycle(List.of());

  public Lifecycle {
    history = ImmutableList.copyOf(java.util.Objects.requireNonNull(history, "history"));
  }

  /** No stage yet. */
  public static Lifecycle none() {
    return NONE;
  }

  /** The current stage; empty when the party never had one. */
  public Optional<LifecycleStage> current() {
    return history.isEmpty() ? Optional.empty() : Optional.of(history.get(history.size() - 1).to());
  }

  /**
   * The stage the party was in at {@code instant}: the target of the last move at or before it. Empty
   * when the party had no stage yet.
   */
  public Optional<LifecycleStage> stageAt(Instant instant) {
    requireNonNull(instant, "instant");
    LifecycleStage stage = null;
    for (StageChange change : history) {
      if (change.at().isAfter(instant)) {
        break;
      }
      stage = change.to();
    }
    return Optional.ofNullable(stage);
  }

  /** The first instant the party entered {@code stage}, if it ever did. */
  public Optional<Instant> firstReached(LifecycleStage stage) {
    requireNonNull(stage, "stage");
    return history.stream().filter(c -> c.to().equals(stage)).map(StageChange::at).findFirst();
  }

  /** This lifecycle with one more move. */
  public Lifecycle plus(StageChange change) {
    return new Lifecycle(ImmutableList.<StageChange>builder().addAll(history).add(change).build());
  }
}
