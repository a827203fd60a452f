package dev.etiquette.crm.api.measure;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableSortedMap;
import dev.etiquette.crm.api.ValidationException;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a KPI computes: a {@link BuiltInKpi built-in} definition or a custom one registered with the {@code Crm}
 * builder, named, with string parameters. Whether the name is known and the parameters are allowed is checked
 * when a vision is defined, where every problem is reported at once with its path.
 *
 * @param name a built-in's {@link BuiltInKpi#id() id} or a registered custom name: 1 to 64 characters from
 *     {@code [a-z0-9_.-]}, starting with a letter
 * @param parameters the parameters, by name (sorted); names like the definition's name, values 1 to 200
 *     characters
 */
public record KpiDefinition(String name, Map<String, String> parameters) {

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_.-]{0,63}");

  public KpiDefinition {
    requireNonNull(name, "name");
    if (!NAME.matcher(name).matches()) {
      throw ValidationException.of("definition.name", name,
          "must be 1 to 64 characters from [a-z0-9_.-], starting with a letter");
    }
    parameters = ImmutableSortedMap.copyOf(requireNonNull(parameters, "parameters"));
    parameters.forEach((key, value) -> {
      if (!NAME.matcher(key).matches()) {
        throw ValidationException.of("definition.parameters", key,
            "a parameter's name must be 1 to 64 characters from [a-z0-9_.-], starting with a letter");
      }
      if (value.isBlank() || value.length() > 200) {
        throw ValidationException.of("definition.parameters." + key, value, "must be 1 to 200 characters, not blank");
      }
    });
  }

  /** A definition with no parameters. */
  public static KpiDefinition of(String name) {
    return new KpiDefinition(name, Map.of());
  }

  /** A definition with parameters. */
  public static KpiDefinition of(String name, Map<String, String> parameters) {
    return new KpiDefinition(name, parameters);
  }

  /** The built-in KPI it names, or empty for a custom one. */
  public Optional<BuiltInKpi> builtIn() {
    return BuiltInKpi.byId(name);
  }

  /** The parameter's value, the built-in's default when left out, or empty. */
  public Optional<String> parameter(String key) {
    requireNonNull(key, "key");
    String value = parameters.get(key);
    if (value != null) {
      return Optional.of(value);
    }
    return builtIn().map(b -> b.defaults().get(key));
  }

  @Override
  public String toString() {
    return parameters.isEmpty() ? name : name + parameters;
  }
}
