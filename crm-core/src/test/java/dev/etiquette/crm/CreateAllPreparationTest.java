package dev.etiquette.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.etiquette.crm.api.CrmTenant;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.ValidationException;
import dev.etiquette.crm.api.party.AuditEntry;
import dev.etiquette.crm.api.party.Party;
import dev.etiquette.crm.api.party.PartyDraft;
import dev.etiquette.crm.api.party.Role;
import dev.etiquette.crm.api.spi.AuditStore;
import dev.etiquette.crm.api.spi.PartyStore;
import dev.etiquette.crm.api.spi.Prepared;
import dev.etiquette.crm.api.spi.Storage;
import dev.etiquette.crm.api.spi.StorageTransaction;
import dev.etiquette.crm.internal.InMemoryStorage;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A bulk create hands each part to the storage's {@code prepareParties} and {@code prepareAudit}, and writes what
 * they returned, the very objects, with {@code insertAll(Prepared)} and {@code appendAll(Prepared)}: parts of 64,
 * then four times the one before.
 */
class CreateAllPreparationTest {

  static final TenantId TENANT = TenantId.of("prep");

  private final ExecutorService pool = Executors.newSingleThreadExecutor();

  @AfterEach
  void shutDown() throws InterruptedException {
    pool.shutdownNow();
    assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void eachPartIsPreparedByTheStorageAndWrittenAsPrepared() {
    PreparingStorage storage = new PreparingStorage();
    CrmTenant tenant = Crm.builder().storage(storage).executor(pool).build().tenant(TENANT);

    List<Party> created = tenant.parties().createAll(drafts(1000, -1));

    assertThat(storage.preparedParties).extracting(p -> p.values().size()).containsExactly(64, 256, 680);
    assertThat(storage.preparedAudit).extracting(p -> p.values().size()).containsExactly(64, 256, 680);
    assertThat(storage.inserted).containsExactlyElementsOf(storage.preparedParties);
    assertThat(storage.appended).containsExactlyElementsOf(storage.preparedAudit);
    assertThat(storage.unprepared).as("nothing written without its preparation").isEmpty();
    List<Party> prepared = new ArrayList<>();
    storage.preparedParties.forEach(p -> prepared.addAll(p.values()));
    assertThat(prepared).containsExactlyElementsOf(created);
    List<String> audited = new ArrayList<>();
    storage.preparedAudit.forEach(p -> p.values().forEach(e -> audited.add(e.recordId())));
    assertThat(audited).containsExactlyElementsOf(created.stream().map(p -> p.id().value()).toList());
    assertThat(tenant.parties().get(created.get(999).id())).isEqualTo(created.get(999));
  }

  @Test
  void aPartWithAnInvalidDraftIsNeitherPreparedByTheStorageNorWritten() {
    PreparingStorage storage = new PreparingStorage();
    CrmTenant tenant = Crm.builder().storage(storage).executor(pool).build().tenant(TENANT);

    assertThatThrownBy(() -> tenant.parties().createAll(drafts(1000, 500)))
        .isInstanceOfSatisfying(ValidationException.class,
            e -> assertThat(e.violations()).extracting(v -> v.path()).containsExactly("[500].displayName"));

    assertThat(storage.preparedParties).extracting(p -> p.values().size()).containsExactly(64, 256);
    assertThat(tenant.parties().findByEmail("p0@example.com")).isEmpty();
  }

  @Test
  void aSmallCallIsOnePart() {
    PreparingStorage storage = new PreparingStorage();
    CrmTenant tenant = Crm.builder().storage(storage).executor(pool).build().tenant(TENANT);

    tenant.parties().createAll(drafts(10, -1));

    assertThat(storage.preparedParties).extracting(p -> p.values().size()).containsExactly(10);
    assertThat(storage.inserted).containsExactlyElementsOf(storage.preparedParties);
  }

  private static List<PartyDraft> drafts(int count, int invalid) {
    List<PartyDraft> drafts = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      drafts.add(PartyDraft.person(i == invalid ? " " : "Person " + i).roles(Role.CUSTOMER)
          .email("p" + i + "@Example.com").build());
    }
    return drafts;
  }

  /** A prepared part, told apart from {@link Prepared#of} by its class. */
  record Marked<T>(List<T> values) implements Prepared<T> {}

  /**
   * The in-memory storage with a preparation of its own: it records what it prepared, and what the transactions were
   * asked to write, prepared or not.
   */
  static final class PreparingStorage implements Storage {
    final InMemoryStorage delegate = new InMemoryStorage();
    final List<Prepared<Party>> preparedParties = Collections.synchronizedList(new ArrayList<>());
    final List<Prepared<AuditEntry>> preparedAudit = Collections.synchronizedList(new ArrayList<>());
    final List<Object> inserted = new ArrayList<>();
    final List<Object> appended = new ArrayList<>();
    final List<Object> unprepared = new ArrayList<>();

    @Override
    public Prepared<Party> prepareParties(List<Party> parties) {
      Prepared<Party> prepared = new Marked<>(List.copyOf(parties));
      preparedParties.add(prepared);
      return prepared;
    }

    @Override
    public Prepared<AuditEntry> prepareAudit(List<AuditEntry> entries) {
      Prepared<AuditEntry> prepared = new Marked<>(List.copyOf(entries));
      preparedAudit.add(prepared);
      return prepared;
    }

    @Override
    public <T> T write(Work<T> work) {
      return delegate.write(tx -> work.run(recording(tx)));
    }

    @Override
    public <T> T read(Work<T> work) {
      return delegate.read(work);
    }

    private StorageTransaction recording(StorageTransaction tx) {
      return proxy(StorageTransaction.class, (proxy, method, args) -> {
        Object store = invoke(tx, method, args);
        if (method.getName().equals("parties")) {
          return proxy(PartyStore.class, (p, m, a) -> {
            record(m.getName().equals("insertAll") ? a[0] : null, inserted, m.getName().equals("insert"));
            return invoke(store, m, a);
          });
        }
        if (method.getName().equals("audit")) {
          return proxy(AuditStore.class, (p, m, a) -> {
            record(m.getName().equals("appendAll") ? a[0] : null, appended, m.getName().equals("append"));
            return invoke(store, m, a);
          });
        }
        return store;
      });
    }

    /** Records a bulk write's argument: a prepared part in {@code into}, anything else as unprepared. */
    private void record(Object bulk, List<Object> into, boolean single) {
      if (bulk instanceof Marked<?>) {
        into.add(bulk);
      } else if (bulk != null || single) {
        unprepared.add(Optional.ofNullable(bulk).orElse("a single write"));
      }
    }
  }

  @SuppressWarnings("unchecked")
  static <T> T proxy(Class<T> type, InvocationHandler handler) {
    return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler);
  }

  static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
