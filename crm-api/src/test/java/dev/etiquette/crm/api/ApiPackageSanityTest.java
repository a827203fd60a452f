package dev.etiquette.crm.api;

/**
 * Package sanity checks (nulls, equals/hashCode, serialization) over the public API of
 * {@code dev.etiquette.crm.api}: ids, actor, paging, settings, violations and the exception hierarchy.
 */
class ApiPackageSanityTest extends CrmPackageSanityTests {
}
