package dev.etiquette.crm.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.etiquette.crm.api.contact.ContactCheck;
import dev.etiquette.crm.api.contact.ContactEntry;
import dev.etiquette.crm.api.contact.ContactReceipt;
import dev.etiquette.crm.api.contact.ContactStatus;
import dev.etiquette.crm.api.contact.RuleVerdict;
import dev.etiquette.crm.api.contact.Verdict;
import dev.etiquette.crm.api.rules.ContactRules;
import dev.etiquette.crm.internal.InMemoryStorage;
import dev.etiquette.crm.json.CrmJson;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;

/**
 * The generators of the contact ledger's values make what a decision makes, and what the adapters rely on holds
 * for them: an entry survives the library's JSON (the JDBC and JSON-file adapters store it so) and the in-memory
 * ledger.
 */
@PropertyDefaults(tries = 200)
class ContactArbitrariesProperties {

  @Property
  void receiptsAreShapedLikeADecisions(@ForAll ContactReceipt receipt) {
    assertThat(receipt.rules()).isSortedAccordingTo(Comparator.comparing(RuleVerdict::check));
    assertThat(receipt.allowed()).isEqualTo(receipt.rules().stream().noneMatch(r -> r.verdict() == Verdict.DENY));
    assertThat(receipt.exemption().isPresent()).isEqualTo(ContactRules.isExempt(receipt.request().purpose()));
    receipt.consent().ifPresent(c -> {
      assertThat(c.channel()).isEqualTo(receipt.request().channel());
      assertThat(c.purpose()).isEqualTo(receipt.request().purpose());
      assertThat(receipt.rules()).extracting(RuleVerdict::check).contains(ContactCheck.CONSENT);
    });
    receipt.nextAllowedAt().ifPresent(next -> {
      assertThat(receipt.allowed()).isFalse();
      assertThat(next).isAfterOrEqualTo(receipt.request().at());
      assertThat(receipt.denials()).allSatisfy(d -> assertThat(d.allowedFrom()).isPresent());
    });
    assertThat(receipt.rules()).allSatisfy(r -> {
      if (r.verdict() == Verdict.ALLOW) {
        assertThat(r.allowedFrom()).isEmpty();
      }
    });
  }

  @Property
  void entriesAreDeniedExactlyWhenTheirReceiptDenies(@ForAll ContactEntry entry) {
    assertThat(entry.status() == ContactStatus.DENIED).isEqualTo(!entry.receipt().allowed());
    assertThat(entry.version()).isEqualTo(entry.status() == ContactStatus.SENT
        || entry.status() == ContactStatus.RELEASED ? 2 : 1);
    assertThat(entry.updatedAt()).isAfterOrEqualTo(entry.createdAt());
  }

  @Property
  void entriesSurviveTheLibrarysJson(@ForAll ContactEntry entry) {
    String json = CrmJson.toJson(entry);
    assertThat(CrmJson.fromJson(json, ContactEntry.class)).isEqualTo(entry);
    assertThat(CrmJson.toJson(CrmJson.fromJson(json, ContactEntry.class))).isEqualTo(json);
  }

  @Property(tries = 50)
  void entriesReadBackEqualFromTheInMemoryLedger(@ForAll ContactEntry entry) {
    InMemoryStorage storage = new InMemoryStorage();
    storage.write(tx -> {
      tx.contacts().insert(entry);
      return null;
    });
    Optional<ContactEntry> found = storage.read(tx -> tx.contacts().find(entry.tenant(), entry.id()));
    assertThat(found).contains(entry);
    List<ContactEntry> ofParty = storage.read(tx -> tx.contacts().ofParty(entry.tenant(), entry.party(),
        entry.at(), entry.at().plusNanos(1_000), Optional.empty(), 10));
    assertThat(ofParty).containsExactly(entry);
  }
}
