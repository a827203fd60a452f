package dev.etiquette.crm.api.rules;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableSet;
import com.google.common.collect.ImmutableSortedMap;
import dev.etiquette.crm.api.Channel;
import dev.etiquette.crm.api.Purpose;
import dev.etiquette.crm.api.interaction.Direction;
import dev.etiquette.crm.api.interaction.Interaction;
import dev.etiquette.crm.api.interaction.InteractionKind;
import dev.etiquette.crm.api.party.AttributeValue;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which interactions an event is: the trigger of a follow-up, what satisfies an obligation, what cancels one.
 * An interaction matches when it meets every condition; an empty set or map is no condition, so the empty
 * filter matches every interaction.
 *
 * <ul>
 *   <li>{@code kinds}, {@code directions}, {@code channels}, {@code purposes}: the interaction's kind, direction,
 *       channel and purpose are among those named;</li>
 *   <li>{@code attributes}: for each entry, the interaction has an attribute of that name whose text
 *       ({@link AttributeValue#asText()}: a string or enum value as it is, a number in plain notation without
 *       trailing zeros, {@code true}/{@code false}, an ISO date) equals the entry's value exactly
 *       ({@code "stage": "onboarded"}, {@code "survey": "nps"}).</li>
 * </ul>
 *
 * <p>In a rule set: attribute names are 1 to 64 characters from {@code [A-Za-z0-9_]} starting with a letter (the
 * names interactions' attributes have), values 1 to 1,000 characters, at most 20 attributes; and a filter that
 * can never match (only outbound interactions of kinds that are always inbound) is rejected.
 *
 * @param kinds the interaction kinds that match; empty for all
 * @param directions the directions that match; empty for both
 * @param channels the channels that match; empty for all
 * @param purposes the purposes that match; empty for all
 * @param attributes attribute values the interaction must have, by name, sorted by name; empty for none
 */
public record EventFilter(
    Set<InteractionKind> kinds,
    Set<Direction> directions,
    Set<Channel> channels,
    Set<Purpose> purposes,
    Map<String, String> attributes) {

  public EventFilter {
    kinds = ImmutableSet.copyOf(requireNonNull(kinds, "kinds"));
    directions = ImmutableSet.copyOf(requireNonNull(directions, "directions"));
    channels = ImmutableSet.copyOf(requireNonNull(channels, "channels"));
    purposes = ImmutableSet.copyOf(requireNonNull(purposes, "purposes"));
    attributes = ImmutableSortedMap.copyOf(requireNonNull(attributes, "attributes"));
  }

  /** The filter that matches every interaction. */
  public static EventFilter any() {
    return new EventFilter(Set.of(), Set.of(), Set.of(), Set.of(), Map.of());
  }

  /** Starts a filter that matches interactions of any of {@code kinds} (none: every kind). */
  public static Builder of(InteractionKind... kinds) {
    return new Builder().kinds(kinds);
  }

  /** Starts a filter that matches every interaction, to be narrowed. */
  public static Builder builder() {
    return new Builder();
  }

  /** Whether {@code interaction} meets every condition of the filter. */
  public boolean matches(Interaction interaction) {
    requireNonNull(interaction, "interaction");
    if (!kinds.isEmpty() && !kinds.contains(interaction.kind())
        || !directions.isEmpty() && !directions.contains(interaction.direction())
        || !channels.isEmpty() && !channels.contains(interaction.channel())
        || !purposes.isEmpty() && !purposes.contains(interaction.purpose())) {
      return false;
    }
    for (Map.Entry<String, String> wanted : attributes.entrySet()) {
      Optional<AttributeValue> value = interaction.attribute(wanted.getKey());
      if (value.isEmpty() || !value.get().asText().equals(wanted.getValue())) {
        return false;
      }
    }
    return true;
  }

  /** Builds an {@link EventFilter}; each method adds to a condition and rejects {@code null}. */
  public static final class Builder {
    private final Set<InteractionKind> kinds = new java.util.LinkedHashSet<>();
    private final Set<Direction> directions = new java.util.LinkedHashSet<>();
    private final Set<Channel> channels = new java.util.LinkedHashSet<>();
    private final Set<Purpose> purposes = new java.util.LinkedHashSet<>();
    private final Map<String, String> attributes = new LinkedHashMap<>();

    private Builder() {}

    public Builder kinds(InteractionKind... kinds) {
      Arrays.stream(requireNonNull(kinds, "kinds")).forEach(k -> this.kinds.add(requireNonNull(k, "kind")));
      return this;
    }

    /** Inbound interactions only: made by the party. */
    public Builder inbound() {
      directions.add(Direction.INBOUND);
      return this;
    }

    /** Outbound interactions only: made by the business. */
    public Builder outbound() {
      directions.add(Direction.OUTBOUND);
      return this;
    }

    public Builder channels(Channel... channels) {
      Arrays.stream(requireNonNull(channels, "channels")).forEach(c -> this.channels.add(requireNonNull(c, "channel")));
      return this;
    }

    public Builder purposes(Purpose... purposes) {
      Arrays.stream(requireNonNull(purposes, "purposes")).forEach(p -> this.purposes.add(requireNonNull(p, "purpose")));
      return this;
    }

    /** The interaction's attribute {@code name} must have the text {@code value}. */
    public Builder attribute(String name, String value) {
      attributes.put(requireNonNull(name, "name"), requireNonNull(value, "value"));
      return this;
    }

    public EventFilter build() {
      return new EventFilter(kinds, directions, channels, purposes, attributes);
    }
  }
}
