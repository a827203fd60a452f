package dev.etiquette.crm.internal;

import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.notification.DeliveryStatus;
import dev.etiquette.crm.api.notification.Notification;
import dev.etiquette.crm.api.notification.NotificationKind;
import dev.etiquette.crm.api.notification.Stakeholder;
import dev.etiquette.crm.api.notification.Subscription;
import dev.etiquette.crm.api.party.PartyId;
import dev.etiquette.crm.api.party.Relationship;
import dev.etiquette.crm.api.spi.StakeholderDirectory;
import dev.etiquette.crm.api.spi.StorageTransaction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The notifications one write transaction produces. Each is appended to the storage's notification log, and its
 * deliveries (one per stakeholder and channel its subscriptions name, see {@link Fanout}) are written to the
 * storage's outbox, all in the transaction. After the commit, the deliveries due at once are handed to the
 * relay's fast path; whatever that does not deliver, the relay does later. A transaction that runs again (a
 * retry) starts from {@link #clear()}.
 */
final class Outbox {

  private final StakeholderDirectory directory;
  private final Map<TenantId, List<String>> immediate = new LinkedHashMap<>();
  private final Map<TenantId, People> people = new HashMap<>();

  private record People(List<Stakeholder> stakeholders, List<Subscription> subscriptions) {}

  Outbox(StakeholderDirectory directory) {
    this.directory = directory;
  }

  /** Whether some subscription of {@code tenant} names {@code kind}: notifications no one can receive are not written. */
  boolean wanted(TenantId tenant, NotificationKind kind) {
    return people(tenant).subscriptions().stream().anyMatch(s -> s.kinds().contains(kind));
  }

  /** Writes {@code notification} and its deliveries in {@code tx}. */
  void add(StorageTransaction tx, Notification notification) {
    tx.notifications().append(notification);
    People known = people(notification.tenantId());
    for (Fanout.Planned planned : Fanout.plan(notification, known.stakeholders(), known.subscriptions(),
        () -> related(tx, notification), notification.createdAt())) {
      tx.outbox().enqueue(planned.delivery(), planned.held() ? DeliveryStatus.HELD : DeliveryStatus.PENDING,
          planned.dueAt());
      if (!planned.held()) {
        immediate.computeIfAbsent(notification.tenantId(), t -> new ArrayList<>()).add(planned.delivery().key());
      }
    }
  }

  private People people(TenantId tenant) {
    return people.computeIfAbsent(tenant, t -> new People(List.copyOf(directory.stakeholders(t)),
        List.copyOf(directory.subscriptions(t))));
  }

  /** The parties with a relationship in force to the notification's party, in either direction. */
  private static Set<PartyId> related(StorageTransaction tx, Notification notification) {
    Set<PartyId> related = new HashSet<>();
    PartyId party = notification.party().orElseThrow();
    Instant at = notification.createdAt();
    for (Relationship relationship : tx.relationships().ofParty(notification.tenantId(), party)) {
      boolean inForce = !relationship.validFrom().isAfter(at)
          && relationship.validTo().map(end -> end.isAfter(at)).orElse(true);
      if (inForce) {
        related.add(relationship.from().equals(party) ? relationship.to() : relationship.from());
      }
    }
    return related;
  }

  /** Forgets what an earlier, rolled-back run of the transaction produced. */
  void clear() {
    immediate.clear();
    people.clear();
  }

  /** Hands the deliveries due at once to {@code relay}'s fast path, after the commit. */
  void deliver(Relay relay) {
    if (!immediate.isEmpty()) {
      relay.deliverNow(Map.copyOf(immediate));
    }
    immediate.clear();
  }
}
