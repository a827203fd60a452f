package dev.etiquette.crm.api.spi;

import dev.etiquette.crm.api.CrmPackageSanityTests;

/**
 * Package sanity checks (nulls, equals/hashCode) over {@code dev.etiquette.crm.api.spi}: the records that
 * cross the storage ports, and the static methods of the port interfaces.
 */
class SpiPackageSanityTest extends CrmPackageSanityTests {
}
