package dev.etiquette.crm.api.notification;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import dev.etiquette.crm.api.obligation.AssignedTo;
import dev.etiquette.crm.api.party.PartyId;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Someone who is told: a user of the host application (an owner, a team member, a manager, an executive) or
 * someone outside the business (a partner's or vendor's contact, a customer). The host application owns its
 * people; it hands them to the library through a {@link dev.etiquette.crm.api.spi.StakeholderDirectory}.
 *
 * <p>A stakeholder answers to an addressee ({@link AssignedTo}) when it is that owner (its id is the owner's
 * name), a member of that team, or a holder of that role.
 *
 * @param id the host's id of the person, as party records name owners; 1 to 200 characters
 * @param name how people call them, for messages
 * @param kind inside or outside the business
 * @param roles the roles they hold ({@code manager}, {@code head_of_support}, {@code partner_contact}, ...)
 * @param teams the teams they belong to
 * @param zone their time zone: digests are sent at 08:00 there
 * @param addresses where each channel reaches them ({@code "email" -> "ada@example.com"}, {@code "webhook" ->
 *     "https://..."}); a channel adapter reads the address of its own channel
 * @param party for someone outside the business, the party they are or speak for (the partner organization,
 *     the customer); subscriptions with {@link Subscription.Scope#RELATED} use it
 */
public record Stakeholder(
    String id,
    String name,
    Kind kind,
    Set<String> roles,
    Set<String> teams,
    ZoneId zone,
    Map<String, String> addresses,
    Optional<PartyId> party) {

  /** Inside or outside the business. */
  public enum Kind {
    /** A user of the host application. */
    INTERNAL,
    /** A partner's or vendor's contact, or a customer. */
    EXTERNAL
  }

  public Stakeholder {
    requireNonNull(id, "id");
    requireNonNull(name, "name");
    requireNonNull(kind, "kind");
    roles = ImmutableSet.copyOf(requireNonNull(roles, "roles"));
    teams = ImmutableSet.copyOf(requireNonNull(teams, "teams"));
    requireNonNull(zone, "zone");
    addresses = ImmutableMap.copyOf(requireNonNull(addresses, "addresses"));
    requireNonNull(party, "party");
    if (id.isEmpty() || id.length() > 200) {
      throw new IllegalArgumentException("a stakeholder id must have 1 to 200 characters, had " + id.length());
    }
  }

  /** A user of the host application, with no roles, teams or addresses yet, in UTC. */
  public static Stakeholder internal(String id, String name) {
    return new Stakeholder(id, name, Kind.INTERNAL, Set.of(), Set.of(), ZoneOffset.UTC, Map.of(), Optional.empty());
  }

  /** Someone outside the business who speaks for {@code party}, with no roles or addresses yet, in UTC. */
  public static Stakeholder external(String id, String name, PartyId party) {
    return new Stakeholder(id, name, Kind.EXTERNAL, Set.of(), Set.of(), ZoneOffset.UTC, Map.of(),
        Optional.of(party));
  }

  /**
   * The stand-in for an addressee no stakeholder answers to (a role queue the directory does not know, an owner
   * who is not listed): its id is {@code owner:<name>}, {@code team:<name>} or {@code role:<name>}, it holds
   * nothing and has no addresses, and its zone is UTC. Notifications addressed to nobody known still reach
   * the channel this way, so that none is dropped unseen.
   */
  public static Stakeholder standIn(AssignedTo addressee) {
    String prefix = addressee.kind().name().toLowerCase(java.util.Locale.ROOT);
    return new Stakeholder(prefix + ":" + addressee.name(), addressee.name(), Kind.INTERNAL, Set.of(), Set.of(),
        ZoneOffset.UTC, Map.of(), Optional.empty());
  }

  /** Whether this stakeholder is {@code addressee}: that owner, a member of that team, or a holder of that role. */
  public boolean answersTo(AssignedTo addressee) {
    return switch (addressee.kind()) {
      case OWNER -> id.equals(addressee.name());
      case TEAM -> teams.contains(addressee.name());
      case ROLE -> roles.contains(addressee.name());
    };
  }

  public Stakeholder withRoles(String... roles) {
    return new Stakeholder(id, name, kind, Set.of(roles), teams, zone, addresses, party);
  }

  public Stakeholder withTeams(String... teams) {
    return new Stakeholder(id, name, kind, roles, Set.of(teams), zone, addresses, party);
  }

  public Stakeholder withZone(ZoneId zone) {
    return new Stakeholder(id, name, kind, roles, teams, zone, addresses, party);
  }

  /** This stakeholder with {@code address} for {@code channel} added (or replaced). */
  public Stakeholder withAddress(String channel, String address) {
    Map<String, String> changed = new java.util.LinkedHashMap<>(addresses);
    changed.put(channel, address);
    return new Stakeholder(id, name, kind, roles, teams, zone, changed, party);
  }
}
