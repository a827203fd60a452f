/**
 * The way in: {@link dev.etiquette.crm.Crm}. Build one with {@link dev.etiquette.crm.Crm#builder()}, then
 * work with one tenant at a time through {@link dev.etiquette.crm.Crm#tenant(dev.etiquette.crm.api.TenantId,
 * dev.etiquette.crm.api.Actor)}.
 *
 * <p>Packages named {@code internal} hold the implementation. They are not part of the API, may change in
 * any release, and are left out of the Javadoc.
 */
package dev.etiquette.crm;
