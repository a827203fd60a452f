package dev.etiquette.crm.api.spi;

import dev.etiquette.crm.api.CrmPackageSanityTests;
import dev.etiquette.crm.api.interaction.InteractionId;
import dev.etiquette.crm.api.obligation.ObligationId;

/**
 * Package sanity checks (nulls, equals/hashCode) over {@code dev.etiquette.crm.api.spi}: the records that
 * cross the storage ports, and the static methods of the port interfaces.
 */
class SpiPackageSanityTest extends CrmPackageSanityTests {

  SpiPackageSanityTest() {
    // TimelinePosition names an interaction; the testers cannot invent an id of the documented format
    distinct(InteractionId.class, new InteractionId("i-1"), new InteractionId("i-2"));
    distinct(ObligationId.class, new ObligationId("o-1"), new ObligationId("o-2"));
  }
}
