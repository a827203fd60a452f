package dev.etiquette.crm.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

/** The audit diff's laws: a creation is the diff from nothing; a record compared with itself has no changes. */
class AuditDiffProperties {

  @Property(tries = 2_000)
  void aCreationIsTheDiffFromNothing(@ForAll @Size(max = 12) Map<String, String> fields) {
    TreeMap<String, String> sorted = new TreeMap<>(fields);
    assertThat(AuditDiff.created(sorted)).isEqualTo(AuditDiff.diff(Map.of(), sorted));
  }

  @Property(tries = 1_000)
  void aRecordComparedWithItselfHasNoChanges(@ForAll @Size(max = 12) Map<String, String> fields) {
    assertThat(AuditDiff.diff(fields, fields)).isEmpty();
  }
}
