package dev.etiquette.crm.internal;

import static java.util.Objects.requireNonNull;

import dev.etiquette.crm.api.Actor;
import dev.etiquette.crm.api.Channel;
import dev.etiquette.crm.api.NotFoundException;
import dev.etiquette.crm.api.Page;
import dev.etiquette.crm.api.PageRequest;
import dev.etiquette.crm.api.Purpose;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.ValidationException;
import dev.etiquette.crm.api.calendar.BusinessCalendar;
import dev.etiquette.crm.api.contact.ContactEntry;
import dev.etiquette.crm.api.contact.ContactId;
import dev.etiquette.crm.api.contact.ContactReceipt;
import dev.etiquette.crm.api.contact.ContactRequest;
import dev.etiquette.crm.api.contact.ContactStatus;
import dev.etiquette.crm.api.contact.Contacts;
import dev.etiquette.crm.api.contact.RuleVerdict;
import dev.etiquette.crm.api.contact.Verdict;
import dev.etiquette.crm.api.notification.Notification;
import dev.etiquette.crm.api.notification.NotificationKind;
import dev.etiquette.crm.api.obligation.AssignedTo;
import dev.etiquette.crm.api.party.Party;
import dev.etiquette.crm.api.party.PartyId;
import dev.etiquette.crm.api.rules.RuleRef;
import dev.etiquette.crm.api.rules.RuleSet;
import dev.etiquette.crm.api.rules.RuleSetHistory;
import dev.etiquette.crm.api.spi.ContactPosition;
import dev.etiquette.crm.api.spi.StorageTransaction;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** {@link Contacts} over the storage: decisions read, reservations write with the party locked. */
final class ContactService implements Contacts {

  static final String RECORD_TYPE = "contact";

  /** The role a refused contact of a party with neither owner nor team is addressed to. */
  static final String UNOWNED_ROLE = "contacts";

  private final CrmRuntime runtime;
  private final TenantId tenant;
  private final Actor actor;
  /** The rule sets last read, and their histories: rebuilt only when the stored sets change. */
  private volatile Policy policy = new Policy(List.of(), Map.of());

  ContactService(CrmRuntime runtime, TenantId tenant, Actor actor) {
    this.runtime = requireNonNull(runtime, "runtime");
    this.tenant = requireNonNull(tenant, "tenant");
    this.actor = requireNonNull(actor, "actor");
  }

  /**
   * A tenant's rule sets by name, as versions in effect one after the other, and the decision sources of the sets
   * last found in effect (they change only when a version takes effect).
   */
  private static final class Policy {
    private final List<RuleSet> sets;
    private final Map<String, RuleSetHistory> histories;
    private volatile Sources last = new Sources(List.of(), ContactDecider.sources(List.of()));

    Policy(List<RuleSet> sets, Map<String, RuleSetHistory> histories) {
      this.sets = sets;
      this.histories = histories;
    }

    /** Whether {@code stored} holds the very same rule set objects, in the same order. */
    boolean isFor(List<RuleSet> stored) {
      return sameObjects(sets, stored);
    }

    static Policy of(List<RuleSet> sets) {
      Map<String, List<RuleSet>> byName = new LinkedHashMap<>();
      for (RuleSet set : sets) {
        byName.computeIfAbsent(set.name(), n -> new ArrayList<>()).add(set);
      }
      Map<String, RuleSetHistory> histories = new LinkedHashMap<>();
      byName.forEach((name, versions) -> histories.put(name, new RuleSetHistory(versions)));
      return new Policy(List.copyOf(sets), histories);
    }

    /** The decision sources of the rule sets in effect at {@code at}. */
    List<ContactDecider.Source> sourcesAt(Instant at) {
      List<RuleSet> inEffect = new ArrayList<>(histories.size());
      for (RuleSetHistory history : histories.values()) {
        history.inEffectAt(at).ifPresent(inEffect::add);
      }
      Sources cached = last;
      if (!sameObjects(cached.sets(), inEffect)) {
        cached = new Sources(inEffect, ContactDecider.sources(inEffect));
        last = cached;
      }
      return cached.sources();
    }
  }

  /** Sources made from these sets. */
  private record Sources(List<RuleSet> sets, List<ContactDecider.Source> sources) {}

  /** Whether the lists hold the very same objects in the same order. */
  private static boolean sameObjects(List<RuleSet> a, List<RuleSet> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (a.get(i) != b.get(i)) {
        return false;
      }
    }
    return true;
  }

  private Policy policy(StorageTransaction tx) {
    List<RuleSet> stored = tx.ruleSets().all(tenant);
    Policy current = policy;
    if (!current.isFor(stored)) {
      current = Policy.of(stored);
      policy = current;
    }
    return current;
  }

  private static ContactRequest checked(ContactRequest request) {
    requireNonNull(request, "request");
    Instant at = request.at();
    if (at.isBefore(BusinessCalendar.EARLIEST_SUPPORTED) || !at.isBefore(BusinessCalendar.LATEST_SUPPORTED)) {
      throw ValidationException.of("request.at", at.toString(), "must be in the years 1 to 9999");
    }
    Instant micros = at.truncatedTo(ChronoUnit.MICROS);
    return micros.equals(at) ? request : request.at(micros);
  }

  /** Decides {@code request} in {@code tx}, reading the party, the rules in effect and the ledger. */
  ContactReceipt decideIn(StorageTransaction tx, ContactRequest request, Instant now) {
    Party party = tx.parties().find(tenant, request.party())
        .orElseThrow(() -> new NotFoundException("party", request.party().value()));
    List<ContactDecider.Source> sources = policy(tx).sourcesAt(request.at());
    ZoneId zone = party.preferences().timeZone().orElseGet(() -> SettingsService.settings(tx, tenant).zone());
    Duration reach = ContactDecider.reach(sources);
    List<ContactEntry> counted = reach.isZero() ? List.of()
        : tx.contacts().counted(tenant, party.id(), request.at().minus(reach), BusinessCalendar.LATEST_SUPPORTED);
    return ContactDecider.decide(tenant, request, now, party, sources, zone, counted);
  }

  @Override
  public ContactReceipt decide(ContactRequest request) {
    ContactRequest checked = checked(request);
    Instant now = runtime.now();
    return runtime.storage().read(tx -> decideIn(tx, checked, now));
  }

  @Override
  public ContactReceipt decide(PartyId party, Channel channel, Purpose purpose) {
    return decide(ContactRequest.of(party, channel, purpose, runtime.now()));
  }

  @Override
  public ContactEntry reserve(ContactRequest request) {
    ContactRequest checked = checked(request);
    return runtime.writeNotifying((tx, outbox) -> {
      tx.contacts().lockParty(tenant, checked.party());
      Instant now = runtime.now(); // after the lock: the decision is taken when the ledger can no longer change
      ContactReceipt receipt = decideIn(tx, checked, now);
      ContactEntry entry = new ContactEntry(tenant, ContactId.of(runtime.newId(RECORD_TYPE)),
          receipt.allowed() ? ContactStatus.RESERVED : ContactStatus.DENIED, receipt, actor, 1, now, now);
      tx.contacts().insert(entry);
      if (!receipt.allowed() && outbox.wanted(tenant, NotificationKind.CONTACT_DENIED)) {
        outbox.add(tx, denied(tx, entry, now));
      }
      return entry;
    });
  }

  /**
   * The notification of a refused reservation, addressed to the party's owner, else its team, else the role
   * {@value #UNOWNED_ROLE}.
   */
  private Notification denied(StorageTransaction tx, ContactEntry entry, Instant now) {
    ContactReceipt receipt = entry.receipt();
    Party party = tx.parties().find(tenant, receipt.request().party()).orElseThrow();
    AssignedTo addressee = party.owner().map(AssignedTo::owner)
        .or(() -> party.team().map(AssignedTo::team))
        .orElse(AssignedTo.role(UNOWNED_ROLE));
    List<RuleVerdict> denying = receipt.rules().stream().filter(r -> r.verdict() == Verdict.DENY).toList();
    Optional<RuleRef> rule = denying.stream().flatMap(r -> r.rule().stream()).findFirst();
    String reasons = denying.stream().map(r -> r.check() + ": " + r.reason()).collect(Collectors.joining("; "));
    String message = "Contact " + entry.id().value() + " with party " + party.id().value() + " on "
        + receipt.request().channel() + " for " + receipt.request().purpose() + " was refused (" + reasons + ")"
        + receipt.nextAllowedAt().map(at -> "; next allowed at " + at).orElse("; no later instant is allowed");
    return new Notification(tenant, entry.id().value() + ":denied", NotificationKind.CONTACT_DENIED,
        Optional.empty(), Optional.of(entry.id()), Optional.of(party.id()), rule, Optional.empty(), addressee,
        receipt.request().at(), now, message);
  }

  @Override
  public ContactEntry reserve(PartyId party, Channel channel, Purpose purpose) {
    return reserve(ContactRequest.of(party, channel, purpose, runtime.now()));
  }

  @Override
  public ContactEntry confirm(ContactId id) {
    return settle(id, ContactStatus.SENT);
  }

  @Override
  public ContactEntry release(ContactId id) {
    return settle(id, ContactStatus.RELEASED);
  }

  private ContactEntry settle(ContactId id, ContactStatus to) {
    requireNonNull(id, "id");
    return runtime.write(tx -> {
      ContactEntry entry = tx.contacts().find(tenant, id)
          .orElseThrow(() -> new NotFoundException(RECORD_TYPE, id.value()));
      if (entry.status() == to) {
        return entry;
      }
      if (entry.status() != ContactStatus.RESERVED) {
        throw ValidationException.of("id", id.value(), "is " + entry.status() + ": only a RESERVED contact can be "
            + (to == ContactStatus.SENT ? "confirmed" : "released"));
      }
      ContactEntry settled = entry.withStatus(to, runtime.now());
      tx.contacts().update(settled, entry.version());
      return settled;
    });
  }

  @Override
  public Optional<ContactEntry> find(ContactId id) {
    requireNonNull(id, "id");
    return runtime.storage().read(tx -> tx.contacts().find(tenant, id));
  }

  @Override
  public Page<ContactEntry> ofParty(PartyId party, Instant from, Instant to, PageRequest page) {
    requireNonNull(party, "party");
    requireNonNull(from, "from");
    requireNonNull(to, "to");
    requireNonNull(page, "page");
    return Cursors.timedPage(tenant + "|contacts|" + party + "|" + from + "|" + to, page,
        (at, id) -> new ContactPosition(at, ContactId.of(id)),
        (after, limit) -> runtime.storage().read(tx -> tx.contacts().ofParty(tenant, party, from, to, after, limit)),
        ContactEntry::at, e -> e.id().value());
  }
}
