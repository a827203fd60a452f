/**
 * JSON for crm-api values, with Jackson. The entry point is {@link dev.etiquette.crm.json.CrmJson}: its
 * {@link dev.etiquette.crm.json.CrmJson#module() module} for a host application's own
 * {@code ObjectMapper}, a {@link dev.etiquette.crm.json.CrmJson#newObjectMapper() ready mapper}, and
 * {@link dev.etiquette.crm.json.CrmJson#toJson toJson}/{@link dev.etiquette.crm.json.CrmJson#fromJson
 * fromJson}, which throw {@link dev.etiquette.crm.api.ValidationException} instead of Jackson's exceptions.
 * crm-api itself carries no Jackson annotation.
 *
 * <h2>The format</h2>
 *
 * <p>It is stable: stored JSON stays readable across versions, and a change to it is a breaking change.
 * {@code CrmJsonTest} pins it.
 *
 * <ul>
 *   <li><b>Records</b> are objects whose properties are the record's components, by name, in declaration
 *       order: {@code {"limit":50,"cursor":"abc"}}.</li>
 *   <li><b>Ids and names</b> ({@code TenantId}, {@code Actor}, {@code PartyId}, {@code RelationshipId},
 *       {@code ConsentId}, {@code LifecycleStage}, {@code RelationshipType}, {@code InteractionId},
 *       {@code ConversationId}) are plain strings:
 *       {@code "acme"}. They are also map keys in a host application's own types.</li>
 *   <li><b>Sealed interfaces</b> are objects with a {@code "type"} property, written first, naming the
 *       subtype:
 *       <ul>
 *         <li>{@code ContactPoint}: {@code email}, {@code phone}, {@code postal}, {@code website},
 *             {@code social} (the {@code ContactKind}, lower case);</li>
 *         <li>{@code AttributeValue}: {@code string}, {@code number}, {@code boolean}, {@code date},
 *             {@code enum} (the {@code AttributeType}, lower case), with the value in {@code "value"};</li>
 *         <li>the calendar and rules packages' sealed interfaces ({@code CalendarChoice}, {@code ObligationRule},
 *             {@code Warning}, {@code Assignee}): the record's simple name in lower snake case
 *             ({@code business}, {@code response_rule}, {@code elapsed_fraction}, {@code owner}); rule files are
 *             described in {@code docs/rules.md};</li>
 *         <li>{@code PartyChange}: the record's simple name in lower snake case: {@code rename},
 *             {@code add_role}, {@code remove_role}, {@code add_external_id}, {@code remove_external_id},
 *             {@code add_contact_point}, {@code remove_contact_point}, {@code make_primary},
 *             {@code set_preferences}, {@code set_do_not_contact}, {@code assign_owner},
 *             {@code assign_team}, {@code add_tag}, {@code remove_tag}, {@code set_attribute},
 *             {@code remove_attribute}.</li>
 *       </ul>
 *       Example: {@code {"type":"email","address":"ada@example.com","label":"work","primary":true}}.</li>
 *   <li><b>Enums</b> are their constant's name: {@code "OPTED_IN"}.</li>
 *   <li><b>{@code Optional}</b>: an empty one is left out; on reading, a missing property or {@code null}
 *       is empty.</li>
 *   <li><b>Instants</b> are ISO-8601 strings in UTC as {@link java.time.Instant#toString()} writes them
 *       ({@code "2024-01-31T09:30:00Z"}, {@code "2024-01-31T09:30:00.123456Z"}), never numbers. Dates are
 *       {@code "2024-01-31"}, local times {@code "21:00"} or {@code "21:00:30"}, time zones their id
 *       ({@code "Europe/Berlin"}), locales their BCP 47 language tag ({@code "en-GB"}).</li>
 *   <li><b>Durations</b> are ISO-8601 strings with days of 24 hours and no years, months or weeks: the writer
 *       writes days when there is a day or more, then hours, minutes and seconds ({@code "PT4H"},
 *       {@code "PT1H30M"}, {@code "P3D"}, {@code "P1DT2H"}, {@code "PT0.5S"}, {@code "PT0S"}, {@code "-PT4H"});
 *       the reader accepts any text of the form {@code -?P(nD)?(T(nH)?(nM)?(n(.f)?S)?)?} with at least one part,
 *       in upper case ({@code "PT90M"}, {@code "P0D"}), and nothing else: no {@code "pt4h"}, {@code "P1W"},
 *       {@code "PT1,5S"}, no number.</li>
 *   <li><b>Numbers</b>: {@code long} and {@code int} are JSON integers; decimals ({@code BigDecimal}) are
 *       JSON numbers written exactly ({@code 0.1000000000000000055511151231257827}, {@code 1E+400}) and
 *       read exactly, never through {@code double}.</li>
 *   <li><b>Collections</b> are arrays. Sets are written in a fixed order (natural order when the elements
 *       are comparable, otherwise by their JSON), maps as objects with their keys sorted, enum keys by
 *       name ({@code "quietHours":{"EMAIL":[...],"PHONE":[...]}}), date keys as ISO dates
 *       ({@code "specialDates":{"2026-12-24":[...]}}). So equal values give byte-identical
 *       JSON, whatever order their collections were built in.</li>
 *   <li><b>{@code Page<T>}</b> is {@code {"items":[...],"nextCursor":"..."}}; read it with the element
 *       type given, {@code new TypeReference<Page<Party>>() {}}. Items of a host application's own types
 *       are read and written by Jackson with the mapper's configuration.</li>
 * </ul>
 *
 * <h2>Reading is strict</h2>
 *
 * <p>Properties may come in any order, the {@code "type"} of a sealed interface included. Everything else
 * that a writer of this format would not produce is an error: an unknown or repeated property; a missing
 * property that is not an {@code Optional} (collections included); {@code null} where a value is required
 * or inside a collection; a JSON type other than the one expected (no {@code "5"} for {@code 5}, no
 * {@code 1} for {@code true}, no number for an instant); an unknown enum constant or subtype name; a
 * repeated element of a set; and any value that a record's constructor rejects. All problems of one
 * document are reported together, each with its JSON path, line and column, offending value and expected
 * form. A problem a record's constructor reports with a path to a value inside the record
 * ({@code RuleSet}'s {@code obligations[2].targets[0].within}) is reported at that value's JSON path, line and
 * column ({@code $.obligations[2].targets[0].within (line 31, column 23)}); any other keeps the constructor's
 * path after the record's JSON path ({@code $.tenantId: tenantId (line 1, column 14)}). A constructor runs only
 * on values that could be read, so a document's problems of form (types, names, properties) hide those its
 * constructors would find, until they are fixed. Offending values that may be personal data (email addresses, phone numbers, names, postal
 * addresses) are masked in messages.
 *
 * <h2>Reading is fast when the document is valid</h2>
 *
 * <p>A valid document is bound straight from the parser's tokens to the records: no tree, no path, no
 * locations, integers without {@code BigInteger}, instants as {@code toJson} writes them without
 * {@code DateTimeFormatter}. At the first thing that is not plainly valid (any of the problems above, a
 * sealed interface's {@code "type"} that is not the object's first property, an item of a host application's
 * type in a {@code Page}, anything the parser throws) the document is read again, from the start, by the
 * strict reader. So the outcome is always the strict reader's: the same value, or the same exception with
 * the same violations, paths, lines and columns. Inside a host application's {@code ObjectMapper}, where the
 * input cannot be read twice, the module keeps the tokens it has read (with their locations) while it binds,
 * and gives them, then the rest of the stream, to the strict reader if it gives up; that costs a little more
 * than {@code fromJson}, which can read the text again.
 */
package dev.etiquette.crm.json;
