package dev.etiquette.crm.api.contact;

import static java.util.Objects.requireNonNull;

import dev.etiquette.crm.api.Channel;
import dev.etiquette.crm.api.Purpose;
import dev.etiquette.crm.api.party.PartyId;
import java.time.Instant;

/**
 * "May we contact this party on this channel for this purpose at this instant?"
 *
 * @param party the party to contact
 * @param channel the channel of the contact
 * @param purpose why
 * @param at when the contact would be made (now, or a planned send time)
 */
public record ContactRequest(PartyId party, Channel channel, Purpose purpose, Instant at) {

  public ContactRequest {
    requireNonNull(party, "party");
    requireNonNull(channel, "channel");
    requireNonNull(purpose, "purpose");
    requireNonNull(at, "at");
  }

  public static ContactRequest of(PartyId party, Channel channel, Purpose purpose, Instant at) {
    return new ContactRequest(party, channel, purpose, at);
  }

  /** The same request at another instant. */
  public ContactRequest at(Instant instant) {
    return new ContactRequest(party, channel, purpose, instant);
  }
}
