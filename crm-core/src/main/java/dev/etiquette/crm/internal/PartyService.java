package dev.etiquette.crm.internal;

import static java.util.Objects.requireNonNull;

import dev.etiquette.crm.api.Actor;
import dev.etiquette.crm.api.DuplicateKeyException;
import dev.etiquette.crm.api.NotFoundException;
import dev.etiquette.crm.api.Page;
import dev.etiquette.crm.api.PageRequest;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.TenantSettings;
import dev.etiquette.crm.api.ValidationException;
import dev.etiquette.crm.api.Violation;
import dev.etiquette.crm.api.VersionConflictException;
import dev.etiquette.crm.api.party.AuditAction;
import dev.etiquette.crm.api.party.AuditEntry;
import dev.etiquette.crm.api.party.ConsentDraft;
import dev.etiquette.crm.api.party.ConsentRecord;
import dev.etiquette.crm.api.party.ExternalId;
import dev.etiquette.crm.api.party.Lifecycle;
import dev.etiquette.crm.api.party.LifecycleStage;
import dev.etiquette.crm.api.party.Parties;
import dev.etiquette.crm.api.party.Party;
import dev.etiquette.crm.api.party.PartyDraft;
import dev.etiquette.crm.api.party.PartyId;
import dev.etiquette.crm.api.party.PartyQuery;
import dev.etiquette.crm.api.party.PartyUpdate;
import dev.etiquette.crm.api.spi.Prepared;
import dev.etiquette.crm.api.spi.Storage;
import dev.etiquette.crm.api.spi.StorageTransaction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;

/** {@link Parties} for one tenant and actor. */
final class PartyService implements Parties {

  static final String RECORD_TYPE = "party";
  /** How often a change runs when concurrent changes of the party's obligations keep winning. */
  static final int OBLIGATION_RACE_ATTEMPTS = 10;

  private final CrmRuntime runtime;
  private final TenantId tenant;
  private final Actor actor;
  private final PartyRules rules;
  private final PartyHook hook;

  PartyService(CrmRuntime runtime, TenantId tenant, Actor actor, PartyHook hook) {
    this.hook = requireNonNull(hook, "hook");
    this.runtime = runtime;
    this.tenant = tenant;
    this.actor = actor;
    this.rules = new PartyRules(runtime.validator());
  }

  @Override
  public Party create(PartyDraft draft) {
    requireNonNull(draft, "draft");
    return runtime.writeNotifying((tx, outbox) -> insert(tx, draft, outbox));
  }

  @Override
  public List<Party> createAll(List<PartyDraft> drafts) {
    requireNonNull(drafts, "drafts");
    if (drafts.size() > MAX_BATCH) {
      throw ValidationException.of("drafts", drafts.size() + " drafts", "must be at most " + MAX_BATCH + " per call");
    }
    drafts.forEach(d -> requireNonNull(d, "drafts[]"));
    return runtime.writeNotifying((tx, outbox) -> {
      TenantSettings settings = SettingsService.settings(tx, tenant);
      Instant now = runtime.now();
      List<Party> created = new ArrayList<>(drafts.size());
      List<Violation> violations = new ArrayList<>();
      Map<ExternalId, Integer> externalIds = new HashMap<>();
      // validation, normalization, the audit entries and the storage's own preparation of part k+1 run beside the
      // write of part k
      Executor executor = drafts.size() <= FIRST_PART ? Runnable::run : runtime.executor();
      try (PreparedAhead<Part> parts = PreparedAhead.start(drafts.size(), FIRST_PART, GROWTH, executor,
          (from, to) -> prepare(drafts, from, to, settings, now))) {
        for (int k = 0; k < parts.size(); k++) {
          Part part = parts.get(k);
          violations.addAll(part.violations());
          List<Party> parties = part.parties().values();
          for (int p = 0; p < parties.size(); p++) {
            int index = part.indexes()[p];
            for (ExternalId externalId : parties.get(p).externalIds()) {
              Integer earlier = externalIds.putIfAbsent(externalId, index);
              if (earlier != null) {
                throw new DuplicateKeyException(RECORD_TYPE, "externalId " + externalId + " (drafts [" + earlier
                    + "] and [" + index + "])");
              }
            }
          }
          if (violations.isEmpty()) { // after the first invalid draft, only validation goes on, to report all
            tx.parties().insertAll(part.parties());
            tx.audit().appendAll(part.audit());
            created.addAll(parties);
          }
        }
      }
      if (!violations.isEmpty()) {
        throw new ValidationException(violations);
      }
      hook.changed(tx, created, true, now, outbox);
      return List.copyOf(created);
    });
  }

  /**
   * The parts of a {@link #createAll}: a small first part, so that writing starts early, then each part four times
   * the one before (64, 256, 1024, ...: 64, 256 and 680 drafts for a call of 1,000). Each part costs the storage a
   * batch per table, and a batch is a pipeline that the database drains before the next one starts: on PostgreSQL,
   * the same rows written in parts of 256 took about 20 % longer than in one batch of 1,000. Parts that grow
   * fourfold keep the batches few, while the preparation of a part, a sixth or so of the time its writing takes,
   * still ends before the writing of the part before it. See docs/benchmarks.md, "Fewer, larger batches".
   */
  private static final int FIRST_PART = 64;
  private static final int GROWTH = 4;

  /**
   * A part of a {@link #createAll}, ready to write: the parties of its valid drafts and their audit entries, as the
   * storage prepared them (when the part has no invalid draft; nothing of it is written otherwise).
   */
  private record Part(Prepared<Party> parties, int[] indexes, Prepared<AuditEntry> audit,
      List<Violation> violations) {}

  private Part prepare(List<PartyDraft> drafts, int from, int to, TenantSettings settings, Instant now) {
    List<Party> parties = new ArrayList<>(to - from);
    int[] indexes = new int[to - from];
    List<AuditEntry> audit = new ArrayList<>(to - from);
    List<Violation> violations = new ArrayList<>();
    for (int i = from; i < to; i++) {
      try {
        Party party = rules.newParty(drafts.get(i), settings, PartyId.of(runtime.newId(RECORD_TYPE)), now, actor);
        indexes[parties.size()] = i;
        parties.add(party);
        audit.add(createdEntry(party, now));
      } catch (ValidationException e) {
        for (Violation v : e.violations()) {
          violations.add(new Violation("[" + i + "]." + v.path(), v.value(), v.message()));
        }
      }
    }
    if (!violations.isEmpty()) {
      return new Part(Prepared.of(parties), indexes, Prepared.of(audit), violations);
    }
    Storage storage = runtime.storage();
    return new Part(storage.prepareParties(parties), indexes, storage.prepareAudit(audit), violations);
  }

  private AuditEntry createdEntry(Party party, Instant now) {
    return new AuditEntry(tenant, 0, RECORD_TYPE, party.id().value(), AuditAction.CREATED, actor, now,
        PartyCreatedAuditEntry.changesOf(party));
  }

  @Override
  public Party create(PartyDraft draft, String idempotencyKey) {
    requireNonNull(draft, "draft");
    requireNonNull(idempotencyKey, "idempotencyKey");
    String key = Idempotency.checkKey(idempotencyKey);
    String fingerprint = Idempotency.fingerprint(draft);
    return runtime.writeNotifying((tx, outbox) -> Idempotency.once(tx, tenant, RECORD_TYPE, key, fingerprint,
        id -> tx.parties().find(tenant, PartyId.of(id)), () -> insert(tx, draft, outbox), party -> party.id().value(),
        Party::createdAt));
  }

  private Party insert(StorageTransaction tx, PartyDraft draft, Outbox outbox) {
    {
      TenantSettings settings = SettingsService.settings(tx, tenant);
      Instant now = runtime.now();
      Party party = rules.newParty(draft, settings, PartyId.of(runtime.newId(RECORD_TYPE)), now, actor);
      for (ExternalId externalId : party.externalIds()) {
        if (tx.parties().findByExternalId(tenant, externalId).isPresent()) {
          throw new DuplicateKeyException(RECORD_TYPE, "externalId " + externalId);
        }
      }
      tx.parties().insert(party);
      tx.audit().append(createdEntry(party, now));
      hook.changed(tx, List.of(party), true, now, outbox);
      return party;
    }
  }

  @Override
  public Party get(PartyId id) {
    return find(id).orElseThrow(() -> new NotFoundException(RECORD_TYPE, id.value()));
  }

  @Override
  public Optional<Party> find(PartyId id) {
    requireNonNull(id, "id");
    return runtime.storage().read(tx -> tx.parties().find(tenant, id));
  }

  @Override
  public Optional<Party> findByExternalId(ExternalId externalId) {
    requireNonNull(externalId, "externalId");
    return runtime.storage().read(tx -> tx.parties().findByExternalId(tenant, externalId));
  }

  @Override
  public List<Party> findByEmail(String email) {
    requireNonNull(email, "email");
    String normalized = ContactNormalizer.normalizeEmail(email);
    List<Violation> violations = new ArrayList<>();
    runtime.validator().validate(dev.etiquette.crm.api.party.ContactPoint.email(normalized), "", Masking::email,
        violations);
    if (!violations.isEmpty()) {
      throw new ValidationException(violations);
    }
    return runtime.storage().read(tx -> tx.parties().findByEmail(tenant, normalized.toLowerCase(Locale.ROOT)));
  }

  @Override
  public List<Party> findByPhone(String phone) {
    requireNonNull(phone, "phone");
    return runtime.storage().read(tx -> {
      TenantSettings settings = SettingsService.settings(tx, tenant);
      List<Violation> violations = new ArrayList<>();
      Optional<String> e164 = ContactNormalizer.normalizePhone(phone, settings.defaultRegion(), "phone", violations);
      if (e164.isEmpty()) {
        throw new ValidationException(violations);
      }
      return tx.parties().findByPhone(tenant, e164.get());
    });
  }

  @Override
  public Page<Party> search(PartyQuery query, PageRequest page) {
    requireNonNull(query, "query");
    requireNonNull(page, "page");
    String scope = tenant + "|" + query;
    Optional<PartyId> after = page.cursor().map(c -> {
      String key = Cursors.decode(scope, c);
      try {
        return PartyId.of(key);
      } catch (ValidationException e) {
        throw ValidationException.of("page.cursor", c, "is not a cursor returned by this method");
      }
    });
    List<Party> found = runtime.storage().read(tx -> tx.parties().search(tenant, query, after, page.limit() + 1));
    if (found.size() > page.limit()) {
      List<Party> items = found.subList(0, page.limit());
      return new Page<>(items, Optional.of(Cursors.encode(scope, items.get(items.size() - 1).id().value())));
    }
    return new Page<>(found, Optional.empty());
  }

  @Override
  public Party update(PartyId id, long expectedVersion, PartyUpdate update) {
    requireNonNull(id, "id");
    requireNonNull(update, "update");
    return change(id, expectedVersion, AuditAction.UPDATED, (tx, party, settings, now) -> {
      Party updated = rules.apply(party, update, settings);
      for (ExternalId externalId : updated.externalIds()) {
        if (!party.externalIds().contains(externalId)) {
          tx.parties().findByExternalId(tenant, externalId)
              .filter(other -> !other.id().equals(id))
              .ifPresent(other -> {
                throw new DuplicateKeyException(RECORD_TYPE, "externalId " + externalId);
              });
        }
      }
      return updated;
    });
  }

  @Override
  public Party moveStage(PartyId id, long expectedVersion, LifecycleStage stage) {
    requireNonNull(id, "id");
    requireNonNull(stage, "stage");
    return change(id, expectedVersion, AuditAction.STAGE_MOVED, (tx, party, settings, now) ->
        withLifecycle(party, PartyRules.move(party, settings, stage, false, Optional.empty(), now, actor)));
  }

  @Override
  public Party forceStage(PartyId id, long expectedVersion, LifecycleStage stage, String reason) {
    requireNonNull(id, "id");
    requireNonNull(stage, "stage");
    requireNonNull(reason, "reason");
    return change(id, expectedVersion, AuditAction.STAGE_MOVED, (tx, party, settings, now) ->
        withLifecycle(party, PartyRules.move(party, settings, stage, true, Optional.of(reason), now, actor)));
  }

  @Override
  public Party recordConsent(PartyId id, long expectedVersion, ConsentDraft consent) {
    requireNonNull(id, "id");
    requireNonNull(consent, "consent");
    return change(id, expectedVersion, AuditAction.CONSENT_RECORDED, (tx, party, settings, now) -> {
      List<ConsentRecord> consents = new ArrayList<>(party.consents());
      List<Violation> violations = new ArrayList<>();
      PartyRules.recordConsent(consents, consent, now, "consent", violations);
      if (!violations.isEmpty()) {
        throw new ValidationException(violations);
      }
      return new Party(party.tenantId(), party.id(), party.kind(), party.displayName(), party.roles(),
          party.externalIds(), party.contactPoints(), party.preferences(), consents, party.doNotContact(),
          party.lifecycle(), party.owner(), party.team(), party.tags(), party.attributes(), party.version(),
          party.createdAt(), party.updatedAt());
    });
  }

  /**
   * Reads, checks the version, changes, stores and audits the party in one transaction; again when a concurrent
   * change of the same party's obligations (a recording that schedules its check-in) inserted or changed one of
   * them first, which rolled this transaction back whole.
   */
  private Party change(PartyId id, long expectedVersion, AuditAction action, Change change) {
    return Races.retry(() -> changeOnce(id, expectedVersion, action, change), Set.of(ObligationEngine.RECORD_TYPE),
        OBLIGATION_RACE_ATTEMPTS);
  }

  private Party changeOnce(PartyId id, long expectedVersion, AuditAction action, Change change) {
    return runtime.writeNotifying((tx, outbox) -> {
      Party current = tx.parties().find(tenant, id)
          .orElseThrow(() -> new NotFoundException(RECORD_TYPE, id.value()));
      if (current.version() != expectedVersion) {
        throw new VersionConflictException(RECORD_TYPE, id.value(), expectedVersion, current.version());
      }
      Instant now = runtime.now();
      Party changed = change.apply(tx, current, SettingsService.settings(tx, tenant), now);
      if (changed.equals(current)) {
        return current;
      }
      Party stored = withVersion(changed, current.version() + 1, now);
      tx.parties().update(stored, expectedVersion);
      audit(tx, id, action, AuditDiff.diff(AuditDiff.fields(current), AuditDiff.fields(stored)), now);
      hook.changed(tx, List.of(stored), false, now, outbox);
      return stored;
    });
  }

  private void audit(StorageTransaction tx, PartyId id, AuditAction action,
      List<dev.etiquette.crm.api.party.FieldChange> changes, Instant now) {
    tx.audit().append(new AuditEntry(tenant, 0, RECORD_TYPE, id.value(), action, actor, now, changes));
  }

  private static Party withLifecycle(Party p, Lifecycle lifecycle) {
    return new Party(p.tenantId(), p.id(), p.kind(), p.displayName(), p.roles(), p.externalIds(), p.contactPoints(),
        p.preferences(), p.consents(), p.doNotContact(), lifecycle, p.owner(), p.team(), p.tags(), p.attributes(),
        p.version(), p.createdAt(), p.updatedAt());
  }

  private static Party withVersion(Party p, long version, Instant now) {
    return new Party(p.tenantId(), p.id(), p.kind(), p.displayName(), p.roles(), p.externalIds(), p.contactPoints(),
        p.preferences(), p.consents(), p.doNotContact(), p.lifecycle(), p.owner(), p.team(), p.tags(), p.attributes(),
        version, p.createdAt(), now);
  }

  @FunctionalInterface
  private interface Change {
    Party apply(StorageTransaction tx, Party current, TenantSettings settings, Instant now);
  }
}
