package dev.etiquette.crm.api.party;

import static java.util.Objects.requireNonNull;

import dev.etiquette.crm.api.ValidationException;
import java.util.regex.Pattern;

/**
 * A stage of the customer lifecycle, named in lower snake case. Which stages exist, and in what order, is
 * the tenant's {@link LifecycleModel}; the constants here are the default model's stages.
 *
 * @param name 1 to 64 characters from {@code [a-z0-9_]}, starting with a letter
 */
public record LifecycleStage(String name) {

  private static final Pattern FORMAT = Pattern.compile("[a-z][a-z0-9_]{0,63}");

  public static final LifecycleStage SUBSCRIBER = new LifecycleStage("subscriber");
  public static final LifecycleStage LEAD = new LifecycleStage("lead");
  public static final LifecycleStage QUALIFIED_LEAD = new LifecycleStage("qualified_lead");
  public static final LifecycleStage OPPORTUNITY = new LifecycleStage("opportunity");
  public static final LifecycleStage CUSTOMER = new LifecycleStage("customer");
  public static final LifecycleStage EVANGELIST = new LifecycleStage("evangelist");
  public static final LifecycleStage OTHER = new LifecycleStage("other");
  public static final LifecycleStage CHURNED = new LifecycleStage("churned");

  /** @throws ValidationException if {@code name} does not have the documented format */
  public LifecycleStage {
    requireNonNull(name, "name");
    if (!FORMAT.matcher(name).matches()) {
      throw ValidationException.of("stage", name,
          "must be 1 to 64 characters from [a-z0-9_], starting with a letter");
    }
  }

  public static LifecycleStage of(String name) {
    return new LifecycleStage(name);
  }

  @Override
  public String toString() {
    return name;
  }
}
