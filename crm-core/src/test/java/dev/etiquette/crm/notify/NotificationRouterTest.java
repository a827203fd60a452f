package dev.etiquette.crm.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.notification.Delivery;
import dev.etiquette.crm.api.notification.DeliveryException;
import dev.etiquette.crm.api.notification.Notification;
import dev.etiquette.crm.api.notification.NotificationKind;
import dev.etiquette.crm.api.notification.Stakeholder;
import dev.etiquette.crm.api.obligation.AssignedTo;
import dev.etiquette.crm.api.obligation.ObligationId;
import dev.etiquette.crm.api.party.PartyId;
import dev.etiquette.crm.api.rules.RuleRef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NotificationRouterTest {

  static Delivery on(String channel) {
    Notification n = Notification.ofObligation(TenantId.of("acme"), "o-1:breach", NotificationKind.OBLIGATION_BREACHED,
        ObligationId.of("o-1"), PartyId.of("party-1"), new RuleRef("desk", 1, "first"), AssignedTo.owner("bob"),
        Instant.EPOCH, Instant.EPOCH, "m");
    return new Delivery("o-1:breach/bob/" + channel, n.tenantId(), Stakeholder.internal("bob", "Bob"), channel,
        List.of(n), Optional.empty(), Instant.EPOCH);
  }

  @Test
  void eachDeliveryGoesToThePortOfItsChannelAndTheRestToTheFallback() {
    List<String> email = new ArrayList<>();
    List<String> webhook = new ArrayList<>();
    List<String> other = new ArrayList<>();
    NotificationRouter router = NotificationRouter.builder()
        .route("email", d -> email.add(d.key()))
        .route("webhook", d -> webhook.add(d.key()))
        .otherwise(d -> other.add(d.key()))
        .build();

    router.deliver(on("email"));
    router.deliver(on("webhook"));
    router.deliver(on("sms"));

    assertThat(email).containsExactly("o-1:breach/bob/email");
    assertThat(webhook).containsExactly("o-1:breach/bob/webhook");
    assertThat(other).containsExactly("o-1:breach/bob/sms");
  }

  @Test
  void withoutAFallbackAnUnroutedChannelIsANonRetryableFailureAndARoutedPortsFailurePassesThrough() {
    NotificationRouter router = NotificationRouter.builder().route("email", d -> {
      throw new DeliveryException("smtp", "mailbox full", true, null);
    }).build();

    DeliveryException unrouted = catchThrowableOfType(() -> router.deliver(on("sms")), DeliveryException.class);
    assertThat(unrouted.retryable()).isFalse();
    assertThat(unrouted.getMessage()).contains("channel sms").contains("no port is routed").contains("[email]");
    assertThatThrownBy(() -> router.deliver(on("email"))).isInstanceOf(DeliveryException.class)
        .hasMessageContaining("mailbox full").matches(e -> ((DeliveryException) e).retryable());
    assertThatThrownBy(() -> NotificationRouter.builder().route("email", d -> {}).route("email", d -> {}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("routed twice");
  }
}
