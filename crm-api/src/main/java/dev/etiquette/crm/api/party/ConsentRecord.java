package dev.etiquette.crm.api.party;

import static java.util.Objects.requireNonNull;

import dev.etiquette.crm.api.Channel;
import dev.etiquette.crm.api.Purpose;
import java.time.Instant;
import java.util.Optional;

/**
 * A recorded consent statement: what a party said about contact on one channel for one purpose, on what
 * legal basis, from when to when. Records are never changed; a newer one supersedes an older one.
 *
 * @param id the record's id, unique among the party's consent records (see {@link ConsentId})
 * @param channel the channel it is about
 * @param purpose the purpose it is about
 * @param status what the party said
 * @param legalBasis the legal basis relied on
 * @param capturedAt when the party said it
 * @param source where it was captured
 * @param effectiveFrom from when it holds (inclusive)
 * @param effectiveTo until when it holds (exclusive); empty means open-ended
 * @param doubleOptInConfirmedAt when a double opt-in was confirmed, if it was
 * @param recordedAt when the library recorded it
 * @param supersedes the record of the same (channel, purpose) that this one replaced, if any
 */
public record ConsentRecord(
    ConsentId id,
    Channel channel,
    Purpose purpose,
    ConsentStatus status,
    LegalBasis legalBasis,
    Instant capturedAt,
    String source,
    Instant effectiveFrom,
    Optional<Instant> effectiveTo,
    Optional<Instant> doubleOptInConfirmedAt,
    Instant recordedAt,
    Optional<ConsentId> supersedes) {

  public ConsentRecord {
    requireNonNull(id, "id");
    requireNonNull(channel, "channel");
    requireNonNull(purpose, "purpose");
    requireNonNull(status, "status");
    requireNonNull(legalBasis, "legalBasis");
    requireNonNull(capturedAt, "capturedAt");
    requireNonNull(source, "source");
    requireNonNull(effectiveFrom, "effectiveFrom");
    requireNonNull(effectiveTo, "effectiveTo");
    requireNonNull(doubleOptInConfirmedAt, "doubleOptInConfirmedAt");
    requireNonNull(recordedAt, "recordedAt");
    requireNonNull(supersedes, "supersedes");
  }

  /** Whether this record holds at {@code instant}: {@code effectiveFrom <= instant < effectiveTo}. */
  public boolean isEffectiveAt(Instant instant) {
    return !instant.isBefore(effectiveFrom) && (effectiveTo.isEmpty() || instant.isBefore(effectiveTo.get()));
  }
}
