package dev.etiquette.crm.jdbc;

import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.measure.MeasurementPeriod;
import dev.etiquette.crm.api.obligation.ObligationKind;
import dev.etiquette.crm.api.party.LifecycleStage;
import dev.etiquette.crm.api.spi.FactStore;
import dev.etiquette.crm.api.spi.FactStore.TimeBasis;
import dev.etiquette.crm.api.spi.Storage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every aggregate of a {@link FactStore} for one tenant and a few periods, as one value: two storages holding the
 * same records must give equal snapshots (doubles compared bit for bit, as records compare them).
 */
record FactsSnapshot(List<Object> values) {

  static final Set<LifecycleStage> CUSTOMER_STAGES = Set.of(LifecycleStage.CUSTOMER, LifecycleStage.EVANGELIST);

  /** The aggregates of every period, with {@code asOf} for compliance. */
  static FactsSnapshot of(Storage storage, TenantId tenant, List<MeasurementPeriod> periods, Instant asOf) {
    return storage.read(tx -> {
      FactStore facts = tx.facts();
      List<Object> values = new ArrayList<>();
      for (MeasurementPeriod period : periods) {
        Instant start = period.startInstant();
        Instant end = period.endInstant();
        values.add(period);
        values.add(facts.firstResponseTimes(tenant, start, end, TimeBasis.ELAPSED));
        values.add(facts.firstResponseTimes(tenant, start, end, TimeBasis.BUSINESS));
        values.add(facts.resolutionTimes(tenant, start, end));
        values.add(facts.slaCounts(tenant, start, end, asOf, Optional.empty()));
        for (ObligationKind kind : ObligationKind.values()) {
          values.add(facts.slaCounts(tenant, start, end, asOf, Optional.of(kind)));
        }
        values.add(facts.breaches(tenant, start, end));
        values.add(facts.escalations(tenant, start, end));
        values.add(facts.deniedContacts(tenant, start, end));
        values.add(facts.customers(tenant, start, end, CUSTOMER_STAGES));
        values.add(facts.customers(tenant, start, end, Set.of(LifecycleStage.LEAD)));
        values.add(facts.stagesAt(tenant, start));
        values.add(facts.stagesAt(tenant, end));
        values.add(facts.surveyScores(tenant, "nps", start, end));
        values.add(facts.surveyScores(tenant, "csat", start, end));
        values.add(facts.ledgerTotals(tenant, period.start(), period.end()));
      }
      return new FactsSnapshot(List.copyOf(values));
    });
  }

  /** For a failure message: one value a line. */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder();
    for (Object value : values) {
      if (value instanceof Map<?, ?> map) {
        Map<String, Object> sorted = new java.util.TreeMap<>();
        map.forEach((k, v) -> sorted.put(String.valueOf(k), v));
        text.append(sorted).append('\n');
      } else {
        text.append(value).append('\n');
      }
    }
    return text.toString();
  }
}
