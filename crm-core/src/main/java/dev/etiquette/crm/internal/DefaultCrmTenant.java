package dev.etiquette.crm.internal;

import static java.util.Objects.requireNonNull;

import dev.etiquette.crm.api.Actor;
import dev.etiquette.crm.api.CrmTenant;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.contact.Contacts;
import dev.etiquette.crm.api.notification.Notifications;
import dev.etiquette.crm.api.TenantSettings;
import dev.etiquette.crm.api.interaction.Interactions;
import dev.etiquette.crm.api.measure.Measurements;
import dev.etiquette.crm.api.obligation.Obligations;
import dev.etiquette.crm.api.obligation.RuleSets;
import dev.etiquette.crm.api.party.AuditTrail;
import dev.etiquette.crm.api.party.Parties;
import dev.etiquette.crm.api.party.Relationships;

/** The library as one tenant and actor see it. */
public final class DefaultCrmTenant implements CrmTenant {

  private final CrmRuntime runtime;
  private final TenantId tenant;
  private final Actor actor;
  private final Parties parties;
  private final Relationships relationships;
  private final Interactions interactions;
  private final AuditTrail audit;
  private final Obligations obligations;
  private final RuleSets rules;
  private final Contacts contacts;
  private final Notifications notifications;
  private final Measurements measurement;

  public DefaultCrmTenant(CrmRuntime runtime, TenantId tenant, Actor actor) {
    this.runtime = requireNonNull(runtime, "runtime");
    this.tenant = requireNonNull(tenant, "tenant");
    this.actor = requireNonNull(actor, "actor");
    ObligationEngine engine = new ObligationEngine(runtime, tenant);
    this.parties = new PartyService(runtime, tenant, actor, engine);
    this.relationships = new RelationshipService(runtime, tenant, actor);
    this.interactions = new InteractionService(runtime, tenant, actor, engine);
    this.obligations = new ObligationService(runtime, tenant);
    this.rules = new RuleSetService(runtime, tenant, actor, engine);
    this.audit = new AuditService(runtime, tenant);
    this.contacts = new ContactService(runtime, tenant, actor);
    this.notifications = new NotificationService(runtime, tenant);
    this.measurement = new MeasurementService(runtime, tenant, actor, () -> this);
  }

  @Override
  public TenantId tenantId() {
    return tenant;
  }

  @Override
  public Actor actor() {
    return actor;
  }

  @Override
  public CrmTenant as(Actor actor) {
    return new DefaultCrmTenant(runtime, tenant, requireNonNull(actor, "actor"));
  }

  @Override
  public Parties parties() {
    return parties;
  }

  @Override
  public Relationships relationships() {
    return relationships;
  }

  @Override
  public Interactions interactions() {
    return interactions;
  }

  @Override
  public Obligations obligations() {
    return obligations;
  }

  @Override
  public Contacts contacts() {
    return contacts;
  }

  @Override
  public Measurements measurement() {
    return measurement;
  }

  @Override
  public Notifications notifications() {
    return notifications;
  }

  @Override
  public RuleSets rules() {
    return rules;
  }

  @Override
  public AuditTrail audit() {
    return audit;
  }

  @Override
  public TenantSettings settings() {
    return runtime.storage().read(tx -> SettingsService.settings(tx, tenant));
  }

  @Override
  public TenantSettings configure(TenantSettings settings) {
    requireNonNull(settings, "settings");
    return SettingsService.configure(runtime, tenant, actor, settings);
  }

  @Override
  public String toString() {
    return "CrmTenant[" + tenant + " as " + actor + "]";
  }
}
