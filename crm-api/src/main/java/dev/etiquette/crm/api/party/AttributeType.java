package dev.etiquette.crm.api.party;

/** The type of a custom attribute, as the tenant's {@link AttributeSchema} declares it. */
public enum AttributeType {
  /** Text of at most 10,000 characters; stored verbatim. */
  STRING,
  /** A decimal number ({@link java.math.BigDecimal}). */
  NUMBER,
  BOOLEAN,
  /** A calendar date without time or zone. */
  DATE,
  /** One of the values the attribute's definition lists. */
  ENUM
}
