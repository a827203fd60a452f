package dev.etiquette.crm.internal;

import dev.etiquette.crm.api.Actor;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.TenantSettings;
import dev.etiquette.crm.api.ValidationException;
import dev.etiquette.crm.api.Violation;
import dev.etiquette.crm.api.party.AuditAction;
import dev.etiquette.crm.api.party.AuditEntry;
import dev.etiquette.crm.api.spi.StorageTransaction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Reads and replaces a tenant's settings. */
final class SettingsService {

  static final String RECORD_TYPE = "settings";

  private SettingsService() {}

  /** The tenant's stored settings, or the defaults. */
  static TenantSettings settings(StorageTransaction tx, TenantId tenant) {
    return tx.settings().find(tenant).orElseGet(() -> TenantSettings.defaults(tenant));
  }

  static TenantSettings configure(CrmRuntime runtime, TenantId tenant, Actor actor, TenantSettings settings) {
    List<Violation> violations = new ArrayList<>();
    if (!settings.tenantId().equals(tenant)) {
      violations.add(new Violation("settings.tenantId", settings.tenantId().value(),
          "must be the tenant being configured, " + tenant.value()));
    }
    settings.defaultRegion().ifPresent(region -> {
      if (!ContactNormalizer.supportedRegions().contains(region)) {
        violations.add(new Violation("settings.defaultRegion", ValidationException.printable(region),
            "must be an ISO 3166-1 alpha-2 region with a phone numbering plan, such as US or DE"));
      }
    });
    for (String team : settings.teamCalendars().keySet()) {
      InputValidator.checkText(team, "settings.teamCalendars", 100, false, violations);
    }
    if (!violations.isEmpty()) {
      throw new ValidationException(violations);
    }
    return runtime.write(tx -> {
      TenantSettings before = settings(tx, tenant);
      if (before.equals(settings)) {
        return before;
      }
      tx.settings().save(settings);
      Instant now = runtime.now();
      tx.audit().append(new AuditEntry(tenant, 0, RECORD_TYPE, tenant.value(), AuditAction.CONFIGURED, actor, now,
          AuditDiff.diff(AuditDiff.fields(before), AuditDiff.fields(settings))));
      return settings;
    });
  }
}
