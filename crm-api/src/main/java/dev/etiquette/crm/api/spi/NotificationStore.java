package dev.etiquette.crm.api.spi;

import dev.etiquette.crm.api.DuplicateKeyException;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.notification.Notification;
import dev.etiquette.crm.api.obligation.ObligationId;
import java.util.List;

/**
 * The log of notifications, written in the transaction of the change each tells of. Its unique key makes each
 * event notified once: a second notification with the same tenant and key is rejected, and the transaction that
 * tried it rolls back.
 */
public interface NotificationStore {

  /** @throws DuplicateKeyException if the tenant has a notification with the same key */
  void append(Notification notification);

  /** The notifications about {@code obligation}, in the order they were appended. */
  List<Notification> ofObligation(TenantId tenant, ObligationId obligation);
}
