package dev.etiquette.crm.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonMappingException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Every problem found in one crm-api value of a document. To a plain
 * {@link com.fasterxml.jackson.databind.ObjectMapper} it is a {@link JsonMappingException} whose path and
 * location are those of the first problem; Jackson prepends the path of any enclosing object as it
 * propagates. {@link CrmJson} turns each problem into a {@link dev.etiquette.crm.api.Violation}.
 */
final class DomainJsonException extends JsonMappingException {

  private static final long serialVersionUID = 1L;

  private final transient List<Problem> problems;
  private final int ownDepth;

  DomainJsonException(JsonParser parser, List<Problem> problems) {
    super(parser, summary(problems), problems.get(0).location());
    this.problems = List.copyOf(problems);
    List<Object> first = problems.get(0).path();
    for (int i = first.size() - 1; i >= 0; i--) {
      Object segment = first.get(i);
      if (segment instanceof Integer index) {
        prependPath(null, index);
      } else {
        prependPath(null, (String) segment);
      }
    }
    this.ownDepth = first.size();
  }

  /** The problems, each with its path relative to the crm-api value that was read. */
  List<Problem> problems() {
    return problems;
  }

  /** The path from the document's root to the crm-api value, as Jackson recorded it. */
  List<Object> outerPath() {
    List<Object> all = Paths.segments(getPath());
    return all.subList(0, Math.max(0, all.size() - ownDepth));
  }

  private static String summary(List<Problem> problems) {
    if (problems.size() == 1) {
      return problems.get(0).message();
    }
    return problems.size() + " problems: " + problems.stream()
        .map(p -> p.renderedPath(List.of()) + " '" + p.value() + "': " + p.message())
        .collect(Collectors.joining("; "));
  }
}
