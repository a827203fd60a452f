package dev.etiquette.crm.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.etiquette.crm.Crm;
import dev.etiquette.crm.api.CrmTenant;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.party.Party;
import dev.etiquette.crm.api.party.PartyDraft;
import dev.etiquette.crm.api.party.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A bulk create of 1,000 parties sends few, large batches: the parties' rows in its three parts (64, 256 and 680),
 * and their index rows and audit entries in one batch per table at the end of the transaction, after the last
 * part's parties. The test records the statements the storage prepares (each of these runs one batch: a part is at
 * most 1,024 rows).
 */
class BulkWriteBatchesTest {

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void aBulkCreateWritesEachIndexTableAndTheAuditInOneBatch(Dialect dialect) {
    List<QueryPlans.Captured> captured = new ArrayList<>();
    JdbcStorage storage = QueryPlans.recordingStorage(dialect, captured);
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      CrmTenant tenant = Crm.builder().storage(storage).executor(pool).build()
          .tenant(TenantId.of("bulk-" + UUID.randomUUID().toString().substring(0, 8)));
      List<PartyDraft> drafts = new ArrayList<>();
      for (int i = 0; i < 1000; i++) {
        drafts.add(PartyDraft.person("Person " + i).roles(Role.CUSTOMER).email("p" + i + "@Example.com")
            .phone("+44 20 7946 " + String.format("%04d", i)).tags("imported").build());
      }
      synchronized (captured) {
        captured.clear();
      }
      List<Party> created = tenant.parties().createAll(drafts);

      List<String> inserts = inserts(captured);
      assertThat(inserts).filteredOn(t -> t.equals("crm_party")).hasSize(3);
      for (String table : List.of("crm_party_role", "crm_party_tag", "crm_party_email", "crm_party_phone",
          "crm_audit")) {
        assertThat(inserts).as(table).filteredOn(t -> t.equals(table)).hasSize(1);
        assertThat(inserts.indexOf(table)).as(table + " after the last part's parties")
            .isGreaterThan(inserts.lastIndexOf("crm_party"));
      }
      assertThat(inserts).as("a new party has no external id or stage here").doesNotContain("crm_party_external_id",
          "crm_party_stage", "crm_party_attribute");
      assertThat(tenant.parties().findByEmail("P999@example.com")).containsExactly(created.get(999));
      assertThat(tenant.parties().findByPhone("+442079460500")).containsExactly(created.get(500));
    } finally {
      pool.shutdownNow();
    }
  }

  /** The table of each INSERT the storage prepared, in order. */
  private static List<String> inserts(List<QueryPlans.Captured> captured) {
    synchronized (captured) {
      return captured.stream().map(QueryPlans.Captured::sql).filter(s -> s.startsWith("INSERT INTO "))
          .map(s -> s.substring("INSERT INTO ".length(), s.indexOf(' ', "INSERT INTO ".length()))).toList();
    }
  }
}
