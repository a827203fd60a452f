package dev.etiquette.crm.internal;

import static java.util.Objects.requireNonNull;

import com.google.common.base.Equivalence;
import com.google.common.collect.ImmutableList;
import dev.etiquette.crm.api.Channel;
import dev.etiquette.crm.api.DuplicateKeyException;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.TenantSettings;
import dev.etiquette.crm.api.VersionConflictException;
import dev.etiquette.crm.api.contact.ContactEntry;
import dev.etiquette.crm.api.interaction.Conversation;
import dev.etiquette.crm.api.interaction.ConversationId;
import dev.etiquette.crm.api.interaction.Interaction;
import dev.etiquette.crm.api.interaction.InteractionId;
import dev.etiquette.crm.api.obligation.Obligation;
import dev.etiquette.crm.api.party.AuditEntry;
import dev.etiquette.crm.api.party.ContactPoint;
import dev.etiquette.crm.api.party.EmailAddress;
import dev.etiquette.crm.api.party.ExternalId;
import dev.etiquette.crm.api.party.Party;
import dev.etiquette.crm.api.party.PartyId;
import dev.etiquette.crm.api.party.PartyQuery;
import dev.etiquette.crm.api.party.PhoneNumber;
import dev.etiquette.crm.api.party.Relationship;
import dev.etiquette.crm.api.party.RelationshipId;
import dev.etiquette.crm.api.spi.AuditStore;
import dev.etiquette.crm.api.spi.ContactLedgerStore;
import dev.etiquette.crm.api.spi.ConversationStore;
import dev.etiquette.crm.api.spi.FactStore;
import dev.etiquette.crm.api.spi.IdempotencyRecord;
import dev.etiquette.crm.api.spi.IdempotencyStore;
import dev.etiquette.crm.api.spi.InteractionStore;
import dev.etiquette.crm.api.spi.MeasurementStore;
import dev.etiquette.crm.api.spi.NotificationStore;
import dev.etiquette.crm.api.spi.OutboxStore;
import dev.etiquette.crm.api.spi.ObligationStore;
import dev.etiquette.crm.api.spi.PartyStore;
import dev.etiquette.crm.api.spi.RelationshipStore;
import dev.etiquette.crm.api.spi.RuleSetStore;
import dev.etiquette.crm.api.spi.Storage;
import dev.etiquette.crm.api.spi.StorageTransaction;
import dev.etiquette.crm.api.spi.TenantSettingsStore;
import dev.etiquette.crm.api.spi.TimelinePosition;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Keeps every record in memory, for as long as the storage lives. Writes are serialized: a write
 * transaction holds an exclusive lock while it runs and undoes its changes if it fails, so readers only
 * ever see committed states.
 *
 * <p>What it keeps besides the records, to keep the heap small: the e-mail and phone indexes are
 * {@link ContactIndex}es that hold the parties' own address and number strings as keys; an audit entry is
 * kept without its sequence (its position in the trail gives it), and the entry of a party's creation as a
 * reference to the party's version 1 when it has the changes the library derives for that party (see
 * {@link StoredAuditEntry}). None of this is observable: every read returns records equal to those written.
 */
public final class InMemoryStorage implements Storage {

  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private static final TenantData EMPTY = new TenantData();

  private final Map<TenantId, TenantData> tenants = new ConcurrentHashMap<>();
  private final InMemoryOutbox.Data outbox = new InMemoryOutbox.Data();

  @Override
  public <T> T write(Work<T> work) {
    requireNonNull(work, "work");
    lock.writeLock().lock();
    try {
      if (lock.getWriteHoldCount() > 1) {
        throw new IllegalStateException("write transactions do not nest");
      }
      Transaction tx = new Transaction(true);
      try {
        T result = work.run(tx);
        tx.close();
        return result;
      } catch (RuntimeException | Error e) {
        tx.rollback();
        throw e;
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public <T> T read(Work<T> work) {
    requireNonNull(work, "work");
    lock.readLock().lock();
    try {
      Transaction tx = new Transaction(false);
      try {
        return work.run(tx);
      } finally {
        tx.close();
      }
    } finally {
      lock.readLock().unlock();
    }
  }

  private TenantData data(TenantId tenant) {
    return tenants.computeIfAbsent(requireNonNull(tenant, "tenant"), t -> new TenantData());
  }

  private static final class TenantData {
    final NavigableMap<PartyId, Party> parties = new TreeMap<>();
    final Map<ExternalId, PartyId> byExternalId = new HashMap<>();
    /** E-mail address, compared as {@code toLowerCase(Locale.ROOT)}, to the parties holding it. */
    final ContactIndex byEmail = new ContactIndex(LowerCaseEquivalence.INSTANCE);
    /** E.164 number to the parties holding it. */
    final ContactIndex byPhone = new ContactIndex(Equivalence.equals());
    final NavigableMap<RelationshipId, Relationship> relationships = new TreeMap<>();
    final Map<PartyId, Set<RelationshipId>> relationshipsByParty = new HashMap<>();
    /** The audit trail: the entry at index {@code i} has sequence {@code i + 1}. */
    final List<StoredAuditEntry> audit = new ArrayList<>();
    final Map<IdempotencyKey, IdempotencyRecord> idempotency = new HashMap<>();
    TenantSettings settings;
    final Map<InteractionId, Interaction> interactions = new HashMap<>();
    /** Each party's interactions by position: the timeline, read backwards. */
    final Map<PartyId, NavigableMap<TimelinePosition, Interaction>> timelines = new HashMap<>();
    /** Each conversation's interactions by position. */
    final Map<ConversationId, NavigableMap<TimelinePosition, Interaction>> conversationTimelines = new HashMap<>();
    /** Each party's interaction with the greatest position, per channel. */
    final Map<PartyId, Map<Channel, Interaction>> lastContacts = new HashMap<>();
    final Map<ConversationId, Conversation> conversations = new HashMap<>();
    final InMemoryObligations.Data obligations = new InMemoryObligations.Data();
    final InMemoryContacts.Data contacts = new InMemoryContacts.Data();
    final InMemoryMeasurements.Data measurements = new InMemoryMeasurements.Data();
  }

  /** One tenant's records as the aggregates of {@link InMemoryFacts} read them. */
  private record FactSource(TenantData data) implements InMemoryFacts.Source {
    @Override
    public Collection<Party> parties() {
      return data.parties.values();
    }

    @Override
    public Collection<Conversation> conversations() {
      return data.conversations.values();
    }

    @Override
    public Collection<Interaction> interactions() {
      return data.interactions.values();
    }

    @Override
    public NavigableMap<TimelinePosition, Interaction> timeline(PartyId party) {
      return data.timelines.get(party);
    }

    @Override
    public Collection<Obligation> obligations() {
      return data.obligations.byId.values();
    }

    @Override
    public Collection<ContactEntry> contacts() {
      return data.contacts.byId.values();
    }

    @Override
    public InMemoryMeasurements.Data measurements() {
      return data.measurements;
    }
  }

  private final class Transaction implements StorageTransaction, PartyStore, RelationshipStore, AuditStore,
      TenantSettingsStore, IdempotencyStore, InteractionStore, ConversationStore {

    private final boolean writable;
    private final Deque<Runnable> undo = new ArrayDeque<>();
    /** The parties this transaction inserted (version 1 each), for the audit entries of their creation. */
    private Map<Inserted, Party> inserted;
    private boolean open = true;
    private final InMemoryObligations.Stores obligationStores = new InMemoryObligations.Stores(
        tenant -> readable(tenant).obligations, tenant -> writable(tenant).obligations,
        () -> List.copyOf(tenants.keySet()), undo);
    private final InMemoryContacts.Store contactStore = new InMemoryContacts.Store(
        tenant -> readable(tenant).contacts, tenant -> writable(tenant).contacts,
        (tenant, party) -> readable(tenant).parties.containsKey(party), undo);
    private final InMemoryOutbox.Store outboxStore = new InMemoryOutbox.Store(outbox, this::checkOpen,
        this::checkWritable, undo);
    private final InMemoryMeasurements.Store measurementStore = new InMemoryMeasurements.Store(
        tenant -> readable(tenant).measurements, tenant -> writable(tenant).measurements, undo);
    private final InMemoryFacts factStore = new InMemoryFacts(tenant -> new FactSource(readable(tenant)));

    Transaction(boolean writable) {
      this.writable = writable;
    }

    void close() {
      open = false;
      undo.clear();
      inserted = null;
    }

    void rollback() {
      while (!undo.isEmpty()) {
        undo.pop().run();
      }
      open = false;
      inserted = null;
    }

    private void checkOpen() {
      if (!open) {
        throw new IllegalStateException("the transaction has ended");
      }
    }

    private TenantData writable(TenantId tenant) {
      checkWritable();
      return data(tenant);
    }

    private void checkWritable() {
      checkOpen();
      if (!writable) {
        throw new IllegalStateException("a read transaction cannot write");
      }
    }

    /** The tenant's data for reading; an unknown tenant reads as empty without being created. */
    private TenantData readable(TenantId tenant) {
      checkOpen();
      TenantData data = tenants.get(requireNonNull(tenant, "tenant"));
      return data != null ? data : EMPTY;
    }

    @Override
    public PartyStore parties() {
      return this;
    }

    @Override
    public RelationshipStore relationships() {
      return this;
    }

    @Override
    public AuditStore audit() {
      return this;
    }

    @Override
    public TenantSettingsStore settings() {
      return this;
    }

    @Override
    public IdempotencyStore idempotency() {
      return this;
    }

    @Override
    public InteractionStore interactions() {
      return this;
    }

    @Override
    public ConversationStore conversations() {
      return this;
    }

    @Override
    public ObligationStore obligations() {
      return obligationStores;
    }

    @Override
    public RuleSetStore ruleSets() {
      return obligationStores;
    }

    @Override
    public NotificationStore notifications() {
      return obligationStores;
    }

    @Override
    public ContactLedgerStore contacts() {
      return contactStore;
    }

    @Override
    public MeasurementStore measurements() {
      return measurementStore;
    }

    @Override
    public FactStore facts() {
      return factStore;
    }

    @Override
    public OutboxStore outbox() {
      return outboxStore;
    }

    // parties

    @Override
    public Optional<Party> find(TenantId tenant, PartyId id) {
      return Optional.ofNullable(readable(tenant).parties.get(requireNonNull(id, "id")));
    }

    @Override
    public Optional<Party> findByExternalId(TenantId tenant, ExternalId externalId) {
      TenantData data = readable(tenant);
      return Optional.ofNullable(data.byExternalId.get(requireNonNull(externalId, "externalId")))
          .map(data.parties::get);
    }

    @Override
    public List<Party> findByEmail(TenantId tenant, String email) {
      TenantData data = readable(tenant);
      return lookup(data, data.byEmail.get(requireNonNull(email, "email")));
    }

    @Override
    public List<Party> findByPhone(TenantId tenant, String e164) {
      TenantData data = readable(tenant);
      return lookup(data, data.byPhone.get(requireNonNull(e164, "e164")));
    }

    private List<Party> lookup(TenantData data, List<PartyId> ids) {
      return ids.stream().map(data.parties::get).collect(ImmutableList.toImmutableList());
    }

    @Override
    public void insert(Party party) {
      TenantData data = writable(party.tenantId());
      if (data.parties.containsKey(party.id())) {
        throw new DuplicateKeyException("party", "id " + party.id());
      }
      checkExternalIds(data, party);
      data.parties.put(party.id(), party);
      index(data, party, true);
      if (inserted == null) {
        inserted = new HashMap<>();
      }
      inserted.put(new Inserted(party.tenantId(), party.id().value()), party);
      undo.push(() -> {
        index(data, party, false);
        data.parties.remove(party.id());
      });
    }

    @Override
    public void update(Party party, long expectedVersion) {
      TenantData data = writable(party.tenantId());
      Party current = data.parties.get(party.id());
      long actual = current == null ? 0 : current.version();
      if (actual != expectedVersion) {
        throw new VersionConflictException("party", party.id().value(), expectedVersion, actual);
      }
      checkExternalIds(data, party);
      index(data, current, false);
      data.parties.put(party.id(), party);
      index(data, party, true);
      undo.push(() -> {
        index(data, party, false);
        data.parties.put(current.id(), current);
        index(data, current, true);
      });
    }

    private void checkExternalIds(TenantData data, Party party) {
      for (ExternalId externalId : party.externalIds()) {
        PartyId holder = data.byExternalId.get(externalId);
        if (holder != null && !holder.equals(party.id())) {
          throw new DuplicateKeyException("party", "externalId " + externalId);
        }
      }
    }

    private void index(TenantData data, Party party, boolean add) {
      for (ExternalId externalId : party.externalIds()) {
        if (add) {
          data.byExternalId.put(externalId, party.id());
        } else {
          data.byExternalId.remove(externalId);
        }
      }
      for (ContactPoint point : party.contactPoints()) {
        if (point instanceof EmailAddress email) {
          index(data.byEmail, email.address(), party.id(), add);
        } else if (point instanceof PhoneNumber phone) {
          index(data.byPhone, phone.number(), party.id(), add);
        }
      }
    }

    private void index(ContactIndex index, String key, PartyId id, boolean add) {
      if (add) {
        index.add(key, id);
      } else {
        index.remove(key, id);
      }
    }

    @Override
    public List<Party> search(TenantId tenant, PartyQuery query, Optional<PartyId> after, int limit) {
      TenantData data = readable(tenant);
      NavigableMap<PartyId, Party> from = after.isPresent() ? data.parties.tailMap(after.get(), false) : data.parties;
      List<Party> found = new ArrayList<>();
      for (Party party : from.values()) {
        if (found.size() >= limit) {
          break;
        }
        if (PartyMatcher.matches(query, party)) {
          found.add(party);
        }
      }
      return found;
    }

    // relationships

    @Override
    public Optional<Relationship> find(TenantId tenant, RelationshipId id) {
      return Optional.ofNullable(readable(tenant).relationships.get(requireNonNull(id, "id")));
    }

    @Override
    public List<Relationship> ofParty(TenantId tenant, PartyId party) {
      TenantData data = readable(tenant);
      return data.relationshipsByParty.getOrDefault(party, Set.of()).stream().sorted()
          .map(data.relationships::get).collect(ImmutableList.toImmutableList());
    }

    @Override
    public void insert(Relationship relationship) {
      TenantData data = writable(relationship.tenantId());
      if (data.relationships.containsKey(relationship.id())) {
        throw new DuplicateKeyException("relationship", "id " + relationship.id());
      }
      data.relationships.put(relationship.id(), relationship);
      data.relationshipsByParty.computeIfAbsent(relationship.from(), p -> new TreeSet<>()).add(relationship.id());
      data.relationshipsByParty.computeIfAbsent(relationship.to(), p -> new TreeSet<>()).add(relationship.id());
      undo.push(() -> {
        data.relationships.remove(relationship.id());
        data.relationshipsByParty.get(relationship.from()).remove(relationship.id());
        data.relationshipsByParty.get(relationship.to()).remove(relationship.id());
      });
    }

    @Override
    public void update(Relationship relationship, long expectedVersion) {
      TenantData data = writable(relationship.tenantId());
      Relationship current = data.relationships.get(relationship.id());
      long actual = current == null ? 0 : current.version();
      if (actual != expectedVersion) {
        throw new VersionConflictException("relationship", relationship.id().value(), expectedVersion, actual);
      }
      data.relationships.put(relationship.id(), relationship);
      undo.push(() -> data.relationships.put(current.id(), current));
    }

    // audit

    /**
     * {@inheritDoc}
     *
     * <p>The entry of a party's creation is kept as a reference to the party when the party was inserted
     * earlier in this transaction and the entry has exactly the changes the library derives for it;
     * {@link StoredAuditEntry#of} checks this.
     */
    @Override
    public AuditEntry append(AuditEntry entry) {
      TenantData data = writable(entry.tenantId());
      AuditEntry stored = new AuditEntry(entry.tenantId(), data.audit.size() + 1L, entry.recordType(),
          entry.recordId(), entry.action(), entry.actor(), entry.at(), entry.changes());
      Party party = inserted == null ? null : inserted.get(new Inserted(entry.tenantId(), entry.recordId()));
      data.audit.add(StoredAuditEntry.of(stored, party));
      undo.push(() -> data.audit.remove(data.audit.size() - 1));
      return stored;
    }

    @Override
    public List<AuditEntry> list(TenantId tenant, Optional<String> recordType, Optional<String> recordId,
        long afterSequence, int limit) {
      TenantData data = readable(tenant);
      List<AuditEntry> found = new ArrayList<>();
      for (int i = (int) Math.max(0, Math.min(afterSequence, data.audit.size())); i < data.audit.size()
          && found.size() < limit; i++) {
        StoredAuditEntry entry = data.audit.get(i);
        if (recordType.map(entry.recordType()::equals).orElse(true)
            && recordId.map(entry.recordId()::equals).orElse(true)) {
          found.add(entry.toEntry(tenant, i + 1L));
        }
      }
      return found;
    }

    // idempotency

    @Override
    public Optional<IdempotencyRecord> find(TenantId tenant, String recordType, String key) {
      return Optional.ofNullable(readable(tenant).idempotency.get(new IdempotencyKey(recordType, key)));
    }

    @Override
    public void insert(IdempotencyRecord record) {
      TenantData data = writable(record.tenantId());
      IdempotencyKey key = new IdempotencyKey(record.recordType(), record.key());
      if (data.idempotency.containsKey(key)) {
        throw new DuplicateKeyException(record.recordType(), "idempotencyKey " + record.key());
      }
      data.idempotency.put(key, record);
      undo.push(() -> data.idempotency.remove(key));
    }

    // interactions

    @Override
    public Optional<Interaction> find(TenantId tenant, InteractionId id) {
      return Optional.ofNullable(readable(tenant).interactions.get(requireNonNull(id, "id")));
    }

    @Override
    public void insert(Interaction interaction) {
      TenantData data = writable(interaction.tenantId());
      if (data.interactions.containsKey(interaction.id())) {
        throw new DuplicateKeyException("interaction", "id " + interaction.id());
      }
      TimelinePosition position = TimelinePosition.of(interaction);
      data.interactions.put(interaction.id(), interaction);
      data.timelines.computeIfAbsent(interaction.party(), p -> new TreeMap<>()).put(position, interaction);
      interaction.conversation().ifPresent(c ->
          data.conversationTimelines.computeIfAbsent(c, k -> new TreeMap<>()).put(position, interaction));
      Map<Channel, Interaction> last = data.lastContacts.computeIfAbsent(interaction.party(),
          p -> new EnumMap<>(Channel.class));
      Interaction before = last.get(interaction.channel());
      if (before == null || TimelinePosition.of(before).compareTo(position) < 0) {
        last.put(interaction.channel(), interaction);
      }
      undo.push(() -> {
        if (before == null) {
          last.remove(interaction.channel());
        } else {
          last.put(interaction.channel(), before);
        }
        interaction.conversation().ifPresent(c -> data.conversationTimelines.get(c).remove(position));
        data.timelines.get(interaction.party()).remove(position);
        data.interactions.remove(interaction.id());
      });
    }

    @Override
    public List<Interaction> ofParty(TenantId tenant, PartyId party, Optional<TimelinePosition> before, int limit) {
      NavigableMap<TimelinePosition, Interaction> timeline = readable(tenant).timelines.get(requireNonNull(party, "party"));
      if (timeline == null) {
        return List.of();
      }
      NavigableMap<TimelinePosition, Interaction> newestFirst = (before.isPresent()
          ? timeline.headMap(before.get(), false) : timeline).descendingMap();
      return newestFirst.values().stream().limit(limit).collect(ImmutableList.toImmutableList());
    }

    @Override
    public List<Interaction> ofConversation(TenantId tenant, ConversationId conversation,
        Optional<TimelinePosition> after, int limit) {
      NavigableMap<TimelinePosition, Interaction> timeline =
          readable(tenant).conversationTimelines.get(requireNonNull(conversation, "conversation"));
      if (timeline == null) {
        return List.of();
      }
      return (after.isPresent() ? timeline.tailMap(after.get(), false) : timeline).values().stream().limit(limit)
          .collect(ImmutableList.toImmutableList());
    }

    @Override
    public List<Interaction> lastContacts(TenantId tenant, PartyId party) {
      Map<Channel, Interaction> last = readable(tenant).lastContacts.get(requireNonNull(party, "party"));
      return last == null ? List.of() : List.copyOf(last.values());
    }

    // conversations

    @Override
    public Optional<Conversation> find(TenantId tenant, ConversationId id) {
      return Optional.ofNullable(readable(tenant).conversations.get(requireNonNull(id, "id")));
    }

    @Override
    public void insert(Conversation conversation) {
      TenantData data = writable(conversation.tenantId());
      if (data.conversations.putIfAbsent(conversation.id(), conversation) != null) {
        throw new DuplicateKeyException("conversation", "id " + conversation.id());
      }
      undo.push(() -> data.conversations.remove(conversation.id()));
    }

    @Override
    public void update(Conversation conversation, long expectedVersion) {
      TenantData data = writable(conversation.tenantId());
      Conversation current = data.conversations.get(conversation.id());
      long actual = current == null ? 0 : current.version();
      if (actual != expectedVersion) {
        throw new VersionConflictException("conversation", conversation.id().value(), expectedVersion, actual);
      }
      data.conversations.put(conversation.id(), conversation);
      undo.push(() -> data.conversations.put(current.id(), current));
    }

    // settings

    @Override
    public Optional<TenantSettings> find(TenantId tenant) {
      return Optional.ofNullable(readable(tenant).settings);
    }

    @Override
    public void save(TenantSettings settings) {
      TenantData data = writable(settings.tenantId());
      TenantSettings before = data.settings;
      data.settings = settings;
      undo.push(() -> data.settings = before);
    }
  }

  /** The key of an idempotency record in its tenant: the record's own strings, not a concatenated copy. */
  private record IdempotencyKey(String recordType, String key) {}

  /** A party's key among the parties a transaction inserted. */
  private record Inserted(TenantId tenant, String partyId) {}

  /**
   * The form in which the tenant's audit entry with {@code sequence} is kept, or empty if there is none;
   * for tests of this package, which check that the compact forms are used.
   */
  Optional<StoredAuditEntry> storedAuditEntry(TenantId tenant, long sequence) {
    return read(tx -> {
      List<StoredAuditEntry> audit = tenants.getOrDefault(tenant, EMPTY).audit;
      return sequence >= 1 && sequence <= audit.size() ? Optional.of(audit.get((int) (sequence - 1))) : Optional.empty();
    });
  }
}
