/**
 * Customer records (the "C" of CRM): persons and organizations in roles, their contact points, consent,
 * preferences, lifecycle, owner, tags and custom attributes; typed relationships between them; and the
 * audit trail of every change.
 *
 * <p>The user-facing interfaces are {@link dev.etiquette.crm.api.party.Parties},
 * {@link dev.etiquette.crm.api.party.Relationships} and {@link dev.etiquette.crm.api.party.AuditTrail},
 * reached through {@link dev.etiquette.crm.api.CrmTenant}. Inputs are drafts
 * ({@link dev.etiquette.crm.api.party.PartyDraft}) and updates
 * ({@link dev.etiquette.crm.api.party.PartyUpdate}); what is stored comes back as
 * {@link dev.etiquette.crm.api.party.Party}.
 */
package dev.etiquette.crm.api.party;
