package dev.etiquette.crm.api.party;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import dev.etiquette.crm.api.ValidationException;
import dev.etiquette.crm.api.Violation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A tenant's lifecycle stages: an ordered path, and exit stages outside it.
 *
 * <p>Moves along the path go forward only: from a stage to a later one. An exit stage (by default
 * {@code churned}) can be entered from any stage. Going back along the path, or leaving an exit stage,
 * is a <em>forced</em> move and needs a reason. A party with no stage yet may enter any stage.
 *
 * <p>The default model is {@code subscriber → lead → qualified_lead → opportunity → customer →
 * evangelist → other}, with the exit stage {@code churned}.
 *
 * @param path the ordered stages, at least one, without repeats
 * @param exits stages outside the path, none of them on it
 */
public record LifecycleModel(List<LifecycleStage> path, Set<LifecycleStage> exits) {

  private static final LifecycleModel DEFAULT = new LifecycleModel(
      List.of(LifecycleStage.SUBSCRIBER, LifecycleStage.LEAD, LifecycleStage.QUALIFIED_LEAD,
          LifecycleStage.OPPORTUNITY, LifecycleStage.CUSTOMER, LifecycleStage.EVANGELIST, LifecycleStage.OTHER),
      Set.of(LifecycleStage.CHURNED));

  /** @throws ValidationException if the path is empty, repeats a stage, or shares one with the exits */
  public LifecycleModel {
    path = ImmutableList.copyOf(requireNonNull(path, "path"));
    exits = ImmutableSet.copyOf(requireNonNull(exits, "exits"));
    List<Violation> problems = new ArrayList<>();
    if (path.isEmpty()) {
      problems.add(new Violation("lifecycle.path", "[]", "must name at least one stage"));
    }
    Set<LifecycleStage> seen = new HashSet<>();
    for (int i = 0; i < path.size(); i++) {
      if (!seen.add(path.get(i))) {
        problems.add(new Violation("lifecycle.path[" + i + "]", path.get(i).name(), "is repeated"));
      }
    }
    for (LifecycleStage exit : exits) {
      if (seen.contains(exit)) {
        problems.add(new Violation("lifecycle.exits", exit.name(), "is also on the path"));
      }
    }
    if (!problems.isEmpty()) {
      throw new ValidationException(problems);
    }
  }

  /** The default model described above. */
  public static LifecycleModel defaults() {
    return DEFAULT;
  }

  /** Whether {@code stage} is on the path or an exit. */
  public boolean contains(LifecycleStage stage) {
    requireNonNull(stage, "stage");
    return path.contains(stage) || exits.contains(stage);
  }

  /**
   * Whether moving from {@code from} to {@code to} needs force: it goes back along the path, or leaves an
   * exit stage. Moving to the same stage is not a move and is refused by the library.
   */
  public boolean needsForce(Optional<LifecycleStage> from, LifecycleStage to) {
    requireNonNull(to, "to");
    if (from.isEmpty() || exits.contains(to)) {
      return false;
    }
    if (exits.contains(from.get())) {
      return true;
    }
    int fromIndex = path.indexOf(from.get());
    int toIndex = path.indexOf(to);
    return fromIndex < 0 || toIndex <= fromIndex;
  }
}
