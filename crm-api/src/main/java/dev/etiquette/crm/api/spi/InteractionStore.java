package dev.etiquette.crm.api.spi;

import dev.etiquette.crm.api.DuplicateKeyException;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.interaction.ConversationId;
import dev.etiquette.crm.api.interaction.Interaction;
import dev.etiquette.crm.api.interaction.InteractionId;
import dev.etiquette.crm.api.party.PartyId;
import java.util.List;
import java.util.Optional;

/**
 * Stores interactions, already validated by the library, exactly as given ({@code find} after
 * {@code insert} returns an equal record), and answers the timeline queries. Interactions are only ever
 * inserted: the library never changes one.
 *
 * <p>Timelines are ordered by {@link TimelinePosition}: by {@code occurredAt}, then by id in code-point
 * order. A store for many interactions keeps an index for every method, so that each costs the same however
 * many interactions the tenant or the party holds: by tenant and id; by tenant, party and position; by
 * tenant, conversation and position; and the last contact per tenant, party and channel, kept up to date by
 * {@link #insert}.
 */
public interface InteractionStore {

  /** The interaction, or empty. */
  Optional<Interaction> find(TenantId tenant, InteractionId id);

  /**
   * Stores a new interaction. In the same transaction, it becomes its party's last contact on its channel
   * (see {@link #lastContacts}) unless that last contact has a later position; this holds however
   * concurrent transactions interleave, in whatever order interactions are inserted (back-dated ones
   * included).
   *
   * @throws DuplicateKeyException if the tenant has an interaction with the same id
   */
  void insert(Interaction interaction);

  /**
   * At most {@code limit} interactions of {@code party}, newest first (by position, greatest first), with a
   * position before {@code before} (all, when empty).
   */
  List<Interaction> ofParty(TenantId tenant, PartyId party, Optional<TimelinePosition> before, int limit);

  /**
   * At most {@code limit} interactions of {@code conversation}, oldest first (by position), with a position
   * after {@code after} (all, when empty).
   */
  List<Interaction> ofConversation(TenantId tenant, ConversationId conversation, Optional<TimelinePosition> after,
      int limit);

  /**
   * For each channel on which {@code party} has an interaction, the one with the greatest position, ordered
   * by channel ({@link dev.etiquette.crm.api.Channel} order); empty when the party has none.
   */
  List<Interaction> lastContacts(TenantId tenant, PartyId party);
}
