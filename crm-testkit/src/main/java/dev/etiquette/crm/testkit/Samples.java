package dev.etiquette.crm.testkit;

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
import dev.etiquette.crm.api.party.AttributeValue;
import dev.etiquette.crm.api.party.ConsentId;
import dev.etiquette.crm.api.party.ConsentRecord;
import dev.etiquette.crm.api.party.ConsentStatus;
import dev.etiquette.crm.api.party.ContactPoint;
import dev.etiquette.crm.api.party.EmailAddress;
import dev.etiquette.crm.api.party.ExternalId;
import dev.etiquette.crm.api.party.LegalBasis;
import dev.etiquette.crm.api.party.Lifecycle;
import dev.etiquette.crm.api.party.LifecycleStage;
import dev.etiquette.crm.api.party.Party;
import dev.etiquette.crm.api.party.PartyId;
import dev.etiquette.crm.api.party.PartyKind;
import dev.etiquette.crm.api.party.PhoneNumber;
import dev.etiquette.crm.api.party.Preferences;
import dev.etiquette.crm.api.party.Role;
import dev.etiquette.crm.api.party.StageChange;
import dev.etiquette.crm.api.calendar.CalendarChoice;
import dev.etiquette.crm.api.notification.Notification;
import dev.etiquette.crm.api.notification.NotificationKind;
import dev.etiquette.crm.api.obligation.AssignedTo;
import dev.etiquette.crm.api.obligation.EscalationPoint;
import dev.etiquette.crm.api.obligation.Obligation;
import dev.etiquette.crm.api.obligation.ObligationEvent;
import dev.etiquette.crm.api.obligation.ObligationId;
import dev.etiquette.crm.api.obligation.ObligationKind;
import dev.etiquette.crm.api.obligation.ObligationState;
import dev.etiquette.crm.api.rules.Assignee;
import dev.etiquette.crm.api.rules.ContactRules;
import dev.etiquette.crm.api.rules.EscalationStep;
import dev.etiquette.crm.api.rules.EventFilter;
import dev.etiquette.crm.api.rules.FollowUpRule;
import dev.etiquette.crm.api.rules.RuleRef;
import dev.etiquette.crm.api.rules.RuleSet;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Ready-made stored records for storage tests: valid as the library would store them (normalized, with
 * instants in whole microseconds), with values chosen to trip a careless adapter (LIKE metacharacters,
 * quotes, non-Latin scripts, right-to-left text, a long name).
 */
public final class Samples {

  /** An instant in whole microseconds, as every store keeps. */
  public static final Instant T0 = Instant.parse("2026-01-05T09:00:00.123456Z");

  /** Text a storage must keep verbatim. */
  public static final List<String> AWKWARD_TEXT = List.of(
      "Robert'); DROP TABLE crm_party;--", "100%_sure!", "back\\slash", "Zoë Ångström", "李雷", "שלום עולם",
      "مرحبا", "\u202Eevil", "emoji \uD83D\uDE00", "<script>alert(1)</script>", "x".repeat(500), " padded ");

  private Samples() {}

  /** A person with roles, contact points, consent, a stage, an owner, tags and attributes. */
  public static Party party(TenantId tenant, String id, String name) {
    return new Party(tenant, PartyId.of(id), PartyKind.PERSON, name, Set.of(Role.CUSTOMER, Role.PARTNER),
        Set.of(ExternalId.of("billing", "B-" + id)),
        List.of(new EmailAddress(id + ".Mail@example.com", Optional.of("work"), true),
            new PhoneNumber("+1415555" + String.format("%04d", Math.floorMod(id.hashCode(), 10_000)), Optional.empty(), true),
            ContactPoint.social("mastodon", "@" + id).withPrimary(true)),
        Preferences.none().withTimeZone(ZoneId.of("Europe/Berlin")),
        List.of(new ConsentRecord(ConsentId.of("c-" + id), Channel.EMAIL, Purpose.MARKETING, ConsentStatus.OPTED_IN,
            LegalBasis.CONSENT, T0, "form", T0, Optional.empty(), Optional.of(T0), T0, Optional.empty())),
        false,
        Lifecycle.none().plus(new StageChange(Optional.empty(), LifecycleStage.LEAD, T0,
            dev.etiquette.crm.api.Actor.user("u1"), false, Optional.empty())),
        Optional.of("owner-1"), Optional.of("team-1"), Set.of("vip", "100%"),
        Map.of("tier", AttributeValue.choice("gold"), "revenue", AttributeValue.of(new BigDecimal("12.5")),
            "renewal", AttributeValue.of(LocalDate.of(2027, 1, 1)), "beta", AttributeValue.of(true)),
        1, T0, T0);
  }

  /** A bare organization: no contact points, roles, stage or attributes. */
  public static Party organization(TenantId tenant, String id, String name) {
    return new Party(tenant, PartyId.of(id), PartyKind.ORGANIZATION, name, Set.of(), Set.of(), List.of(),
        Preferences.none(), List.of(), false, Lifecycle.none(), Optional.empty(), Optional.empty(), Set.of(),
        Map.of(), 1, T0, T0);
  }

  /**
   * An inbound e-mail of {@code party} at {@code occurredAt}, recorded a minute later, in {@code conversation}
   * when given, with an outcome and one attribute of each type.
   */
  public static Interaction interaction(TenantId tenant, String id, String party, Instant occurredAt,
      Optional<String> conversation) {
    return interaction(tenant, id, party, Channel.EMAIL, Direction.INBOUND, occurredAt, conversation);
  }

  /** Like {@link #interaction(TenantId, String, String, Instant, Optional)}, on any channel and direction. */
  public static Interaction interaction(TenantId tenant, String id, String party, Channel channel,
      Direction direction, Instant occurredAt, Optional<String> conversation) {
    return new Interaction(tenant, InteractionId.of(id), PartyId.of(party), InteractionKind.CONTACT, channel,
        Purpose.SERVICE, direction, dev.etiquette.crm.api.Actor.user("agent-7"), conversation.map(ConversationId::of),
        occurredAt, occurredAt.plusSeconds(60), Optional.of("answered"),
        Map.of("topic", AttributeValue.of("billing"), "minutes", AttributeValue.of(new BigDecimal("12.25")),
            "urgent", AttributeValue.of(false), "dueOn", AttributeValue.of(LocalDate.of(2026, 2, 1)),
            "tier", AttributeValue.choice("gold")));
  }

  /** A bare interaction: outbound, no conversation, outcome or attributes, recorded as it occurred. */
  public static Interaction bareInteraction(TenantId tenant, String id, String party, Instant occurredAt) {
    return new Interaction(tenant, InteractionId.of(id), PartyId.of(party), InteractionKind.PURCHASE, Channel.IN_APP,
        Purpose.TRANSACTIONAL, Direction.OUTBOUND, dev.etiquette.crm.api.Actor.system(), Optional.empty(), occurredAt,
        occurredAt, Optional.empty(), Map.of());
  }

  /** An open conversation of {@code party} on e-mail at version 1, opened by an inbound interaction at T0. */
  public static Conversation conversation(TenantId tenant, String id, String party) {
    return new Conversation(tenant, ConversationId.of(id), PartyId.of(party), Channel.EMAIL, ConversationState.OPEN,
        T0, T0, Optional.of(T0), Optional.of(T0), Optional.empty(), Optional.empty(), Optional.empty(), 1, 1, T0.plusSeconds(60), T0.plusSeconds(60));
  }

  /** {@code c} at its next version: an outbound reply at {@code at}, then waiting on the customer. */
  public static Conversation replied(Conversation c, Instant at) {
    return new Conversation(c.tenantId(), c.id(), c.party(), c.channel(), ConversationState.WAITING_ON_CUSTOMER,
        c.openedAt(), at, c.firstInboundAt(), c.lastInboundAt(), Optional.of(at), c.firstReplyAt(),
        c.firstReplyBusinessTime(), c.interactionCount() + 1,
        c.version() + 1, c.createdAt(), at);
  }

  /** {@code party} as its next version: renamed, retagged, with another email, stage and owner. */
  public static Party changed(Party party, Instant at) {
    return new Party(party.tenantId(), party.id(), party.kind(), party.displayName() + " (changed)",
        Set.of(Role.VENDOR), Set.of(ExternalId.of("billing", "B2-" + party.id())),
        List.of(new EmailAddress("new." + party.id() + "@example.org", Optional.empty(), true)),
        party.preferences(), party.consents(), true,
        party.lifecycle().plus(new StageChange(party.stage(), LifecycleStage.CUSTOMER, at,
            dev.etiquette.crm.api.Actor.system(), false, Optional.empty())),
        Optional.of("owner-2"), Optional.empty(), Set.of("changed"),
        Map.of("tier", AttributeValue.choice("silver")), party.version() + 1, party.createdAt(), at);
  }

  // ------------------------------------------------------------------------------------------ obligations

  /**
   * Starts a stored obligation of {@code tenant} with id {@code id}: by default an OPEN follow-up of party
   * {@code p1} for rule {@code follow-up-<id>} of set {@code support} version 1 (so that samples do not share an
   * {@linkplain Obligation#exclusiveKey() exclusive key} unless a test names the rule), owned by {@code owner-1},
   * created at {@link #T0}, with
   * a four-hour target ending at {@code T0 + 4h}, no warning and two escalation steps an hour apart after the
   * deadline. {@link ObligationBuilder#build()} makes the instants, events and derived values agree with the
   * state.
   */
  public static ObligationBuilder obligation(TenantId tenant, String id) {
    return new ObligationBuilder(tenant, id);
  }

  /** Builds a consistent stored {@link Obligation}; see {@link Samples#obligation}. */
  public static final class ObligationBuilder {
    private final TenantId tenant;
    private final String id;
    private ObligationKind kind = ObligationKind.FOLLOW_UP;
    private String ruleSet = "support";
    private Optional<String> rule = Optional.empty();
    private String party = "p1";
    private Optional<String> conversation = Optional.empty();
    private Optional<String> priority = Optional.empty();
    private String action = "Call back about the renewal";
    private AssignedTo assignee = AssignedTo.owner("owner-1");
    private ObligationState state = ObligationState.OPEN;
    private Instant dueAt = T0.plus(Duration.ofHours(4));
    private Optional<Instant> opensAt = Optional.empty();
    private Optional<Instant> warnAt = Optional.empty();
    private boolean warned;
    private boolean paused;
    private boolean breached;
    private int escalated;
    private Instant createdAt = T0;

    private ObligationBuilder(TenantId tenant, String id) {
      this.tenant = tenant;
      this.id = id;
    }

    /** A response obligation ({@code FIRST_RESPONSE}) about {@code conversationId}. */
    public ObligationBuilder response(String conversationId) {
      this.kind = ObligationKind.FIRST_RESPONSE;
      this.conversation = Optional.of(conversationId);
      return this;
    }

    public ObligationBuilder kind(ObligationKind kind) {
      this.kind = kind;
      return this;
    }

    /** The rule set and the rule (by default {@code support} and the kind's name in lower case, then the id). */
    public ObligationBuilder rule(String ruleSet, String rule) {
      this.ruleSet = ruleSet;
      this.rule = Optional.of(rule);
      return this;
    }

    public ObligationBuilder party(String party) {
      this.party = party;
      return this;
    }

    public ObligationBuilder conversation(String conversation) {
      this.conversation = Optional.of(conversation);
      return this;
    }

    public ObligationBuilder priority(String priority) {
      this.priority = Optional.of(priority);
      return this;
    }

    public ObligationBuilder action(String action) {
      this.action = action;
      return this;
    }

    public ObligationBuilder assignee(AssignedTo assignee) {
      this.assignee = assignee;
      return this;
    }

    public ObligationBuilder state(ObligationState state) {
      this.state = state;
      return this;
    }

    /** The deadline; the clock opens four hours before it unless {@link #opensAt} says otherwise. */
    public ObligationBuilder dueAt(Instant dueAt) {
      this.dueAt = dueAt;
      return this;
    }

    public ObligationBuilder opensAt(Instant opensAt) {
      this.opensAt = Optional.of(opensAt);
      return this;
    }

    /** A warning at {@code warnAt}, given already when {@code warned}. */
    public ObligationBuilder warning(Instant warnAt, boolean warned) {
      this.warnAt = Optional.of(warnAt);
      this.warned = warned;
      return this;
    }

    /** Its clock stopped an hour after the opening (for an OPEN or BREACHED one). */
    public ObligationBuilder paused() {
      this.paused = true;
      return this;
    }

    /** A CANCELLED one that had been breached. */
    public ObligationBuilder breachedBeforeCancelling() {
      this.breached = true;
      return this;
    }

    /** How many of its two escalation steps have fallen (it is breached then). */
    public ObligationBuilder escalated(int steps) {
      this.escalated = steps;
      return this;
    }

    public ObligationBuilder createdAt(Instant createdAt) {
      this.createdAt = createdAt;
      return this;
    }

    public Obligation build() {
      Instant opens = opensAt.orElse(dueAt.minus(Duration.ofHours(4)));
      boolean wasBreached = state == ObligationState.BREACHED || state == ObligationState.SATISFIED_LATE
          || (state == ObligationState.CANCELLED && (breached || escalated > 0));
      List<EscalationPoint> escalations = List.of(new EscalationPoint(1, "team_lead", dueAt.plus(Duration.ofHours(1))),
          new EscalationPoint(2, "head_of_support", dueAt.plus(Duration.ofHours(2))));
      boolean canPause = state == ObligationState.OPEN || state == ObligationState.BREACHED;
      Optional<Instant> pausedSince = paused && canPause ? Optional.of(opens.plus(Duration.ofHours(1)))
          : Optional.empty();
      Optional<Instant> settledAt = state.isFinal() ? Optional.of(state == ObligationState.SATISFIED_ON_TIME
          ? dueAt.minus(Duration.ofMinutes(30)) : dueAt.plus(Duration.ofHours(3))) : Optional.empty();
      Optional<InteractionId> trigger = kind == ObligationKind.DORMANCY ? Optional.empty()
          : Optional.of(InteractionId.of("i-" + id));
      Optional<InteractionId> settledBy = state == ObligationState.SATISFIED_ON_TIME
          || state == ObligationState.SATISFIED_LATE ? Optional.of(InteractionId.of("reply-" + id)) : Optional.empty();
      Optional<Instant> warnedAt = warned ? warnAt : Optional.empty();
      int steps = wasBreached ? escalated : 0;
      List<ObligationEvent> history = new ArrayList<>();
      history.add(event(state == ObligationState.SCHEDULED ? ObligationEvent.Type.SCHEDULED
          : ObligationEvent.Type.OPENED, state == ObligationState.SCHEDULED ? createdAt : opens, trigger));
      pausedSince.ifPresent(at -> history.add(event(ObligationEvent.Type.PAUSED, at, Optional.empty())));
      warnedAt.ifPresent(at -> history.add(event(ObligationEvent.Type.WARNED, at, Optional.empty())));
      if (wasBreached) {
        history.add(event(ObligationEvent.Type.BREACHED, dueAt, Optional.empty()));
      }
      for (int step = 0; step < steps; step++) {
        EscalationPoint point = escalations.get(step);
        history.add(new ObligationEvent(ObligationEvent.Type.ESCALATED, point.dueAt(), point.dueAt(),
            "escalation step " + point.step() + " fell", Optional.empty(), Optional.of(point.role()), 1));
      }
      settledAt.ifPresent(at -> history.add(event(ObligationEvent.Type.valueOf(state.name()), at, settledBy)));
      Instant updatedAt = history.stream().map(ObligationEvent::recordedAt).max(Instant::compareTo)
          .filter(at -> at.isAfter(createdAt)).orElse(createdAt);
      return new Obligation(tenant, ObligationId.of(id), new RuleRef(ruleSet, 1, rule.orElse(
          kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + "-" + id)), kind, PartyId.of(party),
          conversation.map(ConversationId::of), priority, trigger, action, assignee, state, new CalendarChoice.Elapsed(),
          Duration.ofHours(4), opens, opens, Duration.ZERO, pausedSince, warnAt, dueAt, escalations, warnedAt,
          wasBreached ? Optional.of(dueAt) : Optional.empty(), steps, settledAt, settledBy, history, 1, createdAt,
          updatedAt);
    }

    private static ObligationEvent event(ObligationEvent.Type type, Instant at, Optional<InteractionId> interaction) {
      return new ObligationEvent(type, at, at, type.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
          + " by the sample's rule", interaction, Optional.empty(), 1);
    }
  }

  /**
   * {@code o} at its next version, changed at {@code at} into {@code state}: settled ones settled then, breached
   * ones breached at their deadline, the change recorded in the history.
   */
  public static Obligation advanced(Obligation o, ObligationState state, Instant at) {
    boolean breached = o.breachedAt().isPresent() || state == ObligationState.BREACHED
        || state == ObligationState.SATISFIED_LATE;
    List<ObligationEvent> history = new ArrayList<>(o.history());
    history.add(new ObligationEvent(state == ObligationState.SCHEDULED ? ObligationEvent.Type.SCHEDULED
        : state == ObligationState.OPEN ? ObligationEvent.Type.RESUMED : ObligationEvent.Type.valueOf(state.name()),
        at, at, "the sample changed it", Optional.empty(), Optional.empty(), o.rule().version()));
    return new Obligation(o.tenantId(), o.id(), o.rule(), o.kind(), o.party(), o.conversation(), o.priority(),
        o.trigger(), o.action(), o.assignee(), state, o.calendar(), o.target(), o.opensAt(), o.clockAnchor(),
        o.clockReading(), state.isFinal() ? Optional.empty() : o.pausedSince(), o.warnAt(), o.dueAt(),
        o.escalations(), o.warnedAt(), breached ? Optional.of(o.breachedAt().orElse(o.dueAt())) : Optional.empty(),
        breached ? o.escalated() : 0, state.isFinal() ? Optional.of(at) : Optional.empty(), o.settledBy(), history,
        o.version() + 1, o.createdAt(), at);
  }

  /** A notification about {@code o}, keyed {@code <obligation id>:<suffix>}, written at {@code createdAt}. */
  public static Notification notification(Obligation o, NotificationKind kind, String suffix, Instant createdAt) {
    return Notification.ofObligation(o.tenantId(), o.id().value() + ":" + suffix, kind, o.id(), o.party(), o.rule(),
        kind == NotificationKind.OBLIGATION_ESCALATED ? AssignedTo.role("team_lead") : o.assignee(), o.dueAt(),
        createdAt, "Obligation " + o.id() + " (" + o.rule() + "): " + kind.name().toLowerCase(java.util.Locale.ROOT)
            .replace('_', ' '));
  }

  /** A valid version of a rule set named {@code name}, with one follow-up rule naming {@code text}. */
  public static RuleSet ruleSet(String name, int version, String text) {
    return RuleSet.builder(name, version, T0.plus(Duration.ofDays(version)))
        .description("Rules " + text)
        .rule(new FollowUpRule("renewal-call", "Call about " + text, EventFilter.any(), Duration.ofDays(1),
            Duration.ofHours(8), EventFilter.any(), List.of(), new CalendarChoice.Business(), Optional.empty(),
            List.of(EscalationStep.of("team_lead", Duration.ZERO)), Assignee.role("account managers " + version)))
        .build();
  }

  // ------------------------------------------------------------------------------------------ contact ledger

  /** Like {@link #contact(TenantId, String, String, Purpose, ContactStatus, Instant)}, for marketing. */
  public static ContactEntry contact(TenantId tenant, String id, String party, ContactStatus status, Instant at) {
    return contact(tenant, id, party, Purpose.MARKETING, status, at);
  }

  /**
   * An entry of the contact ledger as the library stores it: a contact of {@code party} by e-mail for
   * {@code purpose} at {@code at}, decided 30 seconds before, with a receipt that lists every rule evaluated.
   * For a purpose that is not exempt the receipt relies on an opt-in record and evaluates consent, a cap of rule
   * set {@code marketing} version 2 and quiet hours; for an exempt one it applies the exemption and evaluates
   * quiet hours. A {@link ContactStatus#DENIED DENIED} entry's receipt denies by the cap (by quiet hours when
   * exempt), with the next allowed instant a day after {@code at}; a sent or released one is at version 2, a
   * minute after its decision, the others at version 1.
   */
  public static ContactEntry contact(TenantId tenant, String id, String party, Purpose purpose,
      ContactStatus status, Instant at) {
    boolean denied = status == ContactStatus.DENIED;
    boolean exempt = ContactRules.isExempt(purpose);
    Instant decidedAt = at.minusSeconds(30);
    Instant nextAllowed = at.plus(Duration.ofDays(1));
    Optional<Instant> allowedFrom = denied ? Optional.of(nextAllowed) : Optional.empty();
    Verdict verdict = denied ? Verdict.DENY : Verdict.ALLOW;
    RuleRef quietHours = new RuleRef("marketing", 2, "quiet_hours");
    List<RuleVerdict> rules = exempt
        ? List.of(new RuleVerdict(ContactCheck.EXEMPTION, Optional.empty(), Verdict.ALLOW,
                purpose + " is exempt: consent, do-not-contact and caps do not apply", Optional.empty()),
            new RuleVerdict(ContactCheck.QUIET_HOURS, Optional.of(quietHours), verdict,
                denied ? "22:00-08:00 Europe/Berlin" : "outside 22:00-08:00 Europe/Berlin", allowedFrom))
        : List.of(new RuleVerdict(ContactCheck.DO_NOT_CONTACT, Optional.empty(), Verdict.ALLOW, "not flagged",
                Optional.empty()),
            new RuleVerdict(ContactCheck.CONSENT, Optional.of(new RuleRef("marketing", 2, "consent")), Verdict.ALLOW,
                "opted in (c-" + party + ", consent) under OPT_IN", Optional.empty()),
            new RuleVerdict(ContactCheck.FREQUENCY_CAP, Optional.of(new RuleRef("marketing", 2, "weekly-marketing")),
                verdict, (denied ? "3" : "1") + " of 3 contacts in [" + at.minus(Duration.ofDays(7)) + ", " + at
                + "]", allowedFrom),
            new RuleVerdict(ContactCheck.QUIET_HOURS, Optional.of(quietHours), Verdict.ALLOW,
                "outside 22:00-08:00 Europe/Berlin", Optional.empty()));
    Optional<ConsentRecord> consent = exempt ? Optional.empty()
        : Optional.of(new ConsentRecord(ConsentId.of("c-" + party), Channel.EMAIL, purpose, ConsentStatus.OPTED_IN,
            LegalBasis.CONSENT, T0.minus(Duration.ofDays(30)), "form", T0.minus(Duration.ofDays(30)),
            Optional.empty(), Optional.of(T0.minus(Duration.ofDays(29))), T0.minus(Duration.ofDays(30)),
            Optional.empty()));
    ContactReceipt receipt = new ContactReceipt(tenant, ContactRequest.of(PartyId.of(party), Channel.EMAIL, purpose,
        at), decidedAt, verdict, rules, consent, exempt ? Optional.of(purpose) : Optional.empty(),
        denied ? Optional.of(nextAllowed) : Optional.empty());
    boolean settled = status == ContactStatus.SENT || status == ContactStatus.RELEASED;
    return new ContactEntry(tenant, ContactId.of(id), status, receipt, dev.etiquette.crm.api.Actor.user("sender-1"),
        settled ? 2 : 1, decidedAt, settled ? decidedAt.plusSeconds(60) : decidedAt);
  }
}
