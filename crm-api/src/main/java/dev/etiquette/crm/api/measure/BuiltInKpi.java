package dev.etiquette.crm.api.measure;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The KPI definitions the library computes itself. Each has a name (used in {@link KpiDefinition#name()} and
 * in JSON), a unit and the parameters it accepts with their allowed values ({@code *} for any value of the
 * stated form); a parameter left out takes the default given here. {@code docs/measurement.md} defines each
 * one exactly, with a worked example.
 */
public enum BuiltInKpi {
  /**
   * First response time in minutes over the conversations whose first inbound fell in the period and that have
   * a reply. {@code statistic}: {@code median} (default), {@code p90} or {@code mean}; {@code time}:
   * {@code business} (default, on the tenant's business calendar) or {@code elapsed}.
   */
  FIRST_RESPONSE_TIME("first_response_time", KpiUnit.MINUTES,
      Map.of("statistic", Set.of("median", "p90", "mean"), "time", Set.of("business", "elapsed")),
      Map.of("statistic", "median", "time", "business")),
  /**
   * Percentage of obligations satisfied on time among those whose deadline fell in the period (cancelled ones
   * excluded; late and open-past-deadline ones count as not on time). {@code kind}: {@code any} (default) or an
   * obligation kind in lower case.
   */
  SLA_COMPLIANCE("sla_compliance", KpiUnit.PERCENT,
      Map.of("kind", Set.of("any", "first_response", "next_response", "follow_up", "dormancy")),
      Map.of("kind", "any")),
  /** Obligations whose deadline passed unsatisfied, counted at the instant of the breach, in the period. */
  BREACHES("breaches", KpiUnit.COUNT, Map.of(), Map.of()),
  /** Escalation steps reached in the period. */
  ESCALATIONS("escalations", KpiUnit.COUNT, Map.of(), Map.of()),
  /**
   * Contacts refused by the etiquette rules in the period, by the instant of the contact asked for; broken down
   * by the rule that refused each. {@code rule}: {@code any} (default) or one rule's label (see
   * {@code docs/measurement.md}) to count only its refusals.
   */
  CONTACTS_DENIED("contacts_denied", KpiUnit.COUNT, Map.of("rule", Set.of("*")), Map.of("rule", "any")),
  /**
   * Time in minutes from a conversation's opening to its resolution, over conversations resolved in the period.
   * {@code statistic}: {@code median} (default), {@code p90} or {@code mean}.
   */
  TIME_TO_RESOLUTION("time_to_resolution", KpiUnit.MINUTES,
      Map.of("statistic", Set.of("median", "p90", "mean")), Map.of("statistic", "median")),
  /** Customers at the end of the period with at least one interaction in it. */
  ACTIVE_CUSTOMERS("active_customers", KpiUnit.COUNT, Map.of(), Map.of()),
  /**
   * Parties in a lifecycle stage at the end of the period, broken down by stage. {@code stage}: {@code any}
   * (default: every party with a stage) or a stage name.
   */
  CUSTOMERS_BY_STAGE("customers_by_stage", KpiUnit.COUNT, Map.of("stage", Set.of("*")), Map.of("stage", "any")),
  /** Parties that first became customers in the period. */
  ACQUISITION("acquisition", KpiUnit.COUNT, Map.of(), Map.of()),
  /** (customers at end − acquired in the period) ÷ customers at start, as a percentage. */
  RETENTION("retention", KpiUnit.PERCENT, Map.of(), Map.of()),
  /** 100 − retention. */
  CHURN("churn", KpiUnit.PERCENT, Map.of(), Map.of()),
  /**
   * Net promoter score of the survey answers (0 to 10) in the period. {@code survey}: the survey's name,
   * default {@code nps}.
   */
  NPS("nps", KpiUnit.SCORE, Map.of("survey", Set.of("*")), Map.of("survey", "nps")),
  /**
   * Percentage of survey answers (1 to 5) in the period that are 4 or 5. {@code survey}: the survey's name,
   * default {@code csat}.
   */
  CSAT("csat", KpiUnit.PERCENT, Map.of("survey", Set.of("*")), Map.of("survey", "csat")),
  /** (attributed value − programme cost) ÷ programme cost, as a percentage, from the ledger's entries dated in the period. */
  ROI("roi", KpiUnit.PERCENT, Map.of(), Map.of()),
  /** A value the host records with {@code Measurements.record}; the library never computes it. */
  MANUAL("manual", KpiUnit.NUMBER, Map.of("unit", Set.of("*")), Map.of());

  private final String id;
  private final KpiUnit unit;
  private final Map<String, Set<String>> parameters;
  private final Map<String, String> defaults;

  BuiltInKpi(String id, KpiUnit unit, Map<String, Set<String>> parameters, Map<String, String> defaults) {
    this.id = id;
    this.unit = unit;
    this.parameters = parameters;
    this.defaults = defaults;
  }

  /** The name a definition uses for it. */
  public String id() {
    return id;
  }

  /** What its values measure. */
  public KpiUnit unit() {
    return unit;
  }

  /** The parameters it accepts, each with its allowed values ({@code *}: any non-blank value). */
  public Map<String, Set<String>> parameters() {
    return parameters;
  }

  /** The value each parameter takes when a definition leaves it out. */
  public Map<String, String> defaults() {
    return defaults;
  }

  /** The built-in KPI of that name, if there is one. */
  public static Optional<BuiltInKpi> byId(String id) {
    requireNonNull(id, "id");
    return Arrays.stream(values()).filter(k -> k.id.equals(id)).findFirst();
  }

  /** A definition of this KPI with the given parameters (the others take their defaults). */
  public KpiDefinition with(Map<String, String> parameters) {
    return new KpiDefinition(id, parameters);
  }

  /** A definition of this KPI with every parameter at its default. */
  public KpiDefinition definition() {
    return new KpiDefinition(id, Map.of());
  }
}
