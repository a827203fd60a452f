package dev.etiquette.crm.testkit;

import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.contact.ContactId;
import dev.etiquette.crm.api.notification.Delivery;
import dev.etiquette.crm.api.notification.Notification;
import dev.etiquette.crm.api.notification.NotificationKind;
import dev.etiquette.crm.api.notification.Stakeholder;
import dev.etiquette.crm.api.notification.Subscription;
import dev.etiquette.crm.api.obligation.AssignedTo;
import dev.etiquette.crm.api.obligation.ObligationId;
import dev.etiquette.crm.api.party.PartyId;
import dev.etiquette.crm.api.rules.RuleRef;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Valid deliveries for tests of the outbox ({@link dev.etiquette.crm.api.spi.OutboxStore}). Their keys follow the
 * library's format ({@code <notification key>/<stakeholder id>/<channel>}, or {@code digest/...} for a digest), and
 * every instant has whole microseconds, as stores keep them.
 */
public final class OutboxSamples {

  private OutboxSamples() {}

  /** An internal stakeholder with the id {@code id}, holding a role and a team, with an e-mail address. */
  public static Stakeholder stakeholder(String id) {
    return new Stakeholder(id, "Name of " + id, Stakeholder.Kind.INTERNAL, Set.of("manager"), Set.of("support"),
        ZoneId.of("Europe/Berlin"), Map.of("email", id + "@example.com"), Optional.empty());
  }

  /** A notification that obligation {@code o-<name>} was breached, addressed to {@code recipient}. */
  public static Notification breach(TenantId tenant, String name, String recipient, Instant createdAt) {
    return Notification.ofObligation(tenant, "o-" + name + ":breach", NotificationKind.OBLIGATION_BREACHED,
        ObligationId.of("o-" + name), PartyId.of("p1"), new RuleRef("support", 1, "first-response"),
        AssignedTo.owner(recipient), createdAt.minusSeconds(60), createdAt, "Obligation o-" + name + " breached");
  }

  /** A notification that a contact was denied: it has no obligation. */
  public static Notification denial(TenantId tenant, String name, String recipient, Instant createdAt) {
    return new Notification(tenant, "c-" + name + ":denied", NotificationKind.CONTACT_DENIED, Optional.empty(),
        Optional.of(ContactId.of("c-" + name)), Optional.of(PartyId.of("p1")), Optional.empty(),
        Optional.empty(), AssignedTo.owner(recipient), createdAt, createdAt, "Contact c-" + name + " was denied: \"quoted\" \u00e9\u20ac");
  }

  /**
   * The delivery of one breach notification ({@link #breach}) to {@code recipient} on {@code channel}, with the key
   * {@code o-<name>:breach/<recipient>/<channel>}.
   */
  public static Delivery delivery(TenantId tenant, String name, String recipient, String channel,
      Instant createdAt) {
    Notification n = breach(tenant, name, recipient, createdAt);
    return new Delivery(n.key() + "/" + recipient + "/" + channel, tenant, stakeholder(recipient), channel,
        List.of(n), Optional.empty(), createdAt);
  }

  /** A daily digest ending at {@code to} for {@code recipient} on {@code channel}, of a breach and a denial. */
  public static Delivery digest(TenantId tenant, String recipient, String channel, Instant to) {
    Instant from = to.minus(Duration.ofDays(1));
    return new Delivery("digest/" + recipient + "/" + channel + "/daily/" + to, tenant, stakeholder(recipient),
        channel, List.of(breach(tenant, "d1", recipient, from.plusSeconds(5)),
            denial(tenant, "d2", recipient, from.plusSeconds(7))),
        Optional.of(new Delivery.Digest(Subscription.Cadence.DAILY, from, to)), to);
  }
}
