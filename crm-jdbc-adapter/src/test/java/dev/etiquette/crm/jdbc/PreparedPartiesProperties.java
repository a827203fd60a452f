package dev.etiquette.crm.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.party.ContactPoint;
import dev.etiquette.crm.api.party.EmailAddress;
import dev.etiquette.crm.api.party.ExternalId;
import dev.etiquette.crm.api.party.Party;
import dev.etiquette.crm.api.party.PartyId;
import dev.etiquette.crm.api.party.PhoneNumber;
import dev.etiquette.crm.api.spi.Prepared;
import dev.etiquette.crm.testkit.DomainArbitraries;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Group;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Parties of any shape the test kit generates, prepared by {@link JdbcStorage#prepareParties} on another thread and
 * then inserted, read back equal and are found by each of their e-mail addresses, phone numbers and external ids,
 * on every database (the documents and index keys are made in the preparation, not in the transaction).
 */
class PreparedPartiesProperties {

  abstract static class OnDatabase {
    abstract Dialect dialect();

    @Property(tries = 40)
    void preparedPartiesReadBackEqualAndAreFoundByEveryKey(@ForAll("batches") List<Party> generated) {
      JdbcStorage storage = JdbcStorageContractTests.storage(dialect());
      TenantId tenant = TenantId.of("prep-" + UUID.randomUUID().toString().substring(0, 8));
      List<Party> parties = new ArrayList<>();
      for (int i = 0; i < generated.size(); i++) {
        parties.add(moved(generated.get(i), tenant, PartyId.of("p" + i)));
      }
      Prepared<Party> prepared = CompletableFuture.supplyAsync(() -> storage.prepareParties(parties)).join();
      assertThat(prepared.values()).containsExactlyElementsOf(parties);
      storage.write(tx -> {
        tx.parties().insertAll(prepared);
        return null;
      });
      for (Party party : parties) {
        Optional<Party> found = storage.read(tx -> tx.parties().find(tenant, party.id()));
        assertThat(found).contains(party);
        for (ContactPoint point : party.contactPoints()) {
          if (point instanceof EmailAddress email) {
            List<Party> byEmail = storage.read(tx -> tx.parties().findByEmail(tenant, email.address()));
            assertThat(byEmail).contains(party);
          } else if (point instanceof PhoneNumber phone) {
            List<Party> byPhone = storage.read(tx -> tx.parties().findByPhone(tenant, phone.number()));
            assertThat(byPhone).contains(party);
          }
        }
        for (ExternalId externalId : party.externalIds()) {
          Optional<Party> byExternalId = storage.read(tx -> tx.parties().findByExternalId(tenant, externalId));
          assertThat(byExternalId).contains(party);
        }
      }
    }

    /** One to six generated parties whose external ids are all distinct (a taken one is a duplicate key). */
    @Provide
    Arbitrary<List<Party>> batches() {
      return DomainArbitraries.parties().list().ofMinSize(1).ofMaxSize(6).filter(parties -> {
        Set<ExternalId> seen = new HashSet<>();
        return parties.stream().flatMap(p -> p.externalIds().stream()).allMatch(seen::add);
      });
    }
  }

  static Party moved(Party p, TenantId tenant, PartyId id) {
    return new Party(tenant, id, p.kind(), p.displayName(), p.roles(), p.externalIds(), p.contactPoints(),
        p.preferences(), p.consents(), p.doNotContact(), p.lifecycle(), p.owner(), p.team(), p.tags(), p.attributes(),
        p.version(), p.createdAt(), p.updatedAt());
  }

  @Group
  class OnH2 extends OnDatabase {
    @Override
    Dialect dialect() {
      return Dialect.H2;
    }
  }

  @Group
  class OnPostgreSql extends OnDatabase {
    @Override
    Dialect dialect() {
      return Dialect.POSTGRESQL;
    }
  }

  @Group
  class OnMariaDb extends OnDatabase {
    @Override
    Dialect dialect() {
      return Dialect.MARIADB;
    }
  }
}
