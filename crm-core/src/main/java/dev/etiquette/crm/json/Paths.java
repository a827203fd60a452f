package dev.etiquette.crm.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonMappingException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Renders paths in the JSONPath style of {@link dev.etiquette.crm.api.Violation#path()}:
 * {@code $.contactPoints[1].address}, {@code $.attributes['tier 2']}, with {@code (line 3, column 12)}
 * appended when the location is known.
 */
final class Paths {

  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private Paths() {}

  /** Segments are property names ({@code String}) or array indexes ({@code Integer}). */
  static String render(List<?> segments) {
    StringBuilder out = new StringBuilder("$");
    for (Object segment : segments) {
      if (segment instanceof Integer index) {
        out.append('[').append(index).append(']');
      } else {
        String name = String.valueOf(segment);
        if (IDENTIFIER.matcher(name).matches()) {
          out.append('.').append(name);
        } else {
          out.append("['").append(escape(name)).append("']");
        }
      }
    }
    return out.toString();
  }

  /** Jackson's path references as segments. */
  static List<Object> segments(List<JsonMappingException.Reference> references) {
    List<Object> segments = new ArrayList<>(references.size());
    for (JsonMappingException.Reference reference : references) {
      if (reference.getIndex() >= 0) {
        segments.add(reference.getIndex());
      } else if (reference.getFieldName() != null) {
        segments.add(reference.getFieldName());
      } else {
        segments.add("?");
      }
    }
    return segments;
  }

  /** A JSON pointer ({@code /contactPoints/1}) as segments; a segment of digits is taken as an index. */
  static List<Object> segments(JsonPointer pointer) {
    List<Object> segments = new ArrayList<>();
    for (JsonPointer at = pointer; at != null && !at.matches(); at = at.tail()) {
      segments.add(at.mayMatchElement() ? (Object) at.getMatchingIndex() : at.getMatchingProperty());
    }
    return segments;
  }

  /** The path with {@code (line L, column C)} when the location is known. */
  static String withLocation(String path, JsonLocation location) {
    if (location == null || location.getLineNr() < 1) {
      return path;
    }
    return path + " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
  }

  private static String escape(String name) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '\'' || c == '\\') {
        out.append('\\').append(c);
      } else if (Character.isISOControl(c) || c == '\u202E' || c == '\u202D') {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
