package dev.etiquette.crm.api.spi;

import dev.etiquette.crm.api.DuplicateKeyException;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.rules.RuleSet;
import java.util.List;

/**
 * Stores the versions of a tenant's rule sets, exactly as given. Versions never change once stored. The
 * library reads them on every recording of an interaction and every change of a party, so a store should keep
 * its reads cheap (the JDBC adapter reads the names and version numbers and caches the parsed versions, which
 * never change).
 */
public interface RuleSetStore {

  /** @throws DuplicateKeyException if the tenant has a version of the same name and number */
  void insert(TenantId tenant, RuleSet ruleSet);

  /** Every version of every rule set of the tenant, in any order. */
  List<RuleSet> all(TenantId tenant);
}
