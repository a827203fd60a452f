package dev.etiquette.crm.api.measure;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableSortedMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a definition computed for a period: the value, or none when the period had no data for it (never a
 * made-up zero), the counts of the inputs it used, and a breakdown where the definition has one.
 *
 * @param value the value; empty when there was nothing to measure; finite when present
 * @param inputs how many of each input the computation saw, by name (for example {@code conversations},
 *     {@code answered}); sorted by name; counts are not negative
 * @param breakdown parts of the value by label (for example contacts denied by rule, parties by stage); sorted
 */
public record KpiValue(Optional<Double> value, Map<String, Long> inputs, Map<String, Double> breakdown) {

  public KpiValue {
    requireNonNull(value, "value");
    inputs = ImmutableSortedMap.copyOf(requireNonNull(inputs, "inputs"));
    breakdown = ImmutableSortedMap.copyOf(requireNonNull(breakdown, "breakdown"));
    if (value.isPresent() && !Double.isFinite(value.get())) {
      throw new IllegalArgumentException("value must be finite, was " + value.get());
    }
    inputs.forEach((name, count) -> {
      if (count < 0) {
        throw new IllegalArgumentException("input " + name + " must not be negative, was " + count);
      }
    });
  }

  /** A value with its inputs. */
  public static KpiValue of(double value, Map<String, Long> inputs) {
    return new KpiValue(Optional.of(value), inputs, Map.of());
  }

  /** No value: the inputs show why. */
  public static KpiValue none(Map<String, Long> inputs) {
    return new KpiValue(Optional.empty(), inputs, Map.of());
  }

  /** The same with a breakdown. */
  public KpiValue withBreakdown(Map<String, Double> breakdown) {
    return new KpiValue(value, inputs, breakdown);
  }
}
