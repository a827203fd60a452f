package dev.etiquette.crm.examples;

import dev.etiquette.crm.Crm;
import dev.etiquette.crm.api.*;
import dev.etiquette.crm.api.party.*;

/** The README's quick start, verbatim: the build compiles it, and DemoTest runs it. */
public final class QuickStart {

  public static void main(String[] args) {
    try (Crm crm = Crm.builder().build()) {          // in memory, system clock, random ids
      CrmTenant shop = crm.tenant(TenantId.of("acme-shop"), Actor.user("alice"));

      Party ada = shop.parties().create(PartyDraft.person("Ada Lovelace")
          .roles(Role.CUSTOMER)
          .email("Ada@Example.COM")                  // stored as Ada@example.com
          .phone("+44 20 7946 0958")                 // stored as +442079460958
          .consent(ConsentDraft.optIn(Channel.EMAIL, Purpose.MARKETING, "signup form"))
          .stage(LifecycleStage.LEAD)
          .tags("vip")
          .build());

      // Every change names the version it read; a stale one throws VersionConflictException.
      ada = shop.parties().moveStage(ada.id(), ada.version(), LifecycleStage.CUSTOMER);

      try {
        shop.parties().create(PartyDraft.person("").email("not an email").build());
      } catch (ValidationException e) {             // every problem at once; nothing was stored
        e.violations().forEach(v -> System.out.println("rejected: " + v));
      }

      Page<Party> vips = shop.parties().search(PartyQuery.all().withTag("vip"), PageRequest.first(20));
      vips.items().forEach(p -> System.out.println(p.displayName() + " is a " + p.stage().orElseThrow()));

      for (AuditEntry entry : shop.audit().ofParty(ada.id(), PageRequest.first(20)).items()) {
        System.out.println(entry.at() + " " + entry.actor() + " " + entry.action());
        entry.changes().forEach(c -> System.out.println(
            "  " + c.field() + ": " + c.before().orElse("-") + " -> " + c.after().orElse("-")));
      }
    }
  }
}
