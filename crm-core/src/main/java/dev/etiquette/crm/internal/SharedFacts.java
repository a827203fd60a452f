package dev.etiquette.crm.internal;

import static java.util.Objects.requireNonNull;

import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.obligation.ObligationKind;
import dev.etiquette.crm.api.party.LifecycleStage;
import dev.etiquette.crm.api.spi.FactStore;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A {@link FactStore} that asks its delegate each distinct question once and answers repeats from what it was told,
 * for the built-in KPIs of one computation in one read transaction: acquisition, retention, churn and active
 * customers of a period share one customer count, the median and the mean first response time one distribution.
 * The answers are those of the delegate's transaction; an instance lives no longer than it. Not thread-safe.
 */
final class SharedFacts implements FactStore {

  private final FactStore facts;
  private final Map<List<Object>, Object> answers = new HashMap<>();

  SharedFacts(FactStore facts) {
    this.facts = requireNonNull(facts, "facts");
  }

  @SuppressWarnings("unchecked")
  private <T> T once(List<Object> question, Supplier<T> ask) {
    Object answer = answers.get(question);
    if (answer == null) {
      answer = requireNonNull(ask.get(), "the fact store answered null");
      answers.put(question, answer);
    }
    return (T) answer;
  }

  @Override
  public Distribution firstResponseTimes(TenantId tenant, Instant start, Instant end, TimeBasis basis) {
    return once(List.of("firstResponseTimes", tenant, start, end, basis),
        () -> facts.firstResponseTimes(tenant, start, end, basis));
  }

  @Override
  public Distribution resolutionTimes(TenantId tenant, Instant start, Instant end) {
    return once(List.of("resolutionTimes", tenant, start, end), () -> facts.resolutionTimes(tenant, start, end));
  }

  @Override
  public SlaCounts slaCounts(TenantId tenant, Instant start, Instant end, Instant asOf,
      Optional<ObligationKind> kind) {
    return once(List.of("slaCounts", tenant, start, end, asOf, kind),
        () -> facts.slaCounts(tenant, start, end, asOf, kind));
  }

  @Override
  public long breaches(TenantId tenant, Instant start, Instant end) {
    return this.<Long>once(List.of("breaches", tenant, start, end), () -> facts.breaches(tenant, start, end));
  }

  @Override
  public long escalations(TenantId tenant, Instant start, Instant end) {
    return this.<Long>once(List.of("escalations", tenant, start, end), () -> facts.escalations(tenant, start, end));
  }

  @Override
  public Map<String, Long> deniedContacts(TenantId tenant, Instant start, Instant end) {
    return once(List.of("deniedContacts", tenant, start, end), () -> facts.deniedContacts(tenant, start, end));
  }

  @Override
  public CustomerCounts customers(TenantId tenant, Instant start, Instant end, Set<LifecycleStage> customerStages) {
    return once(List.of("customers", tenant, start, end, Set.copyOf(customerStages)),
        () -> facts.customers(tenant, start, end, customerStages));
  }

  @Override
  public Map<LifecycleStage, Long> stagesAt(TenantId tenant, Instant at) {
    return once(List.of("stagesAt", tenant, at), () -> facts.stagesAt(tenant, at));
  }

  @Override
  public Map<Integer, Long> surveyScores(TenantId tenant, String survey, Instant start, Instant end) {
    return once(List.of("surveyScores", tenant, survey, start, end),
        () -> facts.surveyScores(tenant, survey, start, end));
  }

  @Override
  public LedgerTotals ledgerTotals(TenantId tenant, LocalDate from, LocalDate until) {
    return once(List.of("ledgerTotals", tenant, from, until), () -> facts.ledgerTotals(tenant, from, until));
  }
}
