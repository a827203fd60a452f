package dev.etiquette.crm.api.party;

import static java.util.Objects.requireNonNull;

import dev.etiquette.crm.api.Actor;
import java.time.Instant;
import java.util.Optional;

/**
 * One move of a party's lifecycle stage.
 *
 * @param from the stage before; empty for the party's first stage
 * @param to the stage after
 * @param at when the move happened, by the library's clock
 * @param actor who made it
 * @param forced whether it went against the model's direction
 * @param reason why, required for a forced move
 */
public record StageChange(
    Optional<LifecycleStage> from, LifecycleStage to, Instant at, Actor actor, boolean forced,
    Optional<String> reason) {

  public StageChange {
    requireNonNull(from, "from");
    requireNonNull(to, "to");
    requireNonNull(at, "at");
    requireNonNull(actor, "actor");
    requireNonNull(reason, "reason");
  }
}
