/**
 * The ports through which the library reaches the world: storage and id generation. Integrators
 * implement these to keep the library's records in a store of their choice; the crm-testkit module's
 * contract suite proves an implementation.
 *
 * <p>Rules every storage implementation follows, stated once here and tested once in the contract suite:
 * <ul>
 *   <li><b>Tenant isolation.</b> Every method takes a {@link dev.etiquette.crm.api.TenantId} and reads or
 *       changes only that tenant's records. A record of another tenant is indistinguishable from a
 *       missing one.</li>
 *   <li><b>Optimistic concurrency.</b> An update names the version it replaces. When the stored version
 *       differs, the update throws {@link dev.etiquette.crm.api.VersionConflictException} and changes
 *       nothing.</li>
 *   <li><b>Unique keys.</b> An insert or update that would give a record a key another record of the same
 *       tenant holds throws {@link dev.etiquette.crm.api.DuplicateKeyException} and changes nothing.</li>
 *   <li><b>Not found.</b> Lookups return {@link java.util.Optional#empty()} or an empty list; they never
 *       throw for a missing record.</li>
 *   <li><b>Atomicity.</b> Everything done in one {@link dev.etiquette.crm.api.spi.Storage#write} call
 *       commits together or not at all.</li>
 *   <li><b>Bounded cost.</b> A store meant to keep a real history serves every lookup and every page with
 *       an index that leads with the tenant (for timelines: tenant, party or conversation, then position),
 *       and keeps derived data such as a party's last contact per channel up to date on insert rather than
 *       computing it by scanning; so recording an interaction or reading a page costs the same with a
 *       thousand interactions stored or a million. (The contract suite cannot observe this; an example
 *       store may scan.)</li>
 *   <li><b>Exceptions.</b> Besides the two above, a store throws only
 *       {@link dev.etiquette.crm.api.StorageException} (with the operation and whether a retry can help);
 *       no driver exception escapes.</li>
 * </ul>
 */
package dev.etiquette.crm.api.spi;
