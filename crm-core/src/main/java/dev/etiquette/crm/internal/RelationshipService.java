package dev.etiquette.crm.internal;

import static java.util.Objects.requireNonNull;

import dev.etiquette.crm.api.Actor;
import dev.etiquette.crm.api.NotFoundException;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.TenantSettings;
import dev.etiquette.crm.api.ValidationException;
import dev.etiquette.crm.api.Violation;
import dev.etiquette.crm.api.VersionConflictException;
import dev.etiquette.crm.api.party.AuditAction;
import dev.etiquette.crm.api.party.AuditEntry;
import dev.etiquette.crm.api.party.PartyId;
import dev.etiquette.crm.api.party.Relationship;
import dev.etiquette.crm.api.party.RelationshipDraft;
import dev.etiquette.crm.api.party.RelationshipId;
import dev.etiquette.crm.api.party.Relationships;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@link Relationships} for one tenant and actor. */
final class RelationshipService implements Relationships {

  static final String RECORD_TYPE = "relationship";

  private final CrmRuntime runtime;
  private final TenantId tenant;
  private final Actor actor;

  RelationshipService(CrmRuntime runtime, TenantId tenant, Actor actor) {
    this.runtime = runtime;
    this.tenant = tenant;
    this.actor = actor;
  }

  @Override
  public Relationship create(RelationshipDraft draft) {
    requireNonNull(draft, "draft");
    return runtime.write(tx -> {
      TenantSettings settings = SettingsService.settings(tx, tenant);
      Instant now = runtime.now();
      Instant from = draft.validFrom().orElse(now);
      List<Violation> violations = new ArrayList<>();
      if (!settings.knows(draft.type())) {
        violations.add(new Violation("type", draft.type().name(), "is neither a built-in relationship type nor one"
            + " the tenant defines " + settings.relationshipTypes()));
      }
      if (draft.from().equals(draft.to())) {
        violations.add(new Violation("to", draft.to().value(), "must differ from the party the relationship starts at"));
      }
      checkParty(tx, draft.from(), "from", violations);
      checkParty(tx, draft.to(), "to", violations);
      draft.validTo().ifPresent(to -> {
        if (!to.isAfter(from)) {
          violations.add(new Violation("validTo", to.toString(), "must be after validFrom " + from));
        }
      });
      if (!violations.isEmpty()) {
        throw new ValidationException(violations);
      }
      Relationship relationship = new Relationship(tenant, RelationshipId.of(runtime.newId(RECORD_TYPE)), draft.type(),
          draft.from(), draft.to(), from, draft.validTo(), 1, now, now);
      tx.relationships().insert(relationship);
      tx.audit().append(new AuditEntry(tenant, 0, RECORD_TYPE, relationship.id().value(), AuditAction.CREATED, actor,
          now, AuditDiff.created(AuditDiff.fields(relationship))));
      return relationship;
    });
  }

  private void checkParty(dev.etiquette.crm.api.spi.StorageTransaction tx, PartyId id, String path,
      List<Violation> violations) {
    if (tx.parties().find(tenant, id).isEmpty()) {
      violations.add(new Violation(path, id.value(), "is not a party of this tenant"));
    }
  }

  @Override
  public Relationship get(RelationshipId id) {
    return find(id).orElseThrow(() -> new NotFoundException(RECORD_TYPE, id.value()));
  }

  @Override
  public Optional<Relationship> find(RelationshipId id) {
    requireNonNull(id, "id");
    return runtime.storage().read(tx -> tx.relationships().find(tenant, id));
  }

  @Override
  public List<Relationship> of(PartyId party) {
    requireNonNull(party, "party");
    return runtime.storage().read(tx -> tx.relationships().ofParty(tenant, party));
  }

  @Override
  public Relationship end(RelationshipId id, long expectedVersion, Instant validTo) {
    requireNonNull(id, "id");
    requireNonNull(validTo, "validTo");
    return runtime.write(tx -> {
      Relationship current = tx.relationships().find(tenant, id)
          .orElseThrow(() -> new NotFoundException(RECORD_TYPE, id.value()));
      if (current.version() != expectedVersion) {
        throw new VersionConflictException(RECORD_TYPE, id.value(), expectedVersion, current.version());
      }
      if (!validTo.isAfter(current.validFrom())) {
        throw ValidationException.of("validTo", validTo.toString(), "must be after validFrom " + current.validFrom());
      }
      if (current.validTo().equals(Optional.of(validTo))) {
        return current;
      }
      Instant now = runtime.now();
      Relationship ended = new Relationship(tenant, id, current.type(), current.from(), current.to(),
          current.validFrom(), Optional.of(validTo), current.version() + 1, current.createdAt(), now);
      tx.relationships().update(ended, expectedVersion);
      tx.audit().append(new AuditEntry(tenant, 0, RECORD_TYPE, id.value(), AuditAction.ENDED, actor, now,
          AuditDiff.diff(AuditDiff.fields(current), AuditDiff.fields(ended))));
      return ended;
    });
  }
}
