package dev.etiquette.crm.internal;

import static java.util.Objects.requireNonNull;

import dev.etiquette.crm.api.Actor;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.ValidationException;
import dev.etiquette.crm.api.obligation.RuleSets;
import dev.etiquette.crm.api.party.AuditAction;
import dev.etiquette.crm.api.party.AuditEntry;
import dev.etiquette.crm.api.party.FieldChange;
import dev.etiquette.crm.api.rules.RuleSet;
import dev.etiquette.crm.api.rules.RuleSetHistory;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@link RuleSets} for one tenant and actor. */
final class RuleSetService implements RuleSets {

  static final String RECORD_TYPE = "rule set";

  private final CrmRuntime runtime;
  private final TenantId tenant;
  private final Actor actor;
  private final ObligationEngine engine;

  RuleSetService(CrmRuntime runtime, TenantId tenant, Actor actor, ObligationEngine engine) {
    this.runtime = runtime;
    this.tenant = tenant;
    this.actor = actor;
    this.engine = engine;
  }

  @Override
  public RuleSetHistory publish(RuleSet version) {
    requireNonNull(version, "version");
    return runtime.write(tx -> {
      RuleBook book = RuleBook.load(tx, tenant);
      RuleSetHistory history = Optional.ofNullable(book.histories().get(version.name()))
          .map(h -> {
            if (h.version(version.version()).isPresent()) {
              throw ValidationException.of("version", String.valueOf(version.version()), "rule set "
                  + version.name() + " already has version " + version.version() + ": versions are never changed;"
                  + " publish a higher one");
            }
            return h.plus(version);
          })
          .orElseGet(() -> RuleSetHistory.of(version));
      tx.ruleSets().insert(tenant, version);
      java.time.Instant now = runtime.now();
      tx.audit().append(new AuditEntry(tenant, 0, RECORD_TYPE, version.name() + " v" + version.version(),
          AuditAction.CREATED, actor, now, List.of(
              new FieldChange("name", Optional.empty(), Optional.of(version.name())),
              new FieldChange("version", Optional.empty(), Optional.of(String.valueOf(version.version()))),
              new FieldChange("effectiveFrom", Optional.empty(), Optional.of(version.effectiveFrom().toString())),
              new FieldChange("rules", Optional.empty(), Optional.of(String.valueOf(version.obligations().size()))))));
      engine.published(tx, version, now);
      return history;
    });
  }

  @Override
  public Optional<RuleSetHistory> history(String name) {
    requireNonNull(name, "name");
    return runtime.storage().read(tx -> Optional.ofNullable(RuleBook.load(tx, tenant).histories().get(name)));
  }

  @Override
  public List<RuleSetHistory> all() {
    return runtime.storage().read(tx -> new ArrayList<>(RuleBook.load(tx, tenant).histories().values()));
  }
}
