package dev.etiquette.crm.jdbc.internal;

import dev.etiquette.crm.api.party.AuditEntry;
import dev.etiquette.crm.api.spi.Prepared;
import dev.etiquette.crm.json.CrmJson;
import java.util.ArrayList;
import java.util.List;

/**
 * Audit entries with their changes written as the JSON of the {@code changes} column, made once per entry by
 * {@link #of} on whichever thread prepares them, and read by the transaction that appends them. Immutable.
 */
final class AuditRows implements Prepared<AuditEntry> {

  private final List<AuditEntry> entries;
  private final List<String> changes;

  private AuditRows(List<AuditEntry> entries, List<String> changes) {
    this.entries = entries;
    this.changes = changes;
  }

  /** Encodes the entries. */
  static AuditRows of(List<AuditEntry> entries) {
    List<AuditEntry> copy = List.copyOf(entries);
    List<String> changes = new ArrayList<>(copy.size());
    for (AuditEntry entry : copy) {
      changes.add(CrmJson.toJson(entry.changes()));
    }
    return new AuditRows(copy, List.copyOf(changes));
  }

  /** The rows of {@code prepared}: its own when this adapter prepared it, encoded now otherwise. */
  static AuditRows from(Prepared<AuditEntry> prepared) {
    return prepared instanceof AuditRows rows ? rows : of(prepared.values());
  }

  @Override
  public List<AuditEntry> values() {
    return entries;
  }

  /** The JSON of the changes of entry {@code i}. */
  String changes(int i) {
    return changes.get(i);
  }
}
