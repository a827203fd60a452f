package dev.etiquette.crm.examples.jsonfiles;

import dev.etiquette.crm.api.spi.Storage;
import dev.etiquette.crm.testkit.StorageContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/** The example adapter keeps the whole storage contract: a subclass is all it takes to prove it. */
class JsonFileStorageContractTest extends StorageContract {

  private JsonFileStorage storage;

  @Override
  protected Storage storage() {
    return storage;
  }

  @Override
  protected void reset() {
    try {
      storage = new JsonFileStorage(Files.createTempDirectory("crm-json-files"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
