package dev.etiquette.crm.internal;

import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.obligation.ObligationKind;
import dev.etiquette.crm.api.party.LifecycleStage;
import dev.etiquette.crm.api.spi.FactStore;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A {@link FactStore} that answers with the aggregates a test sets and records every question it is asked, so that
 * a test can check both what a calculator makes of the aggregates and which interval it asked them for.
 */
final class RecordingFacts implements FactStore {

  /** One question: the method's name and its arguments after the tenant. */
  record Call(String method, List<Object> arguments) {}

  final List<Call> calls = new ArrayList<>();
  Distribution firstResponses = Distribution.EMPTY;
  Distribution resolutions = Distribution.EMPTY;
  SlaCounts sla = new SlaCounts(0, 0, 0, 0);
  long breaches;
  long escalations;
  Map<String, Long> denied = Map.of();
  CustomerCounts customers = new CustomerCounts(0, 0, 0, 0);
  Map<LifecycleStage, Long> stages = Map.of();
  Map<Integer, Long> scores = Map.of();
  LedgerTotals ledger = new LedgerTotals(BigDecimal.ZERO.setScale(4), BigDecimal.ZERO.setScale(4), 0, 0);

  private void call(String method, Object... arguments) {
    calls.add(new Call(method, List.of(arguments)));
  }

  /** The one question asked. */
  Call only() {
    if (calls.size() != 1) {
      throw new AssertionError("expected one question, was asked " + calls);
    }
    return calls.get(0);
  }

  @Override
  public Distribution firstResponseTimes(TenantId tenant, Instant start, Instant end, TimeBasis basis) {
    call("firstResponseTimes", start, end, basis);
    return firstResponses;
  }

  @Override
  public Distribution resolutionTimes(TenantId tenant, Instant start, Instant end) {
    call("resolutionTimes", start, end);
    return resolutions;
  }

  @Override
  public SlaCounts slaCounts(TenantId tenant, Instant start, Instant end, Instant asOf,
      Optional<ObligationKind> kind) {
    call("slaCounts", start, end, asOf, kind);
    return sla;
  }

  @Override
  public long breaches(TenantId tenant, Instant start, Instant end) {
    call("breaches", start, end);
    return breaches;
  }

  @Override
  public long escalations(TenantId tenant, Instant start, Instant end) {
    call("escalations", start, end);
    return escalations;
  }

  @Override
  public Map<String, Long> deniedContacts(TenantId tenant, Instant start, Instant end) {
    call("deniedContacts", start, end);
    return denied;
  }

  @Override
  public CustomerCounts customers(TenantId tenant, Instant start, Instant end, Set<LifecycleStage> customerStages) {
    call("customers", start, end, customerStages);
    return customers;
  }

  @Override
  public Map<LifecycleStage, Long> stagesAt(TenantId tenant, Instant at) {
    call("stagesAt", at);
    return stages;
  }

  @Override
  public Map<Integer, Long> surveyScores(TenantId tenant, String survey, Instant start, Instant end) {
    call("surveyScores", survey, start, end);
    return scores;
  }

  @Override
  public LedgerTotals ledgerTotals(TenantId tenant, LocalDate from, LocalDate until) {
    call("ledgerTotals", from, until);
    return ledger;
  }
}
