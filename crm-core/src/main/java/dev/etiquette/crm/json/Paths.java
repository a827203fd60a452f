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

  /**
   * A property path as crm-api's violations write it ({@code obligations[2].targets[0].within},
   * {@code attributes.tier}) as segments, or null if it is not one: names of {@code [A-Za-z0-9_]} separated by
   * dots, each followed by any number of {@code [index]}.
   */
  static List<Object> parseProperty(String path) {
    List<Object> segments = new ArrayList<>();
    int at = 0;
    int length = path.length();
    while (at < length) {
      int start = at;
      while (at < length && isNameChar(path.charAt(at))) {
        at++;
      }
      if (at == start) {
        return null;
      }
      segments.add(path.substring(start, at));
      while (at < length && path.charAt(at) == '[') {
        int digits = ++at;
        while (at < length && path.charAt(at) >= '0' && path.charAt(at) <= '9') {
          at++;
        }
        if (at == digits || at - digits > 9 || at >= length || path.charAt(at) != ']') {
          return null;
        }
        segments.add(Integer.parseInt(path.substring(digits, at)));
        at++;
      }
      if (at < length) {
        if (path.charAt(at) != '.' || at + 1 == length) {
          return null;
        }
        at++;
      }
    }
    return segments.isEmpty() ? null : segments;
  }

  private static boolean isNameChar(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_';
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
