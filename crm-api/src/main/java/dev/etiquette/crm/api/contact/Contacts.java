package dev.etiquette.crm.api.contact;

import dev.etiquette.crm.api.Channel;
import dev.etiquette.crm.api.NotFoundException;
import dev.etiquette.crm.api.Page;
import dev.etiquette.crm.api.PageRequest;
import dev.etiquette.crm.api.Purpose;
import dev.etiquette.crm.api.ValidationException;
import dev.etiquette.crm.api.party.PartyId;
import dev.etiquette.crm.api.rules.ConsentRegime;
import dev.etiquette.crm.api.rules.ContactRules;
import java.time.Instant;
import java.util.Optional;

/**
 * Contact decisions and the contact ledger of one tenant: ask before every outbound touch, and reserve the
 * contact so that racing senders can never exceed a cap.
 *
 * <p>A decision evaluates the party's do-not-contact flag, the exemption of the purpose, and the contact rules
 * ({@link dev.etiquette.crm.api.rules.ContactRules}) of every rule set in effect at the request's instant: consent
 * under the purpose's regime, every frequency cap over the ledger, and quiet hours in the customer's time zone.
 * When no rule set in effect has contact rules, {@link #DEFAULT_RULES} apply. See {@code docs/rules.md},
 * "Contact decisions".
 */
public interface Contacts {

  /**
   * The rules when no rule set in effect has contact rules: opt-in for every purpose, no caps, no quiet hours of
   * the rules' own (the party's own quiet hours still apply).
   */
  ContactRules DEFAULT_RULES = ContactRules.builder(ConsentRegime.OPT_IN).build();

  /**
   * Decides, storing nothing: a question, not a contact.
   *
   * @throws NotFoundException if the party does not exist
   */
  ContactReceipt decide(ContactRequest request);

  /** Decides a contact now (the clock's instant). */
  ContactReceipt decide(PartyId party, Channel channel, Purpose purpose);

  /**
   * Decides and enters the outcome in the ledger in one atomic step: an allowed contact as {@link
   * ContactStatus#RESERVED}, where caps count it at once, so that of several senders racing for a cap's last
   * slot exactly one gets it (on every storage); a denied one as {@link ContactStatus#DENIED}, as proof of the
   * refusal. Confirm the reservation once sent, or release it.
   *
   * @return the entry, whose receipt says whether the contact was allowed
   * @throws NotFoundException if the party does not exist
   */
  ContactEntry reserve(ContactRequest request);

  /** Reserves a contact now (the clock's instant). */
  ContactEntry reserve(PartyId party, Channel channel, Purpose purpose);

  /**
   * Marks a reservation sent. Confirming a sent entry again returns it unchanged.
   *
   * @throws NotFoundException if there is no such entry
   * @throws ValidationException if the entry was released or denied
   */
  ContactEntry confirm(ContactId id);

  /**
   * Releases a reservation that was not sent: caps stop counting it. Releasing a released entry again returns
   * it unchanged.
   *
   * @throws NotFoundException if there is no such entry
   * @throws ValidationException if the entry was sent or denied
   */
  ContactEntry release(ContactId id);

  /** The ledger entry with this id. */
  Optional<ContactEntry> find(ContactId id);

  /**
   * The ledger entries of a party whose contact instant is in {@code [from, to)}, every status, oldest first
   * (by instant, then id): the receipts that prove what was allowed and refused, and on which consent.
   */
  Page<ContactEntry> ofParty(PartyId party, Instant from, Instant to, PageRequest page);
}
