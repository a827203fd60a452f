package dev.etiquette.crm.jdbc.internal;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.rules.RuleSet;
import java.util.Optional;

/**
 * The parsed rule sets a {@code JdbcStorage} has read, shared by its transactions. A stored version of a rule set
 * never changes, so an entry never goes stale: {@code RuleSetStore.all} reads only the names and version numbers
 * of a tenant's rule sets and parses the documents of the versions it has not seen yet. Bounded by the length of
 * the documents held (least recently used first out); thread-safe.
 *
 * <p>Only committed versions may enter: a transaction does not cache the versions it inserted itself, which a
 * rollback would take back.
 */
public final class RuleSetCache {

  /** The default bound: 16 million characters of JSON, some tens of megabytes of parsed rules. */
  public static final long DEFAULT_MAX_CHARS = 16_000_000L;

  /** A version of a tenant's rule set. */
  record Key(TenantId tenant, String name, int version) {}

  private record Entry(RuleSet ruleSet, int chars) {}

  private final Cache<Key, Entry> cache;

  public RuleSetCache(long maxChars) {
    if (maxChars < 0) {
      throw new IllegalArgumentException("the rule set cache's bound must not be negative, was " + maxChars);
    }
    this.cache = CacheBuilder.newBuilder().maximumWeight(maxChars)
        .<Key, Entry>weigher((key, entry) -> entry.chars()).build();
  }

  Optional<RuleSet> get(Key key) {
    Entry entry = cache.getIfPresent(key);
    return entry == null ? Optional.empty() : Optional.of(entry.ruleSet());
  }

  void put(Key key, RuleSet ruleSet, int documentChars) {
    cache.put(key, new Entry(ruleSet, documentChars));
  }
}
