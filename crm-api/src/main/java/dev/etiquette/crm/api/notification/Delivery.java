package dev.etiquette.crm.api.notification;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import dev.etiquette.crm.api.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One message to one stakeholder on one channel: a notification, or a digest of several. It is what a
 * {@link dev.etiquette.crm.api.spi.NotificationPort} delivers, and what the outbox keeps until it is delivered.
 *
 * <p>Delivery is <b>at least once</b>: a delivery may reach its port more than once (after a failure whose outcome
 * was unknown, or after a relay died mid-send), always with the same {@link #key}, so that a receiver that
 * remembers the keys it handled drops the repeats.
 *
 * @param key the idempotency key, unique within the tenant and the same on every attempt, at most 500 characters:
 *     {@code <notification key>/<stakeholder id>/<channel>}; for a delivery held for a digest the same followed by
 *     {@code /daily} or {@code /weekly}; for a digest {@code digest/<stakeholder id>/<channel>/<cadence>/<end of the
 *     digest's period, ISO-8601>/<seq of its first item>}
 * @param tenantId the tenant
 * @param recipient who receives it
 * @param channel the channel it goes out on, as the subscription named it
 * @param notifications the notification, or for a digest every notification it gathers, oldest first; never empty
 * @param digest for a digest, its cadence and period; empty for a single notification
 * @param createdAt when it was written to the outbox
 */
public record Delivery(
    String key,
    TenantId tenantId,
    Stakeholder recipient,
    String channel,
    List<Notification> notifications,
    Optional<Digest> digest,
    Instant createdAt) {

  /**
   * The period a digest covers.
   *
   * @param cadence daily or weekly
   * @param from the start of the period, inclusive
   * @param to the end of the period, exclusive: the instant the digest is due
   */
  public record Digest(Subscription.Cadence cadence, Instant from, Instant to) {
    public Digest {
      requireNonNull(cadence, "cadence");
      requireNonNull(from, "from");
      requireNonNull(to, "to");
      if (cadence == Subscription.Cadence.IMMEDIATE) {
        throw new IllegalArgumentException("a digest is daily or weekly, not " + cadence);
      }
    }
  }

  /** @throws IllegalArgumentException if there is no notification, or several without a digest */
  public Delivery {
    requireNonNull(key, "key");
    requireNonNull(tenantId, "tenantId");
    requireNonNull(recipient, "recipient");
    requireNonNull(channel, "channel");
    notifications = ImmutableList.copyOf(requireNonNull(notifications, "notifications"));
    requireNonNull(digest, "digest");
    requireNonNull(createdAt, "createdAt");
    if (notifications.isEmpty()) {
      throw new IllegalArgumentException("a delivery carries at least one notification");
    }
    if (digest.isEmpty() && notifications.size() > 1) {
      throw new IllegalArgumentException("only a digest carries several notifications");
    }
  }

  /** Whether this is a digest. */
  public boolean isDigest() {
    return digest.isPresent();
  }

  /** The notification of a delivery that is not a digest; a digest's first notification. */
  public Notification notification() {
    return notifications.get(0);
  }

  /**
   * The key a delivery's order is kept by: deliveries with the same tenant and order key are delivered in the
   * order they were written. It is the recipient's id and the channel.
   */
  public String orderKey() {
    return recipient.id() + "/" + channel;
  }
}
