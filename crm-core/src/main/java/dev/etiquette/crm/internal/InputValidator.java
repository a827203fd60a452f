package dev.etiquette.crm.internal;

import dev.etiquette.crm.api.ValidationException;
import dev.etiquette.crm.api.Violation;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

/**
 * Runs the Bean Validation constraints declared on the API's records, and the library's own text checks,
 * adding every problem found to a list of violations with masked values.
 */
final class InputValidator {

  private static final ValidatorFactory FACTORY = Validation.byDefaultProvider().configure()
      .messageInterpolator(new ParameterMessageInterpolator())
      .buildValidatorFactory();

  private final Validator validator = FACTORY.getValidator();

  /**
   * Adds a violation for each constraint {@code bean} breaks, its path prefixed with {@code prefix}, its
   * value rendered by {@code mask}.
   */
  void validate(Object bean, String prefix, UnaryOperator<String> mask, List<Violation> out) {
    Set<ConstraintViolation<Object>> found = validator.validate(bean);
    if (found.isEmpty()) {
      return;
    }
    Set<String> seen = new LinkedHashSet<>();
    found.stream()
        .sorted(Comparator.comparing((ConstraintViolation<Object> v) -> v.getPropertyPath().toString())
            .thenComparing(ConstraintViolation::getMessage))
        .forEach(v -> {
          String path = prefix + cleanPath(v.getPropertyPath().toString());
          if (seen.add(path + '\u0000' + v.getMessage())) {
            Object invalid = v.getInvalidValue();
            String value = invalid == null ? "null" : mask.apply(String.valueOf(invalid));
            out.add(new Violation(path, value, v.getMessage()));
          }
        });
  }

  /**
   * Checks free text: not blank, at most {@code maxLength} characters, no control characters. Personal
   * text is masked in the violation.
   */
  static void checkText(String value, String path, int maxLength, boolean personal, List<Violation> out) {
    String problem;
    if (value.isBlank()) {
      problem = "must not be blank";
    } else if (value.length() > maxLength) {
      problem = "must be at most " + maxLength + " characters, was " + value.length();
    } else if (hasControlCharacter(value)) {
      problem = "must not contain control characters";
    } else if (!isWellFormed(value)) {
      problem = "must be well-formed Unicode (it has an unpaired surrogate)";
    } else {
      return;
    }
    out.add(new Violation(path, personal ? Masking.text(value) : ValidationException.printable(value), problem));
  }

  private static boolean hasControlCharacter(String value) {
    for (int i = 0; i < value.length(); i++) {
      if (Character.isISOControl(value.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  /** Whether every surrogate in {@code value} is part of a pair, so the text can be stored as UTF-8. */
  static boolean isWellFormed(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(i + 1))) {
          return false;
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  /** Hibernate Validator writes container elements of an Optional as {@code label.<…>}; keep the property. */
  private static String cleanPath(String path) {
    return path.replaceAll("\\.?<[^>]*>", "").replaceAll("\\[\\]", "");
  }
}
