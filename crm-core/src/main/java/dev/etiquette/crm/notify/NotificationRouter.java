package dev.etiquette.crm.notify;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableMap;
import dev.etiquette.crm.api.notification.Delivery;
import dev.etiquette.crm.api.notification.DeliveryException;
import dev.etiquette.crm.api.spi.NotificationPort;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link NotificationPort} that hands each delivery to the port of its {@linkplain Delivery#channel() channel}.
 *
 * <pre>{@code
 * NotificationPort port = NotificationRouter.builder()
 *     .route("webhook", WebhookNotificationPort.builder(endpoint, secret).build())
 *     .route("email", hostMailer)
 *     .otherwise(new LoggingNotificationPort())
 *     .build();
 * }</pre>
 *
 * <p>A delivery on a channel with no route goes to the {@linkplain Builder#otherwise fallback}; without one, it
 * fails with a {@link DeliveryException} that is not retryable, so it is dead-lettered at once (a route added
 * later and a requeue deliver it). The routed port's outcome is the router's: what it throws passes through.
 * Thread-safe when the routed ports are.
 */
public final class NotificationRouter implements NotificationPort {

  private final Map<String, NotificationPort> routes;
  private final Optional<NotificationPort> otherwise;

  private NotificationRouter(Map<String, NotificationPort> routes, Optional<NotificationPort> otherwise) {
    this.routes = ImmutableMap.copyOf(routes);
    this.otherwise = otherwise;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Delivers through the port of the delivery's channel.
   *
   * @throws DeliveryException (not retryable) if the channel has no route and there is no fallback
   */
  @Override
  public void deliver(Delivery delivery) {
    requireNonNull(delivery, "delivery");
    NotificationPort port = routes.get(delivery.channel());
    if (port == null) {
      port = otherwise.orElseThrow(() -> new DeliveryException("channel " + delivery.channel(),
          "no port is routed for this channel (routes: " + routes.keySet() + ")", false, null));
    }
    port.deliver(delivery);
  }

  @Override
  public String toString() {
    return "NotificationRouter" + routes.keySet() + (otherwise.isPresent() ? " otherwise " + otherwise.get() : "");
  }

  /** Builds a {@link NotificationRouter}; not thread-safe. */
  public static final class Builder {
    private final Map<String, NotificationPort> routes = new LinkedHashMap<>();
    private NotificationPort otherwise;

    private Builder() {}

    /**
     * Routes the deliveries of {@code channel} to {@code port}.
     *
     * @throws IllegalArgumentException if {@code channel} already has a route
     */
    public Builder route(String channel, NotificationPort port) {
      requireNonNull(channel, "channel");
      requireNonNull(port, "port");
      if (routes.putIfAbsent(channel, port) != null) {
        throw new IllegalArgumentException("channel \"" + channel + "\" is routed twice");
      }
      return this;
    }

    /** Where deliveries of channels without a route go. */
    public Builder otherwise(NotificationPort port) {
      this.otherwise = requireNonNull(port, "port");
      return this;
    }

    public NotificationRouter build() {
      return new NotificationRouter(routes, Optional.ofNullable(otherwise));
    }
  }
}
