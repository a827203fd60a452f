/**
 * The public API of Etiquette CRM: identifiers, shared enumerations, paging, the tenant-scoped entry
 * interface {@link dev.etiquette.crm.api.CrmTenant} and the one unchecked exception hierarchy rooted at
 * {@link dev.etiquette.crm.api.CrmException}.
 *
 * <p>Conventions that hold for every type in this module:
 * <ul>
 *   <li>Values are immutable records. Their constructors reject {@code null} with a
 *       {@link java.lang.NullPointerException} naming the component; absent values are
 *       {@link java.util.Optional#empty()}, never {@code null}. Collections are immutable copies.</li>
 *   <li>Inputs (drafts, updates, queries) may be built with invalid content; the library validates them
 *       when they are submitted and reports <em>every</em> problem at once in a
 *       {@link dev.etiquette.crm.api.ValidationException}. Nothing is stored when any input is invalid.</li>
 *   <li>Methods never return {@code null}.</li>
 * </ul>
 */
package dev.etiquette.crm.api;
