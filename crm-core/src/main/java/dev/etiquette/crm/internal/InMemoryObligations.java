package dev.etiquette.crm.internal;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import dev.etiquette.crm.api.DuplicateKeyException;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.VersionConflictException;
import dev.etiquette.crm.api.interaction.ConversationId;
import dev.etiquette.crm.api.notification.Notification;
import dev.etiquette.crm.api.obligation.Obligation;
import dev.etiquette.crm.api.obligation.ObligationId;
import dev.etiquette.crm.api.obligation.ObligationQuery;
import dev.etiquette.crm.api.party.PartyId;
import dev.etiquette.crm.api.rules.RuleSet;
import dev.etiquette.crm.api.spi.NotificationStore;
import dev.etiquette.crm.api.spi.ObligationPosition;
import dev.etiquette.crm.api.spi.ObligationStore;
import dev.etiquette.crm.api.spi.RuleSetStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The obligations, rule sets and notifications of the {@link InMemoryStorage}: the data of one tenant
 * ({@link Data}), and the three stores over it as one transaction sees them ({@link Stores}). Every read the
 * engine makes on a hot path is served by an index: by id, the obligations of a conversation, the unsettled
 * obligations of a party, the exclusive keys, and the due index ordered by {@link Obligation#nextDueAt()}.
 */
final class InMemoryObligations {

  private InMemoryObligations() {}

  /** One tenant's obligations, rule sets and notifications. */
  static final class Data {
    final Map<ObligationId, Obligation> byId = new HashMap<>();
    final Map<ConversationId, Set<ObligationId>> byConversation = new HashMap<>();
    final Map<PartyId, Set<ObligationId>> unsettledByParty = new HashMap<>();
    /** Every obligation of each party, for searches that name a party. */
    final Map<PartyId, Set<ObligationId>> byParty = new HashMap<>();
    final Map<String, ObligationId> exclusive = new HashMap<>();
    final NavigableSet<Due> due = new TreeSet<>();
    /** Replaced, never changed, so that {@code all} can hand it out without copying it. */
    List<RuleSet> ruleSets = List.of();
    final Map<String, Notification> notifications = new LinkedHashMap<>();
    final Map<ObligationId, List<Notification>> notificationsByObligation = new HashMap<>();
  }

  /** An entry of the due index. */
  record Due(Instant at, ObligationId id) implements Comparable<Due> {
    @Override
    public int compareTo(Due other) {
      int byTime = at.compareTo(other.at);
      return byTime != 0 ? byTime : id.compareTo(other.id);
    }
  }

  /**
   * The three stores for one transaction.
   *
   * @param readable a tenant's data for reading (an unknown tenant: empty data, not created)
   * @param writable a tenant's data for writing (created if needed; fails in a read transaction)
   * @param tenants every tenant's id, for claims across tenants
   * @param undo where each change pushes what undoes it
   */
  record Stores(Function<TenantId, Data> readable, Function<TenantId, Data> writable,
      Supplier<Collection<TenantId>> tenants, Deque<Runnable> undo)
      implements ObligationStore, RuleSetStore, NotificationStore {

    // ------------------------------------------------------------------------------------------ obligations

    @Override
    public void insert(Obligation obligation) {
      Data data = writable.apply(obligation.tenantId());
      if (data.byId.containsKey(obligation.id())) {
        throw new DuplicateKeyException("obligation", "id " + obligation.id());
      }
      checkExclusive(data, obligation);
      index(data, obligation);
      undo.push(() -> unindex(data, obligation));
    }

    @Override
    public void update(Obligation obligation, long expectedVersion) {
      Data data = writable.apply(obligation.tenantId());
      Obligation current = data.byId.get(obligation.id());
      long actual = current == null ? 0 : current.version();
      if (actual != expectedVersion) {
        throw new VersionConflictException("obligation", obligation.id().value(), expectedVersion, actual);
      }
      unindex(data, current);
      try {
        checkExclusive(data, obligation);
      } catch (DuplicateKeyException e) {
        index(data, current);
        throw e;
      }
      index(data, obligation);
      undo.push(() -> {
        unindex(data, obligation);
        index(data, current);
      });
    }

    private static void checkExclusive(Data data, Obligation obligation) {
      Optional<String> key = obligation.exclusiveKey();
      if (key.isPresent() && data.exclusive.containsKey(key.get())) {
        throw new DuplicateKeyException("obligation", "unsettled " + key.get());
      }
    }

    private static void index(Data data, Obligation o) {
      data.byId.put(o.id(), o);
      o.conversation().ifPresent(c -> data.byConversation.computeIfAbsent(c, k -> new LinkedHashSet<>()).add(o.id()));
      data.byParty.computeIfAbsent(o.party(), k -> new LinkedHashSet<>()).add(o.id());
      if (!o.state().isFinal()) {
        data.unsettledByParty.computeIfAbsent(o.party(), k -> new LinkedHashSet<>()).add(o.id());
      }
      o.exclusiveKey().ifPresent(k -> data.exclusive.put(k, o.id()));
      o.nextDueAt().ifPresent(at -> data.due.add(new Due(at, o.id())));
    }

    private static void unindex(Data data, Obligation o) {
      data.byId.remove(o.id());
      o.conversation().ifPresent(c -> {
        Set<ObligationId> ids = data.byConversation.get(c);
        ids.remove(o.id());
        if (ids.isEmpty()) {
          data.byConversation.remove(c);
        }
      });
      Set<ObligationId> ofParty = data.byParty.get(o.party());
      ofParty.remove(o.id());
      if (ofParty.isEmpty()) {
        data.byParty.remove(o.party());
      }
      Set<ObligationId> unsettled = data.unsettledByParty.get(o.party());
      if (unsettled != null) {
        unsettled.remove(o.id());
        if (unsettled.isEmpty()) {
          data.unsettledByParty.remove(o.party());
        }
      }
      o.exclusiveKey().ifPresent(data.exclusive::remove);
      o.nextDueAt().ifPresent(at -> data.due.remove(new Due(at, o.id())));
    }

    @Override
    public Optional<Obligation> find(TenantId tenant, ObligationId id) {
      return Optional.ofNullable(readable.apply(tenant).byId.get(requireNonNull(id, "id")));
    }

    @Override
    public List<Obligation> unsettledOfConversation(TenantId tenant, ConversationId conversation) {
      return ofConversation(tenant, conversation).stream().filter(o -> !o.state().isFinal())
          .collect(ImmutableList.toImmutableList());
    }

    @Override
    public List<Obligation> unsettledOfParty(TenantId tenant, PartyId party) {
      Data data = readable.apply(tenant);
      return oldestFirst(data, data.unsettledByParty.getOrDefault(requireNonNull(party, "party"), Set.of()));
    }

    @Override
    public List<Obligation> ofConversation(TenantId tenant, ConversationId conversation) {
      Data data = readable.apply(tenant);
      return oldestFirst(data, data.byConversation.getOrDefault(requireNonNull(conversation, "conversation"),
          Set.of()));
    }

    @Override
    public Optional<Obligation> latestOfConversation(TenantId tenant, ConversationId conversation) {
      Data data = readable.apply(tenant);
      return data.byConversation.getOrDefault(requireNonNull(conversation, "conversation"), Set.of()).stream()
          .map(data.byId::get).max(OLDEST_FIRST);
    }

    private static List<Obligation> oldestFirst(Data data, Set<ObligationId> ids) {
      return ids.stream().map(data.byId::get).sorted(OLDEST_FIRST).collect(ImmutableList.toImmutableList());
    }

    /** By creation, then id: the order of the store's contract. */
    private static final Comparator<Obligation> OLDEST_FIRST = Comparator.comparing(Obligation::createdAt)
        .thenComparing(Obligation::id);

    @Override
    public List<Obligation> search(TenantId tenant, ObligationQuery query, Optional<ObligationPosition> after,
        int limit) {
      requireNonNull(query, "query");
      requireNonNull(after, "after");
      Data data = readable.apply(tenant);
      // a party's obligations when the query names one; otherwise every obligation of the tenant is looked at
      java.util.Collection<Obligation> candidates = query.party().isPresent()
          ? data.byParty.getOrDefault(query.party().get(), Set.of()).stream().map(data.byId::get).toList()
          : data.byId.values();
      return candidates.stream()
          .filter(query::matches)
          .filter(o -> after.isEmpty() || ObligationPosition.of(o).compareTo(after.get()) > 0)
          .sorted(Comparator.comparing(ObligationPosition::of))
          .limit(limit)
          .collect(ImmutableList.toImmutableList());
    }

    @Override
    public List<Obligation> claimDue(Optional<TenantId> tenant, Instant now, int limit) {
      requireNonNull(tenant, "tenant");
      requireNonNull(now, "now");
      List<Obligation> due = new ArrayList<>();
      for (TenantId each : tenant.isPresent() ? List.of(tenant.get()) : tenants.get()) {
        Data data = readable.apply(each);
        int taken = 0;
        for (Due entry : data.due) {
          if (entry.at().isAfter(now) || taken++ == limit) {
            break;
          }
          due.add(data.byId.get(entry.id()));
        }
        if (due.size() > limit) {
          due.sort(Comparator.comparing((Obligation o) -> o.nextDueAt().orElseThrow()));
          due.subList(limit, due.size()).clear();
        }
      }
      due.sort(Comparator.comparing((Obligation o) -> o.nextDueAt().orElseThrow()));
      return ImmutableList.copyOf(due);
    }

    // ------------------------------------------------------------------------------------------- rule sets

    @Override
    public void insert(TenantId tenant, RuleSet ruleSet) {
      requireNonNull(ruleSet, "ruleSet");
      Data data = writable.apply(tenant);
      for (RuleSet stored : data.ruleSets) {
        if (stored.name().equals(ruleSet.name()) && stored.version() == ruleSet.version()) {
          throw new DuplicateKeyException("rule set", ruleSet.name() + " v" + ruleSet.version());
        }
      }
      List<RuleSet> before = data.ruleSets;
      List<RuleSet> after = new ArrayList<>(before);
      after.add(ruleSet);
      data.ruleSets = List.copyOf(after);
      undo.push(() -> data.ruleSets = before);
    }

    @Override
    public List<RuleSet> all(TenantId tenant) {
      return readable.apply(tenant).ruleSets;
    }

    // ---------------------------------------------------------------------------------------- notifications

    @Override
    public void append(Notification notification) {
      Data data = writable.apply(notification.tenantId());
      if (data.notifications.putIfAbsent(notification.key(), notification) != null) {
        throw new DuplicateKeyException("notification", "key " + notification.key());
      }
      List<Notification> ofObligation = notification.obligation()
          .map(o -> data.notificationsByObligation.computeIfAbsent(o, k -> new ArrayList<>()))
          .orElseGet(ArrayList::new);
      ofObligation.add(notification);
      undo.push(() -> {
        ofObligation.remove(ofObligation.size() - 1);
        data.notifications.remove(notification.key());
      });
    }

    @Override
    public List<Notification> ofObligation(TenantId tenant, ObligationId obligation) {
      return List.copyOf(readable.apply(tenant).notificationsByObligation.getOrDefault(
          requireNonNull(obligation, "obligation"), List.of()));
    }
  }
}
