package dev.etiquette.crm.testkit;

import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.contact.ContactEntry;
import dev.etiquette.crm.api.contact.ContactStatus;
import dev.etiquette.crm.api.contact.RuleVerdict;
import dev.etiquette.crm.api.contact.Verdict;
import dev.etiquette.crm.api.interaction.Conversation;
import dev.etiquette.crm.api.interaction.ConversationState;
import dev.etiquette.crm.api.interaction.Interaction;
import dev.etiquette.crm.api.interaction.InteractionKind;
import dev.etiquette.crm.api.measure.LedgerEntry;
import dev.etiquette.crm.api.obligation.EscalationPoint;
import dev.etiquette.crm.api.obligation.Obligation;
import dev.etiquette.crm.api.obligation.ObligationKind;
import dev.etiquette.crm.api.obligation.ObligationState;
import dev.etiquette.crm.api.party.AttributeValue;
import dev.etiquette.crm.api.party.LifecycleStage;
import dev.etiquette.crm.api.party.Party;
import dev.etiquette.crm.api.party.StageChange;
import dev.etiquette.crm.api.spi.FactStore;
import dev.etiquette.crm.internal.InMemoryStorage;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * The in-memory adapter's aggregates against a model: for any generated dataset, every answer of the
 * {@link FactStore} equals the model's. The model reads the dataset's lists and follows FactStore's Javadoc word
 * for word, the simplest way: filters, sorted lists, and its own percentile (a weighted mean of the two closest
 * ranks). Other adapters are compared with the in-memory adapter ({@link FactStoreAgreementProperties}); this is
 * what makes that comparison mean something.
 */
class InMemoryFactStoreModelProperties {

  @Provide
  Arbitrary<MeasurementDataset> datasets() {
    return DomainArbitraries.measurementDatasets();
  }

  @Property(tries = 300)
  void theInMemoryAggregatesEqualTheModels(@ForAll("datasets") MeasurementDataset dataset) {
    InMemoryStorage storage = new InMemoryStorage();
    dataset.writeTo(storage);
    Map<String, Object> model = FactStoreAgreement.snapshot(new Model(dataset), dataset.tenant());
    FactStoreAgreement.assertSameAnswers(model, FactStoreAgreement.snapshot(storage, dataset.tenant()));
    Statistics.label("answered conversations").collect(dataset.conversations().stream()
        .filter(c -> c.firstReplyAt().isPresent()).count() > 1 ? "several" : "at most one");
    Statistics.label("nonzero answers").collect(model.values().stream().filter(v -> !isNothing(v)).count() > 20
        ? "over 20" : "20 or fewer");
  }

  private static boolean isNothing(Object answer) {
    return answer.equals(0L) || answer.equals(FactStore.Distribution.EMPTY) || answer instanceof Map<?, ?> m
        && m.isEmpty() || answer.equals(new FactStore.SlaCounts(0, 0, 0, 0))
        || answer.equals(new FactStore.CustomerCounts(0, 0, 0, 0));
  }

  /** FactStore's definitions, over the dataset's lists. */
  static final class Model implements FactStore {
    private final MeasurementDataset data;

    Model(MeasurementDataset data) {
      this.data = data;
    }

    private static boolean in(Instant t, Instant start, Instant end) {
      return t.compareTo(start) >= 0 && t.compareTo(end) < 0;
    }

    private static long millis(Instant from, Instant to) {
      return Math.floorDiv(ChronoUnit.NANOS.between(from, to), 1_000_000L);
    }

    private static Distribution distribution(List<Long> values) {
      if (values.isEmpty()) {
        return Distribution.EMPTY;
      }
      List<Long> sorted = new ArrayList<>(values);
      sorted.sort(null);
      long total = 0;
      for (long v : sorted) {
        total += v;
      }
      return new Distribution(sorted.size(), total, percentile(sorted, 0.5), percentile(sorted, 0.9));
    }

    private static double percentile(List<Long> sorted, double p) {
      double position = p * (sorted.size() - 1);
      int lower = (int) position;
      double weight = position - lower;
      if (lower + 1 >= sorted.size()) {
        return sorted.get(lower);
      }
      return sorted.get(lower) * (1 - weight) + sorted.get(lower + 1) * weight;
    }

    @Override
    public Distribution firstResponseTimes(TenantId tenant, Instant start, Instant end, TimeBasis basis) {
      List<Long> values = new ArrayList<>();
      for (Conversation c : data.conversations()) {
        if (c.firstInboundAt().isPresent() && c.firstReplyAt().isPresent()
            && in(c.firstInboundAt().get(), start, end)) {
          values.add(basis == TimeBasis.ELAPSED ? millis(c.firstInboundAt().get(), c.firstReplyAt().get())
              : Math.floorDiv(c.firstReplyBusinessTime().get().toNanos(), 1_000_000L));
        }
      }
      return distribution(values);
    }

    @Override
    public Distribution resolutionTimes(TenantId tenant, Instant start, Instant end) {
      List<Long> values = new ArrayList<>();
      for (Conversation c : data.conversations()) {
        if (c.state() == ConversationState.RESOLVED && in(c.stateChangedAt(), start, end)) {
          values.add(millis(c.openedAt(), c.stateChangedAt()));
        }
      }
      return distribution(values);
    }

    @Override
    public SlaCounts slaCounts(TenantId tenant, Instant start, Instant end, Instant asOf,
        Optional<ObligationKind> kind) {
      long[] counts = new long[4];
      for (Obligation o : data.obligations()) {
        if (o.state() == ObligationState.CANCELLED || !in(o.dueAt(), start, end)
            || kind.isPresent() && kind.get() != o.kind()) {
          continue;
        }
        int outcome = o.state() == ObligationState.SATISFIED_ON_TIME ? 0
            : o.state() == ObligationState.SATISFIED_LATE ? 1 : o.dueAt().isBefore(asOf) ? 2 : 3;
        counts[outcome]++;
      }
      return new SlaCounts(counts[0], counts[1], counts[2], counts[3]);
    }

    @Override
    public long breaches(TenantId tenant, Instant start, Instant end) {
      return data.obligations().stream().filter(o -> o.breachedAt().isPresent() && in(o.breachedAt().get(), start,
          end)).count();
    }

    @Override
    public long escalations(TenantId tenant, Instant start, Instant end) {
      long count = 0;
      for (Obligation o : data.obligations()) {
        for (EscalationPoint p : o.escalations()) {
          if (p.step() <= o.escalated() && in(p.dueAt(), start, end)) {
            count++;
          }
        }
      }
      return count;
    }

    @Override
    public Map<String, Long> deniedContacts(TenantId tenant, Instant start, Instant end) {
      Map<String, Long> counts = new HashMap<>();
      for (ContactEntry e : data.contacts()) {
        if (e.status() != ContactStatus.DENIED || !in(e.receipt().request().at(), start, end)) {
          continue;
        }
        List<RuleVerdict> denials = e.receipt().rules().stream().filter(r -> r.verdict() == Verdict.DENY).toList();
        String label = denials.isEmpty() ? "unknown" : denials.get(0).rule().isPresent()
            ? denials.get(0).rule().get().ruleSet() + "/" + denials.get(0).rule().get().rule()
            : denials.get(0).check().name().toLowerCase(Locale.ROOT);
        counts.put(label, counts.getOrDefault(label, 0L) + 1);
      }
      return counts;
    }

    /** The stage after every change strictly before {@code b}. */
    private static Optional<LifecycleStage> stageAt(Party p, Instant b) {
      List<StageChange> before = p.lifecycle().history().stream().filter(c -> c.at().isBefore(b)).toList();
      return before.isEmpty() ? Optional.empty() : Optional.of(before.get(before.size() - 1).to());
    }

    @Override
    public CustomerCounts customers(TenantId tenant, Instant start, Instant end, Set<LifecycleStage> stages) {
      long atStart = 0;
      long atEnd = 0;
      long acquired = 0;
      long active = 0;
      for (Party p : data.parties()) {
        boolean customerAtStart = stageAt(p, start).map(stages::contains).orElse(false);
        boolean customerAtEnd = stageAt(p, end).map(stages::contains).orElse(false);
        Optional<Instant> first = p.lifecycle().history().stream().filter(c -> stages.contains(c.to()))
            .map(StageChange::at).findFirst();
        boolean interacted = data.interactions().stream()
            .anyMatch(i -> i.party().equals(p.id()) && in(i.occurredAt(), start, end));
        atStart += customerAtStart ? 1 : 0;
        atEnd += customerAtEnd ? 1 : 0;
        acquired += first.isPresent() && in(first.get(), start, end) ? 1 : 0;
        active += customerAtEnd && interacted ? 1 : 0;
      }
      return new CustomerCounts(atStart, atEnd, acquired, active);
    }

    @Override
    public Map<LifecycleStage, Long> stagesAt(TenantId tenant, Instant at) {
      Map<LifecycleStage, Long> counts = new HashMap<>();
      for (Party p : data.parties()) {
        stageAt(p, at).ifPresent(stage -> counts.put(stage, counts.getOrDefault(stage, 0L) + 1));
      }
      return counts;
    }

    @Override
    public Map<Integer, Long> surveyScores(TenantId tenant, String survey, Instant start, Instant end) {
      Map<Integer, Long> counts = new HashMap<>();
      for (Interaction i : data.interactions()) {
        if (i.kind() != InteractionKind.SURVEY_ANSWER || !in(i.occurredAt(), start, end)
            || !AttributeValue.of(survey).equals(i.attributes().get("survey"))
            || !(i.attributes().get("score") instanceof AttributeValue.NumberValue n)) {
          continue;
        }
        BigDecimal score = n.value();
        boolean whole = score.remainder(BigDecimal.ONE).compareTo(BigDecimal.ZERO) == 0;
        if (whole && score.compareTo(new BigDecimal(-1000)) >= 0 && score.compareTo(new BigDecimal(1000)) <= 0) {
          counts.merge(score.intValue(), 1L, Long::sum);
        }
      }
      return counts;
    }

    @Override
    public LedgerTotals ledgerTotals(TenantId tenant, LocalDate from, LocalDate until) {
      BigDecimal cost = new BigDecimal("0.0000");
      BigDecimal value = new BigDecimal("0.0000");
      long costs = 0;
      long values = 0;
      for (LedgerEntry e : data.ledger()) {
        if (e.date().isBefore(from) || !e.date().isBefore(until)) {
          continue;
        }
        if (e.kind() == LedgerEntry.Kind.COST) {
          cost = cost.add(e.amount());
          costs++;
        } else {
          value = value.add(e.amount());
          values++;
        }
      }
      return new LedgerTotals(cost, value, costs, values);
    }
  }
}
