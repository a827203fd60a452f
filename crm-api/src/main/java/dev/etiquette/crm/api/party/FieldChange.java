package dev.etiquette.crm.api.party;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * The before and after of one field in an audited change.
 *
 * @param field the field's path, such as {@code displayName}, {@code attributes.tier} or
 *     {@code contactPoints}
 * @param before the value before, as text; empty when the field was absent
 * @param after the value after, as text; empty when the field was removed
 */
public record FieldChange(String field, Optional<String> before, Optional<String> after) {

  public FieldChange {
    requireNonNull(field, "field");
    requireNonNull(before, "before");
    requireNonNull(after, "after");
  }
}
