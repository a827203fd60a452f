package dev.etiquette.crm.api.party;

import static java.util.Objects.requireNonNull;

import dev.etiquette.crm.api.Channel;
import dev.etiquette.crm.api.Purpose;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.Optional;

/**
 * A consent statement to record for a party. Recording it creates a new {@link ConsentRecord} that
 * supersedes the current record of the same (channel, purpose); nothing is overwritten.
 *
 * @param channel the channel the consent is about
 * @param purpose the purpose the consent is about
 * @param status what the party said
 * @param legalBasis the legal basis relied on
 * @param capturedAt when the party said it; empty means "now" by the library's clock
 * @param source where it was captured (a form, a call, an import); 1 to 200 characters
 * @param effectiveFrom from when it holds; empty means from {@code capturedAt}
 * @param effectiveTo until when it holds (exclusive); empty means until superseded
 * @param doubleOptInConfirmedAt when the party confirmed a double opt-in, if it did
 */
public record ConsentDraft(
    Channel channel,
    Purpose purpose,
    ConsentStatus status,
    LegalBasis legalBasis,
    Optional<Instant> capturedAt,
    @NotBlank @Size(max = 200) String source,
    Optional<Instant> effectiveFrom,
    Optional<Instant> effectiveTo,
    Optional<Instant> doubleOptInConfirmedAt) {

  public ConsentDraft {
    requireNonNull(channel, "channel");
    requireNonNull(purpose, "purpose");
    requireNonNull(status, "status");
    requireNonNull(legalBasis, "legalBasis");
    requireNonNull(capturedAt, "capturedAt");
    requireNonNull(source, "source");
    requireNonNull(effectiveFrom, "effectiveFrom");
    requireNonNull(effectiveTo, "effectiveTo");
    requireNonNull(doubleOptInConfirmedAt, "doubleOptInConfirmedAt");
  }

  /** An opt-in under {@link LegalBasis#CONSENT}, captured now, from {@code source}. */
  public static ConsentDraft optIn(Channel channel, Purpose purpose, String source) {
    return new ConsentDraft(channel, purpose, ConsentStatus.OPTED_IN, LegalBasis.CONSENT, Optional.empty(),
        source, Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** An opt-out, captured now, from {@code source}. */
  public static ConsentDraft optOut(Channel channel, Purpose purpose, String source) {
    return new ConsentDraft(channel, purpose, ConsentStatus.OPTED_OUT, LegalBasis.CONSENT, Optional.empty(),
        source, Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** This draft, captured at {@code at}. */
  public ConsentDraft capturedAt(Instant at) {
    return new ConsentDraft(channel, purpose, status, legalBasis, Optional.of(at), source, effectiveFrom,
        effectiveTo, doubleOptInConfirmedAt);
  }

  /** This draft, holding only in {@code [from, to)}. */
  public ConsentDraft effective(Instant from, Instant to) {
    return new ConsentDraft(channel, purpose, status, legalBasis, capturedAt, source, Optional.of(from),
        Optional.of(to), doubleOptInConfirmedAt);
  }

  /** This draft, with the double opt-in confirmed at {@code at}. */
  public ConsentDraft doubleOptInConfirmedAt(Instant at) {
    return new ConsentDraft(channel, purpose, status, legalBasis, capturedAt, source, effectiveFrom,
        effectiveTo, Optional.of(at));
  }

  /** This draft, under another legal basis. */
  public ConsentDraft withLegalBasis(LegalBasis basis) {
    return new ConsentDraft(channel, purpose, status, basis, capturedAt, source, effectiveFrom, effectiveTo,
        doubleOptInConfirmedAt);
  }
}
