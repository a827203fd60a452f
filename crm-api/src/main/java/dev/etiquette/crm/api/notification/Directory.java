package dev.etiquette.crm.api.notification;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.spi.StakeholderDirectory;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A {@link StakeholderDirectory} that gives every tenant the same people and subscriptions: for an application
 * with one tenant, for tests and examples. A host with several tenants implements the directory over its own
 * user store.
 *
 * <pre>{@code
 * Directory directory = new Directory(
 *     List.of(Stakeholder.internal("alice", "Alice").withTeams("support"),
 *             Stakeholder.internal("maria", "Maria").withRoles("manager").withZone(ZoneId.of("Europe/Paris"))),
 *     List.of(Subscription.addressed(Subscription.obligationKinds(), "email", Cadence.IMMEDIATE),
 *             new Subscription(Audience.role("manager"), Set.of(OBLIGATION_BREACHED), "webhook", Cadence.DAILY,
 *                 Scope.ALL)));
 * Crm crm = Crm.builder().stakeholders(directory).notifications(router).build();
 * }</pre>
 *
 * @param people the stakeholders; their ids are distinct
 * @param subscriptions the subscriptions
 */
public record Directory(List<Stakeholder> people, List<Subscription> subscriptions) implements StakeholderDirectory {

  /** The directory without people whose one subscription sends the obligation kinds to their addressees. */
  public static final Directory ADDRESSEES = new Directory(List.of(),
      List.of(Subscription.addressed(Subscription.obligationKinds(), "default", Subscription.Cadence.IMMEDIATE)));

  /** @throws IllegalArgumentException if two stakeholders have the same id */
  public Directory {
    people = ImmutableList.copyOf(requireNonNull(people, "people"));
    subscriptions = ImmutableList.copyOf(requireNonNull(subscriptions, "subscriptions"));
    Set<String> ids = new HashSet<>();
    for (Stakeholder person : people) {
      if (!ids.add(person.id())) {
        throw new IllegalArgumentException("two stakeholders have the id \"" + person.id() + "\"");
      }
    }
  }

  @Override
  public List<Stakeholder> stakeholders(TenantId tenant) {
    return people;
  }

  @Override
  public List<Subscription> subscriptions(TenantId tenant) {
    return subscriptions;
  }
}
