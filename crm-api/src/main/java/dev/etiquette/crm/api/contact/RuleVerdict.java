package dev.etiquette.crm.api.contact;

import static java.util.Objects.requireNonNull;

import dev.etiquette.crm.api.rules.RuleRef;
import java.time.Instant;
import java.util.Optional;

/**
 * One rule's verdict in a {@link ContactReceipt}.
 *
 * @param check the kind of rule
 * @param rule the rule set version and rule that said it: a cap's id, {@code consent} or {@code quiet_hours} of
 *     the rule set whose contact rules were applied; empty for the exemption and do-not-contact, which hold
 *     whatever the rules, and for the library's defaults when no rule set in effect has contact rules
 * @param verdict what the rule says
 * @param reason why, for a person: what was counted, which record or window decided
 * @param allowedFrom for a denial by a time-based rule (a cap, quiet hours, a consent not yet effective), the
 *     earliest instant from which this rule alone would allow the same contact, given the ledger as it stands;
 *     empty for an allow and for a denial for good
 */
public record RuleVerdict(ContactCheck check, Optional<RuleRef> rule, Verdict verdict, String reason,
    Optional<Instant> allowedFrom) {

  public RuleVerdict {
    requireNonNull(check, "check");
    requireNonNull(rule, "rule");
    requireNonNull(verdict, "verdict");
    requireNonNull(reason, "reason");
    requireNonNull(allowedFrom, "allowedFrom");
  }

  /** {@code FREQUENCY_CAP (marketing v2 weekly-marketing) DENY: 3 of 3 contacts in (...]}. */
  @Override
  public String toString() {
    return check + rule.map(r -> " (" + r + ")").orElse("") + " " + verdict + ": " + reason;
  }
}
