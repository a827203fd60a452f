package dev.etiquette.crm.jdbc;

import dev.etiquette.crm.api.spi.Storage;
import dev.etiquette.crm.testkit.FactStoreAgreementProperties;
import net.jqwik.api.Group;

/**
 * The aggregates of each database equal the in-memory adapter's for any generated dataset (the testkit's
 * {@link FactStoreAgreementProperties}): one small subclass per dialect.
 */
class JdbcFactStoreAgreementProperties {

  @Group
  class OnH2 extends FactStoreAgreementProperties {
    @Override
    protected Storage storage() {
      return JdbcStorageContractTests.storage(Dialect.H2);
    }
  }

  @Group
  class OnPostgreSql extends FactStoreAgreementProperties {
    @Override
    protected Storage storage() {
      return JdbcStorageContractTests.storage(Dialect.POSTGRESQL);
    }
  }

  @Group
  class OnMariaDb extends FactStoreAgreementProperties {
    @Override
    protected Storage storage() {
      return JdbcStorageContractTests.storage(Dialect.MARIADB);
    }
  }
}
