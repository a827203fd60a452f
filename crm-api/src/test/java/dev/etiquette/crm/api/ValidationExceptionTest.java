package dev.etiquette.crm.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.testing.NullPointerTester;
import com.google.common.testing.SerializableTester;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the package sanity test cannot check on its own: {@link ValidationException#of} and
 * {@link ValidationException#printable} take a null <em>value</em> on purpose and render it as
 * {@code null} (an id generator that returned null is reported, not turned into a NullPointerException).
 * Every other parameter rejects null.
 */
class ValidationExceptionTest {

  /** Named as guava-testlib expects, so that ApiPackageSanityTest leaves the nulls of this class to it. */
  @Test
  public void testNulls() throws Exception {
    NullPointerTester tester = new NullPointerTester()
        .setDefault(List.class, List.of(new Violation("p", "v", "m")))
        .ignore(ValidationException.class.getMethod("of", String.class, String.class, String.class))
        .ignore(ValidationException.class.getMethod("printable", String.class));
    tester.testAllPublicConstructors(ValidationException.class);
    tester.testAllPublicStaticMethods(ValidationException.class);
    assertThatThrownBy(() -> ValidationException.of(null, "v", "m")).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> ValidationException.of("p", "v", null)).isInstanceOf(NullPointerException.class);
    assertThat(ValidationException.of("p", null, "m").violations())
        .containsExactly(new Violation("p", "null", "m"));
    assertThat(ValidationException.printable(null)).isEqualTo("null");
  }

  @Test
  void needsAtLeastOneViolation() {
    assertThatThrownBy(() -> new ValidationException(List.of())).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void listsEveryViolationInItsMessage() {
    ValidationException e = new ValidationException(List.of(new Violation("displayName", "", "must not be blank"),
        new Violation("tags[0]", "x", "is too long")));
    assertThat(e.getMessage()).isEqualTo(
        "2 invalid inputs: displayName '': must not be blank; tags[0] 'x': is too long");
    assertThat(e).isInstanceOf(CrmException.class);
  }

  @Test
  void printableShortensLongValuesAndEscapesControlAndDirectionCharacters() {
    assertThat(ValidationException.printable("a".repeat(10_000))).isEqualTo("a".repeat(60) + "…(10000 chars)");
    assertThat(ValidationException.printable("a\u0000b\u001b[31m\r\n\u202Ec")).isEqualTo(
        "a\\u0000b\\u001b[31m\\u000d\\u000a\\u202ec");
  }

  @Test
  void survivesSerializationWithItsViolations() {
    ValidationException e = ValidationException.of("limit", "0", "must be between 1 and 1000");
    ValidationException copy = SerializableTester.reserialize(e);
    assertThat(copy.violations()).isEqualTo(e.violations());
    assertThat(copy.getMessage()).isEqualTo(e.getMessage());
  }
}
