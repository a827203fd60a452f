package dev.etiquette.crm.internal;

import static java.util.Objects.requireNonNull;

import dev.etiquette.crm.api.NotFoundException;
import dev.etiquette.crm.api.Page;
import dev.etiquette.crm.api.PageRequest;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.ValidationException;
import dev.etiquette.crm.api.notification.DeliveryStatus;
import dev.etiquette.crm.api.notification.Notification;
import dev.etiquette.crm.api.notification.Notifications;
import dev.etiquette.crm.api.notification.OutboxEntry;
import dev.etiquette.crm.api.notification.OutboxStats;
import dev.etiquette.crm.api.obligation.ObligationId;
import java.util.List;
import java.util.Optional;

/** {@link Notifications} over the storage's notification log and outbox. */
final class NotificationService implements Notifications {

  private final CrmRuntime runtime;
  private final TenantId tenant;

  NotificationService(CrmRuntime runtime, TenantId tenant) {
    this.runtime = runtime;
    this.tenant = tenant;
  }

  @Override
  public List<Notification> ofObligation(ObligationId obligation) {
    requireNonNull(obligation, "obligation");
    return runtime.storage().read(tx -> tx.notifications().ofObligation(tenant, obligation));
  }

  @Override
  public Page<OutboxEntry> list(DeliveryStatus status, PageRequest page) {
    requireNonNull(status, "status");
    requireNonNull(page, "page");
    return runtime.storage().read(tx -> tx.outbox().list(tenant, status, page));
  }

  @Override
  public Optional<OutboxEntry> find(String key) {
    requireNonNull(key, "key");
    return runtime.storage().read(tx -> tx.outbox().find(tenant, key));
  }

  @Override
  public OutboxEntry requeue(String key) {
    requireNonNull(key, "key");
    OutboxEntry entry = runtime.write(tx -> tx.outbox().requeue(tenant, key, runtime.now()))
        .orElseThrow(() -> new NotFoundException("delivery", key));
    if (entry.status() != DeliveryStatus.PENDING) {
      throw ValidationException.of("key", key, "the delivery is " + entry.status() + "; only a DEAD one is requeued");
    }
    return entry;
  }

  @Override
  public int requeueDead() {
    return runtime.write(tx -> tx.outbox().requeueDead(tenant, runtime.now()));
  }

  @Override
  public OutboxStats stats() {
    return runtime.storage().read(tx -> tx.outbox().counts(Optional.of(tenant)));
  }
}
