package dev.etiquette.crm.internal;

import static java.util.Objects.requireNonNull;

import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.contact.ContactEntry;
import dev.etiquette.crm.api.contact.ContactStatus;
import dev.etiquette.crm.api.contact.RuleVerdict;
import dev.etiquette.crm.api.contact.Verdict;
import dev.etiquette.crm.api.interaction.Conversation;
import dev.etiquette.crm.api.interaction.ConversationState;
import dev.etiquette.crm.api.interaction.Interaction;
import dev.etiquette.crm.api.interaction.InteractionId;
import dev.etiquette.crm.api.interaction.InteractionKind;
import dev.etiquette.crm.api.measure.LedgerEntry;
import dev.etiquette.crm.api.obligation.EscalationPoint;
import dev.etiquette.crm.api.obligation.Obligation;
import dev.etiquette.crm.api.obligation.ObligationKind;
import dev.etiquette.crm.api.obligation.ObligationState;
import dev.etiquette.crm.api.party.AttributeValue;
import dev.etiquette.crm.api.party.LifecycleStage;
import dev.etiquette.crm.api.party.Party;
import dev.etiquette.crm.api.party.PartyId;
import dev.etiquette.crm.api.party.StageChange;
import dev.etiquette.crm.api.spi.FactStore;
import dev.etiquette.crm.api.spi.TimelinePosition;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The {@link FactStore} of the {@link InMemoryStorage}: each aggregate is one pass over the records it needs
 * (conversations, obligations, contact entries, parties, interactions or ledger entries of the tenant), holding
 * only counters, or the durations where a percentile needs them. The only index it uses is each party's timeline,
 * to tell whether a customer had an interaction in a period without a pass over every interaction.
 */
final class InMemoryFacts implements FactStore {

  /** What the aggregates read: one tenant's records as the transaction sees them. */
  interface Source {
    Collection<Party> parties();

    Collection<Conversation> conversations();

    Collection<Interaction> interactions();

    /** The party's interactions by position; empty or null when it has none. */
    NavigableMap<TimelinePosition, Interaction> timeline(PartyId party);

    Collection<Obligation> obligations();

    Collection<ContactEntry> contacts();

    InMemoryMeasurements.Data measurements();
  }

  /** The smallest interaction id there can be: {@code -} comes before every other character of the format. */
  private static final InteractionId LOWEST = InteractionId.of("-");
  private static final BigDecimal MIN_SCORE = BigDecimal.valueOf(-1_000);
  private static final BigDecimal MAX_SCORE = BigDecimal.valueOf(1_000);
  private static final BigDecimal ZERO = BigDecimal.ZERO.setScale(4);

  private final Function<TenantId, Source> source;

  InMemoryFacts(Function<TenantId, Source> source) {
    this.source = requireNonNull(source, "source");
  }

  private static boolean within(Instant t, Instant start, Instant end) {
    return !t.isBefore(start) && t.isBefore(end);
  }

  private static void check(Instant start, Instant end) {
    requireNonNull(start, "start");
    requireNonNull(end, "end");
  }

  @Override
  public Distribution firstResponseTimes(TenantId tenant, Instant start, Instant end, TimeBasis basis) {
    check(start, end);
    requireNonNull(basis, "basis");
    Millis millis = new Millis();
    for (Conversation c : source.apply(tenant).conversations()) {
      if (c.firstReplyAt().isEmpty() || c.firstInboundAt().isEmpty() || !within(c.firstInboundAt().get(), start,
          end)) {
        continue;
      }
      millis.add(basis == TimeBasis.ELAPSED
          ? Duration.between(c.firstInboundAt().get(), c.firstReplyAt().get()).toMillis()
          : c.firstReplyBusinessTime().orElseThrow().toMillis());
    }
    return millis.distribution();
  }

  @Override
  public Distribution resolutionTimes(TenantId tenant, Instant start, Instant end) {
    check(start, end);
    Millis millis = new Millis();
    for (Conversation c : source.apply(tenant).conversations()) {
      if (c.state() == ConversationState.RESOLVED && within(c.stateChangedAt(), start, end)) {
        millis.add(Duration.between(c.openedAt(), c.stateChangedAt()).toMillis());
      }
    }
    return millis.distribution();
  }

  @Override
  public SlaCounts slaCounts(TenantId tenant, Instant start, Instant end, Instant asOf,
      Optional<ObligationKind> kind) {
    check(start, end);
    requireNonNull(asOf, "asOf");
    requireNonNull(kind, "kind");
    long onTime = 0;
    long late = 0;
    long missed = 0;
    long pending = 0;
    for (Obligation o : source.apply(tenant).obligations()) {
      if (o.state() == ObligationState.CANCELLED || !within(o.dueAt(), start, end)
          || (kind.isPresent() && o.kind() != kind.get())) {
        continue;
      }
      if (o.state() == ObligationState.SATISFIED_ON_TIME) {
        onTime++;
      } else if (o.state() == ObligationState.SATISFIED_LATE) {
        late++;
      } else if (o.dueAt().isBefore(asOf)) {
        missed++;
      } else {
        pending++;
      }
    }
    return new SlaCounts(onTime, late, missed, pending);
  }

  @Override
  public long breaches(TenantId tenant, Instant start, Instant end) {
    check(start, end);
    long count = 0;
    for (Obligation o : source.apply(tenant).obligations()) {
      if (o.breachedAt().isPresent() && within(o.breachedAt().get(), start, end)) {
        count++;
      }
    }
    return count;
  }

  @Override
  public long escalations(TenantId tenant, Instant start, Instant end) {
    check(start, end);
    long count = 0;
    for (Obligation o : source.apply(tenant).obligations()) {
      for (EscalationPoint point : o.escalations()) {
        if (point.step() <= o.escalated() && within(point.dueAt(), start, end)) {
          count++;
        }
      }
    }
    return count;
  }

  @Override
  public Map<String, Long> deniedContacts(TenantId tenant, Instant start, Instant end) {
    check(start, end);
    Map<String, Long> counts = new HashMap<>();
    for (ContactEntry entry : source.apply(tenant).contacts()) {
      if (entry.status() == ContactStatus.DENIED && within(entry.at(), start, end)) {
        counts.merge(denialLabel(entry), 1L, Long::sum);
      }
    }
    return Map.copyOf(counts);
  }

  /**
   * The label a denied entry is counted under: {@code <rule set>/<rule>} of its receipt's first denial when that
   * names a rule, else the denial's check in lower case; {@code unknown} for a receipt that names no denying rule.
   */
  static String denialLabel(ContactEntry entry) {
    for (RuleVerdict verdict : entry.receipt().rules()) {
      if (verdict.verdict() == Verdict.DENY) {
        return verdict.rule().map(r -> r.ruleSet() + "/" + r.rule())
            .orElseGet(() -> verdict.check().name().toLowerCase(Locale.ROOT));
      }
    }
    return "unknown";
  }

  @Override
  public CustomerCounts customers(TenantId tenant, Instant start, Instant end, Set<LifecycleStage> customerStages) {
    check(start, end);
    requireNonNull(customerStages, "customerStages");
    Source data = source.apply(tenant);
    long atStart = 0;
    long atEnd = 0;
    long acquired = 0;
    long active = 0;
    for (Party party : data.parties()) {
      LifecycleStage stageAtStart = null;
      LifecycleStage stageAtEnd = null;
      Instant firstCustomer = null;
      for (StageChange change : party.lifecycle().history()) {
        if (change.at().isBefore(start)) {
          stageAtStart = change.to();
        }
        if (change.at().isBefore(end)) {
          stageAtEnd = change.to();
        }
        if (firstCustomer == null && customerStages.contains(change.to())) {
          firstCustomer = change.at();
        }
      }
      if (stageAtStart != null && customerStages.contains(stageAtStart)) {
        atStart++;
      }
      if (firstCustomer != null && within(firstCustomer, start, end)) {
        acquired++;
      }
      if (stageAtEnd != null && customerStages.contains(stageAtEnd)) {
        atEnd++;
        if (interactedWithin(data.timeline(party.id()), start, end)) {
          active++;
        }
      }
    }
    return new CustomerCounts(atStart, atEnd, acquired, active);
  }

  /** Whether the timeline holds an interaction that occurred in {@code [start, end)}: one index look-up. */
  private static boolean interactedWithin(NavigableMap<TimelinePosition, Interaction> timeline, Instant start,
      Instant end) {
    if (timeline == null || timeline.isEmpty()) {
      return false;
    }
    TimelinePosition first = timeline.ceilingKey(new TimelinePosition(start, LOWEST));
    return first != null && first.occurredAt().isBefore(end);
  }

  @Override
  public Map<LifecycleStage, Long> stagesAt(TenantId tenant, Instant at) {
    requireNonNull(at, "at");
    Map<LifecycleStage, Long> counts = new HashMap<>();
    for (Party party : source.apply(tenant).parties()) {
      LifecycleStage stage = null;
      for (StageChange change : party.lifecycle().history()) {
        if (change.at().isBefore(at)) {
          stage = change.to();
        }
      }
      if (stage != null) {
        counts.merge(stage, 1L, Long::sum);
      }
    }
    return Map.copyOf(counts);
  }

  @Override
  public Map<Integer, Long> surveyScores(TenantId tenant, String survey, Instant start, Instant end) {
    requireNonNull(survey, "survey");
    check(start, end);
    Map<Integer, Long> counts = new HashMap<>();
    for (Interaction i : source.apply(tenant).interactions()) {
      if (i.kind() != InteractionKind.SURVEY_ANSWER || !within(i.occurredAt(), start, end)
          || !(i.attributes().get("survey") instanceof AttributeValue.StringValue name)
          || !name.value().equals(survey)) {
        continue;
      }
      score(i.attributes().get("score")).ifPresent(score -> counts.merge(score, 1L, Long::sum));
    }
    return Map.copyOf(counts);
  }

  /** The score a survey answer gives: a whole number from -1,000 to 1,000, else none. */
  static Optional<Integer> score(AttributeValue value) {
    if (!(value instanceof AttributeValue.NumberValue number)) {
      return Optional.empty();
    }
    BigDecimal n = number.value();
    if (n.signum() != 0 && n.stripTrailingZeros().scale() > 0 || n.compareTo(MIN_SCORE) < 0
        || n.compareTo(MAX_SCORE) > 0) {
      return Optional.empty();
    }
    return Optional.of(n.intValueExact());
  }

  @Override
  public LedgerTotals ledgerTotals(TenantId tenant, LocalDate from, LocalDate until) {
    BigDecimal cost = ZERO;
    BigDecimal value = ZERO;
    long costEntries = 0;
    long valueEntries = 0;
    for (LedgerEntry entry : InMemoryMeasurements.range(source.apply(tenant).measurements(), from, until).values()) {
      if (entry.kind() == LedgerEntry.Kind.COST) {
        cost = cost.add(entry.amount());
        costEntries++;
      } else {
        value = value.add(entry.amount());
        valueEntries++;
      }
    }
    return new LedgerTotals(cost.setScale(4, RoundingMode.UNNECESSARY), value.setScale(4, RoundingMode.UNNECESSARY),
        costEntries, valueEntries);
  }

  /** Durations in milliseconds, collected in one pass: a growing array, sorted once at the end. */
  private static final class Millis {
    private long[] values = new long[16];
    private int size;

    void add(long millis) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = millis;
    }

    Distribution distribution() {
      return Distribution.of(Arrays.copyOf(values, size));
    }
  }
}
