package dev.etiquette.crm.api.spi;

import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.notification.Directory;
import dev.etiquette.crm.api.notification.Stakeholder;
import dev.etiquette.crm.api.notification.Subscription;
import java.util.List;

/**
 * The people the library tells, and what they subscribed to, as the host application knows them. The library
 * asks once per transaction that writes notifications, inside that transaction, so an implementation should
 * answer from memory (a cache the host refreshes) rather than call a remote service.
 *
 * <p>Implementations are thread-safe and return the same answer for the same tenant until the host changes its
 * people. They must not return two stakeholders with the same id for one tenant.
 */
public interface StakeholderDirectory {

  /**
   * The directory without people, whose one subscription sends the obligation notifications to their addressees
   * at once on channel {@code "default"}: each reaches the {@linkplain Stakeholder#standIn stand-in} of its
   * addressee. This is what a {@code Crm} uses unless given another directory.
   */
  StakeholderDirectory ADDRESSEES = Directory.ADDRESSEES;

  /** The tenant's stakeholders. */
  List<Stakeholder> stakeholders(TenantId tenant);

  /** The tenant's subscriptions. */
  List<Subscription> subscriptions(TenantId tenant);
}
