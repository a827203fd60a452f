package dev.etiquette.crm.examples.jsonfiles;

import dev.etiquette.crm.api.spi.Storage;
import dev.etiquette.crm.testkit.FactStoreAgreementProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/**
 * The example adapter's aggregates equal the in-memory adapter's for any generated dataset. Each try reads the
 * tenant back from its file (a new storage over the same directory), so the JSON round trip of every record the
 * aggregates read is part of the check.
 */
class JsonFileStorageFactProperties extends FactStoreAgreementProperties {

  private final java.nio.file.Path directory;

  JsonFileStorageFactProperties() {
    try {
      directory = Files.createTempDirectory("crm-json-facts");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  protected Storage storage() {
    return new ReopeningStorage(directory);
  }

  /** Writes through one storage over the directory, reads through a new one, which loads the files. */
  private record ReopeningStorage(java.nio.file.Path directory) implements Storage {
    @Override
    public <T> T write(Work<T> work) {
      return new JsonFileStorage(directory).write(work);
    }

    @Override
    public <T> T read(Work<T> work) {
      return new JsonFileStorage(directory).read(work);
    }
  }
}
