package dev.etiquette.crm.internal;

import static java.util.Objects.requireNonNull;

import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.TenantSettings;
import dev.etiquette.crm.api.ValidationException;
import dev.etiquette.crm.api.calendar.BusinessCalendar;
import dev.etiquette.crm.api.interaction.Conversation;
import dev.etiquette.crm.api.interaction.ConversationState;
import dev.etiquette.crm.api.interaction.Direction;
import dev.etiquette.crm.api.interaction.Interaction;
import dev.etiquette.crm.api.interaction.InteractionKind;
import dev.etiquette.crm.api.notification.Notification;
import dev.etiquette.crm.api.notification.NotificationKind;
import dev.etiquette.crm.api.obligation.AssignedTo;
import dev.etiquette.crm.api.obligation.DueWork;
import dev.etiquette.crm.api.obligation.EscalationPoint;
import dev.etiquette.crm.api.obligation.Obligation;
import dev.etiquette.crm.api.obligation.ObligationEvent;
import dev.etiquette.crm.api.obligation.ObligationId;
import dev.etiquette.crm.api.obligation.ObligationKind;
import dev.etiquette.crm.api.obligation.ObligationState;
import dev.etiquette.crm.api.party.AttributeValue;
import dev.etiquette.crm.api.party.Party;
import dev.etiquette.crm.api.rules.Assignee;
import dev.etiquette.crm.api.rules.DormancyRule;
import dev.etiquette.crm.api.rules.EscalationStep;
import dev.etiquette.crm.api.rules.FollowUpRule;
import dev.etiquette.crm.api.rules.ObligationRule;
import dev.etiquette.crm.api.rules.ResponseKind;
import dev.etiquette.crm.api.rules.ResponseRule;
import dev.etiquette.crm.api.rules.ResponseTarget;
import dev.etiquette.crm.api.rules.RuleRef;
import dev.etiquette.crm.api.rules.RuleSet;
import dev.etiquette.crm.api.rules.Warning;
import dev.etiquette.crm.api.spi.StorageTransaction;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The etiquette rules at work: creates, moves and settles obligations as interactions are recorded, conversations
 * change state and parties change, and advances them as time passes. Everything it does happens in the
 * transaction of the change that caused it (see {@link InteractionHook}, {@link PartyHook}), or of the due work
 * being processed; it never reads a party's or tenant's history, only the unsettled obligations of the
 * conversation or party at hand and the rule sets.
 *
 * <p>The meaning of each rule is in {@code docs/rules.md}; this class follows it. Time only moves an obligation
 * in {@link #advance}: the scheduled opening, the warning, the breach and each escalation step, in that order,
 * each at the instant its point on the obligation's clock falls. Every other change (a reply, a cancellation, a
 * pause) first advances the obligation to the instant of the change, so that an obligation processed late ends
 * in the same state, with the same events, as one processed on time.
 */
final class ObligationEngine implements InteractionHook, PartyHook {

  static final String RECORD_TYPE = "obligation";

  private final CrmRuntime runtime;
  private final TenantId tenant;

  ObligationEngine(CrmRuntime runtime, TenantId tenant) {
    this.runtime = requireNonNull(runtime, "runtime");
    this.tenant = requireNonNull(tenant, "tenant");
  }

  // ---------------------------------------------------------------------------------------------- the context

  /** What one transaction of the engine works with. */
  private static final java.time.format.DateTimeFormatter LOCAL =
      java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm", java.util.Locale.ROOT);

  private static final class Work {
    final StorageTransaction tx;
    final TenantId tenant;
    final Instant now;
    final RuleBook rules;
    final Outbox outbox;
    TenantSettings settings;
    int opened;
    int warned;
    int breached;
    int escalated;

    Work(StorageTransaction tx, TenantId tenant, Instant now, RuleBook rules, Outbox outbox) {
      this.tx = tx;
      this.tenant = tenant;
      this.now = now;
      this.rules = rules;
      this.outbox = outbox;
    }

    TenantSettings settings() {
      if (settings == null) {
        settings = SettingsService.settings(tx, tenant);
      }
      return settings;
    }

    BusinessCalendar calendar(MutableObligation o, Party party) {
      return settings().calendarFor(o.calendar, party);
    }

    /** An instant for people: local time in the tenant's zone, with the zone, then the instant in UTC. */
    String local(Instant instant) {
      ZoneId zone = settings().zone();
      return LOCAL.format(instant.atZone(zone)) + " " + zone + " (" + instant + ")";
    }

    DueWork done() {
      return new DueWork(opened, warned, breached, escalated);
    }
  }

  // --------------------------------------------------------------------------------------- interaction hooks

  /** The work of a hook in {@code tx}; empty when the tenant has no rule sets, so that nothing can be owed. */
  private Optional<Work> work(StorageTransaction tx, Instant now, Outbox outbox) {
    RuleBook rules = RuleBook.load(tx, tenant);
    return rules.isEmpty() ? Optional.empty() : Optional.of(new Work(tx, tenant, now, rules, outbox));
  }

  @Override
  public void recorded(StorageTransaction tx, InteractionRecorded recorded, Outbox outbox) {
    Optional<Work> ruled = work(tx, recorded.now(), outbox);
    if (ruled.isEmpty()) {
      return;
    }
    Work work = ruled.get();
    Interaction interaction = recorded.interaction();
    Party party = recorded.party();
    if (recorded.after().isPresent()) {
      conversation(work, interaction, party, recorded);
    }
    followUpsAndCheckIns(work, interaction, party);
  }

  @Override
  public void stateChanged(StorageTransaction tx, ConversationStateChanged changed, Outbox outbox) {
    Optional<Work> ruled = work(tx, changed.now(), outbox);
    if (ruled.isEmpty()) {
      return;
    }
    Work work = ruled.get();
    List<Obligation> unsettled = tx.obligations().unsettledOfConversation(tenant, changed.after().id());
    if (unsettled.isEmpty()) {
      return;
    }
    Party party = tx.parties().find(tenant, changed.after().party()).orElseThrow();
    ConversationState to = changed.after().state();
    for (Obligation stored : unsettled) {
      MutableObligation o = MutableObligation.of(stored);
      Instant at = changed.now();
      if (to == ConversationState.RESOLVED) {
        cancel(work, o, party, at, "conversation " + changed.after().id() + " was resolved", Optional.empty());
      } else if (to == ConversationState.WAITING_ON_CUSTOMER) {
        pause(work, o, party, at);
      } else {
        resume(work, o, party, at, "the host opened the conversation again");
      }
      save(work, o);
    }
  }

  /** Response obligations: satisfaction by a reply, pause and resumption, and new obligations for inbound ones. */
  private void conversation(Work work, Interaction interaction, Party party, InteractionRecorded recorded) {
    Conversation after = recorded.after().orElseThrow();
    List<Obligation> unsettled = work.tx.obligations().unsettledOfConversation(tenant, after.id());
    Set<String> ruleSetsHolding = new HashSet<>();
    boolean contact = interaction.kind() == InteractionKind.CONTACT;
    for (Obligation stored : unsettled) {
      MutableObligation o = MutableObligation.of(stored);
      if (recorded.reopened() && after.state() == ConversationState.OPEN) {
        resume(work, o, party, after.stateChangedAt(), "the customer wrote again");
      }
      if (contact && interaction.direction() == Direction.OUTBOUND && !interaction.occurredAt().isBefore(o.opensAt)) {
        satisfy(work, o, party, interaction);
      }
      if (!o.state.isFinal()) {
        ruleSetsHolding.add(o.rule.ruleSet());
      }
      save(work, o);
    }
    if (!contact || interaction.direction() != Direction.INBOUND) {
      return;
    }
    Optional<ResponseKind> kind = responseKind(recorded);
    if (kind.isEmpty()) {
      return;
    }
    Optional<String> priority = interaction.attribute("priority").map(AttributeValue::asText)
        .or(() -> work.tx.obligations().latestOfConversation(tenant, after.id()).flatMap(Obligation::priority));
    for (RuleSet set : work.rules.inEffectAt(interaction.occurredAt())) {
      if (ruleSetsHolding.contains(set.name())) {
        continue; // inbound interactions while an obligation of the conversation is open create no other
      }
      for (ObligationRule rule : set.obligations()) {
        if (rule instanceof ResponseRule response && response.kind() == kind.get()
            && response.appliesTo(interaction.channel(), interaction.purpose())) {
          ResponseTarget target = response.targetFor(interaction.channel(), priority, party.tags()).orElseThrow();
          MutableObligation o = create(work, set.ref(rule.id()), rule,
              kind.get() == ResponseKind.FIRST_RESPONSE ? ObligationKind.FIRST_RESPONSE : ObligationKind.NEXT_RESPONSE,
              party, "Reply to the customer", target.within(), interaction.occurredAt(), Optional.of(interaction));
          o.conversation = Optional.of(after.id());
          o.priority = priority;
          o.event(ObligationEvent.Type.OPENED, interaction.occurredAt(), work.now, "inbound " + interaction.channel()
              + " interaction " + interaction.id() + " in conversation " + after.id() + " (" + rule.id() + ", target "
              + target.within() + ")", Optional.of(interaction.id()), Optional.empty());
          if (after.state() == ConversationState.WAITING_ON_CUSTOMER) {
            pause(work, o, party, work.now);
          }
          save(work, o);
          break; // the first rule of the set that applies creates the obligation
        }
      }
    }
  }

  /**
   * Which reply an inbound interaction asks for: the first, when it opened its conversation; the next, when the
   * latest earlier interaction of the conversation was outbound, or when it reopened a resolved conversation (the
   * resolution settled what was owed before); none otherwise.
   */
  private static Optional<ResponseKind> responseKind(InteractionRecorded recorded) {
    if (recorded.before().isEmpty()) {
      return Optional.of(ResponseKind.FIRST_RESPONSE);
    }
    Conversation before = recorded.before().get();
    if (before.state() == ConversationState.RESOLVED && recorded.reopened()
        || before.lastOutboundAt().isPresent()
        && (before.lastInboundAt().isEmpty()
            || !before.lastOutboundAt().get().isBefore(before.lastInboundAt().get()))) {
      return Optional.of(ResponseKind.NEXT_RESPONSE);
    }
    return Optional.empty();
  }

  /** Follow-ups and dormancy check-ins: settle the party's, restart countdowns, and create new ones. */
  private void followUpsAndCheckIns(Work work, Interaction interaction, Party party) {
    Instant t = interaction.occurredAt();
    Set<String> held = new HashSet<>();
    for (Obligation stored : work.tx.obligations().unsettledOfParty(tenant, party.id())) {
      if (stored.kind() != ObligationKind.FOLLOW_UP && stored.kind() != ObligationKind.DORMANCY) {
        continue;
      }
      MutableObligation o = MutableObligation.of(stored);
      Optional<ObligationRule> rule = work.rules.rule(o.rule);
      if (rule.isPresent() && rule.get() instanceof FollowUpRule followUp) {
        followUp(work, o, followUp, party, interaction);
      } else if (rule.isPresent() && rule.get() instanceof DormancyRule dormancy) {
        checkIn(work, o, dormancy, party, interaction);
      }
      save(work, o);
      if (!o.state.isFinal()) {
        held.add(o.rule.ruleSet() + "/" + o.rule.rule());
      }
    }
    for (RuleSet set : work.rules.inEffectAt(t)) {
      for (ObligationRule rule : set.obligations()) {
        if (held.contains(set.name() + "/" + rule.id())) {
          continue;
        }
        if (rule instanceof FollowUpRule followUp && followUp.trigger().matches(interaction)) {
          MutableObligation o = create(work, set.ref(rule.id()), rule, ObligationKind.FOLLOW_UP, party,
              followUp.action(), followUp.within(), t.plus(followUp.delay()), Optional.of(interaction));
          if (followUp.delay().isZero()) {
            o.event(ObligationEvent.Type.OPENED, t, work.now, "interaction " + interaction.id() + " triggered "
                + rule.id(), Optional.of(interaction.id()), Optional.empty());
          } else {
            o.state = ObligationState.SCHEDULED;
            o.event(ObligationEvent.Type.SCHEDULED, t, work.now, "interaction " + interaction.id() + " triggered "
                + rule.id() + "; opens " + followUp.delay() + " later", Optional.of(interaction.id()),
                Optional.empty());
          }
          save(work, o);
        } else if (rule instanceof DormancyRule dormancy
            && dormancy.watches(party.lifecycle().current(), party.roles())) {
          scheduleCheckIn(work, set, dormancy, party, t, "interaction " + interaction.id());
        }
      }
    }
  }

  private void followUp(Work work, MutableObligation o, FollowUpRule rule, Party party, Interaction interaction) {
    if (!afterTrigger(o, rule.delay(), interaction)) {
      return;
    }
    boolean cancels = rule.cancelWhen().stream().anyMatch(f -> f.matches(interaction));
    if (interaction.occurredAt().isBefore(o.opensAt)) { // during the delay
      if (cancels) {
        cancel(work, o, party, interaction.occurredAt(), "interaction " + interaction.id() + " met a cancel condition"
            + " during the delay", Optional.of(interaction));
      }
      return;
    }
    if (rule.satisfiedBy().matches(interaction)) {
      satisfy(work, o, party, interaction);
    } else if (cancels) {
      cancel(work, o, party, interaction.occurredAt(), "interaction " + interaction.id() + " met a cancel condition",
          Optional.of(interaction));
    }
  }

  /** Whether {@code interaction} is later in the party's timeline than the obligation's trigger. */
  private static boolean afterTrigger(MutableObligation o, Duration delay, Interaction interaction) {
    Instant triggerAt = o.opensAt.minus(delay);
    int byTime = interaction.occurredAt().compareTo(triggerAt);
    return byTime > 0 || byTime == 0 && o.trigger.isPresent() && interaction.id().compareTo(o.trigger.get()) > 0;
  }

  private void checkIn(Work work, MutableObligation o, DormancyRule rule, Party party, Interaction interaction) {
    Instant t = interaction.occurredAt();
    if (o.state == ObligationState.SCHEDULED && t.isBefore(o.opensAt)) {
      Instant restart = t.plus(rule.inactivity());
      if (restart.isAfter(o.opensAt)) {
        // no event: a chatty party would grow the history with every interaction
        o.opensAt = restart;
        o.clockAnchor = restart;
        schedulePoints(work, o, rule, party);
        o.touch();
      }
      return;
    }
    if (t.isBefore(o.opensAt)) {
      return;
    }
    if (rule.satisfiedBy().matches(interaction)) {
      satisfy(work, o, party, interaction);
    } else if (rule.cancelWhen().stream().anyMatch(f -> f.matches(interaction))) {
      cancel(work, o, party, t, "interaction " + interaction.id() + " met a cancel condition",
          Optional.of(interaction));
    }
    // a settled check-in is followed by the next countdown, from this interaction (see followUpsAndCheckIns)
  }

  // ------------------------------------------------------------------------------------------- party hook

  @Override
  public void changed(StorageTransaction tx, List<Party> parties, boolean created, Instant now, Outbox outbox) {
    Optional<Work> ruled = work(tx, now, outbox);
    if (ruled.isEmpty()) {
      return;
    }
    Work work = ruled.get();
    RuleBook rules = work.rules;
    List<RuleSet> sets = rules.inEffectAt(now);
    for (Party party : parties) {
      Set<String> held = new HashSet<>();
      List<Obligation> unsettled = created ? List.of() : tx.obligations().unsettledOfParty(tenant, party.id());
      for (Obligation stored : unsettled) {
        if (stored.kind() != ObligationKind.DORMANCY) {
          continue;
        }
        Optional<ObligationRule> rule = rules.rule(stored.rule());
        if (rule.isEmpty() || !(rule.get() instanceof DormancyRule dormancy)
            || !dormancy.watches(party.lifecycle().current(), party.roles())) {
          MutableObligation o = MutableObligation.of(stored);
          cancel(work, o, party, now, "the party is no longer watched by " + stored.rule(), Optional.empty());
          save(work, o);
        } else {
          held.add(stored.rule().ruleSet() + "/" + stored.rule().rule());
        }
      }
      for (RuleSet set : sets) {
        for (ObligationRule rule : set.obligations()) {
          if (rule instanceof DormancyRule dormancy && !held.contains(set.name() + "/" + rule.id())
              && dormancy.watches(party.lifecycle().current(), party.roles())) {
            scheduleCheckIn(work, set, dormancy, party, now, "the party became watched");
          }
        }
      }
    }
  }

  /**
   * Schedules a dormancy check-in for {@code party}, counting {@code rule.days()} from {@code from}. The caller
   * knows the party holds no unsettled one for the rule (the store's exclusive key would reject it).
   */
  void scheduleCheckIn(Work work, RuleSet set, DormancyRule rule, Party party, Instant from, String cause) {
    MutableObligation o = create(work, set.ref(rule.id()), rule, ObligationKind.DORMANCY, party, rule.action(),
        rule.within(), from.plus(rule.inactivity()), Optional.empty());
    o.state = ObligationState.SCHEDULED;
    o.event(ObligationEvent.Type.SCHEDULED, from, work.now, cause + ": no interaction for " + rule.days()
        + " days opens it", Optional.empty(), Optional.empty());
    save(work, o);
  }

  // ------------------------------------------------------------------------------------------ publishing

  /** Seeds the dormancy check-ins of a newly published version for every party it watches. */
  void published(StorageTransaction tx, RuleSet version, Instant now) {
    List<DormancyRule> dormancy = version.obligations().stream().filter(DormancyRule.class::isInstance)
        .map(DormancyRule.class::cast).toList();
    if (dormancy.isEmpty()) {
      return;
    }
    Work work = new Work(tx, tenant, now, RuleBook.load(tx, tenant), runtime.newOutbox());
    Optional<dev.etiquette.crm.api.party.PartyId> after = Optional.empty();
    while (true) {
      List<Party> page = tx.parties().search(tenant, dev.etiquette.crm.api.party.PartyQuery.all(), after, 500);
      for (Party party : page) {
        Set<String> held = new HashSet<>();
        for (Obligation stored : tx.obligations().unsettledOfParty(tenant, party.id())) {
          held.add(stored.rule().ruleSet() + "/" + stored.rule().rule());
        }
        Instant latest = version.effectiveFrom();
        for (Interaction last : tx.interactions().lastContacts(tenant, party.id())) {
          latest = last.occurredAt().isAfter(latest) ? last.occurredAt() : latest;
        }
        for (DormancyRule rule : dormancy) {
          if (rule.watches(party.lifecycle().current(), party.roles())
              && !held.contains(version.name() + "/" + rule.id())) {
            scheduleCheckIn(work, version, rule, party, latest, "rule set " + version.name() + " v"
                + version.version() + " was published");
          }
        }
      }
      if (page.size() < 500) {
        return;
      }
      after = Optional.of(page.get(page.size() - 1).id());
    }
  }

  // ------------------------------------------------------------------------------------------- due work

  /**
   * Processes the due work of {@code tenant} (or of every tenant) in batches of {@code batch}, one transaction per
   * batch, until nothing is due at {@code now}.
   */
  static DueWork processDue(CrmRuntime runtime, Optional<TenantId> tenant, int batch) {
    DueWork total = DueWork.NONE;
    Instant now = runtime.now();
    while (true) {
      Outbox outbox = runtime.newOutbox();
      int[] claimed = new int[1];
      DueWork done = runtime.write(tx -> {
        outbox.clear();
        List<Obligation> due = tx.obligations().claimDue(tenant, now, batch);
        claimed[0] = due.size();
        DueWork sum = DueWork.NONE;
        Map<TenantId, RuleBook> books = new HashMap<>();
        Map<TenantId, TenantSettings> settings = new HashMap<>();
        Map<TenantId, ObligationEngine> engines = new HashMap<>();
        for (Obligation stored : due) {
          TenantId owner = stored.tenantId();
          Work work = new Work(tx, owner, now, books.computeIfAbsent(owner, t -> RuleBook.load(tx, t)), outbox);
          work.settings = settings.get(owner); // read once per tenant and batch, when a message needs the zone
          MutableObligation o = MutableObligation.of(stored);
          // only the opening of a check-in needs the party (its watch, assignee and calendar at the opening)
          Party party = stored.kind() == ObligationKind.DORMANCY && stored.state() == ObligationState.SCHEDULED
              ? tx.parties().find(owner, stored.party()).orElseThrow() : null;
          engines.computeIfAbsent(owner, t -> new ObligationEngine(runtime, t)).advance(work, o, party, now, false);
          save(work, o);
          if (work.settings != null) {
            settings.put(owner, work.settings);
          }
          sum = sum.plus(work.done());
        }
        return sum;
      });
      outbox.deliver(runtime.relay());
      total = total.plus(done);
      if (claimed[0] < batch) {
        return total;
      }
    }
  }

  // ------------------------------------------------------------------------------ the obligation's clock

  /**
   * Moves {@code o} on to {@code until}: every point of its clock that falls at or before it, in order: the
   * opening of a scheduled one, the warning, the breach, the escalation steps. {@code party} is needed only to
   * open a scheduled check-in, and may be null otherwise.
   *
   * @param before whether the points falling exactly at {@code until} stay to come: so for a change happening at
   *     {@code until} (a reply at the deadline is on time), not so for due-work processing at {@code until}
   */
  void advance(Work work, MutableObligation o, Party party, Instant until, boolean before) {
    while (true) {
      Optional<Instant> next = o.build(work.now).nextDueAt();
      if (next.isEmpty() || next.get().isAfter(until)
          || before && next.get().equals(until) && o.state != ObligationState.SCHEDULED) {
        return;
      }
      Instant at = next.get();
      if (o.state == ObligationState.SCHEDULED) {
        open(work, o, party, at);
      } else if (o.state == ObligationState.OPEN && o.warnAt.isPresent() && o.warnedAt.isEmpty()
          && o.warnAt.get().isBefore(o.dueAt)) {
        o.warnedAt = Optional.of(at);
        o.event(ObligationEvent.Type.WARNED, at, work.now, "the deadline " + o.dueAt + " is near", Optional.empty(),
            Optional.empty());
        notify(work, o, NotificationKind.OBLIGATION_WARNING, "warning", o.assignee, at,
            "Obligation " + o.id + " (" + o.rule + ") for party " + o.party + " is due at " + work.local(o.dueAt)
                + ".");
        work.warned++;
      } else if (o.state == ObligationState.OPEN) {
        o.state = ObligationState.BREACHED;
        o.breachedAt = Optional.of(at);
        o.event(ObligationEvent.Type.BREACHED, at, work.now, "the deadline passed", Optional.empty(), Optional.empty());
        notify(work, o, NotificationKind.OBLIGATION_BREACHED, "breach", o.assignee, at,
            "Obligation " + o.id + " (" + o.rule + ") for party " + o.party + " was breached: it was due at "
                + work.local(at)
                + ".");
        work.breached++;
      } else {
        EscalationPoint step = o.escalations.get(o.escalated);
        o.escalated++;
        o.event(ObligationEvent.Type.ESCALATED, at, work.now, "escalation step " + step.step() + " fell",
            Optional.empty(), Optional.of(step.role()));
        notify(work, o, NotificationKind.OBLIGATION_ESCALATED, "escalation:" + step.step(),
            AssignedTo.role(step.role()), at, "Obligation " + o.id + " (" + o.rule + ") for party " + o.party
                + ", breached at " + work.local(o.breachedAt.orElseThrow()) + ", escalates to " + step.role()
                + " (step "
                + step.step() + ").");
        work.escalated++;
      }
    }
  }

  /** A scheduled obligation reaches its opening. A check-in runs under the version in effect then. */
  private void open(Work work, MutableObligation o, Party party, Instant at) {
    if (o.kind == ObligationKind.DORMANCY) {
      Optional<RuleSet> set = Optional.ofNullable(work.rules.histories().get(o.rule.ruleSet()))
          .flatMap(h -> h.inEffectAt(at));
      Optional<DormancyRule> rule = set.flatMap(s -> s.obligations().stream()
          .filter(r -> r.id().equals(o.rule.rule()) && r instanceof DormancyRule).map(DormancyRule.class::cast)
          .findFirst());
      if (rule.isEmpty() || !rule.get().watches(party.lifecycle().current(), party.roles())) {
        o.state = ObligationState.CANCELLED;
        o.settledAt = Optional.of(at);
        o.event(ObligationEvent.Type.CANCELLED, at, work.now, "rule " + o.rule.rule() + " is not in effect for the"
            + " party at its opening", Optional.empty(), Optional.empty());
        return;
      }
      o.rule = set.get().ref(o.rule.rule());
      o.assignee = assign(rule.get().assignee(), party);
      o.calendar = rule.get().calendar();
      o.target = rule.get().within();
      o.clockAnchor = at;
      o.clockReading = Duration.ZERO;
      schedulePoints(work, o, rule.get(), party);
    }
    o.state = ObligationState.OPEN;
    o.event(ObligationEvent.Type.OPENED, at, work.now, o.kind == ObligationKind.DORMANCY
        ? "no interaction since the count started" : "the follow-up's delay passed", Optional.empty(),
        Optional.empty());
    work.opened++;
  }

  private void satisfy(Work work, MutableObligation o, Party party, Interaction interaction) {
    Instant at = interaction.occurredAt();
    resume(work, o, party, at, "a reply while waiting on the customer");
    advance(work, o, party, at, true);
    if (!o.state.isOutstanding()) {
      return;
    }
    boolean onTime = o.state == ObligationState.OPEN;
    o.state = onTime ? ObligationState.SATISFIED_ON_TIME : ObligationState.SATISFIED_LATE;
    o.settledAt = Optional.of(at);
    o.settledBy = Optional.of(interaction.id());
    o.pausedSince = Optional.empty();
    o.event(onTime ? ObligationEvent.Type.SATISFIED_ON_TIME : ObligationEvent.Type.SATISFIED_LATE, at, work.now,
        interaction.direction().name().toLowerCase(java.util.Locale.ROOT) + " " + interaction.channel()
            + " interaction " + interaction.id(), Optional.of(interaction.id()), Optional.empty());
  }

  private void cancel(Work work, MutableObligation o, Party party, Instant at, String cause,
      Optional<Interaction> interaction) {
    if (o.state != ObligationState.SCHEDULED || !at.isBefore(o.opensAt)) {
      advance(work, o, party, at, true);
    }
    if (o.state.isFinal()) {
      return;
    }
    o.state = ObligationState.CANCELLED;
    o.settledAt = Optional.of(at);
    o.settledBy = interaction.map(Interaction::id);
    o.pausedSince = Optional.empty();
    o.event(ObligationEvent.Type.CANCELLED, at, work.now, cause, interaction.map(Interaction::id), Optional.empty());
  }

  /** Stops the clock of an outstanding response obligation at {@code at}. */
  private void pause(Work work, MutableObligation o, Party party, Instant at) {
    advance(work, o, party, at, true);
    if (!o.state.isOutstanding() || o.pausedSince.isPresent()) {
      return;
    }
    if (at.isAfter(o.clockAnchor)) {
      o.clockReading = o.clockReading.plus(work.calendar(o, party).businessTimeBetween(o.clockAnchor, at));
      o.clockAnchor = at;
    }
    o.pausedSince = Optional.of(at);
    o.event(ObligationEvent.Type.PAUSED, at, work.now, "conversation " + o.conversation.map(Object::toString)
        .orElse("") + " is waiting on the customer", Optional.empty(), Optional.empty());
  }

  /** Starts the clock again at {@code at}: every point not passed moves out by the paused business time. */
  private void resume(Work work, MutableObligation o, Party party, Instant at, String cause) {
    if (o.pausedSince.isEmpty() || o.state.isFinal()) {
      return;
    }
    Instant from = at.isAfter(o.pausedSince.get()) ? at : o.pausedSince.get();
    Duration paused = work.calendar(o, party).businessTimeBetween(o.pausedSince.get(), from);
    o.pausedSince = Optional.empty();
    o.clockAnchor = from;
    Optional<ObligationRule> rule = work.rules.rule(o.rule);
    if (rule.isPresent()) {
      schedulePoints(work, o, rule.get(), party);
    }
    o.event(ObligationEvent.Type.RESUMED, from, work.now, cause + "; the deadline moved out by " + paused
        + " of counted time", Optional.empty(), Optional.empty());
  }

  /**
   * Sets the instants of the points not passed yet from the clock as it stands: the warning (if not given), the
   * deadline (if not breached) and the escalation steps that have not fallen.
   */
  private void schedulePoints(Work work, MutableObligation o, ObligationRule rule, Party party) {
    BusinessCalendar calendar = work.calendar(o, party);
    if (o.warnedAt.isEmpty()) {
      o.warnAt = rule.warning().map(w -> at(calendar, o, warningReading(w, o.target)));
    }
    if (o.breachedAt.isEmpty()) {
      o.dueAt = at(calendar, o, o.target);
    }
    List<EscalationPoint> points = new ArrayList<>(o.escalations);
    Duration reading = o.target;
    for (int k = 0; k < rule.escalation().size(); k++) {
      EscalationStep step = rule.escalation().get(k);
      reading = reading.plus(step.after());
      if (k >= o.escalated) {
        EscalationPoint point = new EscalationPoint(k + 1, step.role(), at(calendar, o, reading));
        if (k < points.size()) {
          points.set(k, point);
        } else {
          points.add(point);
        }
      }
    }
    o.escalations = points;
  }

  /** The instant at which the clock of {@code o}, running from its anchor, reads {@code reading}. */
  private static Instant at(BusinessCalendar calendar, MutableObligation o, Duration reading) {
    Duration ahead = reading.minus(o.clockReading);
    if (ahead.isNegative()) {
      ahead = Duration.ZERO;
    }
    try {
      return calendar.plusBusinessTime(o.clockAnchor, ahead);
    } catch (ValidationException e) { // the calendar runs out of open time: the point never comes
      return BusinessCalendar.LATEST_SUPPORTED;
    }
  }

  /** The clock reading at which a warning falls. */
  static Duration warningReading(Warning warning, Duration target) {
    if (warning instanceof Warning.BeforeDeadline before) {
      Duration reading = target.minus(before.offset());
      return reading.isNegative() ? Duration.ZERO : reading;
    }
    BigDecimal fraction = ((Warning.ElapsedFraction) warning).fraction();
    BigDecimal nanos = new BigDecimal(target.getSeconds()).scaleByPowerOfTen(9)
        .add(BigDecimal.valueOf(target.getNano()))
        .multiply(fraction).setScale(0, RoundingMode.FLOOR);
    BigDecimal[] secondsAndNanos = nanos.divideAndRemainder(BigDecimal.valueOf(1_000_000_000L));
    return Duration.ofSeconds(secondsAndNanos[0].longValueExact(), secondsAndNanos[1].longValueExact());
  }

  // ------------------------------------------------------------------------------------------ creating

  private MutableObligation create(Work work, RuleRef ref, ObligationRule rule, ObligationKind kind, Party party,
      String action, Duration target, Instant opensAt, Optional<Interaction> trigger) {
    MutableObligation o = new MutableObligation(0);
    o.tenantId = tenant;
    o.id = ObligationId.of(runtime.newId("obligation"));
    o.rule = ref;
    o.kind = kind;
    o.party = party.id();
    o.conversation = Optional.empty();
    o.priority = Optional.empty();
    o.trigger = trigger.map(Interaction::id);
    o.action = action;
    o.assignee = assign(rule.assignee(), party);
    o.state = ObligationState.OPEN;
    o.calendar = rule.calendar();
    o.target = target;
    o.opensAt = opensAt;
    o.clockAnchor = opensAt;
    o.clockReading = Duration.ZERO;
    o.pausedSince = Optional.empty();
    o.warnAt = Optional.empty();
    o.escalations = new ArrayList<>();
    o.warnedAt = Optional.empty();
    o.breachedAt = Optional.empty();
    o.escalated = 0;
    o.settledAt = Optional.empty();
    o.settledBy = Optional.empty();
    o.createdAt = work.now;
    schedulePoints(work, o, rule, party);
    return o;
  }

  /** Resolves a rule's assignee for {@code party}: owner, else team, else the fallback role. */
  static AssignedTo assign(Assignee assignee, Party party) {
    if (assignee instanceof Assignee.Owner owner) {
      return party.owner().map(AssignedTo::owner)
          .or(() -> party.team().map(AssignedTo::team))
          .orElseGet(() -> AssignedTo.role(owner.fallback()));
    }
    if (assignee instanceof Assignee.Team team) {
      return party.team().map(AssignedTo::team).orElseGet(() -> AssignedTo.role(team.fallback()));
    }
    return AssignedTo.role(((Assignee.Role) assignee).name());
  }

  // ------------------------------------------------------------------------------------------ writing

  /** Writes {@code o} if it is new or changed. */
  private static void save(Work work, MutableObligation o) {
    if (!o.changed()) {
      return;
    }
    Obligation built = o.build(work.now);
    if (o.storedVersion == 0) {
      work.tx.obligations().insert(built);
    } else {
      work.tx.obligations().update(built, o.storedVersion);
    }
  }

  private static void notify(Work work, MutableObligation o, NotificationKind kind, String suffix,
      AssignedTo recipient, Instant at, String message) {
    work.outbox.add(work.tx, Notification.ofObligation(o.tenantId, o.id.value() + ":" + suffix, kind, o.id, o.party,
        o.rule, recipient, at, work.now, message));
  }
}
