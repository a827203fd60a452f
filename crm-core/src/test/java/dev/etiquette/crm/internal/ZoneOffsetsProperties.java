package dev.etiquette.crm.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link ZoneOffsets} answers as {@code Instant.atZone} does, over instants around the DST changes of 2026 and
 * across the years 1900 to 2100, in zones with and without DST, asked in an order that jumps between them (so the
 * remembered stretch is both reused and replaced).
 */
class ZoneOffsetsProperties {

  @Provide
  Arbitrary<Instant> instants() {
    Arbitrary<Instant> nearChanges = Arbitraries.of(Instant.parse("2026-03-08T10:00:00Z"),
            Instant.parse("2026-11-01T09:00:00Z"), Instant.parse("2026-04-04T14:00:00Z"),
            Instant.parse("2026-03-29T01:00:00Z"))
        .flatMap(t -> Arbitraries.longs().between(-7_200, 7_200).map(t::plusSeconds));
    Arbitrary<Instant> anywhere = Arbitraries.longs().between(Instant.parse("1900-01-01T00:00:00Z").getEpochSecond(),
        Instant.parse("2100-01-01T00:00:00Z").getEpochSecond()).map(Instant::ofEpochSecond);
    return Arbitraries.oneOf(nearChanges, anywhere);
  }

  @Provide
  Arbitrary<ZoneId> zones() {
    return Arbitraries.of(List.of("America/Los_Angeles", "America/New_York", "Pacific/Auckland", "Asia/Tokyo",
        "Europe/Berlin", "Australia/Lord_Howe", "UTC", "+05:30")).map(ZoneId::of);
  }

  @Property(tries = 20_000)
  void answersAsAtZone(@ForAll("instants") Instant instant, @ForAll("zones") ZoneId zone) {
    assertThat(ZoneOffsets.local(instant, zone)).isEqualTo(instant.atZone(zone).toLocalDateTime());
    assertThat(ZoneOffsets.offset(instant, zone)).isEqualTo(zone.getRules().getOffset(instant));
  }
}
