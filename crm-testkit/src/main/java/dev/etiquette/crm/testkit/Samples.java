package dev.etiquette.crm.testkit;

import dev.etiquette.crm.api.Channel;
import dev.etiquette.crm.api.Purpose;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.interaction.Conversation;
import dev.etiquette.crm.api.interaction.ConversationId;
import dev.etiquette.crm.api.interaction.ConversationState;
import dev.etiquette.crm.api.interaction.Direction;
import dev.etiquette.crm.api.interaction.Interaction;
import dev.etiquette.crm.api.interaction.InteractionId;
import dev.etiquette.crm.api.interaction.InteractionKind;
import dev.etiquette.crm.api.party.AttributeValue;
import dev.etiquette.crm.api.party.ConsentId;
import dev.etiquette.crm.api.party.ConsentRecord;
import dev.etiquette.crm.api.party.ConsentStatus;
import dev.etiquette.crm.api.party.ContactPoint;
import dev.etiquette.crm.api.party.EmailAddress;
import dev.etiquette.crm.api.party.ExternalId;
import dev.etiquette.crm.api.party.LegalBasis;
import dev.etiquette.crm.api.party.Lifecycle;
import dev.etiquette.crm.api.party.LifecycleStage;
import dev.etiquette.crm.api.party.Party;
import dev.etiquette.crm.api.party.PartyId;
import dev.etiquette.crm.api.party.PartyKind;
import dev.etiquette.crm.api.party.PhoneNumber;
import dev.etiquette.crm.api.party.Preferences;
import dev.etiquette.crm.api.party.Role;
import dev.etiquette.crm.api.party.StageChange;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Ready-made stored records for storage tests: valid as the library would store them (normalized, with
 * instants in whole microseconds), with values chosen to trip a careless adapter (LIKE metacharacters,
 * quotes, non-Latin scripts, right-to-left text, a long name).
 */
public final class Samples {

  /** An instant in whole microseconds, as every store keeps. */
  public static final Instant T0 = Instant.parse("2026-01-05T09:00:00.123456Z");

  /** Text a storage must keep verbatim. */
  public static final List<String> AWKWARD_TEXT = List.of(
      "Robert'); DROP TABLE crm_party;--", "100%_sure!", "back\\slash", "Zoë Ångström", "李雷", "שלום עולם",
      "مرحبا", "\u202Eevil", "emoji \uD83D\uDE00", "<script>alert(1)</script>", "x".repeat(500), " padded ");

  private Samples() {}

  /** A person with roles, contact points, consent, a stage, an owner, tags and attributes. */
  public static Party party(TenantId tenant, String id, String name) {
    return new Party(tenant, PartyId.of(id), PartyKind.PERSON, name, Set.of(Role.CUSTOMER, Role.PARTNER),
        Set.of(ExternalId.of("billing", "B-" + id)),
        List.of(new EmailAddress(id + ".Mail@example.com", Optional.of("work"), true),
            new PhoneNumber("+1415555" + String.format("%04d", Math.floorMod(id.hashCode(), 10_000)), Optional.empty(), true),
            ContactPoint.social("mastodon", "@" + id).withPrimary(true)),
        Preferences.none().withTimeZone(ZoneId.of("Europe/Berlin")),
        List.of(new ConsentRecord(ConsentId.of("c-" + id), Channel.EMAIL, Purpose.MARKETING, ConsentStatus.OPTED_IN,
            LegalBasis.CONSENT, T0, "form", T0, Optional.empty(), Optional.of(T0), T0, Optional.empty())),
        false,
        Lifecycle.none().plus(new StageChange(Optional.empty(), LifecycleStage.LEAD, T0,
            dev.etiquette.crm.api.Actor.user("u1"), false, Optional.empty())),
        Optional.of("owner-1"), Optional.of("team-1"), Set.of("vip", "100%"),
        Map.of("tier", AttributeValue.choice("gold"), "revenue", AttributeValue.of(new BigDecimal("12.5")),
            "renewal", AttributeValue.of(LocalDate.of(2027, 1, 1)), "beta", AttributeValue.of(true)),
        1, T0, T0);
  }

  /** A bare organization: no contact points, roles, stage or attributes. */
  public static Party organization(TenantId tenant, String id, String name) {
    return new Party(tenant, PartyId.of(id), PartyKind.ORGANIZATION, name, Set.of(), Set.of(), List.of(),
        Preferences.none(), List.of(), false, Lifecycle.none(), Optional.empty(), Optional.empty(), Set.of(),
        Map.of(), 1, T0, T0);
  }

  /**
   * An inbound e-mail of {@code party} at {@code occurredAt}, recorded a minute later, in {@code conversation}
   * when given, with an outcome and one attribute of each type.
   */
  public static Interaction interaction(TenantId tenant, String id, String party, Instant occurredAt,
      Optional<String> conversation) {
    return interaction(tenant, id, party, Channel.EMAIL, Direction.INBOUND, occurredAt, conversation);
  }

  /** Like {@link #interaction(TenantId, String, String, Instant, Optional)}, on any channel and direction. */
  public static Interaction interaction(TenantId tenant, String id, String party, Channel channel,
      Direction direction, Instant occurredAt, Optional<String> conversation) {
    return new Interaction(tenant, InteractionId.of(id), PartyId.of(party), InteractionKind.CONTACT, channel,
        Purpose.SERVICE, direction, dev.etiquette.crm.api.Actor.user("agent-7"), conversation.map(ConversationId::of),
        occurredAt, occurredAt.plusSeconds(60), Optional.of("answered"),
        Map.of("topic", AttributeValue.of("billing"), "minutes", AttributeValue.of(new BigDecimal("12.25")),
            "urgent", AttributeValue.of(false), "dueOn", AttributeValue.of(LocalDate.of(2026, 2, 1)),
            "tier", AttributeValue.choice("gold")));
  }

  /** A bare interaction: outbound, no conversation, outcome or attributes, recorded as it occurred. */
  public static Interaction bareInteraction(TenantId tenant, String id, String party, Instant occurredAt) {
    return new Interaction(tenant, InteractionId.of(id), PartyId.of(party), InteractionKind.PURCHASE, Channel.IN_APP,
        Purpose.TRANSACTIONAL, Direction.OUTBOUND, dev.etiquette.crm.api.Actor.system(), Optional.empty(), occurredAt,
        occurredAt, Optional.empty(), Map.of());
  }

  /** An open conversation of {@code party} on e-mail at version 1, opened by an inbound interaction at T0. */
  public static Conversation conversation(TenantId tenant, String id, String party) {
    return new Conversation(tenant, ConversationId.of(id), PartyId.of(party), Channel.EMAIL, ConversationState.OPEN,
        T0, T0, Optional.of(T0), Optional.of(T0), Optional.empty(), 1, 1, T0.plusSeconds(60), T0.plusSeconds(60));
  }

  /** {@code c} at its next version: an outbound reply at {@code at}, then waiting on the customer. */
  public static Conversation replied(Conversation c, Instant at) {
    return new Conversation(c.tenantId(), c.id(), c.party(), c.channel(), ConversationState.WAITING_ON_CUSTOMER,
        c.openedAt(), at, c.firstInboundAt(), c.lastInboundAt(), Optional.of(at), c.interactionCount() + 1,
        c.version() + 1, c.createdAt(), at);
  }

  /** {@code party} as its next version: renamed, retagged, with another email, stage and owner. */
  public static Party changed(Party party, Instant at) {
    return new Party(party.tenantId(), party.id(), party.kind(), party.displayName() + " (changed)",
        Set.of(Role.VENDOR), Set.of(ExternalId.of("billing", "B2-" + party.id())),
        List.of(new EmailAddress("new." + party.id() + "@example.org", Optional.empty(), true)),
        party.preferences(), party.consents(), true,
        party.lifecycle().plus(new StageChange(party.stage(), LifecycleStage.CUSTOMER, at,
            dev.etiquette.crm.api.Actor.system(), false, Optional.empty())),
        Optional.of("owner-2"), Optional.empty(), Set.of("changed"),
        Map.of("tier", AttributeValue.choice("silver")), party.version() + 1, party.createdAt(), at);
  }
}
