package dev.etiquette.crm.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectWriter;

/**
 * The layout of the files people edit (rule files, vision files): {@link CrmJson}'s JSON with two-space
 * indentation, one property or array item per line, {@code "name": value}, empty objects and arrays as {@code {}}
 * and {@code []}, and a final newline. Equal values give identical text.
 */
final class FileLayout {

  private static final ObjectWriter PRETTY = CrmJson.newObjectMapper().writer(new DefaultPrettyPrinter(
      Separators.createDefaultInstance()
          .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
          .withObjectEmptySeparator("")
          .withArrayEmptySeparator(""))
      .withArrayIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE.withLinefeed("\n"))
      .withObjectIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE.withLinefeed("\n")));

  private FileLayout() {}

  /** The value as a file, its failure translated as {@link CrmJson} translates them. */
  static String write(Object value) {
    try {
      return PRETTY.writeValueAsString(value) + "\n";
    } catch (JsonProcessingException e) {
      throw CrmJson.translate(e, null, value.getClass().getName());
    }
  }
}
