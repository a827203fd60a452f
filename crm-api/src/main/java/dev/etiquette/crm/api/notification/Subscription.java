package dev.etiquette.crm.api.notification;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.Sets;
import java.util.EnumSet;
import java.util.Set;

/**
 * Which notifications some stakeholders receive, on which channel, and when.
 *
 * <p>A notification reaches a stakeholder through a subscription when the subscription's {@link #kinds} hold the
 * notification's kind, its {@link #audience} holds the stakeholder, and its {@link #scope} lets the notification
 * through for that stakeholder. Each (stakeholder, channel, cadence) receives a notification once, however many
 * subscriptions match.
 *
 * <pre>{@code
 * // whoever a notification is addressed to gets it at once by e-mail (the default, on channel "default")
 * Subscription.addressed(Set.of(OBLIGATION_WARNING, OBLIGATION_BREACHED, OBLIGATION_ESCALATED), "email", IMMEDIATE);
 * // managers get every breach of the tenant in a daily digest
 * new Subscription(Audience.role("manager"), Set.of(OBLIGATION_BREACHED), "email", Cadence.DAILY, Scope.ALL);
 * }</pre>
 *
 * @param audience whom it is for
 * @param kinds the kinds it delivers; not empty
 * @param channel the channel name a {@link dev.etiquette.crm.api.spi.NotificationPort} routes on: 1 to 64
 *     characters from {@code [a-z0-9_-]}
 * @param cadence at once, or gathered in a daily or weekly digest
 * @param scope which notifications of those kinds, for each stakeholder of the audience
 */
public record Subscription(Audience audience, Set<NotificationKind> kinds, String channel, Cadence cadence,
    Scope scope) {

  /** When a subscription's notifications go out. */
  public enum Cadence {
    /** As soon as the notification is written. */
    IMMEDIATE,
    /** In one digest a day, at 08:00 in the stakeholder's zone, of what was written in the 24 hours before. */
    DAILY,
    /** In one digest a week, Mondays at 08:00 in the stakeholder's zone, of the week before. */
    WEEKLY
  }

  /** Which notifications of the subscribed kinds a stakeholder of the audience receives. */
  public enum Scope {
    /** Those addressed to them: as the owner, as a member of the team, as a holder of the role. */
    ADDRESSED,
    /** Every one in the tenant (for managers and executives who watch the whole desk). */
    ALL,
    /**
     * Those about their own party, or about a party with a relationship to it in either direction (a partner's
     * contact hears about the partner's customers). For stakeholders with a {@link Stakeholder#party()}.
     */
    RELATED
  }

  /** Whom a subscription is for. */
  public sealed interface Audience {

    /** Everyone in the directory; with {@link Scope#ADDRESSED}, also the stand-ins of unknown addressees. */
    static Audience everyone() {
      return Everyone.INSTANCE;
    }

    /** The holders of {@code role}. */
    static Audience role(String role) {
      return new Role(role);
    }

    /** The one stakeholder whose id is {@code id}. */
    static Audience person(String id) {
      return new Person(id);
    }

    /** Whether {@code stakeholder} belongs to this audience. */
    boolean includes(Stakeholder stakeholder);

    /** Everyone. */
    enum Everyone implements Audience {
      INSTANCE;

      @Override
      public boolean includes(Stakeholder stakeholder) {
        return true;
      }
    }

    /** @param role the role whose holders are meant */
    record Role(String role) implements Audience {
      public Role {
        requireNonNull(role, "role");
      }

      @Override
      public boolean includes(Stakeholder stakeholder) {
        return stakeholder.roles().contains(role);
      }
    }

    /** @param id the stakeholder meant */
    record Person(String id) implements Audience {
      public Person {
        requireNonNull(id, "id");
      }

      @Override
      public boolean includes(Stakeholder stakeholder) {
        return stakeholder.id().equals(id);
      }
    }
  }

  /** @throws IllegalArgumentException if {@code kinds} is empty or {@code channel} is not a channel name */
  public Subscription {
    requireNonNull(audience, "audience");
    requireNonNull(kinds, "kinds");
    requireNonNull(channel, "channel");
    requireNonNull(cadence, "cadence");
    requireNonNull(scope, "scope");
    if (kinds.isEmpty()) {
      throw new IllegalArgumentException("a subscription must name at least one notification kind");
    }
    kinds = Sets.immutableEnumSet(kinds);
    if (!channel.matches("[a-z0-9_-]{1,64}")) {
      throw new IllegalArgumentException(
          "channel must be 1 to 64 characters from [a-z0-9_-], was \"" + channel.replaceAll("\\p{Cntrl}", "?")
              + "\"");
    }
  }

  /** Whoever a notification of {@code kinds} is addressed to receives it on {@code channel}. */
  public static Subscription addressed(Set<NotificationKind> kinds, String channel, Cadence cadence) {
    return new Subscription(Audience.everyone(), kinds, channel, cadence, Scope.ADDRESSED);
  }

  /** The obligation kinds: warning, breach, escalation. */
  public static Set<NotificationKind> obligationKinds() {
    return EnumSet.of(NotificationKind.OBLIGATION_WARNING, NotificationKind.OBLIGATION_BREACHED,
        NotificationKind.OBLIGATION_ESCALATED);
  }
}
