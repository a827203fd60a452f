package dev.etiquette.crm.replay;

import dev.etiquette.crm.api.CrmTenant;
import dev.etiquette.crm.api.Page;
import dev.etiquette.crm.api.PageRequest;
import dev.etiquette.crm.api.TenantSettings;
import dev.etiquette.crm.api.ValidationException;
import dev.etiquette.crm.api.contact.ContactEntry;
import dev.etiquette.crm.api.contact.ContactStatus;
import dev.etiquette.crm.api.interaction.ConversationId;
import dev.etiquette.crm.api.interaction.ConversationState;
import dev.etiquette.crm.api.interaction.Interaction;
import dev.etiquette.crm.api.party.AuditAction;
import dev.etiquette.crm.api.party.AuditEntry;
import dev.etiquette.crm.api.party.ConsentDraft;
import dev.etiquette.crm.api.party.ConsentRecord;
import dev.etiquette.crm.api.party.FieldChange;
import dev.etiquette.crm.api.party.LifecycleModel;
import dev.etiquette.crm.api.party.LifecycleStage;
import dev.etiquette.crm.api.party.Party;
import dev.etiquette.crm.api.party.PartyDraft;
import dev.etiquette.crm.api.party.PartyQuery;
import dev.etiquette.crm.api.rules.RuleSet;
import dev.etiquette.crm.api.rules.RuleSetHistory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Reads what a tenant has stored in a window into a {@link Scenario}, for {@link Replay#scenarioOf}. It only reads,
 * through the tenant's public API (parties, timelines, the contact ledger, the audit trail of conversations, the
 * rule sets and the settings), a page of at most {@link PageRequest#MAX_LIMIT} records at a time, and sorts
 * everything it collects on values, so that the same stored data always gives an equal scenario.
 */
final class StoredHistory {

  private static final int PAGE = PageRequest.MAX_LIMIT;
  private static final String CONVERSATION = "conversation";

  /** The order of the kinds of steps that fall at the same instant and were recorded at the same instant. */
  private static final int CONSENT = 0;
  private static final int INTERACTION = 1;
  private static final int STATE = 2;
  private static final int RESERVE = 3;
  private static final int SETTLE = 4;

  /**
   * A step found in storage, with what orders it: its instant, then when the library recorded it, then its kind,
   * then its party, sequence and id (which make the order total).
   */
  private record Found(Instant at, Instant recorded, int kind, String party, long sequence, String id, Step step) {}

  private static final Comparator<Found> ORDER = Comparator.comparing(Found::at)
      .thenComparing(Found::recorded)
      .thenComparingInt(Found::kind)
      .thenComparing(Found::party)
      .thenComparingLong(Found::sequence)
      .thenComparing(Found::id);

  private final CrmTenant tenant;
  private final Instant from;
  private final Instant to;
  private final List<ScenarioParty> parties = new ArrayList<>();
  private final List<Found> found = new ArrayList<>();

  private StoredHistory(CrmTenant tenant, Instant from, Instant to) {
    this.tenant = tenant;
    this.from = from;
    this.to = to;
  }

  /** The scenario of {@code tenant}'s history in {@code [from, to)}, under the named rule set or the only one. */
  static Scenario read(CrmTenant tenant, Optional<String> ruleSet, Instant from, Instant to) {
    if (!to.isAfter(from)) {
      throw ValidationException.of("to", to.toString(), "must be after from (" + from + ")");
    }
    RuleSet rules = rules(tenant, ruleSet, from);
    return new StoredHistory(tenant, from, to).read(rules);
  }

  private Scenario read(RuleSet rules) {
    PageRequest request = PageRequest.first(PAGE);
    while (true) {
      Page<Party> page = tenant.parties().search(PartyQuery.all(), request);
      for (Party party : page.items()) {
        party(party);
      }
      if (page.nextCursor().isEmpty()) {
        break;
      }
      request = PageRequest.after(page.nextCursor().get(), PAGE);
    }
    parties.sort(Comparator.comparing(ScenarioParty::ref));
    found.sort(ORDER);
    List<Step> steps = new ArrayList<>(found.size() + 1);
    Set<ConversationId> opened = new HashSet<>();
    for (Found f : found) {
      if (f.step() instanceof Step.RecordInteraction interaction) {
        interaction.conversation().ifPresent(opened::add);
      } else if (f.step() instanceof Step.SetConversationState change && !opened.contains(change.conversation())) {
        // the conversation has no interaction in the replay yet, so it does not exist there
        continue;
      }
      steps.add(f.step());
    }
    steps.add(new Step.Advance(to));
    TenantSettings settings = tenant.settings();
    String name = "stored history of " + tenant.tenantId().value() + " from " + from + " to " + to;
    String description = "What tenant " + tenant.tenantId().value() + " has stored with an instant in [" + from
        + ", " + to + "), under rule set " + rules.name() + " v" + rules.version() + ", the version in effect at "
        + from;
    return new Scenario(name, Optional.of(description), tenant.tenantId(), settings.zone(), settings.calendar(),
        settings.teamCalendars(), from, rules, parties, steps);
  }

  /** Takes in one party: its interactions, ledger entries and consents in the window, if it has any. */
  private void party(Party party) {
    String ref = party.id().value();
    List<Interaction> interactions = interactions(party);
    List<ContactEntry> entries = all(request -> tenant.contacts().ofParty(party.id(), from, to, request));
    if (interactions.isEmpty() && entries.isEmpty()) {
      return;
    }
    if (parties.size() == Scenario.MAX_PARTIES) {
      throw ValidationException.of("to", to.toString(), "more than " + Scenario.MAX_PARTIES
          + " parties have interactions or contact ledger entries in [" + from + ", " + to
          + "), more than a scenario holds: replay a shorter window");
    }
    List<ConsentDraft> initial = new ArrayList<>();
    List<ConsentRecord> consents = party.consents();
    for (int i = 0; i < consents.size(); i++) {
      ConsentRecord record = consents.get(i);
      ConsentDraft draft = new ConsentDraft(record.channel(), record.purpose(), record.status(),
          record.legalBasis(), Optional.of(record.capturedAt()), record.source(), Optional.of(record.effectiveFrom()),
          record.effectiveTo(), record.doubleOptInConfirmedAt());
      if (record.recordedAt().isBefore(from)) {
        initial.add(draft);
      } else if (record.recordedAt().isBefore(to)) {
        add(new Found(record.recordedAt(), record.recordedAt(), CONSENT, ref, i, "",
            new Step.RecordConsent(record.recordedAt(), ref, draft)));
      }
    }
    Optional<LifecycleStage> stage = party.stage().filter(LifecycleModel.defaults()::contains);
    parties.add(new ScenarioParty(ref, new PartyDraft(party.kind(), party.displayName(), party.roles(), Set.of(),
        party.contactPoints(), party.preferences(), initial, party.doNotContact(), stage, party.owner(),
        party.team(), party.tags(), Map.of())));
    TreeSet<ConversationId> conversations = new TreeSet<>(Comparator.comparing(ConversationId::value));
    for (Interaction i : interactions) {
      i.conversation().ifPresent(conversations::add);
      add(new Found(i.occurredAt(), i.recordedAt(), INTERACTION, ref, 0, i.id().value(),
          new Step.RecordInteraction(i.occurredAt(), ref, i.kind(), i.channel(), i.purpose(), i.direction(),
              i.conversation(), i.outcome(), i.attributes())));
    }
    for (ConversationId conversation : conversations) {
      stateChanges(ref, conversation);
    }
    for (ContactEntry entry : entries) {
      String id = entry.id().value();
      add(new Found(entry.at(), entry.createdAt(), RESERVE, ref, 0, id,
          new Step.Reserve(entry.at(), ref, entry.channel(), entry.purpose(), Optional.of(id))));
      boolean settled = entry.status() == ContactStatus.SENT || entry.status() == ContactStatus.RELEASED;
      if (settled && entry.updatedAt().isBefore(to)) {
        Instant at = entry.updatedAt().isAfter(entry.at()) ? entry.updatedAt() : entry.at();
        Step step = entry.status() == ContactStatus.SENT ? new Step.Confirm(at, id) : new Step.Release(at, id);
        add(new Found(at, entry.updatedAt(), SETTLE, ref, 0, id, step));
      }
    }
  }

  /** The party's interactions that occurred in {@code [from, to)}, read newest first and stopping before from. */
  private List<Interaction> interactions(Party party) {
    List<Interaction> inWindow = new ArrayList<>();
    PageRequest request = PageRequest.first(PAGE);
    while (true) {
      Page<Interaction> page = tenant.interactions().timeline(party.id(), request);
      for (Interaction interaction : page.items()) {
        if (interaction.occurredAt().isBefore(from)) {
          return inWindow;
        }
        if (interaction.occurredAt().isBefore(to)) {
          inWindow.add(interaction);
        }
      }
      if (page.nextCursor().isEmpty()) {
        return inWindow;
      }
      request = PageRequest.after(page.nextCursor().get(), PAGE);
    }
  }

  /** The changes of a conversation's state in the window, from its audit trail. */
  private void stateChanges(String ref, ConversationId conversation) {
    PageRequest request = PageRequest.first(PAGE);
    while (true) {
      Page<AuditEntry> page = tenant.audit().ofRecord(CONVERSATION, conversation.value(), request);
      for (AuditEntry entry : page.items()) {
        if (entry.action() != AuditAction.STATE_CHANGED || entry.at().isBefore(from) || !entry.at().isBefore(to)) {
          continue;
        }
        for (FieldChange change : entry.changes()) {
          if (change.field().equals("state") && change.after().isPresent()) {
            ConversationState state = ConversationState.valueOf(change.after().get());
            add(new Found(entry.at(), entry.at(), STATE, ref, entry.sequence(), conversation.value(),
                new Step.SetConversationState(entry.at(), conversation, state)));
          }
        }
      }
      if (page.nextCursor().isEmpty()) {
        return;
      }
      request = PageRequest.after(page.nextCursor().get(), PAGE);
    }
  }

  /** Collects a step, failing as soon as there are more than a scenario holds (with the final advance). */
  private void add(Found step) {
    if (found.size() == Scenario.MAX_STEPS - 1) {
      throw ValidationException.of("to", to.toString(), "the stored history in [" + from + ", " + to
          + ") has more than " + (Scenario.MAX_STEPS - 1) + " steps, more than a scenario holds with its final"
          + " advance: replay a shorter window");
    }
    found.add(step);
  }

  /** Every item of a paged read, page by page. */
  private static <T> List<T> all(Function<PageRequest, Page<T>> read) {
    List<T> all = new ArrayList<>();
    PageRequest request = PageRequest.first(PAGE);
    while (true) {
      Page<T> page = read.apply(request);
      all.addAll(page.items());
      if (page.nextCursor().isEmpty()) {
        return all;
      }
      request = PageRequest.after(page.nextCursor().get(), PAGE);
    }
  }

  /** The rule set to replay: the named one's version in effect at {@code from}, or the only one in effect then. */
  private static RuleSet rules(CrmTenant tenant, Optional<String> name, Instant from) {
    if (name.isPresent()) {
      Optional<RuleSetHistory> history = tenant.rules().history(name.get());
      if (history.isEmpty()) {
        throw ValidationException.of("ruleSet", name.get(), "is not a rule set of tenant "
            + tenant.tenantId().value() + " (it has " + names(tenant.rules().all()) + ")");
      }
      return history.get().inEffectAt(from).orElseThrow(() -> ValidationException.of("ruleSet", name.get(),
          "has no version in effect at from (" + from + "): its first takes effect at "
              + history.get().versions().get(0).effectiveFrom()));
    }
    List<RuleSet> inEffect = new ArrayList<>();
    for (RuleSetHistory history : tenant.rules().all()) {
      history.inEffectAt(from).ifPresent(inEffect::add);
    }
    inEffect.sort(Comparator.comparing(RuleSet::name));
    if (inEffect.size() != 1) {
      List<String> names = inEffect.stream().map(RuleSet::name).toList();
      throw ValidationException.of("ruleSet", names.isEmpty() ? "none" : String.join(", ", names),
          "exactly one rule set must be in effect at from (" + from + ") to replay tenant "
              + tenant.tenantId().value() + "'s history under it; name the one to replay");
    }
    return inEffect.get(0);
  }

  private static String names(List<RuleSetHistory> histories) {
    List<String> names = new ArrayList<>();
    for (RuleSetHistory history : histories) {
      names.add(history.versions().get(0).name());
    }
    names.sort(Comparator.naturalOrder());
    return names.isEmpty() ? "none" : String.join(", ", names);
  }
}
