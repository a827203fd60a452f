package dev.etiquette.crm.internal;

import dev.etiquette.crm.api.Actor;
import dev.etiquette.crm.api.interaction.Conversation;
import java.time.Instant;

/**
 * A conversation's state as the host changed it, by {@code actor} at {@code now}, for the
 * {@link InteractionHook}.
 */
record ConversationStateChanged(Conversation before, Conversation after, Actor actor, Instant now) {}
