package dev.etiquette.crm.api.party;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * The value of a custom attribute. Its type must match the attribute's {@link AttributeDefinition}.
 * Values compare by content; two numbers are equal when they are numerically equal
 * ({@code 1.0} equals {@code 1}), since numbers are stored with trailing zeros stripped.
 */
public sealed interface AttributeValue {

  /** The type this value has. */
  AttributeType type();

  /** The value as text: the string, the plain number, {@code true}/{@code false}, the ISO date. */
  String asText();

  static StringValue of(String value) {
    return new StringValue(value);
  }

  static NumberValue of(BigDecimal value) {
    return new NumberValue(value);
  }

  static NumberValue of(long value) {
    return new NumberValue(BigDecimal.valueOf(value));
  }

  static BooleanValue of(boolean value) {
    return new BooleanValue(value);
  }

  static DateValue of(LocalDate value) {
    return new DateValue(value);
  }

  /** A value of an {@link AttributeType#ENUM} attribute. */
  static EnumValue choice(String value) {
    return new EnumValue(value);
  }

  /** @param value text of at most 10,000 characters */
  record StringValue(String value) implements AttributeValue {
    public StringValue {
      requireNonNull(value, "value");
    }

    @Override
    public AttributeType type() {
      return AttributeType.STRING;
    }

    @Override
    public String asText() {
      return value;
    }
  }

  /**
   * @param value the number, with trailing zeros stripped; at most 38 significant digits, scale within ±38
   */
  record NumberValue(BigDecimal value) implements AttributeValue {
    /** The largest number of significant digits a number may have. */
    public static final int MAX_PRECISION = 38;
    /** The largest magnitude of a number's scale (digits after the point, or zeros before it). */
    public static final int MAX_SCALE = 38;

    /**
     * @throws dev.etiquette.crm.api.ValidationException if the number has more than {@link #MAX_PRECISION}
     *     significant digits or a scale beyond ±{@link #MAX_SCALE} (after trailing zeros are stripped)
     */
    public NumberValue {
      requireNonNull(value, "value");
      value = value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
      // not Math.abs(scale): Math.abs(Integer.MIN_VALUE) is negative, and 1E+2147483648 would pass
      if (value.precision() > MAX_PRECISION || value.scale() > MAX_SCALE || value.scale() < -MAX_SCALE) {
        throw dev.etiquette.crm.api.ValidationException.of("value", value.toString(), "a number may have at most "
            + MAX_PRECISION + " significant digits and a scale between -" + MAX_SCALE + " and " + MAX_SCALE);
      }
    }

    @Override
    public AttributeType type() {
      return AttributeType.NUMBER;
    }

    @Override
    public String asText() {
      return value.toPlainString();
    }
  }

  record BooleanValue(boolean value) implements AttributeValue {
    @Override
    public AttributeType type() {
      return AttributeType.BOOLEAN;
    }

    @Override
    public String asText() {
      return Boolean.toString(value);
    }
  }

  record DateValue(LocalDate value) implements AttributeValue {
    public DateValue {
      requireNonNull(value, "value");
    }

    @Override
    public AttributeType type() {
      return AttributeType.DATE;
    }

    @Override
    public String asText() {
      return value.toString();
    }
  }

  /** @param value one of the values the attribute's definition allows */
  record EnumValue(String value) implements AttributeValue {
    public EnumValue {
      requireNonNull(value, "value");
    }

    @Override
    public AttributeType type() {
      return AttributeType.ENUM;
    }

    @Override
    public String asText() {
      return value;
    }
  }
}
