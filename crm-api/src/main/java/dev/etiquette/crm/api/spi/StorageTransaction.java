package dev.etiquette.crm.api.spi;

/**
 * The stores as one transaction sees them. Valid only inside the {@link Storage#write} or
 * {@link Storage#read} call that handed it out; using it afterwards is an error.
 */
public interface StorageTransaction {

  PartyStore parties();

  RelationshipStore relationships();

  AuditStore audit();

  TenantSettingsStore settings();

  IdempotencyStore idempotency();

  InteractionStore interactions();

  ConversationStore conversations();

  ObligationStore obligations();

  RuleSetStore ruleSets();

  NotificationStore notifications();

  ContactLedgerStore contacts();

  OutboxStore outbox();

  MeasurementStore measurements();

  FactStore facts();
}
