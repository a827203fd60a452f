package dev.etiquette.crm.json;

import com.fasterxml.jackson.core.JsonLocation;
import java.util.List;
import java.util.Optional;

/**
 * One problem found while reading a document.
 *
 * @param path where, relative to the value being read: property names ({@code String}) and array indexes
 *     ({@code Integer})
 * @param domainPath the path a record constructor gave in its {@link dev.etiquette.crm.api.ValidationException},
 *     when the problem came from one ({@code tenantId}, {@code lifecycle.path[2]})
 * @param location where in the text, or {@link JsonLocation#NA} when the input had no locations (a tree)
 * @param value the offending value, already made printable and masked where it may be personal data
 * @param message what is wrong and what was expected
 */
record Problem(List<Object> path, Optional<String> domainPath, JsonLocation location, String value, String message) {

  Problem {
    path = List.copyOf(path);
    location = location == null ? JsonLocation.NA : location;
  }

  /** The path as {@code $.a.b[1]}, then {@code : domainPath} if any, then the line and column if known. */
  String renderedPath(List<Object> outer) {
    List<Object> full = new java.util.ArrayList<>(outer);
    full.addAll(path);
    String rendered = Paths.render(full) + domainPath.map(d -> ": " + d).orElse("");
    return Paths.withLocation(rendered, location);
  }
}
