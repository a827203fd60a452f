package dev.etiquette.crm.internal;

import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.calendar.CalendarChoice;
import dev.etiquette.crm.api.interaction.ConversationId;
import dev.etiquette.crm.api.interaction.InteractionId;
import dev.etiquette.crm.api.obligation.AssignedTo;
import dev.etiquette.crm.api.obligation.EscalationPoint;
import dev.etiquette.crm.api.obligation.Obligation;
import dev.etiquette.crm.api.obligation.ObligationEvent;
import dev.etiquette.crm.api.obligation.ObligationId;
import dev.etiquette.crm.api.obligation.ObligationKind;
import dev.etiquette.crm.api.obligation.ObligationState;
import dev.etiquette.crm.api.party.PartyId;
import dev.etiquette.crm.api.rules.RuleRef;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An {@link Obligation} being changed by the engine: the record's components as fields, so that one event can
 * change several of them before the record is built again with the next version.
 */
final class MutableObligation {
  TenantId tenantId;
  ObligationId id;
  RuleRef rule;
  ObligationKind kind;
  PartyId party;
  Optional<ConversationId> conversation;
  Optional<String> priority;
  Optional<InteractionId> trigger;
  String action;
  AssignedTo assignee;
  ObligationState state;
  CalendarChoice calendar;
  Duration target;
  Instant opensAt;
  Instant clockAnchor;
  Duration clockReading;
  Optional<Instant> pausedSince;
  Optional<Instant> warnAt;
  Instant dueAt;
  List<EscalationPoint> escalations;
  Optional<Instant> warnedAt;
  Optional<Instant> breachedAt;
  int escalated;
  Optional<Instant> settledAt;
  Optional<InteractionId> settledBy;
  final List<ObligationEvent> history = new ArrayList<>();
  Instant createdAt;
  /** The version the obligation had when read, 0 for a new one. */
  final long storedVersion;

  MutableObligation(long storedVersion) {
    this.storedVersion = storedVersion;
  }

  static MutableObligation of(Obligation o) {
    MutableObligation m = new MutableObligation(o.version());
    m.tenantId = o.tenantId();
    m.id = o.id();
    m.rule = o.rule();
    m.kind = o.kind();
    m.party = o.party();
    m.conversation = o.conversation();
    m.priority = o.priority();
    m.trigger = o.trigger();
    m.action = o.action();
    m.assignee = o.assignee();
    m.state = o.state();
    m.calendar = o.calendar();
    m.target = o.target();
    m.opensAt = o.opensAt();
    m.clockAnchor = o.clockAnchor();
    m.clockReading = o.clockReading();
    m.pausedSince = o.pausedSince();
    m.warnAt = o.warnAt();
    m.dueAt = o.dueAt();
    m.escalations = new ArrayList<>(o.escalations());
    m.warnedAt = o.warnedAt();
    m.breachedAt = o.breachedAt();
    m.escalated = o.escalated();
    m.settledAt = o.settledAt();
    m.settledBy = o.settledBy();
    m.history.addAll(o.history());
    m.createdAt = o.createdAt();
    m.historyAtRead = m.history.size();
    return m;
  }

  private boolean touched;

  /** Whether an event was added since it was read, or it was {@linkplain #touch() touched}, or it is new. */
  boolean changed() {
    return storedVersion == 0 || touched || history.size() > historyAtRead;
  }

  /** Marks a change that records no event (a dormancy countdown restarting). */
  void touch() {
    touched = true;
  }

  private int historyAtRead;

  /** The record as it stands, one version on if it changed, stamped {@code now}. */
  Obligation build(Instant now) {
    long next = storedVersion + 1;
    return new Obligation(tenantId, id, rule, kind, party, conversation, priority, trigger, action, assignee, state, calendar,
        target, opensAt, clockAnchor, clockReading, pausedSince, warnAt, dueAt, escalations, warnedAt, breachedAt,
        escalated, settledAt, settledBy, history, next, storedVersion == 0 ? now : createdAt, now);
  }

  void event(ObligationEvent.Type type, Instant at, Instant now, String cause, Optional<InteractionId> interaction,
      Optional<String> role) {
    history.add(new ObligationEvent(type, at, now, cause, interaction, role, rule.version()));
  }
}
