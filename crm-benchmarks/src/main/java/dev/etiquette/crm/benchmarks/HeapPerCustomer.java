package dev.etiquette.crm.benchmarks;

import dev.etiquette.crm.Crm;
import dev.etiquette.crm.api.CrmTenant;
import dev.etiquette.crm.api.party.PartyDraft;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Retained heap per customer in the in-memory storage ({@code Crm.builder().build()}): customers with three
 * contact points (e-mail, phone, postal address) and two consent records, created through the library.
 *
 * <p>Measured as the growth of the used heap after full collections, from just before the customers are
 * created to just after, divided by their number. Everything the storage keeps for a customer counts: the
 * party, its indexes and its audit entry. A warm-up {@code Crm} runs first so that the one-time caches of
 * the library and its dependencies (validator metadata, JSON, phone metadata) are not counted. Run it in a
 * JVM of its own with {@code -XX:+UseSerialGC}, whose full collections compact the whole heap so that
 * "used" is exact; {@link Main} does.
 *
 * <p>Prints {@code bytesPerCustomer=<n>} (the median of the repetitions) on standard output.
 */
public final class HeapPerCustomer {

  private HeapPerCustomer() {}

  /** Arguments: the number of customers (default 100000) and of repetitions (default 3). */
  public static void main(String[] args) throws InterruptedException {
    int customers = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int repetitions = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    fill(2_000);
    double[] results = new double[repetitions];
    for (int r = 0; r < repetitions; r++) {
      results[r] = measure(customers);
      System.err.printf("heap per customer, repetition %d: %.1f bytes%n", r + 1, results[r]);
    }
    Arrays.sort(results);
    System.out.printf("bytesPerCustomer=%.1f%n", results[repetitions / 2]);
  }

  static double measure(int customers) throws InterruptedException {
    Crm crm = Crm.builder().build();
    CrmTenant tenant = crm.tenant(Customers.TENANT, Customers.ACTOR);
    Customers.configure(tenant);
    long before = usedAfterGc();
    fill(tenant, customers);
    long after = usedAfterGc();
    Reference.reachabilityFence(crm);
    return (after - before) / (double) customers;
  }

  private static void fill(int customers) {
    Crm crm = Crm.builder().build();
    CrmTenant tenant = crm.tenant(Customers.TENANT, Customers.ACTOR);
    Customers.configure(tenant);
    fill(tenant, customers);
  }

  private static void fill(CrmTenant tenant, int customers) {
    for (int from = 0; from < customers; from += Customers.BATCH) {
      List<PartyDraft> batch = new ArrayList<>(Customers.BATCH);
      for (int i = from; i < Math.min(customers, from + Customers.BATCH); i++) {
        batch.add(Customers.heapDraft(i));
      }
      tenant.parties().createAll(batch);
    }
  }

  private static long usedAfterGc() throws InterruptedException {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      System.gc();
      Thread.sleep(50);
      used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
    }
    return used;
  }
}
