package dev.etiquette.crm.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.etiquette.crm.api.Purpose;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.VersionConflictException;
import dev.etiquette.crm.api.contact.ContactEntry;
import dev.etiquette.crm.api.contact.ContactId;
import dev.etiquette.crm.api.contact.ContactStatus;
import dev.etiquette.crm.api.party.PartyId;
import dev.etiquette.crm.api.spi.ContactPosition;
import dev.etiquette.crm.testkit.Samples;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every query of the contact ledger is served by an index, in order: no table scan and no sort, so that a
 * reservation (which locks the party's row and counts its entries in a cap's window) and a page of a party's
 * receipts cost the same however long the ledger grows. The test records the statements the storage prepares and
 * asks each database for their plans (see {@link QueryPlans}).
 */
class ContactQueryPlanTest {

  private static final List<String> TABLES = List.of("crm_contact", "crm_party");

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void everyContactLedgerQueryIsServedByAnIndexWithoutSorting(Dialect dialect) throws Exception {
    DataSource base = TestDatabases.dataSource(dialect);
    List<QueryPlans.Captured> captured = new ArrayList<>();
    JdbcStorage storage = QueryPlans.recordingStorage(dialect, captured);
    String run = UUID.randomUUID().toString().substring(0, 8);
    TenantId tenant = TenantId.of("plan-" + run);
    TenantId other = TenantId.of("other-" + run);
    ContactStatus[] statuses = ContactStatus.values();
    Purpose[] purposes = {Purpose.MARKETING, Purpose.MARKETING, Purpose.SALES, Purpose.TRANSACTIONAL};
    // a long ledger of mostly settled and denied entries, so that the optimizers have something to choose between
    List<ContactEntry> entries = new ArrayList<>();
    for (int i = 0; i < 800; i++) {
      entries.add(Samples.contact(i % 5 == 0 ? other : tenant, "c" + i, "p" + i % 20, purposes[i % purposes.length],
          statuses[(i * 7) % statuses.length], Samples.T0.plus(Duration.ofMinutes(i))));
    }
    storage.write(tx -> {
      for (int p = 0; p < 20; p++) {
        tx.parties().insert(Samples.organization(tenant, "p" + p, "Customer " + p));
        tx.parties().insert(Samples.organization(other, "p" + p, "Customer " + p));
      }
      entries.forEach(tx.contacts()::insert);
      return null;
    });
    QueryPlans.analyze(base, dialect, TABLES);
    captured.clear();

    PartyId party = PartyId.of("p3");
    Instant from = Samples.T0.plus(Duration.ofHours(2));
    Instant to = Samples.T0.plus(Duration.ofHours(9));
    ContactEntry reserved = entries.stream().filter(e -> e.tenant().equals(tenant)
        && e.status() == ContactStatus.RESERVED).findFirst().orElseThrow();
    storage.read(tx -> {
      tx.contacts().find(tenant, ContactId.of("c7"));
      tx.contacts().counted(tenant, party, from, to);
      tx.contacts().ofParty(tenant, party, from, to, Optional.empty(), 20);
      tx.contacts().ofParty(tenant, party, from, to, Optional.of(new ContactPosition(from.plusSeconds(3600),
          ContactId.of("c100"))), 20);
      return null;
    });
    storage.write(tx -> {
      tx.contacts().lockParty(tenant, party);
      tx.contacts().update(reserved.withStatus(ContactStatus.SENT, to), reserved.version());
      return null;
    });
    assertThatThrownBy(() -> storage.write(tx -> {
      tx.contacts().update(reserved.withStatus(ContactStatus.RELEASED, to), reserved.version());
      return null;
    })).as("a conflict reads the stored version").isInstanceOf(VersionConflictException.class);

    Map<String, QueryPlans.Captured> statements = QueryPlans.selectsAndUpdatesOf(captured, TABLES);
    assertThat(statements.keySet()).as("the statements of the contact ledger's queries")
        .anyMatch(sql -> sql.contains("FOR UPDATE")).anyMatch(sql -> sql.contains("counted = 1"))
        .anyMatch(sql -> sql.contains("contact_id > ?")).anyMatch(sql -> sql.startsWith("UPDATE crm_contact"))
        .anyMatch(sql -> sql.startsWith("SELECT version FROM crm_contact")).hasSize(7);
    QueryPlans.assertServedByIndexes(base, dialect, statements.values());
  }
}
