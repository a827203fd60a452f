package dev.etiquette.crm.jdbc.internal;

import com.google.common.hash.Hashing;
import dev.etiquette.crm.api.party.AttributeValue;
import dev.etiquette.crm.api.party.ContactPoint;
import dev.etiquette.crm.api.party.EmailAddress;
import dev.etiquette.crm.api.party.ExternalId;
import dev.etiquette.crm.api.party.Party;
import dev.etiquette.crm.api.party.PhoneNumber;
import dev.etiquette.crm.api.party.Role;
import dev.etiquette.crm.api.spi.Prepared;
import dev.etiquette.crm.json.CrmJson;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Parties turned into the values of their rows: the {@code crm_party} row (with its JSON document), the rows of
 * every index table and the lifecycle rows. Made once per party, by {@link #of} on whichever thread prepares them
 * ({@code JdbcStorage.prepareParties}, or the inserting transaction itself), and read by the transaction that
 * inserts them. Immutable.
 */
final class PartyRows implements Prepared<Party> {

  /**
   * One party's row values. The index lists hold the value columns between the tenant and the party id; those of
   * two columns ({@code attributes}: name and value hash; {@code externalIds}: system and id) hold them in turn.
   */
  record Encoded(Party party, String tenant, String partyId, String nameKey, Optional<String> stage,
      Optional<String> owner, long createdAt, long updatedAt, String document, List<String> roles, List<String> tags,
      List<String> attributes, List<String> emails, List<String> phones, List<String> externalIds,
      List<Facts.StageRow> stages) {}

  private final List<Party> parties;
  private final List<Encoded> rows;

  private PartyRows(List<Party> parties, List<Encoded> rows) {
    this.parties = parties;
    this.rows = rows;
  }

  /** Encodes the parties. */
  static PartyRows of(List<Party> parties) {
    List<Party> copy = List.copyOf(parties);
    List<Encoded> rows = new ArrayList<>(copy.size());
    for (Party party : copy) {
      rows.add(encode(party));
    }
    return new PartyRows(copy, List.copyOf(rows));
  }

  /** The rows of {@code prepared}: its own when this adapter prepared it, encoded now otherwise. */
  static PartyRows from(Prepared<Party> prepared) {
    return prepared instanceof PartyRows rows ? rows : of(prepared.values());
  }

  @Override
  public List<Party> values() {
    return parties;
  }

  List<Encoded> rows() {
    return rows;
  }

  private static Encoded encode(Party party) {
    List<String> roles = new ArrayList<>(party.roles().size());
    for (Role role : party.roles()) {
      roles.add(role.name());
    }
    List<String> attributes = new ArrayList<>(2 * party.attributes().size());
    for (Map.Entry<String, AttributeValue> attribute : party.attributes().entrySet()) {
      attributes.add(attribute.getKey());
      attributes.add(valueHash(attribute.getValue()));
    }
    List<String> externalIds = new ArrayList<>(2 * party.externalIds().size());
    for (ExternalId externalId : party.externalIds()) {
      externalIds.add(externalId.system());
      externalIds.add(externalId.value());
    }
    return new Encoded(party, party.tenantId().value(), party.id().value(),
        party.displayName().toLowerCase(Locale.ROOT), party.stage().map(s -> s.name()), party.owner(),
        Micros.of(party.createdAt()), Micros.of(party.updatedAt()), CrmJson.toJson(party), List.copyOf(roles),
        List.copyOf(party.tags()), List.copyOf(attributes), emails(party.contactPoints()),
        phones(party.contactPoints()), List.copyOf(externalIds), List.copyOf(Facts.stages(party)));
  }

  /** The first 32 hex digits of SHA-256 over "TYPE:text": equal values, equal hashes. */
  static String valueHash(AttributeValue value) {
    return Hashing.sha256().hashString(value.type().name() + ":" + value.asText(), StandardCharsets.UTF_8)
        .toString().substring(0, 32);
  }

  /** The e-mail index rows: each address lower-cased, once (in the order of the contact points). */
  private static List<String> emails(List<ContactPoint> points) {
    List<String> keys = new ArrayList<>(points.size());
    for (ContactPoint point : points) {
      if (point instanceof EmailAddress email) {
        String key = email.address().toLowerCase(Locale.ROOT);
        if (!keys.contains(key)) {
          keys.add(key);
        }
      }
    }
    return List.copyOf(keys);
  }

  /** The phone index rows: each number once (in the order of the contact points). */
  private static List<String> phones(List<ContactPoint> points) {
    List<String> numbers = new ArrayList<>(points.size());
    for (ContactPoint point : points) {
      if (point instanceof PhoneNumber phone && !numbers.contains(phone.number())) {
        numbers.add(phone.number());
      }
    }
    return List.copyOf(numbers);
  }
}
