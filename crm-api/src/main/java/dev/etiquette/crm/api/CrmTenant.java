package dev.etiquette.crm.api;

import dev.etiquette.crm.api.contact.Contacts;
import dev.etiquette.crm.api.notification.Notifications;
import dev.etiquette.crm.api.interaction.Interactions;
import dev.etiquette.crm.api.measure.Measurements;
import dev.etiquette.crm.api.obligation.Obligations;
import dev.etiquette.crm.api.obligation.RuleSets;
import dev.etiquette.crm.api.party.AuditTrail;
import dev.etiquette.crm.api.party.Parties;
import dev.etiquette.crm.api.party.Relationships;

/**
 * The library as one tenant sees it, acting as one actor. Every operation reached from here reads and
 * changes only this tenant's records, and every change it makes is audited under {@link #actor()}.
 *
 * <p>Obtain one from {@code Crm.tenant(TenantId, Actor)}. Instances are cheap, immutable and thread-safe;
 * make one per request or keep one per tenant, as suits the host application.
 */
public interface CrmTenant {

  /** The tenant whose records this view reads and changes. */
  TenantId tenantId();

  /** The actor that changes made through this view are attributed to. */
  Actor actor();

  /** The same tenant, acting as another actor. */
  CrmTenant as(Actor actor);

  /** Persons and organizations: create, change, find and search them. */
  Parties parties();

  /** Typed, directed relationships between parties. */
  Relationships relationships();

  /** The interaction timeline: every touch with the tenant's parties, and the conversations they form. */
  Interactions interactions();

  /**
   * What the etiquette rules say is owed to the tenant's parties: response SLAs, follow-ups and check-ins, with
   * their deadlines, breaches and escalations.
   */
  Obligations obligations();

  /**
   * Contact decisions before every outbound touch (consent, do-not-contact, frequency caps, quiet hours), with
   * receipts, and the contact ledger with its atomic reservations.
   */
  Contacts contacts();

  /** The notifications written for this tenant, and their outbox: deliveries, dead letters, counts. */
  Notifications notifications();

  /**
   * The measurement system: the vision, objectives and KPIs, their measurements and status, the programme's
   * ledger and reports.
   */
  Measurements measurement();

  /** The etiquette rule sets the tenant runs under, with their versions. */
  RuleSets rules();

  /** The audit trail of every change to this tenant's records. */
  AuditTrail audit();

  /** This tenant's settings; defaults ({@link TenantSettings#defaults(TenantId)}) until configured. */
  TenantSettings settings();

  /**
   * Replaces this tenant's settings. The change is audited. Records already stored are not re-checked:
   * a stage or attribute that the new settings no longer define stays as it is until the record's next
   * change touches it.
   *
   * @return the settings as stored
   * @throws ValidationException if the settings are inconsistent, or belong to another tenant
   */
  TenantSettings configure(TenantSettings settings);
}
