package dev.etiquette.crm.api.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * What the package sanity test cannot check on its own: a {@link MeasurementException}'s cause may be null (a custom
 * function that returned nothing failed without an exception), while its KPI and message may not.
 */
class MeasurementExceptionTest {

  /** Named as guava-testlib expects, so that MeasurePackageSanityTest leaves the nulls of this class to it. */
  @Test
  public void testNulls() {
    assertThatThrownBy(() -> new MeasurementException(null, "m", new IllegalStateException()))
        .isInstanceOf(NullPointerException.class).hasMessage("kpi");
    assertThatThrownBy(() -> new MeasurementException("frt", null, new IllegalStateException()))
        .isInstanceOf(NullPointerException.class).hasMessage("message");
    assertThat(new MeasurementException("frt", "returned null", null).getCause()).isNull();
  }

  @Test
  void namesTheKpi() {
    MeasurementException e = new MeasurementException("frt", "the function failed", new IllegalStateException("x"));

    assertThat(e.kpi()).isEqualTo("frt");
    assertThat(e.getMessage()).isEqualTo("KPI frt: the function failed");
  }
}
