package dev.etiquette.crm.internal;

import dev.etiquette.crm.api.notification.Delivery;
import dev.etiquette.crm.api.notification.Notification;
import dev.etiquette.crm.api.notification.Stakeholder;
import dev.etiquette.crm.api.notification.Subscription;
import dev.etiquette.crm.api.notification.Subscription.Cadence;
import dev.etiquette.crm.api.party.PartyId;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Turns one notification into its deliveries: which stakeholders receive it, on which channel, at once or in a
 * digest. Pure: the directory's answer and the related parties are given.
 */
final class Fanout {

  /** Digests go out at this local time. */
  static final LocalTime DIGEST_TIME = LocalTime.of(8, 0);

  private Fanout() {}

  /**
   * A delivery to write, with the state it starts in.
   *
   * @param delivery the delivery
   * @param held whether it waits for its digest (at {@code dueAt}) rather than going out at once
   * @param dueAt when it is due: now, or the end of its digest's period
   */
  record Planned(Delivery delivery, boolean held, Instant dueAt) {}

  /**
   * The deliveries of {@code notification}: one per (stakeholder, channel, cadence) that some subscription
   * matches, in the order the subscriptions and then the stakeholders are listed.
   *
   * @param related the parties with a relationship to the notification's party (asked only if a subscription
   *     has the scope RELATED)
   */
  static List<Planned> plan(Notification notification, List<Stakeholder> people, List<Subscription> subscriptions,
      Supplier<Set<PartyId>> related, Instant now) {
    Map<List<Object>, Planned> planned = new LinkedHashMap<>();
    Set<PartyId> relatedParties = null;
    for (Subscription subscription : subscriptions) {
      if (!subscription.kinds().contains(notification.kind())) {
        continue;
      }
      List<Stakeholder> receivers = new ArrayList<>();
      switch (subscription.scope()) {
        case ADDRESSED -> {
          boolean known = false;
          for (Stakeholder person : people) {
            if (person.answersTo(notification.recipient())) {
              known = true;
              if (subscription.audience().includes(person)) {
                receivers.add(person);
              }
            }
          }
          if (!known && subscription.audience() instanceof Subscription.Audience.Everyone) {
            receivers.add(Stakeholder.standIn(notification.recipient()));
          }
        }
        case ALL -> people.stream().filter(subscription.audience()::includes).forEach(receivers::add);
        case RELATED -> {
          if (notification.party().isPresent()) {
            PartyId about = notification.party().get();
            for (Stakeholder person : people) {
              if (person.party().isEmpty() || !subscription.audience().includes(person)) {
                continue;
              }
              if (relatedParties == null) {
                relatedParties = related.get();
              }
              PartyId own = person.party().get();
              if (own.equals(about) || relatedParties.contains(own)) {
                receivers.add(person);
              }
            }
          }
        }
        default -> throw new IllegalStateException("unknown scope " + subscription.scope());
      }
      for (Stakeholder receiver : receivers) {
        List<Object> target = List.of(receiver.id(), subscription.channel(), subscription.cadence());
        planned.computeIfAbsent(target,
            t -> planned(notification, receiver, subscription.channel(), subscription.cadence(), now));
      }
    }
    return List.copyOf(planned.values());
  }

  private static Planned planned(Notification notification, Stakeholder receiver, String channel, Cadence cadence,
      Instant now) {
    String key = notification.key() + "/" + receiver.id() + "/" + channel;
    if (cadence == Cadence.IMMEDIATE) {
      return new Planned(new Delivery(key, notification.tenantId(), receiver, channel, List.of(notification),
          Optional.empty(), now), false, now);
    }
    Delivery.Digest digest = digestAround(cadence, receiver, now);
    return new Planned(new Delivery(key + "/" + cadence.name().toLowerCase(Locale.ROOT), notification.tenantId(),
        receiver, channel, List.of(notification), Optional.of(digest), now), true, digest.to());
  }

  /**
   * The digest period {@code now} falls in, for {@code receiver}: [previous send, next send), where sends are at
   * {@link #DIGEST_TIME} in the receiver's zone, every day or every Monday. An instant exactly at a send belongs
   * to the period that starts there.
   */
  static Delivery.Digest digestAround(Cadence cadence, Stakeholder receiver, Instant now) {
    ZonedDateTime local = now.atZone(receiver.zone());
    ZonedDateTime start = local.with(DIGEST_TIME);
    if (cadence == Cadence.WEEKLY) {
      start = start.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }
    if (start.toInstant().isAfter(now)) {
      start = cadence == Cadence.WEEKLY ? start.minusWeeks(1) : start.minusDays(1);
    }
    ZonedDateTime end = cadence == Cadence.WEEKLY ? start.plusWeeks(1) : start.plusDays(1);
    start = start.with(DIGEST_TIME);
    end = end.with(DIGEST_TIME);
    return new Delivery.Digest(cadence, start.toInstant(), end.toInstant());
  }
}
