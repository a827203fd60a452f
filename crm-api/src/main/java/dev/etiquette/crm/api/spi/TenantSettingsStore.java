package dev.etiquette.crm.api.spi;

import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.TenantSettings;
import java.util.Optional;

/** Stores each tenant's settings. */
public interface TenantSettingsStore {

  /** The tenant's settings, or empty if it was never configured. */
  Optional<TenantSettings> find(TenantId tenant);

  /** Stores the settings of {@code settings.tenantId()}, replacing any earlier ones. */
  void save(TenantSettings settings);
}
