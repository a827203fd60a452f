package dev.etiquette.crm.testkit;

import dev.etiquette.crm.api.Channel;
import dev.etiquette.crm.api.Purpose;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.contact.ContactCheck;
import dev.etiquette.crm.api.contact.ContactEntry;
import dev.etiquette.crm.api.contact.ContactStatus;
import dev.etiquette.crm.api.contact.RuleVerdict;
import dev.etiquette.crm.api.contact.Verdict;
import dev.etiquette.crm.api.interaction.Conversation;
import dev.etiquette.crm.api.interaction.ConversationId;
import dev.etiquette.crm.api.interaction.ConversationState;
import dev.etiquette.crm.api.interaction.Interaction;
import dev.etiquette.crm.api.interaction.InteractionKind;
import dev.etiquette.crm.api.measure.LedgerEntry;
import dev.etiquette.crm.api.obligation.Obligation;
import dev.etiquette.crm.api.obligation.ObligationKind;
import dev.etiquette.crm.api.obligation.ObligationState;
import dev.etiquette.crm.api.party.AttributeValue;
import dev.etiquette.crm.api.party.Lifecycle;
import dev.etiquette.crm.api.party.LifecycleStage;
import dev.etiquette.crm.api.party.Party;
import dev.etiquette.crm.api.party.PartyId;
import dev.etiquette.crm.api.party.StageChange;
import dev.etiquette.crm.api.rules.RuleRef;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Generated {@link MeasurementDataset}s: a few parties with stage histories, survey answers and other interactions,
 * conversations answered or not, obligations in every state, contact-ledger entries denied by every kind of check,
 * ledger entries. Every instant lies on a half-hour grid over four days around the end of summer time in Paris
 * ({@link #GRID_START}, 24 to 28 October 2026), some a microsecond before a grid point, some a fraction of a
 * millisecond after it, so that records fall on, just before and just after the boundaries of the periods that
 * {@link FactStoreAgreement} asks about. Records reference only the dataset's own parties. The tenant is
 * {@code m}; {@link MeasurementDataset#inTenant} moves a dataset into another.
 */
public final class MeasurementArbitraries {

  /** The first grid point: Saturday 24 October 2026, 02:00 in Paris. */
  public static final Instant GRID_START = Instant.parse("2026-10-24T00:00:00Z");
  /** How many half hours the grid has: four days. */
  public static final int SLOTS = 4 * 48;
  private static final TenantId TENANT = TenantId.of("m");
  private static final List<LifecycleStage> STAGES = List.of(LifecycleStage.LEAD, LifecycleStage.CUSTOMER,
      LifecycleStage.EVANGELIST, LifecycleStage.CHURNED, LifecycleStage.OPPORTUNITY);

  private MeasurementArbitraries() {}

  /** An instant on the grid, or a microsecond before a grid point, or a little after one. */
  static Arbitrary<Instant> gridInstants() {
    return Combinators.combine(Arbitraries.integers().between(0, SLOTS),
            Arbitraries.of(0L, 0L, 0L, 0L, -1_000L, 1_000L, 999_000L, 1_500_000L))
        .as((slot, nanos) -> GRID_START.plus(Duration.ofMinutes(30L * slot)).plusNanos(nanos));
  }

  /** Datasets in tenant {@code m}. */
  public static Arbitrary<MeasurementDataset> datasets() {
    return Arbitraries.integers().between(1, 6).flatMap(partyCount -> Combinators.combine(
            lifecycles().list().ofSize(partyCount),
            interactions(partyCount).list().ofMaxSize(16),
            conversations(partyCount).list().ofMaxSize(8),
            obligations(partyCount).list().ofMaxSize(8),
            contacts(partyCount).list().ofMaxSize(8),
            ledgerEntries().list().ofMaxSize(6))
        .as(MeasurementArbitraries::dataset));
  }

  private static MeasurementDataset dataset(List<Lifecycle> lifecycles, List<Interaction> interactions,
      List<Conversation> conversations, List<Obligation> obligations, List<ContactEntry> contacts,
      List<LedgerEntry> ledger) {
    List<Party> parties = new ArrayList<>();
    for (int i = 0; i < lifecycles.size(); i++) {
      parties.add(MeasurementSamples.withLifecycle(Samples.party(TENANT, "p" + i, "Party " + i),
          lifecycles.get(i)));
    }
    return new MeasurementDataset(TENANT, parties, renumber(interactions, "i"), renumber(conversations, "c"),
        renumber(obligations, "o"), renumber(contacts, "d"), renumber(ledger, "l"));
  }

  /** Gives the records ids {@code <prefix>0}, {@code <prefix>1}, ... in order, so that ids are unique. */
  @SuppressWarnings("unchecked")
  private static <T> List<T> renumber(List<T> records, String prefix) {
    List<T> out = new ArrayList<>();
    for (int n = 0; n < records.size(); n++) {
      T r = records.get(n);
      String id = prefix + n;
      Object renamed;
      if (r instanceof Interaction i) {
        renamed = new Interaction(i.tenantId(), dev.etiquette.crm.api.interaction.InteractionId.of(id), i.party(),
            i.kind(), i.channel(), i.purpose(), i.direction(), i.actor(), i.conversation(), i.occurredAt(),
            i.recordedAt(), i.outcome(), i.attributes());
      } else if (r instanceof Conversation c) {
        renamed = new Conversation(c.tenantId(), ConversationId.of(id), c.party(), c.channel(), c.state(),
            c.openedAt(), c.stateChangedAt(), c.firstInboundAt(), c.lastInboundAt(), c.lastOutboundAt(),
            c.firstReplyAt(), c.firstReplyBusinessTime(), c.interactionCount(), c.version(), c.createdAt(),
            c.updatedAt());
      } else if (r instanceof Obligation o) {
        renamed = MeasurementSamples.obligation(TENANT, id, o.party().value(), o.kind(), o.state(), o.dueAt(),
            o.escalated(), o.breachedAt().isPresent());
      } else if (r instanceof ContactEntry e) {
        renamed = MeasurementSamples.withId(e, id);
      } else {
        LedgerEntry l = (LedgerEntry) r;
        renamed = new LedgerEntry(id, l.kind(), l.category(), l.amount(), l.date(), l.description());
      }
      out.add((T) renamed);
    }
    return out;
  }

  /** Stage histories of up to four moves, in the order of their instants. */
  static Arbitrary<Lifecycle> lifecycles() {
    return Combinators.combine(Arbitraries.of(STAGES), gridInstants()).as(Map::entry).list().ofMaxSize(4)
        .map(moves -> {
          List<Map.Entry<LifecycleStage, Instant>> sorted = new ArrayList<>(moves);
          sorted.sort(Map.Entry.comparingByValue());
          Lifecycle lifecycle = Lifecycle.none();
          for (Map.Entry<LifecycleStage, Instant> move : sorted) {
            lifecycle = lifecycle.plus(new StageChange(lifecycle.current(), move.getKey(), move.getValue(),
                dev.etiquette.crm.api.Actor.user("u1"), false, Optional.empty()));
          }
          return lifecycle;
        });
  }

  private static Arbitrary<String> parties(int partyCount) {
    return Arbitraries.integers().between(0, partyCount - 1).map(i -> "p" + i);
  }

  /** Survey answers mostly (scores in and out of range, not whole, of the wrong type), and other interactions. */
  static Arbitrary<Interaction> interactions(int partyCount) {
    Arbitrary<Optional<AttributeValue>> scores = Arbitraries.of(-1, 0, 1, 3, 4, 5, 6, 7, 8, 9, 10, 11)
        .map(n -> Optional.<AttributeValue>of(AttributeValue.of(n)));
    Arbitrary<Optional<AttributeValue>> oddScores = Arbitraries.of(Optional.of(AttributeValue.of(new BigDecimal("7.5"))),
        Optional.of(AttributeValue.of(1001)), Optional.of(AttributeValue.of(new BigDecimal("1E+3"))),
        Optional.of(AttributeValue.of("9")), Optional.empty());
    Arbitrary<Optional<AttributeValue>> surveys = Arbitraries.of(Optional.of(AttributeValue.of("nps")),
        Optional.of(AttributeValue.of("nps")), Optional.of(AttributeValue.of("csat")),
        Optional.of(AttributeValue.choice("nps")), Optional.empty());
    return Combinators.combine(parties(partyCount),
            Arbitraries.of(InteractionKind.SURVEY_ANSWER, InteractionKind.SURVEY_ANSWER, InteractionKind.SURVEY_ANSWER,
                InteractionKind.CONTACT, InteractionKind.PURCHASE),
            surveys, Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, scores), net.jqwik.api.Tuple.of(1, oddScores)),
            gridInstants())
        .as((party, kind, survey, score, at) -> {
          Map<String, AttributeValue> attributes = new HashMap<>();
          survey.ifPresent(s -> attributes.put("survey", s));
          score.ifPresent(s -> attributes.put("score", s));
          return MeasurementSamples.interaction(TENANT, "i", party, kind, attributes, at.toString());
        });
  }

  /** Conversations answered or not, in any state, with consistent instants. */
  static Arbitrary<Conversation> conversations(int partyCount) {
    return Combinators.combine(parties(partyCount), gridInstants().list().ofSize(4), Arbitraries.of(true, true, false),
            Arbitraries.of(true, true, false), Arbitraries.doubles().between(0, 1),
            Arbitraries.of(ConversationState.class))
        .as((party, instants, inbound, answered, share, state) -> {
          List<Instant> t = new ArrayList<>(instants);
          t.sort(Comparator.naturalOrder());
          Optional<Instant> firstIn = inbound ? Optional.of(t.get(1)) : Optional.empty();
          Optional<Instant> reply = inbound && answered ? Optional.of(t.get(2)) : Optional.empty();
          Optional<Duration> business = reply.map(r -> Duration.ofNanos(
              (long) (Duration.between(t.get(1), r).toNanos() / 1_000 * share) * 1_000));
          Instant changed = state == ConversationState.OPEN ? t.get(0) : t.get(3);
          return new Conversation(TENANT, ConversationId.of("c"), PartyId.of(party), Channel.EMAIL, state, t.get(0),
              changed, firstIn, firstIn, reply, reply, business, reply.isPresent() ? 2 : 1, 3, t.get(0), t.get(3));
        });
  }

  /** Obligations of every kind in every state, breached, escalated and cancelled ones too. */
  static Arbitrary<Obligation> obligations(int partyCount) {
    return Combinators.combine(parties(partyCount), Arbitraries.of(ObligationKind.class),
            Arbitraries.of(ObligationState.class), gridInstants(), Arbitraries.integers().between(0, 2),
            Arbitraries.of(false, true))
        .as((party, kind, state, due, escalated, breached) -> MeasurementSamples.obligation(TENANT, "o", party,
            kind, state, due, escalated, breached));
  }

  /** Contact-ledger entries: allowed ones, and denials whose first denial is a rule's or a check's. */
  static Arbitrary<ContactEntry> contacts(int partyCount) {
    RuleVerdict dnc = new RuleVerdict(ContactCheck.DO_NOT_CONTACT, Optional.empty(), Verdict.DENY, "flagged",
        Optional.empty());
    RuleVerdict consentByDefault = new RuleVerdict(ContactCheck.CONSENT, Optional.empty(), Verdict.DENY,
        "no consent", Optional.empty());
    RuleVerdict consentByRule = new RuleVerdict(ContactCheck.CONSENT,
        Optional.of(new RuleRef("newsletter", 3, "consent")), Verdict.DENY, "opted out", Optional.empty());
    RuleVerdict cap = new RuleVerdict(ContactCheck.FREQUENCY_CAP,
        Optional.of(new RuleRef("marketing", 2, "weekly-marketing")), Verdict.DENY, "3 of 3", Optional.empty());
    return Combinators.combine(parties(partyCount), gridInstants(), Arbitraries.integers().between(0, 8))
        .as((party, at, variant) -> switch (variant) {
          case 0 -> Samples.contact(TENANT, "d", party, ContactStatus.DENIED, at);
          case 1 -> Samples.contact(TENANT, "d", party, Purpose.TRANSACTIONAL, ContactStatus.DENIED, at);
          case 2 -> MeasurementSamples.denied(TENANT, "d", party, at, List.of(dnc, cap));
          case 3 -> MeasurementSamples.denied(TENANT, "d", party, at, List.of(consentByDefault));
          case 4 -> MeasurementSamples.denied(TENANT, "d", party, at, List.of(consentByRule, cap));
          case 5 -> Samples.contact(TENANT, "d", party, ContactStatus.SENT, at);
          case 6 -> Samples.contact(TENANT, "d", party, ContactStatus.RESERVED, at);
          default -> Samples.contact(TENANT, "d", party, ContactStatus.RELEASED, at);
        });
  }

  /** Ledger entries of either kind, dated from 23 to 29 October 2026, some negative. */
  public static Arbitrary<LedgerEntry> ledgerEntries() {
    return Combinators.combine(Arbitraries.of(LedgerEntry.Kind.class),
            Arbitraries.of(new BigDecimal("1200.5"), new BigDecimal("-200"), new BigDecimal("0.0001"),
                new BigDecimal("999999999.9999"), new BigDecimal("1000")),
            Arbitraries.integers().between(23, 29))
        .as((kind, amount, day) -> new LedgerEntry("l", kind,
            kind == LedgerEntry.Kind.COST ? LedgerEntry.LICENCE : LedgerEntry.ATTRIBUTED_REVENUE, amount,
            LocalDate.of(2026, 10, day), "generated"));
  }
}
