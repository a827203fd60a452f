package dev.etiquette.crm.benchmarks;

import dev.etiquette.crm.api.Actor;
import dev.etiquette.crm.api.Channel;
import dev.etiquette.crm.api.CrmTenant;
import dev.etiquette.crm.api.Purpose;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.party.ConsentDraft;
import dev.etiquette.crm.api.party.PartyDraft;
import dev.etiquette.crm.api.party.PostalAddress;
import dev.etiquette.crm.api.party.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The benchmark data: deterministic customers, as a host application would import them (phone numbers
 * in national format, e-mail domains in mixed case, so that the library normalizes them).
 */
final class Customers {

  static final TenantId TENANT = TenantId.of("bench");
  static final Actor ACTOR = Actor.user("importer");
  /** Drafts per {@code createAll} call and per baseline transaction. */
  static final int BATCH = 1_000;

  private static final String[] FIRST = {"Ada", "Alan", "Grace", "Edsger", "Barbara", "Donald", "Frances", "John",
      "Margaret", "Niklaus", "Radia", "Tony", "Karen", "Ken", "Hedy", "Dennis"};
  private static final String[] LAST = {"Lovelace", "Turing", "Hopper", "Dijkstra", "Liskov", "Knuth", "Allen",
      "Backus", "Hamilton", "Wirth", "Perlman", "Hoare", "Jones", "Thompson", "Lamarr", "Ritchie"};

  private Customers() {}

  /** Sets the tenant's default region to US, so that national phone numbers can be read. */
  static void configure(CrmTenant tenant) {
    tenant.configure(tenant.settings().withDefaultRegion("US"));
  }

  static String name(int i) {
    return FIRST[i % FIRST.length] + " " + LAST[(i / FIRST.length) % LAST.length] + " " + i;
  }

  /** The e-mail address as given to the library. */
  static String email(int i) {
    return "Customer" + i + "@Example.com";
  }

  /** The e-mail address as a user would type it in a search box. */
  static String emailLookup(int i) {
    return "customer" + i + "@example.com";
  }

  /** A valid US number, distinct for each {@code i} below 700,000: (415) 230-0000 and up. */
  static String phone(int i) {
    if (i < 0 || i >= 700_000) {
      throw new IllegalArgumentException("customer index out of range: " + i);
    }
    return String.format("(415) %03d-%04d", 230 + i / 10_000, i % 10_000);
  }

  /** An imported customer: a person with the customer role, an e-mail address and a phone number. */
  static PartyDraft importDraft(int i) {
    return PartyDraft.person(name(i)).roles(Role.CUSTOMER).email(email(i)).phone(phone(i)).build();
  }

  /** A fuller customer, for the heap measurement: three contact points and two consent records. */
  static PartyDraft heapDraft(int i) {
    return PartyDraft.person(name(i)).roles(Role.CUSTOMER)
        .email(email(i))
        .phone(phone(i))
        .contactPoint(new PostalAddress(List.of((i % 9_000 + 1) + " Market Street"), "San Francisco",
            Optional.of("CA"), Optional.of("94105"), "US", Optional.empty(), false))
        .consent(ConsentDraft.optIn(Channel.EMAIL, Purpose.MARKETING, "signup-form"))
        .consent(ConsentDraft.optOut(Channel.SMS, Purpose.MARKETING, "signup-form"))
        .build();
  }

  /** The import drafts of customers {@code 0..count-1}, in batches of {@link #BATCH}. */
  static List<List<PartyDraft>> importBatches(int count) {
    List<List<PartyDraft>> batches = new ArrayList<>();
    for (int from = 0; from < count; from += BATCH) {
      List<PartyDraft> batch = new ArrayList<>(BATCH);
      for (int i = from; i < Math.min(count, from + BATCH); i++) {
        batch.add(importDraft(i));
      }
      batches.add(List.copyOf(batch));
    }
    return List.copyOf(batches);
  }
}
