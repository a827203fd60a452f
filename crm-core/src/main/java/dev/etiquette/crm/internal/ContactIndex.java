package dev.etiquette.crm.internal;

import static java.util.Objects.requireNonNull;

import com.google.common.base.Equivalence;
import dev.etiquette.crm.api.party.PartyId;
import java.util.Arrays;
import java.util.List;

/**
 * The in-memory storage's index from a contact key (an e-mail address, a phone number) to the ids of the
 * parties holding it: a multimap from key to a set of {@link PartyId}s, with keys compared by the
 * {@link Equivalence} given at construction.
 *
 * <p>For each class of equivalent keys the index keeps one key string: the one given to the {@link #add}
 * that created the entry, which is the holding party's own string, never a copy. It stays as long as the
 * entry holds any id, even after the party that gave it let go of it (the other ids' keys are equivalent);
 * the entry disappears when its last id is removed.
 *
 * <p>Layout, for the heap's sake: an open-addressing hash table with linear probing, in one array of
 * alternating key and value slots, at most three quarters full; no entry objects. A value is the only
 * {@link PartyId} of its key, or a sorted {@code PartyId[]} of two or more. About 8 bytes per slot with
 * compressed references, so 11 to 21 bytes per key (a {@code HashMap} takes 32 for its node alone). The
 * table grows by doubling and never shrinks. Removal shifts the following entries of the cluster back (no
 * tombstones).
 *
 * <p>Not thread-safe for writes: the storage calls {@link #add} and {@link #remove} only under its write
 * lock. {@link #get} and {@link #size} change nothing, so concurrent readers are safe under its read lock.
 */
final class ContactIndex {

  private static final int INITIAL_CAPACITY = 16;
  private static final int MAX_CAPACITY = 1 << 29;

  private final Equivalence<? super String> equivalence;
  /** {@code table[2p]}: the key at position p, or null; {@code table[2p + 1]}: its value. */
  private Object[] table = new Object[2 * INITIAL_CAPACITY];
  /** The number of keys. */
  private int size;

  /** An empty index comparing keys by {@code equivalence}, whose hash must be consistent with it. */
  ContactIndex(Equivalence<? super String> equivalence) {
    this.equivalence = requireNonNull(equivalence, "equivalence");
  }

  /** The ids held under a key equivalent to {@code key}, in id order; empty when there are none. */
  List<PartyId> get(String key) {
    int p = position(requireNonNull(key, "key"));
    if (p < 0) {
      return List.of();
    }
    Object value = table[2 * p + 1];
    return value instanceof PartyId id ? List.of(id) : List.of((PartyId[]) value);
  }

  /** Adds {@code id} under {@code key}; nothing changes if a key equivalent to it holds {@code id} already. */
  void add(String key, PartyId id) {
    requireNonNull(key, "key");
    requireNonNull(id, "id");
    int p = position(key);
    if (p >= 0) {
      Object value = table[2 * p + 1];
      PartyId[] ids = value instanceof PartyId single ? new PartyId[] {single} : (PartyId[]) value;
      int at = Arrays.binarySearch(ids, id);
      if (at < 0) {
        at = -at - 1;
        PartyId[] more = new PartyId[ids.length + 1];
        System.arraycopy(ids, 0, more, 0, at);
        more[at] = id;
        System.arraycopy(ids, at, more, at + 1, ids.length - at);
        table[2 * p + 1] = more;
      }
      return;
    }
    int capacity = capacity();
    if (size + 1 > capacity - capacity / 4) {
      grow();
      p = position(key);
    }
    p = -p - 1;
    table[2 * p] = key;
    table[2 * p + 1] = id;
    size++;
  }

  /** Removes {@code id} from under the key equivalent to {@code key}; nothing changes if it is not there. */
  void remove(String key, PartyId id) {
    requireNonNull(key, "key");
    requireNonNull(id, "id");
    int p = position(key);
    if (p < 0) {
      return;
    }
    Object value = table[2 * p + 1];
    if (value instanceof PartyId single) {
      if (single.equals(id)) {
        delete(p);
      }
      return;
    }
    PartyId[] ids = (PartyId[]) value;
    int at = Arrays.binarySearch(ids, id);
    if (at < 0) {
      return;
    }
    if (ids.length == 2) {
      table[2 * p + 1] = ids[1 - at];
    } else {
      PartyId[] fewer = new PartyId[ids.length - 1];
      System.arraycopy(ids, 0, fewer, 0, at);
      System.arraycopy(ids, at + 1, fewer, at, ids.length - at - 1);
      table[2 * p + 1] = fewer;
    }
  }

  /** The number of distinct keys (classes of equivalent keys) held. */
  int size() {
    return size;
  }

  private int capacity() {
    return table.length / 2;
  }

  /** Where a key's probe starts: the high bits of its hash times the golden ratio (Fibonacci hashing). */
  private static int home(int hash, int capacity) {
    return (hash * 0x9E3779B9) >>> (32 - Integer.numberOfTrailingZeros(capacity));
  }

  /** The position of the key equivalent to {@code key}, or {@code -(the free position to put it) - 1}. */
  private int position(String key) {
    int mask = capacity() - 1;
    for (int p = home(equivalence.hash(key), capacity()); ; p = (p + 1) & mask) {
      Object held = table[2 * p];
      if (held == null) {
        return -p - 1;
      }
      if (equivalence.equivalent((String) held, key)) {
        return p;
      }
    }
  }

  /** Empties position {@code hole}, moving back the entries after it whose probe passed it. */
  private void delete(int hole) {
    int capacity = capacity();
    int mask = capacity - 1;
    for (int p = (hole + 1) & mask; table[2 * p] != null; p = (p + 1) & mask) {
      int home = home(equivalence.hash((String) table[2 * p]), capacity);
      // the entry at p stays if its home lies cyclically in (hole, p]: its probe did not pass the hole
      boolean stays = hole <= p ? hole < home && home <= p : hole < home || home <= p;
      if (!stays) {
        table[2 * hole] = table[2 * p];
        table[2 * hole + 1] = table[2 * p + 1];
        hole = p;
      }
    }
    table[2 * hole] = null;
    table[2 * hole + 1] = null;
    size--;
  }

  private void grow() {
    int capacity = capacity();
    if (capacity >= MAX_CAPACITY) {
      throw new IllegalStateException("the index holds " + size + " keys, its most");
    }
    Object[] old = table;
    table = new Object[4 * capacity];
    int mask = 2 * capacity - 1;
    for (int i = 0; i < old.length; i += 2) {
      if (old[i] != null) {
        int p = home(equivalence.hash((String) old[i]), 2 * capacity);
        while (table[2 * p] != null) {
          p = (p + 1) & mask;
        }
        table[2 * p] = old[i];
        table[2 * p + 1] = old[i + 1];
      }
    }
  }
}
