package dev.etiquette.crm.api.measure;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableSortedMap;
import dev.etiquette.crm.api.ValidationException;
import dev.etiquette.crm.api.Violation;
import dev.etiquette.crm.api.party.LifecycleStage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
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

  /**
   * What is wrong with this definition, given the custom KPI names the {@code Crm} was built with: a name that is
   * neither a built-in's nor one of {@code customNames} (path {@code definition.name}); for a built-in, a parameter
   * it does not take, or a value it does not allow (path {@code definition.parameters.<name>}). A built-in's
   * {@code *} parameters take any value, except {@code stage} of {@link BuiltInKpi#CUSTOMERS_BY_STAGE}, which is
   * {@code any} or a lifecycle stage name. A custom definition's parameters are its function's business. Every
   * problem is listed, in the order of the parameters' names; the list is empty when the definition is valid.
   *
   * @param customNames the names of the registered custom KPIs
   * @return the problems, each with its path relative to the KPI ({@code definition.parameters.statistic})
   */
  public List<Violation> problems(Set<String> customNames) {
    requireNonNull(customNames, "customNames");
    List<Violation> problems = new ArrayList<>();
    Optional<BuiltInKpi> builtIn = builtIn();
    if (builtIn.isEmpty()) {
      if (!customNames.contains(name)) {
        problems.add(new Violation("definition.name", name, "is neither a built-in KPI ("
            + Arrays.stream(BuiltInKpi.values()).map(BuiltInKpi::id).collect(Collectors.joining(", "))
            + ") nor a registered custom KPI" + (customNames.isEmpty() ? " (none is registered)"
                : " (" + String.join(", ", new TreeSet<>(customNames)) + ")")));
      }
      return problems;
    }
    BuiltInKpi kpi = builtIn.get();
    parameters.forEach((key, value) -> {
      Set<String> allowed = kpi.parameters().get(key);
      if (allowed == null) {
        problems.add(new Violation("definition.parameters." + key, ValidationException.printable(value),
            kpi.parameters().isEmpty() ? name + " takes no parameter"
                : "is not a parameter of " + name + ", which takes " + String.join(", ",
                    new TreeSet<>(kpi.parameters().keySet()))));
      } else if (kpi == BuiltInKpi.CUSTOMERS_BY_STAGE && key.equals("stage")) {
        if (!value.equals("any")) {
          try {
            LifecycleStage.of(value);
          } catch (ValidationException e) {
            problems.add(new Violation("definition.parameters." + key, ValidationException.printable(value),
                "must be any or a lifecycle stage name (1 to 64 characters from [a-z0-9_], starting with a letter)"));
          }
        }
      } else if (!allowed.contains("*") && !allowed.contains(value)) {
        problems.add(new Violation("definition.parameters." + key, ValidationException.printable(value),
            "must be one of " + String.join(", ", new TreeSet<>(allowed))));
      }
    });
    return problems;
  }

  @Override
  public String toString() {
    return parameters.isEmpty() ? name : name + parameters;
  }
}
