package dev.etiquette.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.etiquette.crm.api.CrmTenant;
import dev.etiquette.crm.api.DuplicateKeyException;
import dev.etiquette.crm.api.PageRequest;
import dev.etiquette.crm.api.StorageException;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.VersionConflictException;
import dev.etiquette.crm.api.interaction.InteractionKind;
import dev.etiquette.crm.api.obligation.ObligationQuery;
import dev.etiquette.crm.api.party.LifecycleStage;
import dev.etiquette.crm.api.party.Party;
import dev.etiquette.crm.api.party.PartyDraft;
import dev.etiquette.crm.api.party.PartyQuery;
import dev.etiquette.crm.api.rules.Assignee;
import dev.etiquette.crm.api.rules.DormancyRule;
import dev.etiquette.crm.api.rules.EventFilter;
import dev.etiquette.crm.api.rules.RuleSet;
import dev.etiquette.crm.api.spi.Storage;
import dev.etiquette.crm.internal.InMemoryStorage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Transient storage failures before the commit are retried as whole new transactions; others are not. */
class WriteRetryTest {

  /** Fails the next writes with the queued exceptions, after running their work (so it wrote and rolled back). */
  static final class FlakyStorage implements Storage {
    final InMemoryStorage delegate = new InMemoryStorage();
    final Deque<RuntimeException> failures = new ArrayDeque<>();
    final AtomicInteger writes = new AtomicInteger();

    @Override
    public <T> T write(Work<T> work) {
      writes.incrementAndGet();
      RuntimeException failure = failures.poll();
      if (failure == null) {
        return delegate.write(work);
      }
      delegate.write(tx -> {
        work.run(tx);
        throw failure;
      });
      throw new AssertionError("unreachable");
    }

    @Override
    public <T> T read(Work<T> work) {
      return delegate.read(work);
    }
  }

  final FlakyStorage storage = new FlakyStorage();
  final CrmTenant tenant = Crm.builder().storage(storage).build().tenant(TenantId.of("t"));

  static StorageException deadlock() {
    return new StorageException("update party", true, "deadlock", null);
  }

  @Test
  void transientFailuresAreRetriedAndLeaveNoTrace() {
    storage.failures.add(deadlock());
    storage.failures.add(deadlock());
    tenant.parties().create(PartyDraft.person("Ada").build());
    assertThat(storage.writes).hasValue(3);
    assertThat(tenant.parties().search(PartyQuery.all(), PageRequest.first(10)).items()).hasSize(1);
    assertThat(tenant.audit().all(PageRequest.first(10)).items()).hasSize(1);
  }

  @Test
  void afterTheLastAttemptTheFailureIsThrown() {
    for (int i = 0; i < 3; i++) {
      storage.failures.add(deadlock());
    }
    assertThatThrownBy(() -> tenant.parties().create(PartyDraft.person("Ada").build()))
        .isInstanceOf(StorageException.class);
    assertThat(storage.writes).hasValue(3);
    assertThat(tenant.parties().search(PartyQuery.all(), PageRequest.first(10)).items()).isEmpty();
  }

  @Test
  void lastingFailuresAndCommitFailuresAreNotRetried() {
    storage.failures.add(new StorageException("insert party", false, "disk full", null));
    assertThatThrownBy(() -> tenant.parties().create(PartyDraft.person("Ada").build()))
        .isInstanceOf(StorageException.class);
    assertThat(storage.writes).hasValue(1);

    storage.failures.add(new StorageException("commit", true, "outcome unknown", null));
    assertThatThrownBy(() -> tenant.parties().create(PartyDraft.person("Ada").build()))
        .isInstanceOfSatisfying(StorageException.class, e -> assertThat(e.operation()).isEqualTo("commit"));
    assertThat(storage.writes).hasValue(2);
  }

  @Test
  void aPartyChangeThatLostARaceForOneOfItsObligationsRunsAgain() {
    tenant.rules().publish(RuleSet.builder("accounts", 1, Instant.parse("2026-01-01T00:00:00Z"))
        .rule(DormancyRule.builder("check-in", "Check in with the customer", 30).stages(LifecycleStage.CUSTOMER)
            .within(Duration.ofDays(2)).satisfiedBy(EventFilter.of(InteractionKind.CONTACT).outbound().build())
            .assignee(Assignee.owner("account-managers")).build())
        .build());
    Party ada = tenant.parties().create(PartyDraft.person("Ada").stage(LifecycleStage.LEAD).build());
    int before = storage.writes.get();
    // a concurrent recording scheduled Ada's check-in first: the stage move's own insert of it clashed
    storage.failures.add(new DuplicateKeyException("obligation", "unsettled accounts/check-in of " + ada.id()));

    Party customer = tenant.parties().moveStage(ada.id(), ada.version(), LifecycleStage.CUSTOMER);

    assertThat(customer.version()).isEqualTo(2);
    assertThat(storage.writes.get() - before).isEqualTo(2);
    assertThat(tenant.obligations().search(ObligationQuery.all().withParty(ada.id()), PageRequest.first(10))
        .items()).singleElement().satisfies(o -> assertThat(o.rule().rule()).isEqualTo("check-in"));

    // a clash over the party itself, or over another kind of record, is the caller's to handle
    storage.failures.add(new DuplicateKeyException("relationship", "id r-1"));
    assertThatThrownBy(() -> tenant.parties().moveStage(ada.id(), customer.version(), LifecycleStage.EVANGELIST))
        .isInstanceOfSatisfying(DuplicateKeyException.class, e -> assertThat(e.recordType())
            .isEqualTo("relationship"));
    assertThatThrownBy(() -> tenant.parties().moveStage(ada.id(), ada.version(), LifecycleStage.EVANGELIST))
        .isInstanceOf(VersionConflictException.class);
  }

  @Test
  void retriesCanBeTurnedOff() {
    CrmTenant once = Crm.builder().storage(storage).writeAttempts(1).build().tenant(TenantId.of("t"));
    storage.failures.add(deadlock());
    assertThatThrownBy(() -> once.parties().create(PartyDraft.person("Ada").build()))
        .isInstanceOf(StorageException.class);
    assertThat(storage.writes).hasValue(1);
    assertThatThrownBy(() -> Crm.builder().writeAttempts(0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 1, was 0");
  }
}
