package dev.etiquette.crm.api.contact;

import dev.etiquette.crm.api.Actor;
import dev.etiquette.crm.api.Channel;
import dev.etiquette.crm.api.CrmPackageSanityTests;
import dev.etiquette.crm.api.Purpose;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.party.PartyId;
import dev.etiquette.crm.api.rules.RuleRef;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Package sanity checks (nulls, equals/hashCode) over the public API of {@code dev.etiquette.crm.api.contact}:
 * requests, receipts and their verdicts, ledger entries and ids.
 */
class ContactPackageSanityTest extends CrmPackageSanityTests {

  /**
   * Values whose constructors check an invariant across parameters: an allow has no next allowed instant; an entry
   * is denied exactly when its receipt, of its own tenant, denies.
   */
  private static final Set<Class<?>> CROSS_FIELD_INVARIANTS = Set.of(ContactReceipt.class, ContactEntry.class);

  ContactPackageSanityTest() {
    ignoreClasses(CROSS_FIELD_INVARIANTS::contains);
    ContactRequest first = ContactRequest.of(PartyId.of("p-1"), Channel.EMAIL, Purpose.MARKETING, T1);
    distinct(ContactRequest.class, first, first.at(T2));
    distinct(RuleRef.class, new RuleRef("marketing", 1, "weekly"), new RuleRef("marketing", 2, "consent"));
    distinct(RuleVerdict.class,
        new RuleVerdict(ContactCheck.CONSENT, Optional.empty(), Verdict.ALLOW, "opted in", Optional.empty()),
        new RuleVerdict(ContactCheck.QUIET_HOURS, Optional.empty(), Verdict.DENY, "night", Optional.of(T2)));
    ContactReceipt allowed = new ContactReceipt(TenantId.of("acme"), first, T1, Verdict.ALLOW, List.of(),
        Optional.empty(), Optional.empty(), Optional.empty());
    distinct(ContactReceipt.class, allowed, new ContactReceipt(TenantId.of("acme"), first.at(T2), T1, Verdict.ALLOW,
        List.of(), Optional.empty(), Optional.empty(), Optional.empty()));
    distinct(ContactEntry.class,
        new ContactEntry(TenantId.of("acme"), ContactId.of("k-1"), ContactStatus.RESERVED, allowed, Actor.system(),
            1, T1, T1),
        new ContactEntry(TenantId.of("acme"), ContactId.of("k-2"), ContactStatus.SENT, allowed, Actor.system(), 2,
            T1, T2));
  }
}
