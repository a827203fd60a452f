package dev.etiquette.crm.benchmarks;

import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.TenantSettings;
import dev.etiquette.crm.api.interaction.Conversation;
import dev.etiquette.crm.api.interaction.ConversationId;
import dev.etiquette.crm.api.interaction.Interaction;
import dev.etiquette.crm.api.notification.Notification;
import dev.etiquette.crm.api.obligation.Obligation;
import dev.etiquette.crm.api.obligation.ObligationId;
import dev.etiquette.crm.api.party.AuditEntry;
import dev.etiquette.crm.api.party.Party;
import dev.etiquette.crm.api.party.PartyId;
import dev.etiquette.crm.api.party.PartyQuery;
import dev.etiquette.crm.api.rules.RuleSet;
import dev.etiquette.crm.api.spi.Storage;
import dev.etiquette.crm.api.spi.StorageTransaction;
import dev.etiquette.crm.api.spi.TimelinePosition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Copies one tenant's records from one storage to another through the storage SPI, as the library wrote them: its
 * settings, rule sets, parties, audit trail, conversations, interactions, obligations and notifications. The
 * obligation benchmarks make their histories through the public API on the in-memory storage (tens of
 * microseconds an interaction) and copy them into a database this way (one insert a record, in transactions of
 * {@value #CHUNK} records), since recording a million interactions through the API on a database takes far longer
 * (one to three milliseconds each here) than the measurement itself.
 *
 * <p>What it reaches: every party (by search), every interaction of each (by timeline), the conversations those
 * name, every obligation of those conversations and every unsettled obligation of each party (a history made by
 * {@link SupportDesk} has no others), and every notification of those obligations. It checks that the counts it
 * copied add up.
 */
final class BenchCopy {

  /** Records per write transaction. */
  static final int CHUNK = 1_000;

  private BenchCopy() {}

  /** What was copied. */
  record Counts(int parties, int audit, int conversations, int interactions, int obligations, int notifications) {
    int total() {
      return parties + audit + conversations + interactions + obligations + notifications;
    }
  }

  /**
   * Copies the tenant's records. The parties and the audit trail are written in order, one chunk after the other
   * (the audit's sequence numbers follow the order of writing); the conversations, interactions, obligations and
   * notifications in chunks written by {@code threads} threads at once, as independent recordings would be (a
   * chunk of interactions holds whole timelines but for its first and last party, so two chunks meet on at most
   * one party's last-contact row).
   */
  static Counts copy(Storage from, Storage to, TenantId tenant, int threads) {
    Snapshot s = from.read(tx -> Snapshot.of(tx, tenant));
    to.write(tx -> {
      s.settings.ifPresent(tx.settings()::save);
      s.ruleSets.forEach(r -> tx.ruleSets().insert(tenant, r));
      return null;
    });
    chunks(to, s.parties, 1, (tx, chunk) -> tx.parties().insertAll(chunk));
    chunks(to, s.audit, 1, (tx, chunk) -> tx.audit().appendAll(chunk));
    chunks(to, s.conversations, threads, (tx, chunk) -> chunk.forEach(tx.conversations()::insert));
    chunks(to, s.interactions, threads, (tx, chunk) -> chunk.forEach(tx.interactions()::insert));
    chunks(to, s.obligations, threads, (tx, chunk) -> chunk.forEach(tx.obligations()::insert));
    chunks(to, s.notifications, threads, (tx, chunk) -> chunk.forEach(tx.notifications()::append));
    return new Counts(s.parties.size(), s.audit.size(), s.conversations.size(), s.interactions.size(),
        s.obligations.size(), s.notifications.size());
  }

  private interface ChunkWriter<T> {
    void write(StorageTransaction tx, List<T> chunk);
  }

  private static <T> void chunks(Storage to, List<T> records, int threads, ChunkWriter<T> writer) {
    List<List<T>> chunks = new ArrayList<>();
    for (int from = 0; from < records.size(); from += CHUNK) {
      chunks.add(records.subList(from, Math.min(records.size(), from + CHUNK)));
    }
    Consumer<List<T>> write = chunk -> to.write(tx -> {
      writer.write(tx, chunk);
      return null;
    });
    if (threads <= 1) {
      chunks.forEach(write);
      return;
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (List<T> chunk : chunks) {
        done.add(pool.submit(() -> write.accept(chunk)));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while copying", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("copying failed", e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  /** Everything of the tenant, read in one transaction. */
  private record Snapshot(Optional<TenantSettings> settings, List<RuleSet> ruleSets,
      List<Party> parties, List<AuditEntry> audit, List<Conversation> conversations, List<Interaction> interactions,
      List<Obligation> obligations, List<Notification> notifications) {

    static Snapshot of(StorageTransaction tx, TenantId tenant) {
      List<Party> parties = new ArrayList<>();
      Optional<PartyId> after = Optional.empty();
      while (true) {
        List<Party> page = tx.parties().search(tenant, PartyQuery.all(), after, CHUNK);
        parties.addAll(page);
        if (page.size() < CHUNK) {
          break;
        }
        after = Optional.of(page.get(page.size() - 1).id());
      }
      List<AuditEntry> audit = new ArrayList<>();
      long sequence = 0;
      while (true) {
        List<AuditEntry> page = tx.audit().list(tenant, Optional.empty(), Optional.empty(), sequence, CHUNK);
        audit.addAll(page);
        if (page.size() < CHUNK) {
          break;
        }
        sequence = page.get(page.size() - 1).sequence();
      }
      List<Interaction> interactions = new ArrayList<>();
      Set<ConversationId> conversationIds = new LinkedHashSet<>();
      Map<ObligationId, Obligation> obligations = new LinkedHashMap<>();
      for (Party party : parties) {
        List<Interaction> timeline = new ArrayList<>();
        Optional<TimelinePosition> before = Optional.empty();
        while (true) {
          List<Interaction> page = tx.interactions().ofParty(tenant, party.id(), before, CHUNK);
          timeline.addAll(page);
          if (page.size() < CHUNK) {
            break;
          }
          before = Optional.of(TimelinePosition.of(page.get(page.size() - 1)));
        }
        for (int i = timeline.size() - 1; i >= 0; i--) { // oldest first, as they were recorded
          interactions.add(timeline.get(i));
          timeline.get(i).conversation().ifPresent(conversationIds::add);
        }
        tx.obligations().unsettledOfParty(tenant, party.id()).forEach(o -> obligations.put(o.id(), o));
      }
      List<Conversation> conversations = new ArrayList<>();
      for (ConversationId id : conversationIds) {
        conversations.add(tx.conversations().find(tenant, id).orElseThrow());
        tx.obligations().ofConversation(tenant, id).forEach(o -> obligations.put(o.id(), o));
      }
      List<Notification> notifications = new ArrayList<>();
      for (Obligation o : obligations.values()) {
        notifications.addAll(tx.notifications().ofObligation(tenant, o.id()));
      }
      List<Obligation> byCreation = new ArrayList<>(obligations.values());
      byCreation.sort(Comparator.comparing(Obligation::createdAt).thenComparing(Obligation::id));
      return new Snapshot(tx.settings().find(tenant), tx.ruleSets().all(tenant), parties, audit, conversations,
          interactions, byCreation, notifications);
    }
  }
}
