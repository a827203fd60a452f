package dev.etiquette.crm.api.spi;

import dev.etiquette.crm.api.DuplicateKeyException;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.VersionConflictException;
import dev.etiquette.crm.api.interaction.Conversation;
import dev.etiquette.crm.api.interaction.ConversationId;
import java.util.Optional;

/**
 * Stores conversations, already brought up to date by the library, exactly as given: {@code find} after
 * {@code insert} or {@code update} returns an equal record. Conversation ids are the host's: 1 to 128
 * printable ASCII characters, compared exactly (case-sensitive).
 */
public interface ConversationStore {

  /** The conversation, or empty. */
  Optional<Conversation> find(TenantId tenant, ConversationId id);

  /**
   * The conversation, or empty, read to be changed in this write transaction: until the transaction ends,
   * no other transaction can change it (a relational store reads it with {@code SELECT ... FOR UPDATE}),
   * and a concurrent one that reads it for update waits and then sees this one's change. Recording into a
   * busy conversation thus queues instead of failing on a stale version. The default is {@link #find},
   * which is right for a store that runs one write transaction at a time.
   */
  default Optional<Conversation> findForUpdate(TenantId tenant, ConversationId id) {
    return find(tenant, id);
  }

  /** @throws DuplicateKeyException if the tenant has a conversation with the same id */
  void insert(Conversation conversation);

  /**
   * Replaces the stored conversation of the same tenant and id with {@code conversation}.
   *
   * @param expectedVersion the version the stored conversation must have
   * @throws VersionConflictException if the stored version differs (or the conversation is missing, with
   *     actual version 0)
   */
  void update(Conversation conversation, long expectedVersion);
}
