package dev.etiquette.crm.internal;

import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.measure.BuiltInKpi;
import dev.etiquette.crm.api.measure.KpiDefinition;
import dev.etiquette.crm.api.measure.KpiValue;
import dev.etiquette.crm.api.measure.MeasurementPeriod;
import dev.etiquette.crm.api.obligation.ObligationKind;
import dev.etiquette.crm.api.party.LifecycleStage;
import dev.etiquette.crm.api.spi.FactStore;
import dev.etiquette.crm.api.spi.FactStore.CustomerCounts;
import dev.etiquette.crm.api.spi.FactStore.Distribution;
import dev.etiquette.crm.api.spi.FactStore.LedgerTotals;
import dev.etiquette.crm.api.spi.FactStore.SlaCounts;
import dev.etiquette.crm.api.spi.FactStore.TimeBasis;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The built-in KPIs, as {@code docs/measurement.md} defines them: {@link #compute} asks the {@link FactStore} for
 * the aggregates of a period, and the other methods, pure functions, turn aggregates into a {@link KpiValue}.
 * Durations are reported in minutes (milliseconds ÷ 60,000), shares and scores in percent.
 */
final class KpiCalculator {

  /** The stages of a customer: a party is a customer while its stage is one of these. */
  static final Set<LifecycleStage> CUSTOMER_STAGES = Set.of(LifecycleStage.CUSTOMER, LifecycleStage.EVANGELIST);

  private static final double MILLIS_PER_MINUTE = 60_000.0;
  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  private KpiCalculator() {}

  /**
   * Computes a built-in definition for the period.
   *
   * @param asOf the measuring instant: obligations due at or after it are still pending
   * @throws IllegalArgumentException for {@link BuiltInKpi#MANUAL}, which is never computed
   */
  static KpiValue compute(BuiltInKpi kpi, KpiDefinition definition, FactStore facts, TenantId tenant,
      MeasurementPeriod period, Instant asOf) {
    Instant start = period.startInstant();
    Instant end = period.endInstant();
    switch (kpi) {
      case FIRST_RESPONSE_TIME:
        TimeBasis basis = parameter(definition, "time").equals("elapsed") ? TimeBasis.ELAPSED : TimeBasis.BUSINESS;
        return duration(facts.firstResponseTimes(tenant, start, end, basis), parameter(definition, "statistic"),
            "answered");
      case TIME_TO_RESOLUTION:
        return duration(facts.resolutionTimes(tenant, start, end), parameter(definition, "statistic"), "resolved");
      case SLA_COMPLIANCE:
        String kind = parameter(definition, "kind");
        return slaCompliance(facts.slaCounts(tenant, start, end, asOf, kind.equals("any") ? Optional.empty()
            : Optional.of(ObligationKind.valueOf(kind.toUpperCase(Locale.ROOT)))));
      case BREACHES:
        return count(facts.breaches(tenant, start, end), "breaches");
      case ESCALATIONS:
        return count(facts.escalations(tenant, start, end), "escalations");
      case CONTACTS_DENIED:
        return contactsDenied(facts.deniedContacts(tenant, start, end), parameter(definition, "rule"));
      case ACTIVE_CUSTOMERS:
        return activeCustomers(facts.customers(tenant, start, end, CUSTOMER_STAGES));
      case ACQUISITION:
        return acquisition(facts.customers(tenant, start, end, CUSTOMER_STAGES));
      case RETENTION:
        return retention(facts.customers(tenant, start, end, CUSTOMER_STAGES));
      case CHURN:
        return churn(facts.customers(tenant, start, end, CUSTOMER_STAGES));
      case CUSTOMERS_BY_STAGE:
        return customersByStage(facts.stagesAt(tenant, end), parameter(definition, "stage"));
      case NPS:
        return nps(facts.surveyScores(tenant, parameter(definition, "survey"), start, end));
      case CSAT:
        return csat(facts.surveyScores(tenant, parameter(definition, "survey"), start, end));
      case ROI:
        return roi(facts.ledgerTotals(tenant, period.start(), period.end()));
      default:
        throw new IllegalArgumentException(kpi.id() + " is recorded by the host, never computed");
    }
  }

  private static String parameter(KpiDefinition definition, String name) {
    return definition.parameter(name).orElseThrow(() -> new IllegalStateException(
        definition.name() + " has no default for " + name));
  }

  /**
   * A distribution of durations in minutes: its median, 90th percentile or mean ({@code total ÷ count}); no value
   * when it is empty. Inputs: the count, under {@code input}.
   */
  static KpiValue duration(Distribution distribution, String statistic, String input) {
    Map<String, Long> inputs = Map.of(input, distribution.count());
    if (distribution.count() == 0) {
      return KpiValue.none(inputs);
    }
    double millis;
    switch (statistic) {
      case "median":
        millis = distribution.medianMillis();
        break;
      case "p90":
        millis = distribution.p90Millis();
        break;
      case "mean":
        millis = (double) distribution.totalMillis() / distribution.count();
        break;
      default:
        throw new IllegalArgumentException("unknown statistic " + statistic);
    }
    return KpiValue.of(millis / MILLIS_PER_MINUTE, inputs);
  }

  /** {@code onTime ÷ (onTime + late + missed) × 100}; no value when nothing was decided. */
  static KpiValue slaCompliance(SlaCounts counts) {
    Map<String, Long> inputs = Map.of("on_time", counts.onTime(), "late", counts.late(), "missed", counts.missed(),
        "pending", counts.pending());
    long decided = counts.onTime() + counts.late() + counts.missed();
    if (decided == 0) {
      return KpiValue.none(inputs);
    }
    return KpiValue.of(percent(counts.onTime(), decided), inputs);
  }

  /** A count, always a value (0 is one). */
  static KpiValue count(long count, String input) {
    return KpiValue.of(count, Map.of(input, count));
  }

  /**
   * Denied contacts: every label's count (or the one label's, when {@code rule} is not {@code any}), with the
   * count per label as the breakdown.
   */
  static KpiValue contactsDenied(Map<String, Long> byLabel, String rule) {
    long total = 0;
    Map<String, Double> breakdown = new TreeMap<>();
    for (Map.Entry<String, Long> label : byLabel.entrySet()) {
      total += label.getValue();
      breakdown.put(label.getKey(), (double) label.getValue());
    }
    long value = rule.equals("any") ? total : byLabel.getOrDefault(rule, 0L);
    return KpiValue.of(value, Map.of("denied", total)).withBreakdown(breakdown);
  }

  private static Map<String, Long> customerInputs(CustomerCounts counts) {
    return Map.of("at_start", counts.atStart(), "at_end", counts.atEnd(), "acquired", counts.acquired());
  }

  /** Customers at the end with an interaction in the period. */
  static KpiValue activeCustomers(CustomerCounts counts) {
    Map<String, Long> inputs = new LinkedHashMap<>(customerInputs(counts));
    inputs.put("active", counts.active());
    return KpiValue.of(counts.active(), inputs);
  }

  /** Parties that first became customers in the period. */
  static KpiValue acquisition(CustomerCounts counts) {
    return KpiValue.of(counts.acquired(), customerInputs(counts));
  }

  /** {@code (atEnd − acquired) ÷ atStart × 100}; no value without customers at the start. */
  static KpiValue retention(CustomerCounts counts) {
    if (counts.atStart() == 0) {
      return KpiValue.none(customerInputs(counts));
    }
    return KpiValue.of(percent(counts.atEnd() - counts.acquired(), counts.atStart()), customerInputs(counts));
  }

  /** {@code 100 − retention}; no value when retention has none. */
  static KpiValue churn(CustomerCounts counts) {
    KpiValue retention = retention(counts);
    return new KpiValue(retention.value().map(r -> 100 - r), retention.inputs(), Map.of());
  }

  /** Parties by stage: the one stage's count, or every party's with a stage for {@code any}. */
  static KpiValue customersByStage(Map<LifecycleStage, Long> byStage, String stage) {
    long total = 0;
    Map<String, Double> breakdown = new TreeMap<>();
    for (Map.Entry<LifecycleStage, Long> entry : byStage.entrySet()) {
      total += entry.getValue();
      breakdown.put(entry.getKey().name(), (double) entry.getValue());
    }
    long value = stage.equals("any") ? total : byStage.getOrDefault(LifecycleStage.of(stage), 0L);
    return KpiValue.of(value, Map.of("parties", total)).withBreakdown(breakdown);
  }

  /**
   * Net promoter score of the answers from 0 to 10: {@code (promoters − detractors) ÷ answers × 100}, promoters
   * answering 9 or 10 and detractors 0 to 6; no value without answers. Scores outside 0 to 10 are ignored (and
   * counted as such).
   */
  static KpiValue nps(Map<Integer, Long> scores) {
    long promoters = 0;
    long passives = 0;
    long detractors = 0;
    long ignored = 0;
    for (Map.Entry<Integer, Long> score : scores.entrySet()) {
      int s = score.getKey();
      long n = score.getValue();
      if (s < 0 || s > 10) {
        ignored += n;
      } else if (s >= 9) {
        promoters += n;
      } else if (s >= 7) {
        passives += n;
      } else {
        detractors += n;
      }
    }
    long answers = promoters + passives + detractors;
    Map<String, Long> inputs = Map.of("answers", answers, "promoters", promoters, "passives", passives,
        "detractors", detractors, "ignored", ignored);
    if (answers == 0) {
      return KpiValue.none(inputs);
    }
    return KpiValue.of((promoters - detractors) * 100.0 / answers, inputs);
  }

  /**
   * Customer satisfaction of the answers from 1 to 5: the share that are 4 or 5, in percent; no value without
   * answers. Scores outside 1 to 5 are ignored (and counted as such).
   */
  static KpiValue csat(Map<Integer, Long> scores) {
    long answers = 0;
    long satisfied = 0;
    long ignored = 0;
    for (Map.Entry<Integer, Long> score : scores.entrySet()) {
      int s = score.getKey();
      long n = score.getValue();
      if (s < 1 || s > 5) {
        ignored += n;
      } else {
        answers += n;
        if (s >= 4) {
          satisfied += n;
        }
      }
    }
    Map<String, Long> inputs = Map.of("answers", answers, "satisfied", satisfied, "ignored", ignored);
    if (answers == 0) {
      return KpiValue.none(inputs);
    }
    return KpiValue.of(percent(satisfied, answers), inputs);
  }

  /**
   * Return on the programme's investment: {@code (value − cost) ÷ cost × 100}, computed in decimals; no value when
   * the cost is 0. Breakdown: the cost and the value.
   */
  static KpiValue roi(LedgerTotals totals) {
    Map<String, Long> inputs = Map.of("cost_entries", totals.costEntries(), "value_entries", totals.valueEntries());
    Map<String, Double> breakdown = Map.of("cost", totals.cost().doubleValue(), "value",
        totals.value().doubleValue());
    if (totals.cost().signum() == 0) {
      return KpiValue.none(inputs).withBreakdown(breakdown);
    }
    double roi = totals.value().subtract(totals.cost()).multiply(HUNDRED)
        .divide(totals.cost(), MathContext.DECIMAL64).doubleValue();
    return KpiValue.of(roi, inputs).withBreakdown(breakdown);
  }

  private static double percent(long part, long whole) {
    return part * 100.0 / whole;
  }
}
