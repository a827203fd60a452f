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
