package dev.etiquette.crm.replay;

import dev.etiquette.crm.Crm;
import dev.etiquette.crm.api.Actor;
import dev.etiquette.crm.api.CrmTenant;
import dev.etiquette.crm.api.Page;
import dev.etiquette.crm.api.PageRequest;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.contact.ContactEntry;
import dev.etiquette.crm.api.contact.ContactRequest;
import dev.etiquette.crm.api.contact.ContactStatus;
import dev.etiquette.crm.api.interaction.InteractionDraft;
import dev.etiquette.crm.api.notification.Notification;
import dev.etiquette.crm.api.obligation.Obligation;
import dev.etiquette.crm.api.obligation.ObligationQuery;
import dev.etiquette.crm.api.party.PartyId;
import dev.etiquette.crm.api.party.PartyUpdate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A tenant's history made live, for the tests of {@link Replay#scenarioOf}: a library with in-memory storage, random
 * ids and a clock the test moves, where a {@link Scenario}'s steps happen as they would in a running application
 * (each at its instant, by the library's clock) and are stored. Not thread-safe.
 */
final class LiveHistory implements AutoCloseable {

  final ReplayClock clock;
  final Crm crm;
  final CrmTenant tenant;
  /** A scenario party's reference → the id the live library gave it. */
  final Map<String, PartyId> parties = new HashMap<>();
  /** A reserve step's ref → the ledger entry it made. */
  final Map<String, ContactEntry> reservations = new HashMap<>();
  /** What the library notified, in order. */
  final List<Notification> notifications = new ArrayList<>();

  LiveHistory(Instant start, String tenant) {
    this.clock = new ReplayClock(start);
    this.crm = Crm.builder().clock(clock).executor(Runnable::run).notifications(d -> notifications.add(d.notification())).build();
    this.tenant = crm.tenant(TenantId.of(tenant), Actor.user("agent"));
  }

  /**
   * Plays {@code scenario} here: its settings and rule set stored and its parties created at its start, then every
   * step at its instant, as {@link Replay} plays it on its own library.
   */
  static LiveHistory of(Scenario scenario) {
    LiveHistory live = new LiveHistory(scenario.start(), scenario.tenant().value());
    live.tenant.configure(scenario.settings());
    live.tenant.rules().publish(scenario.rules());
    for (ScenarioParty party : scenario.parties()) {
      live.parties.put(party.ref(), live.tenant.parties().create(party.draft()).id());
    }
    scenario.steps().forEach(live::apply);
    return live;
  }

  /** Moves the clock to the step's instant and makes it happen. */
  void apply(Step step) {
    clock.moveTo(step.at());
    if (step instanceof Step.RecordInteraction s) {
      tenant.interactions().record(new InteractionDraft(parties.get(s.party()), s.kind(), s.channel(), s.purpose(),
          s.direction(), s.conversation(), Optional.of(s.at()), s.outcome(), s.attributes()));
    } else if (step instanceof Step.Decide s) {
      tenant.contacts().decide(ContactRequest.of(parties.get(s.party()), s.channel(), s.purpose(), s.at()));
    } else if (step instanceof Step.Reserve s) {
      ContactEntry entry = tenant.contacts()
          .reserve(ContactRequest.of(parties.get(s.party()), s.channel(), s.purpose(), s.at()));
      s.ref().ifPresent(ref -> reservations.put(ref, entry));
    } else if (step instanceof Step.Confirm s) {
      ContactEntry entry = reservations.get(s.contact());
      if (entry.status() != ContactStatus.DENIED) {
        tenant.contacts().confirm(entry.id());
      }
    } else if (step instanceof Step.Release s) {
      ContactEntry entry = reservations.get(s.contact());
      if (entry.status() != ContactStatus.DENIED) {
        tenant.contacts().release(entry.id());
      }
    } else if (step instanceof Step.SetConversationState s) {
      long version = tenant.interactions().conversation(s.conversation()).version();
      tenant.interactions().setConversationState(s.conversation(), version, s.state());
    } else if (step instanceof Step.RecordConsent s) {
      PartyId id = parties.get(s.party());
      tenant.parties().recordConsent(id, tenant.parties().get(id).version(), s.consent());
    } else if (step instanceof Step.UpdateParty s) {
      PartyId id = parties.get(s.party());
      tenant.parties().update(id, tenant.parties().get(id).version(), new PartyUpdate(s.changes()));
    } else if (step instanceof Step.Advance) {
      tenant.obligations().processDue();
    } else {
      throw new IllegalStateException("unknown step " + step);
    }
  }

  /** Every obligation the tenant holds. */
  List<Obligation> obligations() {
    return all(request -> tenant.obligations().search(ObligationQuery.all(), request));
  }

  /** Every item of a paged read. */
  static <T> List<T> all(Function<PageRequest, Page<T>> read) {
    List<T> all = new ArrayList<>();
    Optional<PageRequest> request = Optional.of(PageRequest.first(PageRequest.MAX_LIMIT));
    while (request.isPresent()) {
      Page<T> page = read.apply(request.get());
      all.addAll(page.items());
      request = request.get().next(page);
    }
    return all;
  }

  @Override
  public void close() {
    crm.close();
  }
}
