package dev.etiquette.crm.examples.jsonfiles;

import static java.util.Objects.requireNonNull;

import dev.etiquette.crm.api.Channel;
import dev.etiquette.crm.api.DuplicateKeyException;
import dev.etiquette.crm.api.NotFoundException;
import dev.etiquette.crm.api.Page;
import dev.etiquette.crm.api.PageRequest;
import dev.etiquette.crm.api.StorageException;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.TenantSettings;
import dev.etiquette.crm.api.ValidationException;
import dev.etiquette.crm.api.VersionConflictException;
import dev.etiquette.crm.api.contact.ContactEntry;
import dev.etiquette.crm.api.contact.ContactId;
import dev.etiquette.crm.api.contact.ContactStatus;
import dev.etiquette.crm.api.interaction.Conversation;
import dev.etiquette.crm.api.interaction.ConversationId;
import dev.etiquette.crm.api.interaction.ConversationState;
import dev.etiquette.crm.api.interaction.Interaction;
import dev.etiquette.crm.api.interaction.InteractionId;
import dev.etiquette.crm.api.interaction.InteractionKind;
import dev.etiquette.crm.api.measure.LedgerEntry;
import dev.etiquette.crm.api.measure.Measurement;
import dev.etiquette.crm.api.measure.Vision;
import dev.etiquette.crm.api.notification.Delivery;
import dev.etiquette.crm.api.notification.DeliveryStatus;
import dev.etiquette.crm.api.notification.Notification;
import dev.etiquette.crm.api.notification.OutboxEntry;
import dev.etiquette.crm.api.notification.OutboxStats;
import dev.etiquette.crm.api.obligation.Obligation;
import dev.etiquette.crm.api.obligation.ObligationId;
import dev.etiquette.crm.api.obligation.ObligationKind;
import dev.etiquette.crm.api.obligation.ObligationQuery;
import dev.etiquette.crm.api.obligation.ObligationState;
import dev.etiquette.crm.api.party.AttributeValue;
import dev.etiquette.crm.api.party.AuditEntry;
import dev.etiquette.crm.api.party.ContactPoint;
import dev.etiquette.crm.api.party.EmailAddress;
import dev.etiquette.crm.api.party.ExternalId;
import dev.etiquette.crm.api.party.LifecycleStage;
import dev.etiquette.crm.api.party.Party;
import dev.etiquette.crm.api.party.PartyId;
import dev.etiquette.crm.api.party.PartyQuery;
import dev.etiquette.crm.api.party.PhoneNumber;
import dev.etiquette.crm.api.party.Relationship;
import dev.etiquette.crm.api.party.RelationshipId;
import dev.etiquette.crm.api.party.StageChange;
import dev.etiquette.crm.api.rules.RuleSet;
import dev.etiquette.crm.api.spi.AuditStore;
import dev.etiquette.crm.api.spi.ContactLedgerStore;
import dev.etiquette.crm.api.spi.ContactPosition;
import dev.etiquette.crm.api.spi.ConversationStore;
import dev.etiquette.crm.api.spi.FactStore;
import dev.etiquette.crm.api.spi.IdempotencyRecord;
import dev.etiquette.crm.api.spi.IdempotencyStore;
import dev.etiquette.crm.api.spi.InteractionStore;
import dev.etiquette.crm.api.spi.MeasurementStore;
import dev.etiquette.crm.api.spi.NotificationStore;
import dev.etiquette.crm.api.spi.ObligationPosition;
import dev.etiquette.crm.api.spi.ObligationStore;
import dev.etiquette.crm.api.spi.OutboxStore;
import dev.etiquette.crm.api.spi.PartyStore;
import dev.etiquette.crm.api.spi.RelationshipStore;
import dev.etiquette.crm.api.spi.RuleSetStore;
import dev.etiquette.crm.api.spi.Storage;
import dev.etiquette.crm.api.spi.StorageTransaction;
import dev.etiquette.crm.api.spi.TenantSettingsStore;
import dev.etiquette.crm.api.spi.TimelinePosition;
import dev.etiquette.crm.json.CrmJson;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * An example storage adapter: each tenant lives in one JSON file, {@code <directory>/<tenant>.json}. It is
 * small on purpose — a model for adapter authors, certified by the same contract suite as the shipped
 * adapters (see {@code JsonFileStorageContractTest}) — not a store for production.
 *
 * <p>Writes are serialized. A write transaction works on copies of the tenants it touches; on commit each
 * copy is written to a temporary file that then replaces the tenant's file in one atomic move, so a crash
 * leaves either the old or the new file, never half of one. Reads see the committed copies.
 */
public final class JsonFileStorage implements Storage {

  /**
   * Everything one tenant holds, as written to its file. A file written before interactions existed has
   * no {@code interactions} or {@code conversations}, and one written before obligations existed has no
   * {@code obligations}, {@code ruleSets} or {@code notifications}, one written before the contact ledger
   * existed has no {@code contacts}, one written before the outbox existed has no {@code outbox}, and one written
   * before measurement existed has no {@code vision}, {@code measurements} or {@code ledger}: they read as empty.
   */
  record TenantFile(List<Party> parties, List<Relationship> relationships, List<AuditEntry> audit,
      Optional<TenantSettings> settings, List<IdempotencyRecord> idempotency, List<Interaction> interactions,
      List<Conversation> conversations, List<Obligation> obligations, List<RuleSet> ruleSets,
      List<Notification> notifications, List<ContactEntry> contacts, List<OutboxEntry> outbox,
      Optional<Vision> vision, List<Measurement> measurements, List<LedgerEntry> ledger) {

    TenantFile {
      interactions = interactions == null ? List.of() : interactions;
      conversations = conversations == null ? List.of() : conversations;
      obligations = obligations == null ? List.of() : obligations;
      ruleSets = ruleSets == null ? List.of() : ruleSets;
      notifications = notifications == null ? List.of() : notifications;
      contacts = contacts == null ? List.of() : contacts;
      outbox = outbox == null ? List.of() : outbox;
      vision = vision == null ? Optional.empty() : vision;
      measurements = measurements == null ? List.of() : measurements;
      ledger = ledger == null ? List.of() : ledger;
    }

    static final TenantFile EMPTY = new TenantFile(List.of(), List.of(), List.of(), Optional.empty(), List.of(),
        List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), Optional.empty(), List.of(),
        List.of());
  }

  private final Path directory;
  private final Map<TenantId, TenantFile> committed = new HashMap<>();
  /** The largest outbox seq given out, once known (-1 before): seqs are unique across tenants. */
  private long lastSeq = -1;

  public JsonFileStorage(Path directory) {
    this.directory = requireNonNull(directory, "directory");
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new StorageException("create directory " + directory, false, e.getMessage(), e);
    }
  }

  @Override
  public synchronized <T> T write(Work<T> work) {
    Tx tx = new Tx();
    T result = work.run(tx);
    tx.working.forEach((tenant, data) -> {
      TenantFile file = data.toFile();
      save(tenant, file);
      committed.put(tenant, file);
    });
    return result;
  }

  @Override
  public synchronized <T> T read(Work<T> work) {
    return work.run(new Tx());
  }

  private TenantFile load(TenantId tenant) {
    return committed.computeIfAbsent(tenant, t -> {
      Path file = directory.resolve(t.value() + ".json");
      try {
        return Files.exists(file)
            ? CrmJson.fromJson(Files.readString(file, StandardCharsets.UTF_8), TenantFile.class) : TenantFile.EMPTY;
      } catch (IOException e) {
        throw new StorageException("read " + file, true, e.getMessage(), e);
      }
    });
  }

  private void save(TenantId tenant, TenantFile data) {
    Path file = directory.resolve(tenant.value() + ".json");
    try {
      Path temp = Files.createTempFile(directory, tenant.value(), ".tmp");
      Files.writeString(temp, CrmJson.toJson(data), StandardCharsets.UTF_8);
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new StorageException("write " + file, true, e.getMessage(), e);
    }
  }

  /** A tenant's records as one transaction changes them. */
  private static final class Working {
    final TreeMap<PartyId, Party> parties = new TreeMap<>();
    final TreeMap<RelationshipId, Relationship> relationships = new TreeMap<>();
    final List<AuditEntry> audit;
    Optional<TenantSettings> settings;
    final List<IdempotencyRecord> idempotency;
    /** In the order they were inserted; the queries sort what they find. */
    final List<Interaction> interactions;
    final TreeMap<ConversationId, Conversation> conversations = new TreeMap<>();
    final TreeMap<ObligationId, Obligation> obligations = new TreeMap<>();
    final List<RuleSet> ruleSets;
    /** In the order they were appended. */
    final List<Notification> notifications;
    final TreeMap<ContactId, ContactEntry> contacts = new TreeMap<>();
    /** The outbox entries, by seq. */
    final TreeMap<Long, OutboxEntry> outbox = new TreeMap<>();
    Optional<Vision> vision;
    /** The measurements by KPI, then period start and end. */
    final TreeMap<String, Measurement> measurements = new TreeMap<>();
    /** The programme's ledger, by id. */
    final TreeMap<String, LedgerEntry> ledger = new TreeMap<>();

    Working(TenantFile file) {
      file.parties().forEach(p -> parties.put(p.id(), p));
      file.relationships().forEach(r -> relationships.put(r.id(), r));
      audit = new ArrayList<>(file.audit());
      settings = file.settings();
      idempotency = new ArrayList<>(file.idempotency());
      interactions = new ArrayList<>(file.interactions());
      file.conversations().forEach(c -> conversations.put(c.id(), c));
      file.obligations().forEach(o -> obligations.put(o.id(), o));
      ruleSets = new ArrayList<>(file.ruleSets());
      notifications = new ArrayList<>(file.notifications());
      file.contacts().forEach(c -> contacts.put(c.id(), c));
      file.outbox().forEach(e -> outbox.put(e.seq(), e));
      vision = file.vision();
      file.measurements().forEach(m -> measurements.put(measurementKey(m.kpi(), m.period().start(),
          m.period().end()), m));
      file.ledger().forEach(e -> ledger.put(e.id(), e));
    }

    TenantFile toFile() {
      return new TenantFile(List.copyOf(parties.values()), List.copyOf(relationships.values()), List.copyOf(audit),
          settings, List.copyOf(idempotency), List.copyOf(interactions), List.copyOf(conversations.values()),
          List.copyOf(obligations.values()), List.copyOf(ruleSets), List.copyOf(notifications),
          List.copyOf(contacts.values()), List.copyOf(outbox.values()), vision, List.copyOf(measurements.values()),
          List.copyOf(ledger.values()));
    }
  }

  /**
   * A measurement's key: KPI, then the period's dates, so that the keys of one KPI sort by start, then end (ids
   * and ISO dates sort as text; the separator sorts before every character a KPI id may have).
   */
  private static String measurementKey(String kpi, LocalDate start, LocalDate end) {
    return kpi + " " + start + " " + end;
  }

  private final class Tx implements StorageTransaction, PartyStore, RelationshipStore, AuditStore,
      TenantSettingsStore, IdempotencyStore, InteractionStore, ConversationStore, ObligationStore, RuleSetStore,
      NotificationStore, ContactLedgerStore, OutboxStore, MeasurementStore, FactStore {

    final Map<TenantId, Working> working = new HashMap<>();

    /** The tenant as this transaction sees it; copied on first use so that a rollback is simply dropping it. */
    private Working data(TenantId tenant) {
      return working.computeIfAbsent(tenant, t -> new Working(load(t)));
    }

    @Override public PartyStore parties() { return this; }
    @Override public RelationshipStore relationships() { return this; }
    @Override public AuditStore audit() { return this; }
    @Override public TenantSettingsStore settings() { return this; }
    @Override public IdempotencyStore idempotency() { return this; }
    @Override public InteractionStore interactions() { return this; }
    @Override public ConversationStore conversations() { return this; }
    @Override public ObligationStore obligations() { return this; }
    @Override public RuleSetStore ruleSets() { return this; }
    @Override public NotificationStore notifications() { return this; }
    @Override public ContactLedgerStore contacts() { return this; }
    @Override public OutboxStore outbox() { return this; }
    @Override public MeasurementStore measurements() { return this; }
    @Override public FactStore facts() { return this; }

    @Override
    public Optional<Party> find(TenantId tenant, PartyId id) {
      return Optional.ofNullable(data(tenant).parties.get(id));
    }

    @Override
    public Optional<Party> findByExternalId(TenantId tenant, ExternalId externalId) {
      return data(tenant).parties.values().stream().filter(p -> p.externalIds().contains(externalId)).findFirst();
    }

    @Override
    public List<Party> findByEmail(TenantId tenant, String email) {
      String wanted = email.toLowerCase(Locale.ROOT);
      return data(tenant).parties.values().stream().filter(p -> p.contactPoints().stream().anyMatch(c ->
          c instanceof EmailAddress e && e.address().toLowerCase(Locale.ROOT).equals(wanted))).toList();
    }

    @Override
    public List<Party> findByPhone(TenantId tenant, String e164) {
      return data(tenant).parties.values().stream().filter(p -> p.contactPoints().stream().anyMatch(c ->
          c instanceof PhoneNumber n && n.number().equals(e164))).toList();
    }

    @Override
    public void insert(Party party) {
      Working data = data(party.tenantId());
      if (data.parties.containsKey(party.id())) {
        throw new DuplicateKeyException("party", "id " + party.id());
      }
      checkExternalIds(data, party);
      data.parties.put(party.id(), party);
    }

    @Override
    public void update(Party party, long expectedVersion) {
      Working data = data(party.tenantId());
      Party current = data.parties.get(party.id());
      long actual = current == null ? 0 : current.version();
      if (actual != expectedVersion) {
        throw new VersionConflictException("party", party.id().value(), expectedVersion, actual);
      }
      checkExternalIds(data, party);
      data.parties.put(party.id(), party);
    }

    private void checkExternalIds(Working data, Party party) {
      for (Party other : data.parties.values()) {
        if (!other.id().equals(party.id()) && other.externalIds().stream().anyMatch(party.externalIds()::contains)) {
          throw new DuplicateKeyException("party", "externalId of party " + party.id());
        }
      }
    }

    @Override
    public List<Party> search(TenantId tenant, PartyQuery query, Optional<PartyId> after, int limit) {
      TreeMap<PartyId, Party> parties = data(tenant).parties;
      return (after.isPresent() ? parties.tailMap(after.get(), false) : parties).values().stream()
          .filter(p -> matches(query, p)).limit(limit).toList();
    }

    private boolean matches(PartyQuery q, Party p) {
      return q.kind().map(k -> p.kind() == k).orElse(true)
          && q.role().map(p.roles()::contains).orElse(true)
          && q.stage().map(s -> p.stage().equals(Optional.of(s))).orElse(true)
          && q.tag().map(p.tags()::contains).orElse(true)
          && q.owner().map(o -> p.owner().equals(Optional.of(o))).orElse(true)
          && q.attribute().map(a -> a.value().equals(p.attributes().get(a.name()))).orElse(true)
          && q.namePrefix().map(x -> p.displayName().toLowerCase(Locale.ROOT).startsWith(x.toLowerCase(Locale.ROOT)))
              .orElse(true);
    }

    @Override
    public Optional<Relationship> find(TenantId tenant, RelationshipId id) {
      return Optional.ofNullable(data(tenant).relationships.get(id));
    }

    @Override
    public List<Relationship> ofParty(TenantId tenant, PartyId party) {
      return data(tenant).relationships.values().stream()
          .filter(r -> r.from().equals(party) || r.to().equals(party)).toList();
    }

    @Override
    public void insert(Relationship relationship) {
      Working data = data(relationship.tenantId());
      if (data.relationships.putIfAbsent(relationship.id(), relationship) != null) {
        throw new DuplicateKeyException("relationship", "id " + relationship.id());
      }
    }

    @Override
    public void update(Relationship relationship, long expectedVersion) {
      Working data = data(relationship.tenantId());
      Relationship current = data.relationships.get(relationship.id());
      long actual = current == null ? 0 : current.version();
      if (actual != expectedVersion) {
        throw new VersionConflictException("relationship", relationship.id().value(), expectedVersion, actual);
      }
      data.relationships.put(relationship.id(), relationship);
    }

    @Override
    public AuditEntry append(AuditEntry entry) {
      Working data = data(entry.tenantId());
      AuditEntry stored = new AuditEntry(entry.tenantId(), data.audit.size() + 1L, entry.recordType(),
          entry.recordId(), entry.action(), entry.actor(), entry.at(), entry.changes());
      data.audit.add(stored);
      return stored;
    }

    @Override
    public List<AuditEntry> list(TenantId tenant, Optional<String> recordType, Optional<String> recordId,
        long afterSequence, int limit) {
      return data(tenant).audit.stream().filter(e -> e.sequence() > afterSequence)
          .filter(e -> recordType.map(e.recordType()::equals).orElse(true))
          .filter(e -> recordId.map(e.recordId()::equals).orElse(true))
          .sorted(Comparator.comparingLong(AuditEntry::sequence)).limit(limit).toList();
    }

    @Override
    public Optional<TenantSettings> find(TenantId tenant) {
      return data(tenant).settings;
    }

    @Override
    public void save(TenantSettings settings) {
      data(settings.tenantId()).settings = Optional.of(settings);
    }

    @Override
    public Optional<IdempotencyRecord> find(TenantId tenant, String recordType, String key) {
      return data(tenant).idempotency.stream()
          .filter(r -> r.recordType().equals(recordType) && r.key().equals(key)).findFirst();
    }

    @Override
    public void insert(IdempotencyRecord record) {
      if (find(record.tenantId(), record.recordType(), record.key()).isPresent()) {
        throw new DuplicateKeyException(record.recordType(), "idempotencyKey " + record.key());
      }
      data(record.tenantId()).idempotency.add(record);
    }

    // Interactions are scanned, which is fine for an example; a real store keeps an index per query (see
    // InteractionStore) and the last contact per party and channel up to date on insert.

    @Override
    public Optional<Interaction> find(TenantId tenant, InteractionId id) {
      return data(tenant).interactions.stream().filter(i -> i.id().equals(id)).findFirst();
    }

    @Override
    public void insert(Interaction interaction) {
      if (find(interaction.tenantId(), interaction.id()).isPresent()) {
        throw new DuplicateKeyException("interaction", "id " + interaction.id());
      }
      data(interaction.tenantId()).interactions.add(interaction);
    }

    private static final Comparator<Interaction> BY_POSITION = Comparator.comparing(TimelinePosition::of);

    @Override
    public List<Interaction> ofParty(TenantId tenant, PartyId party, Optional<TimelinePosition> before, int limit) {
      return data(tenant).interactions.stream().filter(i -> i.party().equals(party))
          .filter(i -> before.map(b -> TimelinePosition.of(i).compareTo(b) < 0).orElse(true))
          .sorted(BY_POSITION.reversed()).limit(limit).toList();
    }

    @Override
    public List<Interaction> ofConversation(TenantId tenant, ConversationId conversation,
        Optional<TimelinePosition> after, int limit) {
      return data(tenant).interactions.stream().filter(i -> i.conversation().equals(Optional.of(conversation)))
          .filter(i -> after.map(a -> TimelinePosition.of(i).compareTo(a) > 0).orElse(true))
          .sorted(BY_POSITION).limit(limit).toList();
    }

    @Override
    public List<Interaction> lastContacts(TenantId tenant, PartyId party) {
      Map<Channel, Interaction> last = new java.util.EnumMap<>(Channel.class);
      for (Interaction i : data(tenant).interactions) {
        if (i.party().equals(party)) {
          last.merge(i.channel(), i, (a, b) -> BY_POSITION.compare(a, b) >= 0 ? a : b);
        }
      }
      return List.copyOf(last.values());
    }

    @Override
    public Optional<Conversation> find(TenantId tenant, ConversationId id) {
      return Optional.ofNullable(data(tenant).conversations.get(id));
    }

    @Override
    public void insert(Conversation conversation) {
      if (data(conversation.tenantId()).conversations.putIfAbsent(conversation.id(), conversation) != null) {
        throw new DuplicateKeyException("conversation", "id " + conversation.id());
      }
    }

    @Override
    public void update(Conversation conversation, long expectedVersion) {
      Working data = data(conversation.tenantId());
      Conversation current = data.conversations.get(conversation.id());
      long actual = current == null ? 0 : current.version();
      if (actual != expectedVersion) {
        throw new VersionConflictException("conversation", conversation.id().value(), expectedVersion, actual);
      }
      data.conversations.put(conversation.id(), conversation);
    }

    // Obligations are scanned too. A real store indexes them by conversation, by party (unsettled ones), by
    // deadline for searches and by next due instant for claims, and keeps the exclusive key unique with an index.

    /** Oldest first: by creation, then id. */
    private static final Comparator<Obligation> OLDEST_FIRST = Comparator.comparing(Obligation::createdAt)
        .thenComparing(Obligation::id);

    @Override
    public void insert(Obligation obligation) {
      Working data = data(obligation.tenantId());
      if (data.obligations.containsKey(obligation.id())) {
        throw new DuplicateKeyException("obligation", "id " + obligation.id());
      }
      checkExclusiveKey(data, obligation);
      data.obligations.put(obligation.id(), obligation);
    }

    @Override
    public void update(Obligation obligation, long expectedVersion) {
      Working data = data(obligation.tenantId());
      Obligation current = data.obligations.get(obligation.id());
      long actual = current == null ? 0 : current.version();
      if (actual != expectedVersion) {
        throw new VersionConflictException("obligation", obligation.id().value(), expectedVersion, actual);
      }
      checkExclusiveKey(data, obligation);
      data.obligations.put(obligation.id(), obligation);
    }

    /** At most one unsettled obligation of a tenant holds an exclusive key. */
    private void checkExclusiveKey(Working data, Obligation obligation) {
      Optional<String> key = obligation.exclusiveKey();
      if (key.isPresent() && data.obligations.values().stream()
          .anyMatch(o -> !o.id().equals(obligation.id()) && o.exclusiveKey().equals(key))) {
        throw new DuplicateKeyException("obligation", "unsettled " + key.get());
      }
    }

    @Override
    public Optional<Obligation> find(TenantId tenant, ObligationId id) {
      return Optional.ofNullable(data(tenant).obligations.get(id));
    }

    @Override
    public List<Obligation> unsettledOfConversation(TenantId tenant, ConversationId conversation) {
      return ofConversation(tenant, conversation).stream().filter(o -> !o.state().isFinal()).toList();
    }

    @Override
    public List<Obligation> unsettledOfParty(TenantId tenant, PartyId party) {
      return data(tenant).obligations.values().stream()
          .filter(o -> o.party().equals(party) && !o.state().isFinal()).sorted(OLDEST_FIRST).toList();
    }

    @Override
    public List<Obligation> ofConversation(TenantId tenant, ConversationId conversation) {
      return data(tenant).obligations.values().stream()
          .filter(o -> o.conversation().equals(Optional.of(conversation))).sorted(OLDEST_FIRST).toList();
    }

    @Override
    public List<Obligation> search(TenantId tenant, ObligationQuery query, Optional<ObligationPosition> after,
        int limit) {
      return data(tenant).obligations.values().stream().filter(query::matches)
          .filter(o -> after.map(a -> ObligationPosition.of(o).compareTo(a) > 0).orElse(true))
          .sorted(Comparator.comparing(ObligationPosition::of)).limit(limit).toList();
    }

    /** Writes are serialized, so whatever is due is this transaction's alone. */
    @Override
    public List<Obligation> claimDue(Optional<TenantId> tenant, Instant now, int limit) {
      return (tenant.isPresent() ? Stream.of(tenant.get()) : tenants().stream())
          .flatMap(t -> committedOrWorking(t).stream())
          .filter(o -> o.nextDueAt().filter(at -> !at.isAfter(now)).isPresent())
          .sorted(Comparator.comparing(o -> o.nextDueAt().orElseThrow())).limit(limit).toList();
    }

    /**
     * The tenant's obligations as this transaction sees them, without making a working copy (which the commit
     * would write back): a claim across tenants reads them all.
     */
    private List<Obligation> committedOrWorking(TenantId tenant) {
      Working data = working.get(tenant);
      return data != null ? List.copyOf(data.obligations.values()) : load(tenant).obligations();
    }

    /** Every tenant with a file, loaded or touched by this transaction. */
    private Set<TenantId> tenants() {
      Set<TenantId> tenants = new TreeSet<>(Comparator.comparing(TenantId::value));
      tenants.addAll(committed.keySet());
      tenants.addAll(working.keySet());
      try (Stream<Path> files = Files.list(directory)) {
        files.map(f -> f.getFileName().toString()).filter(name -> name.endsWith(".json"))
            .map(name -> TenantId.of(name.substring(0, name.length() - ".json".length()))).forEach(tenants::add);
      } catch (IOException e) {
        throw new StorageException("list " + directory, true, e.getMessage(), e);
      }
      return tenants;
    }

    @Override
    public void insert(TenantId tenant, RuleSet ruleSet) {
      Working data = data(tenant);
      if (data.ruleSets.stream().anyMatch(r -> r.name().equals(ruleSet.name()) && r.version() == ruleSet.version())) {
        throw new DuplicateKeyException("rule set", ruleSet.name() + " v" + ruleSet.version());
      }
      data.ruleSets.add(ruleSet);
    }

    @Override
    public List<RuleSet> all(TenantId tenant) {
      return List.copyOf(data(tenant).ruleSets);
    }

    @Override
    public void append(Notification notification) {
      Working data = data(notification.tenantId());
      if (data.notifications.stream().anyMatch(n -> n.key().equals(notification.key()))) {
        throw new DuplicateKeyException("notification", "key " + notification.key());
      }
      data.notifications.add(notification);
    }

    @Override
    public List<Notification> ofObligation(TenantId tenant, ObligationId obligation) {
      return data(tenant).notifications.stream().filter(n -> n.obligation().equals(Optional.of(obligation)))
          .toList();
    }

    // The contact ledger is scanned too. A real store indexes each party's entries by (instant, id), and those that
    // caps count apart, and locks the party in lockParty so that concurrent reservations cannot both take a cap's
    // last slot; here writes are serialized, so lockParty only checks that the party exists.

    private static final Comparator<ContactEntry> BY_INSTANT = Comparator.comparing(ContactEntry::at)
        .thenComparing(ContactEntry::id);

    @Override
    public void lockParty(TenantId tenant, PartyId party) {
      requireNonNull(party, "party");
      if (!data(tenant).parties.containsKey(party)) {
        throw new NotFoundException("party", party.value());
      }
    }

    @Override
    public void insert(ContactEntry entry) {
      if (data(entry.tenant()).contacts.putIfAbsent(entry.id(), entry) != null) {
        throw new DuplicateKeyException("contact", "id " + entry.id());
      }
    }

    @Override
    public void update(ContactEntry entry, long expectedVersion) {
      Working data = data(entry.tenant());
      ContactEntry current = data.contacts.get(entry.id());
      long actual = current == null ? 0 : current.version();
      if (actual != expectedVersion) {
        throw new VersionConflictException("contact", entry.id().value(), expectedVersion, actual);
      }
      data.contacts.put(entry.id(), entry);
    }

    @Override
    public Optional<ContactEntry> find(TenantId tenant, ContactId id) {
      return Optional.ofNullable(data(tenant).contacts.get(requireNonNull(id, "id")));
    }

    @Override
    public List<ContactEntry> counted(TenantId tenant, PartyId party, Instant from, Instant to) {
      return window(tenant, party, from, to).filter(ContactEntry::counted).toList();
    }

    @Override
    public List<ContactEntry> ofParty(TenantId tenant, PartyId party, Instant from, Instant to,
        Optional<ContactPosition> after, int limit) {
      if (limit < 1) {
        throw new IllegalArgumentException("limit must be at least 1, was " + limit);
      }
      Optional<ContactPosition> position = requireNonNull(after, "after");
      return window(tenant, party, from, to).filter(e -> position.map(p -> e.at().isAfter(p.at())
          || (e.at().equals(p.at()) && e.id().compareTo(p.id()) > 0)).orElse(true)).limit(limit).toList();
    }

    /** The party's entries with an instant in {@code [from, to)}, by instant, then id. */
    private Stream<ContactEntry> window(TenantId tenant, PartyId party, Instant from, Instant to) {
      requireNonNull(party, "party");
      requireNonNull(from, "from");
      requireNonNull(to, "to");
      return data(tenant).contacts.values().stream()
          .filter(e -> e.party().equals(party) && !e.at().isBefore(from) && e.at().isBefore(to)).sorted(BY_INSTANT);
    }

    // The outbox is scanned too, across tenants for claims and digests. A real store indexes the entries that are
    // pending or in flight by seq, and by tenant and order key for the order check, and locks what a claim takes
    // (SELECT ... FOR UPDATE SKIP LOCKED); here writes are serialized, so what a claim finds is its own.

    @Override
    public void enqueue(Delivery delivery, DeliveryStatus status, Instant dueAt) {
      requireNonNull(delivery, "delivery");
      requireNonNull(status, "status");
      requireNonNull(dueAt, "dueAt");
      OutboxEntry.checkEnqueued(status);
      Working data = data(delivery.tenantId());
      if (data.outbox.values().stream().anyMatch(e -> e.key().equals(delivery.key()))) {
        throw new DuplicateKeyException("delivery", "key " + delivery.key());
      }
      long seq = nextSeq();
      data.outbox.put(seq, OutboxEntry.enqueued(seq, delivery, status, dueAt));
    }

    /** The next seq: one more than the largest of every tenant's file, found once, then counted on. */
    private long nextSeq() {
      if (lastSeq < 0) {
        lastSeq = tenants().stream().flatMap(t -> outboxOf(t).stream()).mapToLong(OutboxEntry::seq).max().orElse(0);
      }
      return ++lastSeq;
    }

    /** The tenant's outbox as this transaction sees it, without making a working copy (see committedOrWorking). */
    private List<OutboxEntry> outboxOf(TenantId tenant) {
      Working data = working.get(tenant);
      return data != null ? List.copyOf(data.outbox.values()) : load(tenant).outbox();
    }

    @Override
    public List<OutboxEntry> claim(String owner, Instant now, Instant leaseUntil, int limit) {
      if (limit < 1) {
        throw new IllegalArgumentException("limit must be at least 1, was " + limit);
      }
      List<OutboxEntry> all = tenants().stream().flatMap(t -> outboxOf(t).stream())
          .sorted(Comparator.comparingLong(OutboxEntry::seq)).toList();
      return claimAmong(all, e -> true, owner, now, leaseUntil, limit);
    }

    @Override
    public List<OutboxEntry> claim(TenantId tenant, Collection<String> keys, String owner, Instant now,
        Instant leaseUntil) {
      requireNonNull(tenant, "tenant");
      Set<String> wanted = Set.copyOf(keys);
      return claimAmong(outboxOf(tenant), e -> wanted.contains(e.key()), owner, now, leaseUntil, wanted.size());
    }

    /**
     * Claims the wanted claimable entries among {@code entries} (by seq), by group prefixes: of each tenant's
     * PENDING and IN_FLIGHT entries of one order key, those up to the first that is not claimable or not wanted.
     */
    private List<OutboxEntry> claimAmong(List<OutboxEntry> entries, java.util.function.Predicate<OutboxEntry> wanted,
        String owner, Instant now, Instant leaseUntil, int limit) {
      requireNonNull(owner, "owner");
      requireNonNull(now, "now");
      requireNonNull(leaseUntil, "leaseUntil");
      List<OutboxEntry> claimed = new ArrayList<>();
      Set<List<String>> stopped = new HashSet<>();
      for (OutboxEntry e : entries) {
        if (claimed.size() >= limit) {
          break;
        }
        List<String> group = List.of(e.delivery().tenantId().value(), e.delivery().orderKey());
        boolean active = e.status() == DeliveryStatus.PENDING || e.status() == DeliveryStatus.IN_FLIGHT;
        if (!active || stopped.contains(group)) {
          continue;
        }
        boolean due = e.status() == DeliveryStatus.PENDING ? !e.dueAt().isAfter(now)
            : !e.leaseUntil().orElseThrow().isAfter(now);
        if (!due || !wanted.test(e)) {
          stopped.add(group);
          continue;
        }
        OutboxEntry taken = e.claimed(owner, leaseUntil);
        data(e.delivery().tenantId()).outbox.put(e.seq(), taken);
        claimed.add(taken);
      }
      return claimed;
    }

    @Override
    public boolean release(TenantId tenant, long seq, String owner) {
      return settle(tenant, seq, owner, e -> e.released());
    }

    @Override
    public boolean delivered(TenantId tenant, long seq, String owner, Instant at) {
      requireNonNull(at, "at");
      return settle(tenant, seq, owner, e -> e.delivered(at));
    }

    @Override
    public boolean failed(TenantId tenant, long seq, String owner, DeliveryStatus next, int attempts,
        Instant dueAt, String error) {
      requireNonNull(next, "next");
      requireNonNull(dueAt, "dueAt");
      requireNonNull(error, "error");
      OutboxEntry.checkFailed(next);
      return settle(tenant, seq, owner, e -> e.failed(next, attempts, dueAt, error));
    }

    /** Changes the entry if it is IN_FLIGHT under {@code owner}. */
    private boolean settle(TenantId tenant, long seq, String owner, UnaryOperator<OutboxEntry> change) {
      requireNonNull(tenant, "tenant");
      requireNonNull(owner, "owner");
      OutboxEntry e = outboxOf(tenant).stream().filter(x -> x.seq() == seq).findFirst().orElse(null);
      if (e == null || e.status() != DeliveryStatus.IN_FLIGHT || !e.leaseOwner().orElseThrow().equals(owner)) {
        return false;
      }
      data(tenant).outbox.put(seq, change.apply(e));
      return true;
    }

    @Override
    public List<OutboxEntry> dueForDigest(Instant now, int limit) {
      requireNonNull(now, "now");
      if (limit < 1) {
        throw new IllegalArgumentException("limit must be at least 1, was " + limit);
      }
      return tenants().stream().flatMap(t -> outboxOf(t).stream())
          .filter(e -> e.status() == DeliveryStatus.HELD && !e.dueAt().isAfter(now))
          .sorted(Comparator.comparing((OutboxEntry e) -> e.delivery().tenantId().value())
              .thenComparing(e -> e.delivery().orderKey()).thenComparing(OutboxEntry::dueAt)
              .thenComparingLong(OutboxEntry::seq))
          .limit(limit).toList();
    }

    @Override
    public int digested(TenantId tenant, Collection<Long> seqs) {
      requireNonNull(tenant, "tenant");
      Set<Long> wanted = Set.copyOf(seqs);
      return change(tenant, e -> wanted.contains(e.seq()) && e.status() == DeliveryStatus.HELD,
          e -> e.digested());
    }

    @Override
    public Optional<OutboxEntry> requeue(TenantId tenant, String key, Instant now) {
      requireNonNull(key, "key");
      requireNonNull(now, "now");
      change(tenant, e -> e.key().equals(key) && e.status() == DeliveryStatus.DEAD,
          e -> e.requeued(now));
      return find(tenant, key);
    }

    @Override
    public int requeueDead(TenantId tenant, Instant now) {
      requireNonNull(now, "now");
      return change(tenant, e -> e.status() == DeliveryStatus.DEAD, e -> e.requeued(now));
    }

    /** Applies {@code change} to the tenant's entries that {@code which} selects; returns how many. */
    private int change(TenantId tenant, java.util.function.Predicate<OutboxEntry> which,
        UnaryOperator<OutboxEntry> change) {
      requireNonNull(tenant, "tenant");
      List<OutboxEntry> selected = outboxOf(tenant).stream().filter(which).toList();
      selected.forEach(e -> data(tenant).outbox.put(e.seq(), change.apply(e)));
      return selected.size();
    }


    @Override
    public Optional<OutboxEntry> find(TenantId tenant, String key) {
      requireNonNull(tenant, "tenant");
      requireNonNull(key, "key");
      return outboxOf(tenant).stream().filter(e -> e.key().equals(key)).findFirst();
    }

    /** The cursor is the last seq returned, with the tenant and status it was returned for. */
    @Override
    public Page<OutboxEntry> list(TenantId tenant, DeliveryStatus status, PageRequest page) {
      requireNonNull(tenant, "tenant");
      requireNonNull(status, "status");
      requireNonNull(page, "page");
      String scope = tenant.value() + "|" + status + "|";
      long after = page.cursor().map(c -> afterSeq(scope, c)).orElse(Long.MIN_VALUE);
      List<OutboxEntry> found = outboxOf(tenant).stream().filter(e -> e.status() == status && e.seq() > after)
          .limit(page.limit() + 1L).toList();
      if (found.size() <= page.limit()) {
        return new Page<>(found, Optional.empty());
      }
      List<OutboxEntry> items = found.subList(0, page.limit());
      String cursor = scope + items.get(items.size() - 1).seq();
      return new Page<>(items, Optional.of(Base64.getUrlEncoder().withoutPadding()
          .encodeToString(cursor.getBytes(StandardCharsets.UTF_8))));
    }

    private static long afterSeq(String scope, String cursor) {
      try {
        String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        if (text.startsWith(scope)) {
          return Long.parseLong(text.substring(scope.length()));
        }
      } catch (IllegalArgumentException e) {
        // not base64 or no number: not a cursor of this listing
      }
      throw ValidationException.of("page.cursor", cursor, "is not a cursor returned by this method for the same"
          + " tenant and status");
    }

    @Override
    public OutboxStats counts(Optional<TenantId> tenant) {
      requireNonNull(tenant, "tenant");
      long[] counts = new long[DeliveryStatus.values().length];
      (tenant.isPresent() ? Stream.of(tenant.get()) : tenants().stream())
          .flatMap(t -> outboxOf(t).stream()).forEach(e -> counts[e.status().ordinal()]++);
      return new OutboxStats(counts[DeliveryStatus.HELD.ordinal()], counts[DeliveryStatus.PENDING.ordinal()],
          counts[DeliveryStatus.IN_FLIGHT.ordinal()], counts[DeliveryStatus.DELIVERED.ordinal()],
          counts[DeliveryStatus.DEAD.ordinal()], counts[DeliveryStatus.DIGESTED.ordinal()]);
    }

    // The measurement store: the vision, the measurements keyed by KPI and period, the ledger by id.

    @Override
    public Optional<Vision> vision(TenantId tenant) {
      return data(tenant).vision;
    }

    @Override
    public void putVision(TenantId tenant, Vision vision) {
      data(tenant).vision = Optional.of(requireNonNull(vision, "vision"));
    }

    @Override
    public Optional<Measurement> find(TenantId tenant, String kpi, LocalDate start, LocalDate end) {
      return Optional.ofNullable(data(tenant).measurements.get(measurementKey(kpi, start, end)));
    }

    @Override
    public void insert(TenantId tenant, Measurement measurement) {
      String key = measurementKey(measurement.kpi(), measurement.period().start(), measurement.period().end());
      if (data(tenant).measurements.putIfAbsent(key, measurement) != null) {
        throw new DuplicateKeyException("measurement", measurementId(measurement));
      }
    }

    @Override
    public void replace(TenantId tenant, Measurement measurement, long expectedVersion) {
      Working data = data(tenant);
      String key = measurementKey(measurement.kpi(), measurement.period().start(), measurement.period().end());
      Measurement current = data.measurements.get(key);
      long actual = current == null ? 0 : current.version();
      if (actual != expectedVersion) {
        throw new VersionConflictException("measurement", measurementId(measurement), expectedVersion, actual);
      }
      data.measurements.put(key, measurement);
    }

    private static String measurementId(Measurement m) {
      return m.kpi() + "/" + m.period().start() + "/" + m.period().end();
    }

    @Override
    public List<Measurement> history(TenantId tenant, String kpi) {
      requireNonNull(kpi, "kpi");
      return data(tenant).measurements.tailMap(kpi + " ").values().stream().takeWhile(m -> m.kpi().equals(kpi))
          .toList();
    }

    @Override
    public void addLedgerEntry(TenantId tenant, LedgerEntry entry) {
      if (data(tenant).ledger.putIfAbsent(entry.id(), entry) != null) {
        throw new DuplicateKeyException("ledger entry", "id " + entry.id());
      }
    }

    @Override
    public Optional<LedgerEntry> ledgerEntry(TenantId tenant, String id) {
      return Optional.ofNullable(data(tenant).ledger.get(requireNonNull(id, "id")));
    }

    @Override
    public List<LedgerEntry> ledger(TenantId tenant, LocalDate from, LocalDate until) {
      requireNonNull(from, "from");
      requireNonNull(until, "until");
      return data(tenant).ledger.values().stream().filter(e -> !e.date().isBefore(from) && e.date().isBefore(until))
          .sorted(Comparator.comparing(LedgerEntry::date).thenComparing(LedgerEntry::id)).toList();
    }

    // The fact store: each aggregate scans the records it reads, as the in-memory store does. A real store
    // computes them where the records are (see JdbcStorage: SQL aggregates) and indexes the instants it filters on.

    private static boolean within(Instant t, Instant start, Instant end) {
      return !t.isBefore(start) && t.isBefore(end);
    }

    @Override
    public Distribution firstResponseTimes(TenantId tenant, Instant start, Instant end, TimeBasis basis) {
      requireNonNull(basis, "basis");
      return Distribution.of(data(tenant).conversations.values().stream()
          .filter(c -> c.firstReplyAt().isPresent() && c.firstInboundAt().isPresent()
              && within(c.firstInboundAt().get(), start, end))
          .mapToLong(c -> basis == TimeBasis.ELAPSED
              ? Duration.between(c.firstInboundAt().get(), c.firstReplyAt().get()).toMillis()
              : c.firstReplyBusinessTime().orElseThrow().toMillis())
          .toArray());
    }

    @Override
    public Distribution resolutionTimes(TenantId tenant, Instant start, Instant end) {
      return Distribution.of(data(tenant).conversations.values().stream()
          .filter(c -> c.state() == ConversationState.RESOLVED && within(c.stateChangedAt(), start, end))
          .mapToLong(c -> Duration.between(c.openedAt(), c.stateChangedAt()).toMillis()).toArray());
    }

    @Override
    public SlaCounts slaCounts(TenantId tenant, Instant start, Instant end, Instant asOf,
        Optional<ObligationKind> kind) {
      requireNonNull(asOf, "asOf");
      List<Obligation> due = data(tenant).obligations.values().stream()
          .filter(o -> o.state() != ObligationState.CANCELLED && within(o.dueAt(), start, end))
          .filter(o -> kind.map(k -> o.kind() == k).orElse(true)).toList();
      long onTime = due.stream().filter(o -> o.state() == ObligationState.SATISFIED_ON_TIME).count();
      long late = due.stream().filter(o -> o.state() == ObligationState.SATISFIED_LATE).count();
      long unsatisfied = due.size() - onTime - late;
      long pending = due.stream().filter(o -> o.state() != ObligationState.SATISFIED_ON_TIME
          && o.state() != ObligationState.SATISFIED_LATE && !o.dueAt().isBefore(asOf)).count();
      return new SlaCounts(onTime, late, unsatisfied - pending, pending);
    }

    @Override
    public long breaches(TenantId tenant, Instant start, Instant end) {
      return data(tenant).obligations.values().stream()
          .filter(o -> o.breachedAt().filter(at -> within(at, start, end)).isPresent()).count();
    }

    @Override
    public long escalations(TenantId tenant, Instant start, Instant end) {
      return data(tenant).obligations.values().stream().mapToLong(o -> o.escalations().stream()
          .filter(p -> p.step() <= o.escalated() && within(p.dueAt(), start, end)).count()).sum();
    }

    @Override
    public Map<String, Long> deniedContacts(TenantId tenant, Instant start, Instant end) {
      return data(tenant).contacts.values().stream()
          .filter(e -> e.status() == ContactStatus.DENIED && within(e.at(), start, end))
          .collect(Collectors.groupingBy(e -> e.receipt().denials().stream().findFirst()
              .map(d -> d.rule().map(r -> r.ruleSet() + "/" + r.rule())
                  .orElse(d.check().name().toLowerCase(Locale.ROOT)))
              .orElse("unknown"), Collectors.counting()));
    }

    /** The party's stage after every change strictly before {@code at}, if it had one. */
    private static Optional<LifecycleStage> stageBefore(Party party, Instant at) {
      LifecycleStage stage = null;
      for (StageChange change : party.lifecycle().history()) {
        if (change.at().isBefore(at)) {
          stage = change.to();
        }
      }
      return Optional.ofNullable(stage);
    }

    @Override
    public CustomerCounts customers(TenantId tenant, Instant start, Instant end, Set<LifecycleStage> customerStages) {
      Working data = data(tenant);
      long atStart = 0;
      long atEnd = 0;
      long acquired = 0;
      long active = 0;
      for (Party party : data.parties.values()) {
        if (stageBefore(party, start).filter(customerStages::contains).isPresent()) {
          atStart++;
        }
        if (party.lifecycle().history().stream().filter(c -> customerStages.contains(c.to())).findFirst()
            .filter(c -> within(c.at(), start, end)).isPresent()) {
          acquired++;
        }
        if (stageBefore(party, end).filter(customerStages::contains).isPresent()) {
          atEnd++;
          if (data.interactions.stream().anyMatch(i -> i.party().equals(party.id())
              && within(i.occurredAt(), start, end))) {
            active++;
          }
        }
      }
      return new CustomerCounts(atStart, atEnd, acquired, active);
    }

    @Override
    public Map<LifecycleStage, Long> stagesAt(TenantId tenant, Instant at) {
      return data(tenant).parties.values().stream().map(p -> stageBefore(p, at)).flatMap(Optional::stream)
          .collect(Collectors.groupingBy(stage -> stage, Collectors.counting()));
    }

    @Override
    public Map<Integer, Long> surveyScores(TenantId tenant, String survey, Instant start, Instant end) {
      requireNonNull(survey, "survey");
      return data(tenant).interactions.stream()
          .filter(i -> i.kind() == InteractionKind.SURVEY_ANSWER && within(i.occurredAt(), start, end))
          .filter(i -> i.attributes().get("survey") instanceof AttributeValue.StringValue name
              && name.value().equals(survey))
          .filter(i -> i.attributes().get("score") instanceof AttributeValue.NumberValue score
              && score.value().stripTrailingZeros().scale() <= 0
              && score.value().abs().compareTo(BigDecimal.valueOf(1_000)) <= 0)
          .collect(Collectors.groupingBy(
              i -> ((AttributeValue.NumberValue) i.attributes().get("score")).value().intValueExact(),
              Collectors.counting()));
    }

    @Override
    public LedgerTotals ledgerTotals(TenantId tenant, LocalDate from, LocalDate until) {
      List<LedgerEntry> entries = ledger(tenant, from, until);
      BigDecimal cost = BigDecimal.ZERO.setScale(4);
      BigDecimal value = BigDecimal.ZERO.setScale(4);
      long costs = 0;
      for (LedgerEntry entry : entries) {
        if (entry.kind() == LedgerEntry.Kind.COST) {
          cost = cost.add(entry.amount());
          costs++;
        } else {
          value = value.add(entry.amount());
        }
      }
      return new LedgerTotals(cost, value, costs, entries.size() - costs);
    }
  }
}
