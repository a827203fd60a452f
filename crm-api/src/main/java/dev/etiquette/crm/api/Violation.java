package dev.etiquette.crm.api;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;

/**
 * One problem with an input.
 *
 * @param path where the problem is, as a property path from the submitted object
 *     ({@code contactPoints[1].address}, {@code attributes.tier}); for a JSON document, the JSON path with
 *     line and column ({@code $.contactPoints[1].address (line 3, column 12)})
 * @param value the offending value as text, masked where it is personal data (an email address becomes
 *     {@code a***@example.com}), shortened when long, with control characters escaped
 * @param message what is wrong and what was expected
 */
public record Violation(String path, String value, String message) implements Serializable {

  public Violation {
    requireNonNull(path, "path");
    requireNonNull(value, "value");
    requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return path + " '" + value + "': " + message;
  }
}
