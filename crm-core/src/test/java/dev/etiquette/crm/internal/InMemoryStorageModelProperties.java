package dev.etiquette.crm.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.etiquette.crm.api.Actor;
import dev.etiquette.crm.api.DuplicateKeyException;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.party.AuditAction;
import dev.etiquette.crm.api.party.AuditEntry;
import dev.etiquette.crm.api.party.ContactPoint;
import dev.etiquette.crm.api.party.EmailAddress;
import dev.etiquette.crm.api.party.FieldChange;
import dev.etiquette.crm.api.party.Lifecycle;
import dev.etiquette.crm.api.party.Party;
import dev.etiquette.crm.api.party.PartyId;
import dev.etiquette.crm.api.party.PartyKind;
import dev.etiquette.crm.api.party.Preferences;
import dev.etiquette.crm.api.spi.StorageTransaction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.Transformer;

/**
 * Model-based test of {@link InMemoryStorage} through its SPI, for what it keeps in compact forms: random
 * sequences of transactions (inserts, updates, audit entries of several kinds; some failing, so rolled
 * back; two tenants sharing party ids) against a plain model of the committed parties and audit trails.
 * After each step: every e-mail lookup (in other cases, with characters whose lower case is tricky) and
 * phone lookup returns what the model's {@code toLowerCase(Locale.ROOT)} matching gives, in id order; the
 * trail reads back equal to the entries appended, with their sequences; and each entry is kept in the
 * form expected: a reference to the party's version 1 exactly for the entries that record the creation of
 * a party inserted in the same transaction with the changes the library derives.
 */
class InMemoryStorageModelProperties {

  static final List<TenantId> TENANTS = List.of(TenantId.of("t"), TenantId.of("u"));
  static final List<String> IDS = List.of("a", "b", "c", "d", "e", "f");
  /** Addresses whose lower cases collide, or nearly: dotted and dotless i, sigmas, Kelvin sign, long s. */
  static final List<String> EMAILS = List.of("Ada@Example.com", "ada@example.com", "İlk@x.tr", "i\u0307lk@x.tr",
      "ılk@x.tr", "Ilk@x.tr", "ΣΟΦΙΑΣ@x.gr", "σοφιας@x.gr", "σοφιασ@x.gr", "\u212Aarl@x.de", "karl@x.de",
      "ſam@x.org", "Sam@x.org", "straße@x.de", "STRASSE@x.de", "\uD801\uDC00@x.org", "\uD801\uDC28@X.org");
  static final List<String> PHONES = List.of("+14155550100", "+14155550101", "+4930123456");
  static final Instant T0 = Instant.parse("2026-01-05T09:00:00.123456Z");
  static final Actor ACTOR = Actor.user("auditor");

  @Property(tries = 200)
  void theStorageBehavesAsTheModel(@ForAll("chains") ActionChain<Harness> chain) {
    chain.run();
  }

  @Provide
  Arbitrary<ActionChain<Harness>> chains() {
    return ActionChain.<Harness>startWith(Harness::new)
        .withAction(4, new Create())
        .withAction(3, new Update())
        .withMaxTransformations(30);
  }

  /** How a create transaction writes the audit entry of the creation. */
  enum CreateEntry {
    /** The library's entry, right after the insert. */
    LIBRARY,
    /** The library's entry for version 1, after an update of the party in the same transaction. */
    LIBRARY_AFTER_UPDATE,
    /** The library's entry with one change left out. */
    ALTERED,
    /** No entry in this transaction; a later update may append the library's entry then. */
    NONE
  }

  static Party party(TenantId tenant, String id, long version, List<String> emails, Optional<String> phone) {
    List<ContactPoint> points = new ArrayList<>();
    for (int i = 0; i < emails.size(); i++) {
      points.add(new EmailAddress(emails.get(i), Optional.empty(), i == 0));
    }
    phone.ifPresent(p -> points.add(ContactPoint.phone(p)));
    return new Party(tenant, PartyId.of(id), PartyKind.PERSON, "P " + id + " " + version, Set.of(), Set.of(),
        points, Preferences.none(), List.of(), false, Lifecycle.none(), Optional.empty(), Optional.empty(), Set.of(),
        Map.of(), version, T0, T0.plusSeconds(version));
  }

  static AuditEntry entry(Party party, AuditAction action, List<FieldChange> changes) {
    return new AuditEntry(party.tenantId(), 0, "party", party.id().value(), action, ACTOR,
        party.updatedAt(), changes);
  }

  /** The entry of a creation as PartyService builds it. */
  static AuditEntry created(Party party) {
    return entry(party, AuditAction.CREATED, AuditDiff.diff(Map.of(), AuditDiff.fields(party)));
  }

  static final class Injected extends RuntimeException {
    Injected() {
      super("injected failure");
    }
  }

  static final class Harness {
    final InMemoryStorage storage = new InMemoryStorage();
    final Map<TenantId, Map<PartyId, Party>> parties = new HashMap<>();
    final Map<TenantId, List<AuditEntry>> trails = new HashMap<>();
    /** For each entry of each trail: the party it must refer to, or null if it must be compact. */
    final Map<TenantId, List<Party>> forms = new HashMap<>();

    Harness() {
      for (TenantId tenant : TENANTS) {
        parties.put(tenant, new TreeMap<>());
        trails.put(tenant, new ArrayList<>());
        forms.put(tenant, new ArrayList<>());
      }
    }

    void create(TenantId tenant, String id, List<String> emails, Optional<String> phone, CreateEntry how,
        boolean fail) {
      Party party = party(tenant, id, 1, emails, phone);
      Party taken = parties.get(tenant).get(party.id());
      if (taken != null) {
        assertThatThrownBy(() -> storage.write(tx -> {
          tx.parties().insert(party);
          return null;
        })).isInstanceOf(DuplicateKeyException.class);
        check();
        return;
      }
      List<AuditEntry> appended = new ArrayList<>();
      Party current = how == CreateEntry.LIBRARY_AFTER_UPDATE
          ? party(tenant, id, 2, emails.isEmpty() ? List.of() : emails.subList(0, 1), Optional.empty()) : party;
      try {
        storage.write(tx -> {
          tx.parties().insert(party);
          switch (how) {
            case LIBRARY -> appended.add(tx.audit().append(created(party)));
            case LIBRARY_AFTER_UPDATE -> {
              tx.parties().update(current, 1);
              appended.add(tx.audit().append(created(party)));
            }
            case ALTERED -> {
              List<FieldChange> changes = new ArrayList<>(created(party).changes());
              changes.remove(0);
              appended.add(tx.audit().append(entry(party, AuditAction.CREATED, changes)));
            }
            case NONE -> { }
          }
          failIf(fail);
          return null;
        });
        assertThat(fail).isFalse();
        parties.get(tenant).put(party.id(), current);
        commit(tenant, appended, how == CreateEntry.LIBRARY || how == CreateEntry.LIBRARY_AFTER_UPDATE ? party : null);
      } catch (Injected e) {
        assertThat(fail).isTrue();
      }
      check();
    }

    void update(TenantId tenant, int pick, List<String> emails, Optional<String> phone, boolean lateCreated,
        boolean fail) {
      List<Party> all = new ArrayList<>(parties.get(tenant).values());
      if (all.isEmpty()) {
        return;
      }
      Party before = all.get(pick % all.size());
      Party after = party(tenant, before.id().value(), before.version() + 1, emails, phone);
      List<AuditEntry> appended = new ArrayList<>();
      try {
        storage.write(tx -> {
          if (lateCreated && before.version() == 1) {
            // the library's entry of a creation, but the party was inserted by an earlier transaction
            appended.add(tx.audit().append(created(before)));
          }
          tx.parties().update(after, before.version());
          appended.add(tx.audit().append(entry(after, AuditAction.UPDATED,
              AuditDiff.diff(AuditDiff.fields(before), AuditDiff.fields(after)))));
          failIf(fail);
          return null;
        });
        assertThat(fail).isFalse();
        parties.get(tenant).put(after.id(), after);
        commit(tenant, appended, null);
      } catch (Injected e) {
        assertThat(fail).isTrue();
      }
      check();
    }

    private static void failIf(boolean fail) {
      if (fail) {
        throw new Injected();
      }
    }

    private void commit(TenantId tenant, List<AuditEntry> appended, Party createdRef) {
      for (AuditEntry e : appended) {
        List<AuditEntry> trail = trails.get(tenant);
        assertThat(e.sequence()).as("the next sequence").isEqualTo(trail.size() + 1L);
        trail.add(e);
        forms.get(tenant).add(e.action() == AuditAction.CREATED ? createdRef : null);
      }
    }

    void check() {
      storage.read(tx -> {
        for (TenantId tenant : TENANTS) {
          checkLookups(tx, tenant);
          checkTrail(tx, tenant);
        }
        return null;
      });
      for (TenantId tenant : TENANTS) {
        List<Party> expectedForms = forms.get(tenant);
        for (int i = 0; i < expectedForms.size(); i++) {
          StoredAuditEntry kept = storage.storedAuditEntry(tenant, i + 1).orElseThrow();
          Party ref = expectedForms.get(i);
          if (ref == null) {
            assertThat(kept).as("entry %d of %s", i + 1, tenant).isInstanceOf(CompactAuditEntry.class);
          } else {
            assertThat(kept).as("entry %d of %s", i + 1, tenant).isInstanceOf(PartyCreatedAuditEntry.class);
            assertThat(((PartyCreatedAuditEntry) kept).party()).as("the stored version 1 itself").isSameAs(ref);
          }
        }
        assertThat(storage.storedAuditEntry(tenant, expectedForms.size() + 1)).isEmpty();
      }
    }

    private void checkLookups(StorageTransaction tx, TenantId tenant) {
      Set<String> probes = new LinkedHashSet<>();
      for (String email : EMAILS) {
        probes.add(email);
        probes.add(email.toUpperCase(Locale.ROOT));
        probes.add(email.toLowerCase(Locale.ROOT));
      }
      for (String probe : probes) {
        String lower = probe.toLowerCase(Locale.ROOT);
        List<Party> expected = parties.get(tenant).values().stream()
            .filter(p -> p.contactPoints().stream().anyMatch(c -> c instanceof EmailAddress e
                && e.address().toLowerCase(Locale.ROOT).equals(lower)))
            .toList();
        assertThat(tx.parties().findByEmail(tenant, probe)).as("findByEmail(%s) in %s", probe, tenant)
            .containsExactlyElementsOf(expected);
      }
      for (String phone : PHONES) {
        List<Party> expected = parties.get(tenant).values().stream()
            .filter(p -> p.contactPoints().contains(ContactPoint.phone(phone))).toList();
        assertThat(tx.parties().findByPhone(tenant, phone)).containsExactlyElementsOf(expected);
      }
    }

    private void checkTrail(StorageTransaction tx, TenantId tenant) {
      List<AuditEntry> trail = trails.get(tenant);
      assertThat(tx.audit().list(tenant, Optional.empty(), Optional.empty(), 0, 1000))
          .containsExactlyElementsOf(trail);
      for (String id : IDS) {
        assertThat(tx.audit().list(tenant, Optional.of("party"), Optional.of(id), 1, 1000))
            .as("the trail of %s after sequence 1", id)
            .containsExactlyElementsOf(trail.stream().filter(e -> e.recordId().equals(id) && e.sequence() > 1).toList());
      }
    }

    @Override
    public String toString() {
      return "Harness" + parties;
    }
  }

  static Arbitrary<List<String>> emails() {
    return Combinators.combine(Arbitraries.of(EMAILS), Arbitraries.integers().between(0, 2))
        .as((e, casing) -> switch (casing) {
          case 0 -> e;
          case 1 -> e.toUpperCase(Locale.ROOT);
          default -> e.toLowerCase(Locale.ROOT);
        }).list().ofMaxSize(2);
  }

  static final class Create implements Action.Independent<Harness> {
    @Override
    public Arbitrary<Transformer<Harness>> transformer() {
      return Combinators.combine(Arbitraries.of(TENANTS), Arbitraries.of(IDS), emails(),
          Arbitraries.of(PHONES).optional(0.5), Arbitraries.of(CreateEntry.class),
          Arbitraries.of(true, false, false, false))
          .as((tenant, id, emails, phone, how, fail) -> Transformer.mutate(
              "create " + tenant + "/" + id + " " + emails + " " + phone + " entry " + how + (fail ? " FAIL" : ""),
              h -> h.create(tenant, id, emails, phone, how, fail)));
    }
  }

  static final class Update implements Action.Independent<Harness> {
    @Override
    public Arbitrary<Transformer<Harness>> transformer() {
      return Combinators.combine(Arbitraries.of(TENANTS), Arbitraries.integers().between(0, 100), emails(),
          Arbitraries.of(PHONES).optional(0.5), Arbitraries.of(true, false), Arbitraries.of(true, false, false, false))
          .as((tenant, pick, emails, phone, lateCreated, fail) -> Transformer.mutate(
              "update " + tenant + " #" + pick + " " + emails + " " + phone + (lateCreated ? " with a late CREATED" : "")
                  + (fail ? " FAIL" : ""),
              h -> h.update(tenant, pick, emails, phone, lateCreated, fail)));
    }
  }
}
