/**
 * The interaction timeline (part of the "R" of CRM): every inbound and outbound touch between the business
 * and its parties — e-mails, calls, SMS, chats, meetings, letters, social and in-app messages, survey
 * answers, purchases and support-case events — with its channel, purpose, direction, actor, time, outcome
 * and free attributes; and the conversations they form, whose state the host application sets.
 *
 * <p>The user-facing interface is {@link dev.etiquette.crm.api.interaction.Interactions}, reached through
 * {@link dev.etiquette.crm.api.CrmTenant#interactions()}. Input is an
 * {@link dev.etiquette.crm.api.interaction.InteractionDraft}; what is stored comes back as
 * {@link dev.etiquette.crm.api.interaction.Interaction} and
 * {@link dev.etiquette.crm.api.interaction.Conversation}.
 */
package dev.etiquette.crm.api.interaction;
