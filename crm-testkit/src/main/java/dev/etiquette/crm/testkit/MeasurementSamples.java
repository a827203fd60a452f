package dev.etiquette.crm.testkit;

import dev.etiquette.crm.api.Actor;
import dev.etiquette.crm.api.Channel;
import dev.etiquette.crm.api.Purpose;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.contact.ContactCheck;
import dev.etiquette.crm.api.contact.ContactEntry;
import dev.etiquette.crm.api.contact.ContactId;
import dev.etiquette.crm.api.contact.ContactReceipt;
import dev.etiquette.crm.api.contact.ContactRequest;
import dev.etiquette.crm.api.contact.ContactStatus;
import dev.etiquette.crm.api.contact.RuleVerdict;
import dev.etiquette.crm.api.contact.Verdict;
import dev.etiquette.crm.api.interaction.Conversation;
import dev.etiquette.crm.api.interaction.ConversationId;
import dev.etiquette.crm.api.interaction.ConversationState;
import dev.etiquette.crm.api.interaction.Direction;
import dev.etiquette.crm.api.interaction.Interaction;
import dev.etiquette.crm.api.interaction.InteractionId;
import dev.etiquette.crm.api.interaction.InteractionKind;
import dev.etiquette.crm.api.measure.LedgerEntry;
import dev.etiquette.crm.api.measure.MeasurementPeriod;
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
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The hand-built measurement dataset of the contract suite ({@link MeasurementContract}), with the periods its
 * expected aggregates are computed for. The tenant's zone is Europe/Paris, where summer time ends on Sunday
 * 25 October 2026 (03:00 CEST becomes 02:00 CET): October 2026 runs from {@code 2026-09-30T22:00Z} to
 * {@code 2026-10-31T23:00Z}, and the week of 19 October from {@code 2026-10-18T22:00Z} to
 * {@code 2026-10-25T23:00Z}. Records fall exactly on those boundaries, and at 23:30 local time on the last
 * day, which an adapter that kept the summer offset would put in the next period.
 *
 * <p>Every expected value of {@link MeasurementContract} is worked out by hand from the records here; the
 * comments say which records count.
 */
public final class MeasurementSamples {

  /** The tenant's zone. */
  public static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  /** October 2026 in Paris: 31 days and 1 hour. */
  public static final MeasurementPeriod OCTOBER = new MeasurementPeriod(LocalDate.of(2026, 10, 1),
      LocalDate.of(2026, 11, 1), PARIS);
  /** The week of Monday 19 October 2026 in Paris, the one in which summer time ends. */
  public static final MeasurementPeriod WEEK_43 = new MeasurementPeriod(LocalDate.of(2026, 10, 19),
      LocalDate.of(2026, 10, 26), PARIS);
  /** September 2026 in Paris. */
  public static final MeasurementPeriod SEPTEMBER = new MeasurementPeriod(LocalDate.of(2026, 9, 1),
      LocalDate.of(2026, 10, 1), PARIS);
  /** November 2026 in Paris. */
  public static final MeasurementPeriod NOVEMBER = new MeasurementPeriod(LocalDate.of(2026, 11, 1),
      LocalDate.of(2026, 12, 1), PARIS);
  /** January 2025: before every record, an empty period. */
  public static final MeasurementPeriod EMPTY = new MeasurementPeriod(LocalDate.of(2025, 1, 1),
      LocalDate.of(2025, 2, 1), PARIS);

  /** The first instant of October: {@code 2026-09-30T22:00:00Z}. */
  public static final Instant OCT_START = OCTOBER.startInstant();
  /** The first instant of November: {@code 2026-10-31T23:00:00Z}. */
  public static final Instant OCT_END = OCTOBER.endInstant();
  /** 31 October 23:30 CET: still October, though after 22:00Z, where October would end at the summer offset. */
  public static final Instant OCT_LAST_HALF_HOUR = Instant.parse("2026-10-31T22:30:00Z");
  /** 25 October 23:30 CET: still week 43, though after 22:00Z. */
  public static final Instant WEEK_LAST_HALF_HOUR = Instant.parse("2026-10-25T22:30:00Z");
  /** The instant the SLA counts of October are taken at in the suite. */
  public static final Instant AS_OF = Instant.parse("2026-10-20T12:00:00Z");

  /** The stages that make a customer. */
  public static final java.util.Set<LifecycleStage> CUSTOMER_STAGES = java.util.Set.of(LifecycleStage.CUSTOMER,
      LifecycleStage.EVANGELIST);

  private MeasurementSamples() {}

  private static Instant at(String instant) {
    return Instant.parse(instant);
  }

  /**
   * The dataset, in {@code tenant}:
   * <ul>
   *   <li>parties {@code pA}..{@code pI} with stage histories (customer, evangelist, churned, lead, ...);</li>
   *   <li>conversations {@code c1}..{@code c10}, answered and not, resolved and not;</li>
   *   <li>obligations {@code o1}..{@code o12} in every state, breached, escalated and cancelled ones too;</li>
   *   <li>contact-ledger entries {@code d1}..{@code d8}: denials by a rule, by a check without a rule
   *       (do-not-contact, consent), and allowed ones;</li>
   *   <li>survey answers {@code s1}..{@code s19} (nps and csat, scores in and out of range, not whole, of the wrong
   *       type) and plain contacts {@code i1}..{@code i3};</li>
   *   <li>ledger entries {@code l1}..{@code l6}.</li>
   * </ul>
   */
  public static MeasurementDataset dataset(TenantId tenant) {
    List<Party> parties = List.of(
        party(tenant, "pA", "lead", "2026-09-10T10:00:00Z", "customer", "2026-09-20T10:00:00Z"),
        party(tenant, "pB", "lead", "2026-09-05T10:00:00Z", "customer", "2026-09-30T22:00:00Z"),
        party(tenant, "pC", "customer", "2026-09-01T10:00:00Z", "churned", "2026-10-10T10:00:00Z"),
        party(tenant, "pD", "opportunity", "2026-10-05T10:00:00Z", "customer", "2026-10-31T23:00:00Z"),
        party(tenant, "pE", "customer", "2026-10-31T22:30:00Z", "evangelist", "2026-11-05T10:00:00Z"),
        party(tenant, "pF", "customer", "2026-09-15T10:00:00Z", "churned", "2026-10-02T10:00:00Z",
            "customer", "2026-10-20T10:00:00Z"),
        party(tenant, "pG", "evangelist", "2026-09-02T10:00:00Z"),
        Samples.organization(tenant, "pH", "No Stage Ltd"),
        party(tenant, "pI", "subscriber", "2026-10-15T10:00:00Z"));

    List<Conversation> conversations = List.of(
        // first inbound, first reply, business time, opened, state, state changed
        conversation(tenant, "c1", "pA", "2026-10-12T08:00:00Z", "2026-10-12T08:30:00Z", Duration.ofMinutes(20),
            "2026-10-12T08:00:00Z", ConversationState.RESOLVED, "2026-10-12T10:00:00Z"),
        conversation(tenant, "c2", "pA", "2026-10-13T09:00:00Z", "2026-10-13T11:00:00Z", Duration.ofHours(1),
            "2026-10-13T08:45:00Z", ConversationState.RESOLVED, "2026-10-14T08:45:00Z"),
        conversation(tenant, "c3", "pC", "2026-10-20T10:00:00Z", "2026-10-20T10:10:00.000999Z",
            Duration.ofMinutes(10).plusNanos(999_000), "2026-10-20T10:00:00Z", ConversationState.WAITING_ON_CUSTOMER,
            "2026-10-20T10:10:00.000999Z"),
        conversation(tenant, "c4", "pF", "2026-09-30T22:00:00Z", "2026-10-01T02:00:00Z", Duration.ofMinutes(5),
            "2026-09-30T22:00:00Z", ConversationState.RESOLVED, "2026-10-31T23:00:00Z"),
        conversation(tenant, "c5", "pF", "2026-10-31T22:30:00Z", "2026-11-01T07:00:00Z", Duration.ofMinutes(40),
            "2026-10-31T22:30:00Z", ConversationState.OPEN, "2026-10-31T22:30:00Z"),
        conversation(tenant, "c6", "pC", "2026-10-15T12:00:00Z", null, null,
            "2026-10-15T12:00:00Z", ConversationState.OPEN, "2026-10-15T12:00:00Z"),
        conversation(tenant, "c7", "pA", "2026-10-31T23:00:00Z", "2026-10-31T23:01:00Z", Duration.ofMinutes(1),
            "2026-10-31T23:00:00Z", ConversationState.OPEN, "2026-10-31T23:00:00Z"),
        conversation(tenant, "c8", "pA", "2026-09-30T21:59:59.999999Z", "2026-09-30T22:59:59.999999Z",
            Duration.ofHours(1), "2026-09-30T21:59:59.999999Z", ConversationState.RESOLVED, "2026-09-30T22:00:00Z"),
        conversation(tenant, "c9", "pF", "2026-10-25T22:30:00Z", "2026-10-25T23:30:00Z", Duration.ZERO,
            "2026-10-25T22:30:00Z", ConversationState.RESOLVED, "2026-10-25T23:30:00.000500Z"),
        conversation(tenant, "c10", "pA", "2026-10-18T21:00:00Z", null, null,
            "2026-10-18T21:00:00Z", ConversationState.RESOLVED, "2026-10-18T22:00:00Z"));

    List<Obligation> obligations = List.of(
        obligation(tenant, "o1", ObligationKind.FIRST_RESPONSE, ObligationState.SATISFIED_ON_TIME,
            "2026-10-05T10:00:00Z", 0, false),
        obligation(tenant, "o2", ObligationKind.FIRST_RESPONSE, ObligationState.SATISFIED_ON_TIME,
            "2026-09-30T22:00:00Z", 0, false),
        obligation(tenant, "o3", ObligationKind.FOLLOW_UP, ObligationState.SATISFIED_LATE,
            "2026-10-06T10:00:00Z", 1, false),
        obligation(tenant, "o4", ObligationKind.FIRST_RESPONSE, ObligationState.BREACHED,
            "2026-10-10T10:00:00Z", 2, false),
        obligation(tenant, "o5", ObligationKind.FOLLOW_UP, ObligationState.OPEN,
            "2026-10-19T09:00:00Z", 0, false),
        obligation(tenant, "o6", ObligationKind.FIRST_RESPONSE, ObligationState.OPEN,
            "2026-10-25T22:30:00Z", 0, false),
        obligation(tenant, "o7", ObligationKind.NEXT_RESPONSE, ObligationState.SCHEDULED,
            "2026-10-28T10:00:00Z", 0, false),
        obligation(tenant, "o8", ObligationKind.FOLLOW_UP, ObligationState.CANCELLED,
            "2026-10-08T10:00:00Z", 1, true),
        obligation(tenant, "o9", ObligationKind.FIRST_RESPONSE, ObligationState.CANCELLED,
            "2026-10-09T10:00:00Z", 0, false),
        obligation(tenant, "o10", ObligationKind.FIRST_RESPONSE, ObligationState.SATISFIED_ON_TIME,
            "2026-10-31T23:00:00Z", 0, false),
        obligation(tenant, "o11", ObligationKind.DORMANCY, ObligationState.BREACHED,
            "2026-09-30T21:00:00Z", 1, false),
        obligation(tenant, "o12", ObligationKind.FIRST_RESPONSE, ObligationState.SATISFIED_LATE,
            "2026-10-31T22:30:00Z", 0, false));

    RuleVerdict dncDenies = new RuleVerdict(ContactCheck.DO_NOT_CONTACT, Optional.empty(), Verdict.DENY,
        "flagged do-not-contact", Optional.empty());
    RuleVerdict consentDeniesByDefault = new RuleVerdict(ContactCheck.CONSENT, Optional.empty(), Verdict.DENY,
        "no consent record", Optional.empty());
    RuleVerdict capDenies = new RuleVerdict(ContactCheck.FREQUENCY_CAP,
        Optional.of(new RuleRef("marketing", 2, "weekly-marketing")), Verdict.DENY, "3 of 3 contacts",
        Optional.of(at("2026-11-10T00:00:00Z")));
    RuleVerdict quietAllows = new RuleVerdict(ContactCheck.QUIET_HOURS,
        Optional.of(new RuleRef("marketing", 2, "quiet_hours")), Verdict.ALLOW, "outside quiet hours",
        Optional.empty());
    List<ContactEntry> contacts = List.of(
        Samples.contact(tenant, "d1", "pA", ContactStatus.DENIED, at("2026-10-03T10:00:00Z")),
        Samples.contact(tenant, "d2", "pB", ContactStatus.DENIED, WEEK_LAST_HALF_HOUR),
        Samples.contact(tenant, "d3", "pC", Purpose.TRANSACTIONAL, ContactStatus.DENIED, at("2026-10-12T10:00:00Z")),
        denied(tenant, "d4", "pD", OCT_START, List.of(dncDenies, capDenies, quietAllows)),
        denied(tenant, "d5", "pE", at("2026-10-20T10:00:00Z"), List.of(consentDeniesByDefault, quietAllows)),
        Samples.contact(tenant, "d6", "pF", ContactStatus.DENIED, OCT_END),
        Samples.contact(tenant, "d7", "pG", ContactStatus.SENT, at("2026-10-04T10:00:00Z")),
        Samples.contact(tenant, "d8", "pA", ContactStatus.RELEASED, at("2026-10-05T10:00:00Z")));

    List<Interaction> interactions = new ArrayList<>(List.of(
        answer(tenant, "s1", "pE", "nps", AttributeValue.of(new BigDecimal("10")), "2026-10-03T10:00:00Z"),
        answer(tenant, "s2", "pA", "nps", AttributeValue.of(new BigDecimal("9")), "2026-10-04T10:00:00Z"),
        answer(tenant, "s3", "pF", "nps", AttributeValue.of(new BigDecimal("7")), "2026-10-25T22:30:00Z"),
        answer(tenant, "s4", "pA", "nps", AttributeValue.of(new BigDecimal("0")), "2026-09-30T22:00:00Z"),
        answer(tenant, "s5", "pC", "nps", AttributeValue.of(new BigDecimal("6")), "2026-10-31T22:30:00Z"),
        answer(tenant, "s6", "pA", "nps", AttributeValue.of(new BigDecimal("11")), "2026-10-06T10:00:00Z"),
        answer(tenant, "s7", "pA", "nps", AttributeValue.of(new BigDecimal("7.5")), "2026-10-06T10:00:00Z"),
        answer(tenant, "s8", "pA", "nps", AttributeValue.of(new BigDecimal("1001")), "2026-10-06T10:00:00Z"),
        answer(tenant, "s9", "pA", "nps", AttributeValue.of(new BigDecimal("-3")), "2026-10-06T10:00:00Z"),
        answer(tenant, "s10", "pH", "nps", AttributeValue.of(new BigDecimal("8")), "2026-10-31T23:00:00Z"),
        answer(tenant, "s11", "pC", "csat", AttributeValue.of(new BigDecimal("5")), "2026-10-07T10:00:00Z"),
        answer(tenant, "s12", "pC", "csat", AttributeValue.of(new BigDecimal("3")), "2026-10-08T10:00:00Z"),
        answer(tenant, "s13", "pC", "csat", AttributeValue.of(new BigDecimal("4")), "2026-10-25T22:30:00Z"),
        answer(tenant, "s14", "pC", "csat", AttributeValue.of(new BigDecimal("0")), "2026-10-09T10:00:00Z"),
        interaction(tenant, "s15", "pC", InteractionKind.SURVEY_ANSWER, Map.of("survey", AttributeValue.choice("nps"),
            "score", AttributeValue.of(new BigDecimal("10"))), "2026-10-10T10:00:00Z"),
        interaction(tenant, "s16", "pC", InteractionKind.CONTACT, Map.of("survey", AttributeValue.of("nps"),
            "score", AttributeValue.of(new BigDecimal("10"))), "2026-10-10T10:00:00Z"),
        interaction(tenant, "s17", "pC", InteractionKind.SURVEY_ANSWER, Map.of("survey", AttributeValue.of("nps")),
            "2026-10-10T10:00:00Z"),
        answer(tenant, "s18", "pC", "nps", AttributeValue.of("9"), "2026-10-10T10:00:00Z"),
        answer(tenant, "s19", "pC", "nps", AttributeValue.of(new BigDecimal("1E+3")), "2026-10-10T10:00:00Z")));
    interactions.add(interaction(tenant, "i1", "pB", InteractionKind.CONTACT, Map.of(), "2026-10-31T23:00:00Z"));
    interactions.add(interaction(tenant, "i2", "pB", InteractionKind.CONTACT, Map.of(), "2026-09-30T21:59:59Z"));
    interactions.add(interaction(tenant, "i3", "pG", InteractionKind.PURCHASE, Map.of(), "2026-11-10T10:00:00Z"));

    List<LedgerEntry> ledger = List.of(
        LedgerEntry.cost("l1", LedgerEntry.LICENCE, new BigDecimal("1200.00"), LocalDate.of(2026, 10, 1),
            "CRM licence, October"),
        LedgerEntry.hours("l2", new BigDecimal("12.5"), new BigDecimal("80"), LocalDate.of(2026, 10, 15),
            "Agent training: 12.5 hours at 80"),
        LedgerEntry.value("l3", LedgerEntry.ATTRIBUTED_REVENUE, new BigDecimal("5000.1234"),
            LocalDate.of(2026, 10, 31), "Renewals attributed to the programme"),
        LedgerEntry.cost("l4", LedgerEntry.SERVICES, new BigDecimal("-200"), LocalDate.of(2026, 10, 20),
            "Refund of an invoice for services"),
        LedgerEntry.value("l5", LedgerEntry.RETAINED_VALUE, new BigDecimal("999.9999"), LocalDate.of(2026, 11, 1),
            "Retained accounts"),
        LedgerEntry.cost("l6", LedgerEntry.LICENCE, new BigDecimal("300"), LocalDate.of(2026, 9, 30),
            "CRM licence, September"));

    return new MeasurementDataset(tenant, parties, interactions, conversations, obligations, contacts, ledger);
  }

  /**
   * A person with the stage history given as stage and instant pairs, oldest first (no stage when there are
   * none).
   */
  public static Party party(TenantId tenant, String id, String... stagesAndInstants) {
    Party base = Samples.party(tenant, id, "Party " + id);
    return withLifecycle(base, lifecycle(stagesAndInstants));
  }

  /** The lifecycle of stage and instant pairs, oldest first. */
  public static Lifecycle lifecycle(String... stagesAndInstants) {
    Lifecycle lifecycle = Lifecycle.none();
    for (int i = 0; i + 1 < stagesAndInstants.length; i += 2) {
      lifecycle = lifecycle.plus(new StageChange(lifecycle.current(), LifecycleStage.of(stagesAndInstants[i]),
          Instant.parse(stagesAndInstants[i + 1]), Actor.user("u1"), false, Optional.empty()));
    }
    return lifecycle;
  }

  /** {@code p} with another lifecycle, created before its first change and updated at its last. */
  public static Party withLifecycle(Party p, Lifecycle lifecycle) {
    Instant created = lifecycle.history().isEmpty() ? p.createdAt()
        : min(p.createdAt(), lifecycle.history().get(0).at());
    Instant updated = lifecycle.history().isEmpty() ? p.updatedAt()
        : max(created, lifecycle.history().get(lifecycle.history().size() - 1).at());
    return new Party(p.tenantId(), p.id(), p.kind(), p.displayName(), p.roles(), p.externalIds(), p.contactPoints(),
        p.preferences(), p.consents(), p.doNotContact(), lifecycle, p.owner(), p.team(), p.tags(), p.attributes(),
        Math.max(1, lifecycle.history().size()), created, updated);
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  /**
   * A conversation by e-mail with the given summary: first inbound, first reply and its business time (both
   * {@code null} for none), opening, state and when it last changed. It holds two interactions, or one without a
   * reply.
   */
  public static Conversation conversation(TenantId tenant, String id, String party, String firstInbound,
      String firstReply, Duration businessTime, String opened, ConversationState state, String stateChanged) {
    Optional<Instant> in = Optional.ofNullable(firstInbound).map(Instant::parse);
    Optional<Instant> reply = Optional.ofNullable(firstReply).map(Instant::parse);
    Instant changed = Instant.parse(stateChanged);
    Instant created = Instant.parse(opened);
    Instant updated = reply.filter(r -> r.isAfter(changed)).orElse(changed);
    return new Conversation(tenant, ConversationId.of(id), PartyId.of(party), Channel.EMAIL, state, created, changed,
        in, in, reply, reply, Optional.ofNullable(businessTime), reply.isPresent() ? 2 : 1, reply.isPresent() ? 3 : 2,
        created, updated);
  }

  /**
   * An obligation of {@code kind} in {@code state} with its deadline at {@code dueAt}, breached at its deadline
   * when its state says so (or when {@code breachedBeforeCancelling}), with {@code escalated} of its two
   * escalation steps (an hour and two after the deadline) fallen.
   */
  public static Obligation obligation(TenantId tenant, String id, ObligationKind kind, ObligationState state,
      String dueAt, int escalated, boolean breachedBeforeCancelling) {
    Samples.ObligationBuilder builder = Samples.obligation(tenant, id).kind(kind).state(state).party("pA")
        .dueAt(Instant.parse(dueAt)).escalated(escalated).createdAt(Instant.parse(dueAt).minus(Duration.ofHours(5)));
    if (kind == ObligationKind.FIRST_RESPONSE || kind == ObligationKind.NEXT_RESPONSE) {
      builder.conversation("c-" + id);
    }
    if (breachedBeforeCancelling) {
      builder.breachedBeforeCancelling();
    }
    return builder.build();
  }

  /** A DENIED entry of the contact ledger for a marketing e-mail at {@code at}, whose receipt lists {@code rules}. */
  public static ContactEntry denied(TenantId tenant, String id, String party, Instant at, List<RuleVerdict> rules) {
    ContactReceipt receipt = new ContactReceipt(tenant, ContactRequest.of(PartyId.of(party), Channel.EMAIL,
        Purpose.MARKETING, at), at.minusSeconds(30), Verdict.DENY, rules, Optional.empty(), Optional.empty(),
        Optional.empty());
    return new ContactEntry(tenant, ContactId.of(id), ContactStatus.DENIED, receipt, Actor.user("sender-1"), 1,
        at.minusSeconds(30), at.minusSeconds(30));
  }

  /** An inbound survey answer of {@code survey} with the given score. */
  public static Interaction answer(TenantId tenant, String id, String party, String survey, AttributeValue score,
      String occurredAt) {
    Map<String, AttributeValue> attributes = new HashMap<>();
    attributes.put("survey", AttributeValue.of(survey));
    attributes.put("score", score);
    return interaction(tenant, id, party, InteractionKind.SURVEY_ANSWER, attributes, occurredAt);
  }

  /** An inbound interaction of {@code kind} by e-mail, without a conversation, recorded as it occurred. */
  public static Interaction interaction(TenantId tenant, String id, String party, InteractionKind kind,
      Map<String, AttributeValue> attributes, String occurredAt) {
    Instant at = Instant.parse(occurredAt);
    return new Interaction(tenant, InteractionId.of(id), PartyId.of(party), kind, Channel.EMAIL, Purpose.SERVICE,
        Direction.INBOUND, Actor.system(), Optional.empty(), at, at, Optional.empty(), attributes);
  }
}
