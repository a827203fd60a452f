package dev.etiquette.crm.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * What the package sanity test cannot check on its own: a {@link StorageException}'s cause may be null (a
 * storage can fail without an underlying exception), while its operation and message may not.
 */
class StorageExceptionTest {

  /** Named as guava-testlib expects, so that ApiPackageSanityTest leaves the nulls of this class to it. */
  @Test
  public void testNulls() {
    assertThatThrownBy(() -> new StorageException(null, false, "m", new IOException()))
        .isInstanceOf(NullPointerException.class).hasMessage("operation");
    assertThatThrownBy(() -> new StorageException("update party", false, null, new IOException()))
        .isInstanceOf(NullPointerException.class).hasMessage("message");
    assertThat(new StorageException("update party", true, "row count 0", null).getCause()).isNull();
  }

  @Test
  void namesTheOperationAndWhetherARetryMayHelp() {
    IOException cause = new IOException("connection reset");
    StorageException e = new StorageException("update party", true, "connection reset", cause);
    assertThat(e.operation()).isEqualTo("update party");
    assertThat(e.retryable()).isTrue();
    assertThat(e.getCause()).isSameAs(cause);
    assertThat(e.getMessage()).isEqualTo("update party failed (retryable): connection reset");
  }
}
