package dev.etiquette.crm.internal;

import static java.util.Objects.requireNonNull;

import dev.etiquette.crm.api.DuplicateKeyException;
import dev.etiquette.crm.api.NotFoundException;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.VersionConflictException;
import dev.etiquette.crm.api.contact.ContactEntry;
import dev.etiquette.crm.api.contact.ContactId;
import dev.etiquette.crm.api.party.PartyId;
import dev.etiquette.crm.api.spi.ContactLedgerStore;
import dev.etiquette.crm.api.spi.ContactPosition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * The contact ledger of the {@link InMemoryStorage}: each tenant's entries by id, and each party's entries
 * ordered by (instant, id), so that a cap reads only the entries of its window. The storage serializes write
 * transactions, so {@link #lockParty} only checks that the party exists.
 */
final class InMemoryContacts {

  private InMemoryContacts() {}

  /** One tenant's ledger. */
  static final class Data {
    final Map<ContactId, ContactEntry> byId = new HashMap<>();
    final Map<PartyId, NavigableMap<ContactPosition, ContactEntry>> byParty = new HashMap<>();
  }

  /** The smallest id there can be: {@code -} comes before every other character of the format. */
  private static final ContactId LOWEST = ContactId.of("-");

  private static final java.util.Comparator<ContactPosition> ORDER =
      java.util.Comparator.comparing(ContactPosition::at).thenComparing(ContactPosition::id);

  private static ContactPosition position(ContactEntry entry) {
    return new ContactPosition(entry.at(), entry.id());
  }

  /**
   * The store for one transaction.
   *
   * @param readable a tenant's ledger for reading (an unknown tenant: empty, not created)
   * @param writable a tenant's ledger for writing
   * @param partyExists whether a tenant has a party
   * @param undo where each change pushes what undoes it
   */
  record Store(Function<TenantId, Data> readable, Function<TenantId, Data> writable,
      BiPredicate<TenantId, PartyId> partyExists, Deque<Runnable> undo) implements ContactLedgerStore {

    @Override
    public void lockParty(TenantId tenant, PartyId party) {
      requireNonNull(party, "party");
      writable.apply(tenant);
      if (!partyExists.test(tenant, party)) {
        throw new NotFoundException("party", party.value());
      }
    }

    @Override
    public void insert(ContactEntry entry) {
      Data data = writable.apply(entry.tenant());
      if (data.byId.containsKey(entry.id())) {
        throw new DuplicateKeyException("contact", "id " + entry.id());
      }
      put(data, entry);
      undo.push(() -> remove(data, entry));
    }

    @Override
    public void update(ContactEntry entry, long expectedVersion) {
      Data data = writable.apply(entry.tenant());
      ContactEntry stored = data.byId.get(entry.id());
      if (stored == null || stored.version() != expectedVersion) {
        throw new VersionConflictException("contact", entry.id().value(), expectedVersion,
            stored == null ? 0 : stored.version());
      }
      remove(data, stored);
      put(data, entry);
      undo.push(() -> {
        remove(data, entry);
        put(data, stored);
      });
    }

    private static void put(Data data, ContactEntry entry) {
      data.byId.put(entry.id(), entry);
      data.byParty.computeIfAbsent(entry.party(), p -> new TreeMap<>(ORDER)).put(position(entry), entry);
    }

    private static void remove(Data data, ContactEntry entry) {
      data.byId.remove(entry.id());
      NavigableMap<ContactPosition, ContactEntry> ofParty = data.byParty.get(entry.party());
      if (ofParty != null) {
        ofParty.remove(position(entry));
        if (ofParty.isEmpty()) {
          data.byParty.remove(entry.party());
        }
      }
    }

    @Override
    public Optional<ContactEntry> find(TenantId tenant, ContactId id) {
      return Optional.ofNullable(readable.apply(tenant).byId.get(requireNonNull(id, "id")));
    }

    @Override
    public List<ContactEntry> counted(TenantId tenant, PartyId party, Instant from, Instant to) {
      List<ContactEntry> out = new ArrayList<>();
      for (ContactEntry entry : window(tenant, party, from, to).values()) {
        if (entry.counted()) {
          out.add(entry);
        }
      }
      return out;
    }

    @Override
    public List<ContactEntry> ofParty(TenantId tenant, PartyId party, Instant from, Instant to,
        Optional<ContactPosition> after, int limit) {
      requireNonNull(after, "after");
      if (limit < 1) {
        throw new IllegalArgumentException("limit must be at least 1, was " + limit);
      }
      NavigableMap<ContactPosition, ContactEntry> window = window(tenant, party, from, to);
      if (after.isPresent() && !window.isEmpty()) {
        ContactPosition position = after.get();
        if (ORDER.compare(position, window.lastKey()) >= 0) {
          return List.of();
        }
        if (ORDER.compare(position, window.firstKey()) >= 0) {
          window = window.tailMap(position, false);
        }
      }
      List<ContactEntry> out = new ArrayList<>(Math.min(limit, window.size()));
      for (ContactEntry entry : window.values()) {
        if (out.size() == limit) {
          break;
        }
        out.add(entry);
      }
      return out;
    }

    /** The party's entries with an instant in {@code [from, to)}. */
    private NavigableMap<ContactPosition, ContactEntry> window(TenantId tenant, PartyId party, Instant from,
        Instant to) {
      requireNonNull(party, "party");
      requireNonNull(from, "from");
      requireNonNull(to, "to");
      NavigableMap<ContactPosition, ContactEntry> ofParty = readable.apply(tenant).byParty.get(party);
      if (ofParty == null || !from.isBefore(to)) {
        return new TreeMap<>(ORDER);
      }
      return ofParty.subMap(new ContactPosition(from, LOWEST), true, new ContactPosition(to, LOWEST), false);
    }
  }
}
