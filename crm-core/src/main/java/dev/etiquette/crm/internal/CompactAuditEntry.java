package dev.etiquette.crm.internal;

import dev.etiquette.crm.api.Actor;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.party.AuditAction;
import dev.etiquette.crm.api.party.AuditEntry;
import dev.etiquette.crm.api.party.FieldChange;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An audit entry as the in-memory storage keeps it in general (see {@link StoredAuditEntry}): the changes
 * packed into one byte array (UTF-8 text, length-prefixed), a few hundred bytes instead of a graph of
 * objects. Unpacked when read. Neither the tenant nor the sequence is kept: the trail holding the entry
 * gives both.
 *
 * @param changes the packed changes; never modified
 */
record CompactAuditEntry(String recordType, String recordId, AuditAction action, Actor actor, Instant at,
    byte[] changes) implements StoredAuditEntry {

  /** {@code entry} packed; its tenant and sequence are left out. */
  static CompactAuditEntry of(AuditEntry entry) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(entry.changes().size());
      for (FieldChange change : entry.changes()) {
        write(out, change.field());
        write(out, change.before());
        write(out, change.after());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new CompactAuditEntry(entry.recordType(), entry.recordId(), entry.action(), entry.actor(), entry.at(),
        bytes.toByteArray());
  }

  @Override
  public AuditEntry toEntry(TenantId tenant, long sequence) {
    List<FieldChange> list = new ArrayList<>();
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(changes))) {
      int count = in.readInt();
      for (int i = 0; i < count; i++) {
        list.add(new FieldChange(read(in), readOptional(in), readOptional(in)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new AuditEntry(tenant, sequence, recordType, recordId, action, actor, at, list);
  }

  private static void write(DataOutputStream out, Optional<String> value) throws IOException {
    out.writeBoolean(value.isPresent());
    if (value.isPresent()) {
      write(out, value.get());
    }
  }

  private static void write(DataOutputStream out, String value) throws IOException {
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    out.writeInt(utf8.length);
    out.write(utf8);
  }

  private static Optional<String> readOptional(DataInputStream in) throws IOException {
    return in.readBoolean() ? Optional.of(read(in)) : Optional.empty();
  }

  private static String read(DataInputStream in) throws IOException {
    byte[] utf8 = new byte[in.readInt()];
    in.readFully(utf8);
    return new String(utf8, StandardCharsets.UTF_8);
  }
}
