package dev.etiquette.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.etiquette.crm.api.CrmTenant;
import dev.etiquette.crm.api.PageRequest;
import dev.etiquette.crm.api.StorageException;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.party.PartyDraft;
import dev.etiquette.crm.api.party.PartyQuery;
import dev.etiquette.crm.api.spi.Storage;
import dev.etiquette.crm.internal.InMemoryStorage;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Transient storage failures before the commit are retried as whole new transactions; others are not. */
class WriteRetryTest {

  /** Fails the next writes with the queued exceptions, after running their work (so it wrote and rolled back). */
  static final class FlakyStorage implements Storage {
    final InMemoryStorage delegate = new InMemoryStorage();
    final Deque<StorageException> failures = new ArrayDeque<>();
    final AtomicInteger writes = new AtomicInteger();

    @Override
    public <T> T write(Work<T> work) {
      writes.incrementAndGet();
      StorageException failure = failures.poll();
      if (failure == null) {
        return delegate.write(work);
      }
      try {
        delegate.write(tx -> {
          work.run(tx);
          throw failure;
        });
      } catch (StorageException e) {
        throw e;
      }
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
