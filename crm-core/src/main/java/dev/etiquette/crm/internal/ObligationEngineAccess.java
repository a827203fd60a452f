package dev.etiquette.crm.internal;

import dev.etiquette.crm.api.obligation.DueWork;
import java.util.Optional;

/** Due-work processing across tenants, for {@code Crm}, which lives outside this package. */
public final class ObligationEngineAccess {

  private ObligationEngineAccess() {}

  /** Processes every tenant's due work; see {@code Crm.processDue()}. */
  public static DueWork processDue(CrmRuntime runtime) {
    return ObligationEngine.processDue(runtime, Optional.empty(), ObligationService.DUE_BATCH);
  }
}
