package dev.etiquette.crm.internal;

import static java.util.Objects.requireNonNull;

import dev.etiquette.crm.api.NotFoundException;
import dev.etiquette.crm.api.Page;
import dev.etiquette.crm.api.PageRequest;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.interaction.ConversationId;
import dev.etiquette.crm.api.obligation.DueWork;
import dev.etiquette.crm.api.obligation.Obligation;
import dev.etiquette.crm.api.obligation.ObligationId;
import dev.etiquette.crm.api.obligation.ObligationQuery;
import dev.etiquette.crm.api.obligation.Obligations;
import dev.etiquette.crm.api.spi.ObligationPosition;
import java.util.List;
import java.util.Optional;

/** {@link Obligations} for one tenant. */
final class ObligationService implements Obligations {

  /** How many due obligations one transaction of due work claims. */
  static final int DUE_BATCH = 200;

  private final CrmRuntime runtime;
  private final TenantId tenant;

  ObligationService(CrmRuntime runtime, TenantId tenant) {
    this.runtime = runtime;
    this.tenant = tenant;
  }

  @Override
  public Obligation get(ObligationId id) {
    return find(id).orElseThrow(() -> new NotFoundException(ObligationEngine.RECORD_TYPE, id.value()));
  }

  @Override
  public Optional<Obligation> find(ObligationId id) {
    requireNonNull(id, "id");
    return runtime.storage().read(tx -> tx.obligations().find(tenant, id));
  }

  @Override
  public Page<Obligation> search(ObligationQuery query, PageRequest page) {
    requireNonNull(query, "query");
    requireNonNull(page, "page");
    return Cursors.timedPage(tenant + "|obligations|" + query, page,
        (at, id) -> new ObligationPosition(at, ObligationId.of(id)),
        (after, limit) -> runtime.storage().read(tx -> tx.obligations().search(tenant, query, after, limit)),
        Obligation::dueAt, o -> o.id().value());
  }

  @Override
  public List<Obligation> ofConversation(ConversationId conversation) {
    requireNonNull(conversation, "conversation");
    return runtime.storage().read(tx -> tx.obligations().ofConversation(tenant, conversation));
  }

  @Override
  public DueWork processDue() {
    return ObligationEngine.processDue(runtime, Optional.of(tenant), DUE_BATCH);
  }
}
