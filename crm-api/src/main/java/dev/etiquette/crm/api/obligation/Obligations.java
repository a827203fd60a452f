package dev.etiquette.crm.api.obligation;

import dev.etiquette.crm.api.NotFoundException;
import dev.etiquette.crm.api.Page;
import dev.etiquette.crm.api.PageRequest;
import dev.etiquette.crm.api.StorageException;
import dev.etiquette.crm.api.interaction.ConversationId;
import java.util.List;
import java.util.Optional;

/**
 * A tenant's obligations: what the etiquette rules say is owed to its customers, and by when. The library
 * creates and settles obligations as interactions are recorded and conversations change state (see
 * {@code docs/rules.md}); time alone moves them on only when due work is processed
 * ({@link #processDue()}, or {@code Crm.processDue()} for every tenant, or the scheduler {@code Crm} provides).
 * Every method reads only the tenant of the {@link dev.etiquette.crm.api.CrmTenant} it came from.
 *
 * <p>Any method may throw {@link StorageException} when the storage fails; nothing is half-written then.
 */
public interface Obligations {

  /** @throws NotFoundException if the tenant has no such obligation */
  Obligation get(ObligationId id);

  /** The obligation, or empty. */
  Optional<Obligation> find(ObligationId id);

  /**
   * One page of the obligations matching {@code query}, ordered by deadline, then id. Paging continues after the
   * last item's (deadline, id): an obligation that does not change between pages is seen exactly once; one whose
   * deadline moves between pages (a pause ended) may be seen again, or not at all, as it moved behind or ahead
   * of the cursor; one that stops or starts matching (a state change) is seen where it was when each page was
   * read.
   *
   * @throws dev.etiquette.crm.api.ValidationException if the cursor is not one this method returned for the
   *     same query
   */
  Page<Obligation> search(ObligationQuery query, PageRequest page);

  /** The response obligations of a conversation, oldest first; empty if it has none or does not exist. */
  List<Obligation> ofConversation(ConversationId conversation);

  /**
   * Processes every warning, breach, escalation and scheduled opening of this tenant that is due by now (the
   * library's clock): each exactly once, even when other instances of the application process due work against
   * the same storage at the same time, and even after a crash between two calls. Each obligation's changes and
   * their notifications are written in one transaction; notifications are handed to the notification port
   * after that transaction commits.
   *
   * @return what was done
   */
  DueWork processDue();
}
