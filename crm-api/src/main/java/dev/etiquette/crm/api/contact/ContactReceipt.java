package dev.etiquette.crm.api.contact;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import dev.etiquette.crm.api.Purpose;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.party.ConsentRecord;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The answer to a {@link ContactRequest}, complete enough to show a regulator: the verdict, every rule that was
 * evaluated with its verdict and reason, the consent record relied on, the exemption applied, and for a denial
 * the next allowed instant.
 *
 * @param tenant the tenant
 * @param request what was asked
 * @param decidedAt when the library decided (the clock's instant; {@code request.at()} may differ)
 * @param verdict {@link Verdict#DENY} when any rule denies, else {@link Verdict#ALLOW}
 * @param rules every rule evaluated, in the order of {@link ContactCheck}, with its verdict and reason
 * @param consent the consent record relied on: the record of the (channel, purpose) that holds at
 *     {@code request.at()} (its id, legal basis and validity), when there is one and consent was checked
 * @param exemption the purpose, when it is exempt and the exemption was applied
 * @param nextAllowedAt for a denial, the earliest instant at or after {@code request.at()} at which every
 *     time-based rule would allow the same contact given the ledger as it stands; empty for an allow and when a
 *     rule denies for good (an opt-out, do-not-contact, or no consent at all)
 */
public record ContactReceipt(
    TenantId tenant,
    ContactRequest request,
    Instant decidedAt,
    Verdict verdict,
    List<RuleVerdict> rules,
    Optional<ConsentRecord> consent,
    Optional<Purpose> exemption,
    Optional<Instant> nextAllowedAt) {

  public ContactReceipt {
    requireNonNull(tenant, "tenant");
    requireNonNull(request, "request");
    requireNonNull(decidedAt, "decidedAt");
    requireNonNull(verdict, "verdict");
    rules = ImmutableList.copyOf(requireNonNull(rules, "rules"));
    requireNonNull(consent, "consent");
    requireNonNull(exemption, "exemption");
    requireNonNull(nextAllowedAt, "nextAllowedAt");
    if (verdict == Verdict.ALLOW && nextAllowedAt.isPresent()) {
      throw new IllegalArgumentException("an allowed contact has no next allowed instant");
    }
  }

  /** Whether the contact is allowed. */
  public boolean allowed() {
    return verdict == Verdict.ALLOW;
  }

  /** The rules that denied, in order; empty for an allow. */
  public List<RuleVerdict> denials() {
    return rules.stream().filter(r -> r.verdict() == Verdict.DENY).toList();
  }
}
