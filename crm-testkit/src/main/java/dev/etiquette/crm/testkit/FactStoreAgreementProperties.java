package dev.etiquette.crm.testkit;

import dev.etiquette.crm.api.spi.Storage;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The jqwik law an adapter's aggregates keep: for any generated {@link MeasurementDataset}, every
 * {@link dev.etiquette.crm.api.spi.FactStore} answer equals the in-memory adapter's
 * ({@link FactStoreAgreement#assertAgreesWithInMemory}). An adapter runs it by a subclass that gives the storage:
 *
 * <pre>{@code
 * class MyFactStoreProperties extends FactStoreAgreementProperties {
 *   protected Storage storage() { return MY_STORAGE; }
 * }
 * }</pre>
 *
 * <p>Each try writes its dataset into a tenant of its own, so the storage need not be emptied between tries. The
 * property is {@code final}; it runs 50 tries.
 */
public abstract class FactStoreAgreementProperties {

  /** The storage under test; may return the same instance every time. */
  protected abstract Storage storage();

  @Provide
  final Arbitrary<MeasurementDataset> measurementDatasets() {
    return MeasurementArbitraries.datasets();
  }

  @Property(tries = 50)
  public final void aggregatesEqualTheInMemoryAdaptersForAnyDataset(
      @ForAll("measurementDatasets") MeasurementDataset dataset) {
    FactStoreAgreement.assertAgreesWithInMemory(storage(), dataset);
  }
}
