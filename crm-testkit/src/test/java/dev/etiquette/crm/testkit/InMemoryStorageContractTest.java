package dev.etiquette.crm.testkit;

import dev.etiquette.crm.api.spi.Storage;
import dev.etiquette.crm.internal.InMemoryStorage;

/** The in-memory storage keeps the whole contract. */
class InMemoryStorageContractTest extends StorageContract {

  private Storage storage;

  @Override
  protected Storage storage() {
    return storage;
  }

  @Override
  protected void reset() {
    storage = new InMemoryStorage();
  }
}
