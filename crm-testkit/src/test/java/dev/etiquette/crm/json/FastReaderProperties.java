package dev.etiquette.crm.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.POJONode;
import com.fasterxml.jackson.databind.util.RawValue;
import com.google.common.reflect.ClassPath;
import dev.etiquette.crm.api.Actor;
import dev.etiquette.crm.api.Channel;
import dev.etiquette.crm.api.Page;
import dev.etiquette.crm.api.PageRequest;
import dev.etiquette.crm.api.Purpose;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.TenantSettings;
import dev.etiquette.crm.api.ValidationException;
import dev.etiquette.crm.api.Violation;
import dev.etiquette.crm.api.calendar.BusinessCalendar;
import dev.etiquette.crm.api.calendar.CalendarChoice;
import dev.etiquette.crm.api.calendar.OpenInterval;
import dev.etiquette.crm.api.contact.ContactCheck;
import dev.etiquette.crm.api.contact.ContactEntry;
import dev.etiquette.crm.api.contact.ContactId;
import dev.etiquette.crm.api.contact.ContactReceipt;
import dev.etiquette.crm.api.contact.ContactRequest;
import dev.etiquette.crm.api.contact.ContactStatus;
import dev.etiquette.crm.api.contact.RuleVerdict;
import dev.etiquette.crm.api.contact.Verdict;
import dev.etiquette.crm.api.party.AttributeDefinition;
import dev.etiquette.crm.api.party.AttributeSchema;
import dev.etiquette.crm.api.party.AttributeType;
import dev.etiquette.crm.api.party.AttributeValue;
import dev.etiquette.crm.api.party.AuditAction;
import dev.etiquette.crm.api.party.AuditEntry;
import dev.etiquette.crm.api.party.ConsentDraft;
import dev.etiquette.crm.api.party.ConsentId;
import dev.etiquette.crm.api.party.ConsentRecord;
import dev.etiquette.crm.api.party.ConsentStatus;
import dev.etiquette.crm.api.party.ContactKind;
import dev.etiquette.crm.api.party.ContactPoint;
import dev.etiquette.crm.api.party.EmailAddress;
import dev.etiquette.crm.api.party.ExternalId;
import dev.etiquette.crm.api.party.FieldChange;
import dev.etiquette.crm.api.party.LegalBasis;
import dev.etiquette.crm.api.party.Lifecycle;
import dev.etiquette.crm.api.party.LifecycleModel;
import dev.etiquette.crm.api.party.LifecycleStage;
import dev.etiquette.crm.api.party.Party;
import dev.etiquette.crm.api.party.PartyChange;
import dev.etiquette.crm.api.party.PartyDraft;
import dev.etiquette.crm.api.party.PartyId;
import dev.etiquette.crm.api.party.PartyKind;
import dev.etiquette.crm.api.party.PartyQuery;
import dev.etiquette.crm.api.party.PartyUpdate;
import dev.etiquette.crm.api.party.PhoneNumber;
import dev.etiquette.crm.api.party.PostalAddress;
import dev.etiquette.crm.api.party.Preferences;
import dev.etiquette.crm.api.party.QuietWindow;
import dev.etiquette.crm.api.party.Relationship;
import dev.etiquette.crm.api.party.RelationshipDraft;
import dev.etiquette.crm.api.party.RelationshipId;
import dev.etiquette.crm.api.party.RelationshipType;
import dev.etiquette.crm.api.party.Role;
import dev.etiquette.crm.api.party.SocialHandle;
import dev.etiquette.crm.api.party.StageChange;
import dev.etiquette.crm.api.party.Website;
import dev.etiquette.crm.api.rules.Assignee;
import dev.etiquette.crm.api.rules.CapWindow;
import dev.etiquette.crm.api.rules.ConsentRegime;
import dev.etiquette.crm.api.rules.ContactRules;
import dev.etiquette.crm.api.rules.DormancyRule;
import dev.etiquette.crm.api.rules.EscalationStep;
import dev.etiquette.crm.api.rules.EventFilter;
import dev.etiquette.crm.api.rules.FollowUpRule;
import dev.etiquette.crm.api.rules.FrequencyCap;
import dev.etiquette.crm.api.rules.ObligationRule;
import dev.etiquette.crm.api.rules.ResponseKind;
import dev.etiquette.crm.api.rules.ResponseRule;
import dev.etiquette.crm.api.rules.ResponseTarget;
import dev.etiquette.crm.api.rules.RuleRef;
import dev.etiquette.crm.api.rules.RuleSet;
import dev.etiquette.crm.api.rules.RuleSetHistory;
import dev.etiquette.crm.api.rules.Warning;
import dev.etiquette.crm.testkit.DomainArbitraries;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * The law of the fast path of {@link CrmJson#fromJson} and of the module's deserializers, for every type the
 * module reads: on what the writer writes, it reads the value itself (it does not give up), and the value
 * equals the one written and the one the strict reader reads; on damaged text (a property dropped, repeated,
 * renamed, of another JSON type, an unknown one added, properties reordered, numbers written otherwise, a
 * subtype renamed, the text cut or mangled), the fast entry point returns what the strict reader returns or
 * throws what it throws: same class, same message, same violations.
 */
class FastReaderProperties {

  /** A host application's mapper with the module, and the same with the strict reader alone. */
  private static final ObjectMapper HOST = new ObjectMapper().registerModule(CrmJson.module());
  private static final ObjectMapper HOST_STRICT = new ObjectMapper().registerModule(CrmModule.STRICT);
  /** Reads and writes trees with exact decimals. */
  private static final ObjectMapper TREES = CrmJson.newObjectMapper();

  /** Property names that every sealed interface's subtypes carry, for renaming a subtype. */
  private static final List<String> TYPE_NAMES = List.of("email", "phone", "postal", "website", "social", "string",
      "number", "boolean", "date", "enum", "rename", "add_role", "set_attribute", "assign_owner", "add_contact_point",
      "EMAIL", "Email", "fax", "", "response_rule", "follow_up_rule", "dormancy_rule", "before_deadline",
      "elapsed_fraction", "owner", "team", "role", "business", "customer", "elapsed");

  /** A value and the type to read it as. */
  record Sample(String name, JavaType type, Object value) {
    @Override
    public String toString() {
      return name + ": " + value;
    }
  }

  // ------------------------------------------------------------------------------------------------ laws

  @Property(tries = 1_000)
  void whatIsWrittenIsReadByTheFastPathAsTheStrictReaderReadsIt(@ForAll("samples") Sample sample) throws IOException {
    String json = CrmJson.toJson(sample.value());

    Object fast = CrmJson.fromJsonFast(json, ref(sample.type()))
        .orElseThrow(() -> new AssertionError("the fast path gave up on " + json));
    assertThat(fast).isEqualTo(sample.value()).isEqualTo(strict(json, sample.type()));
    assertThat(CrmJson.toJson(fast)).isEqualTo(json);
    assertThat(fromJson(json, sample.type())).isEqualTo(sample.value());
    assertThat((Object) HOST.readValue(json, sample.type())).isEqualTo(sample.value());
  }

  @Property(tries = 1_000)
  void theDirectWriterWritesWhatTheMapperWrites(@ForAll("samples") Sample sample) throws IOException {
    assertThat(CrmJson.toJson(sample.value())).isEqualTo(CrmJson.toJsonWithMapper(sample.value()));
    List<Object> list = java.util.Arrays.asList(sample.value(), sample.value());
    assertThat(CrmJson.toJson(list)).isEqualTo(CrmJson.toJsonWithMapper(list));
  }

  @Property(tries = 2_000)
  void onDamagedTextTheFastEntryPointsDoWhatTheStrictReaderDoes(@ForAll("samples") Sample sample,
      @ForAll Random random) {
    String json = damage(CrmJson.toJson(sample.value()), random);

    Object strict = outcome(() -> strict(json, sample.type()));
    assertThat(outcome(() -> fromJson(json, sample.type()))).as(json).isEqualTo(strict);
    assertThat(outcome(() -> HOST.readValue(json, sample.type()))).as(json)
        .isEqualTo(outcome(() -> HOST_STRICT.readValue(json, sample.type())));
    Statistics.label("damaged text").collect(strict instanceof String ? "rejected"
        : CrmJson.fromJsonFast(json, ref(sample.type())).isPresent() ? "read by the fast path"
        : "read by the strict reader");
    // not vacuous: most damage is rejected, yet a fair share of damaged documents is still read
    Statistics.label("damaged text").coverage(c -> {
      c.check("rejected").percentage(p -> p > 50);
      c.check("read by the fast path").percentage(p -> p > 5);
    });
  }

  @Property(tries = 300)
  void insideAHostTypeTheModuleReportsWhatTheStrictModuleReports(@ForAll Party party, @ForAll Random random) {
    String json = "{\"before\":[1,{\"a\":\"b\"}],\n\"party\":" + damage(CrmJson.toJson(party), random)
        + ",\n\"after\":\"x\"}";

    assertThat(outcome(() -> HOST.readValue(json, Holder.class))).as(json)
        .isEqualTo(outcome(() -> HOST_STRICT.readValue(json, Holder.class)));
    assertThat(outcome(() -> CrmJson.fromJson(json, Holder.class))).as(json)
        .isEqualTo(outcome(() -> CrmJson.fromJsonStrict(json, Holder.class)));
    String list = "[" + json.substring(json.indexOf("\"party\":") + 8, json.lastIndexOf(",\n\"after\"")) + "]";
    assertThat(outcome(() -> CrmJson.fromJson(list, new TypeReference<List<Party>>() {}))).as(list)
        .isEqualTo(outcome(() -> CrmJson.fromJsonStrict(list, new TypeReference<List<Party>>() {})));
  }

  /** A host application's own type with a crm-api value inside. */
  record Holder(List<Object> before, Party party, String after) {}

  @Example
  void everyTypeTheModuleReadsIsAmongTheSamples() throws IOException {
    Set<Class<?>> read = ClassPath.from(getClass().getClassLoader()).getAllClasses().stream()
        .filter(c -> c.getPackageName().equals("dev.etiquette.crm.api")
            || c.getPackageName().equals("dev.etiquette.crm.api.party")
            || c.getPackageName().equals("dev.etiquette.crm.api.calendar")
            || c.getPackageName().equals("dev.etiquette.crm.api.rules")
            || c.getPackageName().equals("dev.etiquette.crm.api.contact"))
        .map(ClassPath.ClassInfo::load)
        .filter(FastReaderProperties::isPublicApi) // not the calendar's internals, nor test classes
        .filter(DomainTypes::handles)
        .collect(Collectors.toSet());
    Set<Class<?>> sampled = new HashSet<>();
    for (Sample sample : SAMPLED_TYPES) {
      Class<?> type = sample.type().getRawClass();
      sampled.add(type);
      if (type.isSealed()) {
        sampled.addAll(List.of(type.getPermittedSubclasses()));
      }
    }
    sampled.add(PartyQuery.AttributeMatch.class); // generated inside every PartyQuery that has an attribute
    sampled.add(ResponseTarget.class); // inside every ResponseRule

    assertThat(read).hasSizeGreaterThan(40);
    assertThat(sampled).containsAll(read);
  }

  /** Whether a class is public and nested, if at all, in public classes only. */
  private static boolean isPublicApi(Class<?> type) {
    for (Class<?> c = type; c != null; c = c.getEnclosingClass()) {
      if (!java.lang.reflect.Modifier.isPublic(c.getModifiers())) {
        return false;
      }
    }
    return true;
  }

  // ------------------------------------------------------------------------------------------------ samples

  /** One sample (without a value) per type, for the check that every type is sampled. */
  private static final List<Sample> SAMPLED_TYPES = new ArrayList<>();

  private static final Arbitrary<Sample> SAMPLES = Arbitraries.oneOf(List.of(
      of(Party.class, DomainArbitraries.parties()),
      of(PartyDraft.class, DomainArbitraries.partyDrafts()),
      of(PartyUpdate.class, DomainArbitraries.partyUpdates()),
      of(PartyUpdate.class, DomainArbitraries.hostileStrings().map(s -> PartyUpdate.builder().rename(s).addTag(s)
          .build())),
      of(PartyChange.class, DomainArbitraries.partyChanges()),
      asItself(DomainArbitraries.partyChanges()),
      of(PartyQuery.class, DomainArbitraries.partyQueries()),
      of(ContactPoint.class, DomainArbitraries.contactPoints()),
      asItself(DomainArbitraries.contactPoints()),
      of(EmailAddress.class, DomainArbitraries.emailAddresses()),
      of(PhoneNumber.class, DomainArbitraries.phoneNumbers()),
      of(PostalAddress.class, DomainArbitraries.postalAddresses()),
      of(Website.class, DomainArbitraries.websites()),
      of(SocialHandle.class, DomainArbitraries.socialHandles()),
      of(AttributeValue.class, DomainArbitraries.attributeValues()),
      asItself(DomainArbitraries.attributeValues()),
      of(AttributeValue.class, DomainArbitraries.hostileStrings().map(AttributeValue.StringValue::new)),
      of(AttributeDefinition.class, DomainArbitraries.attributeDefinitions()),
      of(AttributeSchema.class, DomainArbitraries.attributeSchemas()),
      of(Preferences.class, DomainArbitraries.preferences()),
      of(QuietWindow.class, DomainArbitraries.quietWindows()),
      of(ConsentRecord.class, DomainArbitraries.consentRecords()),
      of(ConsentDraft.class, DomainArbitraries.consentDrafts()),
      of(ConsentId.class, DomainArbitraries.consentIds()),
      of(Lifecycle.class, DomainArbitraries.lifecycles()),
      of(StageChange.class, DomainArbitraries.stageChanges()),
      of(LifecycleModel.class, DomainArbitraries.lifecycleModels()),
      of(LifecycleStage.class, DomainArbitraries.lifecycleStages()),
      of(Relationship.class, DomainArbitraries.relationships()),
      of(RelationshipDraft.class, DomainArbitraries.relationshipDrafts()),
      of(RelationshipId.class, DomainArbitraries.relationshipIds()),
      of(RelationshipType.class, DomainArbitraries.relationshipTypes()),
      of(AuditEntry.class, DomainArbitraries.auditEntries()),
      of(FieldChange.class, DomainArbitraries.fieldChanges()),
      of(TenantSettings.class, DomainArbitraries.tenantSettings()),
      of(TenantId.class, DomainArbitraries.tenantIds()),
      of(Actor.class, DomainArbitraries.actors()),
      of(PartyId.class, DomainArbitraries.partyIds()),
      of(ExternalId.class, DomainArbitraries.externalIds()),
      of(PageRequest.class, DomainArbitraries.pageRequests()),
      of(Violation.class, DomainArbitraries.violations()),
      of(new TypeReference<Page<Party>>() {}, DomainArbitraries.pages(DomainArbitraries.parties())),
      of(new TypeReference<Page<AuditEntry>>() {}, DomainArbitraries.pages(DomainArbitraries.auditEntries())),
      of(new TypeReference<Page<Relationship>>() {}, DomainArbitraries.pages(DomainArbitraries.relationships())),
      of(new TypeReference<Page<PartyId>>() {}, DomainArbitraries.pages(DomainArbitraries.partyIds())),
      of(BusinessCalendar.class, DomainArbitraries.businessCalendars()),
      of(OpenInterval.class, DomainArbitraries.openIntervals()),
      of(CalendarChoice.class, DomainArbitraries.calendarChoices()),
      asItself(DomainArbitraries.calendarChoices()),
      of(RuleSet.class, DomainArbitraries.ruleSets()),
      of(RuleSetHistory.class, DomainArbitraries.ruleSetHistories()),
      of(RuleRef.class, DomainArbitraries.ruleRefs()),
      of(ObligationRule.class, DomainArbitraries.obligationRules()),
      asItself(DomainArbitraries.obligationRules()),
      of(ResponseRule.class, DomainArbitraries.responseRules()),
      of(FollowUpRule.class, DomainArbitraries.followUpRules()),
      of(DormancyRule.class, DomainArbitraries.dormancyRules()),
      of(EventFilter.class, DomainArbitraries.eventFilters()),
      of(Warning.class, DomainArbitraries.warnings()),
      asItself(DomainArbitraries.warnings()),
      of(EscalationStep.class, DomainArbitraries.escalationSteps()),
      of(Assignee.class, DomainArbitraries.assignees()),
      asItself(DomainArbitraries.assignees()),
      of(ContactRules.class, DomainArbitraries.contactRules()),
      of(ContactId.class, DomainArbitraries.contactIds()),
      of(ContactRequest.class, DomainArbitraries.contactRequests()),
      of(RuleVerdict.class, DomainArbitraries.ruleVerdicts()),
      of(ContactReceipt.class, DomainArbitraries.contactReceipts()),
      of(ContactEntry.class, DomainArbitraries.contactEntries()),
      of(FrequencyCap.class, DomainArbitraries.frequencyCaps().filter(caps -> !caps.isEmpty()).map(c -> c.get(0))),
      of(CapWindow.class, DomainArbitraries.capWindows()),
      asItself(DomainArbitraries.capWindows()),
      anEnum(Channel.class), anEnum(Purpose.class), anEnum(AttributeType.class), anEnum(AuditAction.class),
      anEnum(ConsentStatus.class), anEnum(ContactKind.class), anEnum(LegalBasis.class), anEnum(PartyKind.class),
      anEnum(Role.class), anEnum(ResponseKind.class), anEnum(ConsentRegime.class),
      anEnum(ContactCheck.class), anEnum(ContactStatus.class), anEnum(Verdict.class)));

  @Provide
  Arbitrary<Sample> samples() {
    return SAMPLES;
  }

  private static <T> Arbitrary<Sample> of(Class<T> type, Arbitrary<? extends T> values) {
    JavaType javaType = TREES.constructType(type);
    SAMPLED_TYPES.add(new Sample(type.getSimpleName(), javaType, null));
    return values.map(v -> new Sample(type.getSimpleName(), javaType, v));
  }

  private static <T> Arbitrary<Sample> of(TypeReference<T> type, Arbitrary<? extends T> values) {
    JavaType javaType = TREES.constructType(type);
    SAMPLED_TYPES.add(new Sample(javaType.toString(), javaType, null));
    return values.map(v -> new Sample(javaType.toString(), javaType, v));
  }

  /** Values of a sealed interface read as their own record class, whose {@code type} is its own name. */
  private static Arbitrary<Sample> asItself(Arbitrary<?> values) {
    return values.map(v -> new Sample(v.getClass().getSimpleName(), TREES.constructType(v.getClass()), v));
  }

  private static <E extends Enum<E>> Arbitrary<Sample> anEnum(Class<E> type) {
    return of(type, Arbitraries.of(type));
  }

  // ------------------------------------------------------------------------------------------------ reading

  private static Object fromJson(String json, JavaType type) {
    return CrmJson.fromJson(json, ref(type));
  }

  private static Object strict(String json, JavaType type) {
    return CrmJson.fromJsonStrict(json, ref(type));
  }

  /** A type reference to a resolved type ({@code JavaType} is a {@code java.lang.reflect.Type} to Jackson). */
  private static TypeReference<Object> ref(JavaType type) {
    return new TypeReference<>() {
      @Override
      public java.lang.reflect.Type getType() {
        return type;
      }
    };
  }

  /** The value read, or what was thrown: its class, message and, for a validation exception, violations. */
  private static Object outcome(Callable<?> read) {
    try {
      return read.call();
    } catch (ValidationException e) {
      return e.getClass().getName() + ": " + e.getMessage() + " " + e.violations();
    } catch (Exception e) {
      return e.getClass().getName() + ": " + e.getMessage();
    }
  }

  // ------------------------------------------------------------------------------------------------ damage

  /** One or two changes to the document, as a tree or as text. */
  static String damage(String json, Random random) {
    JsonNode root;
    try {
      root = TREES.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ObjectNode twiceIn = null;
    String twice = null;
    int changes = 1 + random.nextInt(2);
    boolean textual = false;
    for (int i = 0; i < changes; i++) {
      List<Slot> slots = new ArrayList<>();
      slots(root, slots);
      if (slots.isEmpty() || random.nextInt(12) == 0) {
        textual = true;
        continue;
      }
      int kind = random.nextInt(11);
      // number and string forms go to numbers and strings, where the subtle equivalences are
      List<Slot> candidates = slots.stream()
          .filter(s -> kind == 5 ? s.value().isNumber() : kind != 6 || s.value().isTextual())
          .collect(Collectors.toList());
      Slot slot = (candidates.isEmpty() ? slots : candidates).get(random.nextInt(
          candidates.isEmpty() ? slots.size() : candidates.size()));
      switch (kind) {
        case 0 -> slot.remove();
        case 1 -> {
          if (slot.object() != null) {
            twiceIn = slot.object();
            twice = slot.name();
          } else {
            slot.array().add(slot.value().deepCopy()); // a repeated item
          }
        }
        case 2 -> slot.replace(OTHER_VALUES.get(random.nextInt(OTHER_VALUES.size())).apply(slot.value()));
        case 3 -> {
          ObjectNode target = slot.value() instanceof ObjectNode o ? o : slot.object();
          if (target != null) {
            target.put(random.nextBoolean() ? "unknown" : "Type", 1);
          }
        }
        case 4 -> {
          if (slot.object() != null) {
            slot.object().remove(slot.name());
            slot.object().set(slot.name().toUpperCase(java.util.Locale.ROOT) + "x", slot.value());
          }
        }
        case 5 -> slot.replace(raw(numberForm(slot.value(), random)));
        case 6 -> {
          if (slot.value().isTextual()) {
            slot.replace(JsonNodeFactory.instance.textNode(stringForm(slot.value().textValue(), random)));
          }
        }
        case 7 -> {
          ObjectNode target = slot.value() instanceof ObjectNode o ? o : slot.object();
          if (target != null) {
            shuffle(target, random);
          }
        }
        case 8 -> {
          if ("type".equals(slot.name())) {
            slot.replace(JsonNodeFactory.instance.textNode(TYPE_NAMES.get(random.nextInt(TYPE_NAMES.size()))));
          } else {
            slot.remove();
          }
        }
        case 9 -> slot.replace(JsonNodeFactory.instance.nullNode());
        default -> slot.replace(JsonNodeFactory.instance.arrayNode().add(slot.value()));
      }
    }
    String text = write(root, twiceIn, twice);
    return textual ? mangle(text, random) : text;
  }

  /** Where a value sits: a property of an object or an item of an array. */
  private record Slot(ObjectNode object, String name, ArrayNode array, int index, JsonNode value) {
    void remove() {
      if (object != null) {
        object.remove(name);
      } else {
        array.remove(index);
      }
    }

    void replace(JsonNode with) {
      if (object != null) {
        object.set(name, with);
      } else {
        array.set(index, with);
      }
    }
  }

  private static void slots(JsonNode node, List<Slot> out) {
    if (node instanceof ObjectNode object) {
      for (Map.Entry<String, JsonNode> property : object.properties()) {
        out.add(new Slot(object, property.getKey(), null, -1, property.getValue()));
        slots(property.getValue(), out);
      }
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        out.add(new Slot(null, null, array, i, array.get(i)));
        slots(array.get(i), out);
      }
    }
  }

  /** Values of every JSON type, some looking like values of the format. */
  private static final List<Function<JsonNode, JsonNode>> OTHER_VALUES = List.of(
      v -> JsonNodeFactory.instance.textNode(v.isTextual() ? v.textValue() + " " : v.toString()),
      v -> JsonNodeFactory.instance.numberNode(1),
      v -> raw("1.0"),
      v -> raw("1e2"),
      v -> raw("-0"),
      v -> raw("123456789012345678901234567890"),
      v -> JsonNodeFactory.instance.booleanNode(true),
      v -> JsonNodeFactory.instance.objectNode(),
      v -> JsonNodeFactory.instance.arrayNode(),
      v -> JsonNodeFactory.instance.textNode("2024-01-31T09:30:00Z"),
      v -> JsonNodeFactory.instance.textNode("2024-01-31"),
      v -> JsonNodeFactory.instance.textNode("21:00"),
      v -> JsonNodeFactory.instance.textNode("CUSTOMER"),
      v -> JsonNodeFactory.instance.textNode("acme"),
      v -> JsonNodeFactory.instance.textNode("Europe/Berlin"),
      v -> JsonNodeFactory.instance.textNode("PT4H"),
      v -> JsonNodeFactory.instance.textNode("P1D"),
      v -> raw("0.75"),
      v -> JsonNodeFactory.instance.objectNode().put("type", "email").put("address", "a@b.co").put("primary", true),
      v -> JsonNodeFactory.instance.objectNode().put("type", "number").put("value", 1));

  /** The same number written otherwise, or a number near it; any other value as a number. */
  private static String numberForm(JsonNode value, Random random) {
    String text = value.isNumber() ? value.asText() : String.valueOf(value.size());
    if (value.isBigDecimal()) {
      text = value.decimalValue().toString();
    }
    return switch (random.nextInt(10)) {
      case 0 -> text + ".0";
      case 8 -> plus2To32(text);
      case 1 -> text + "e0";
      case 2 -> text.startsWith("-") ? text.substring(1) : "-" + text;
      case 3 -> text + "0000000000000000000";
      case 4 -> "0" + text;
      case 5 -> text.contains("E") ? text.replace("E", "e") : text + "E+1";
      case 6 -> "9223372036854775807";
      case 7 -> "2147483648";
      default -> "-9223372036854775809";
    };
  }

  /** The integer plus 2^32: the same {@code int} when cut to 32 bits. */
  private static String plus2To32(String text) {
    try {
      return String.valueOf(Long.parseLong(text) + (1L << 32));
    } catch (NumberFormatException e) {
      return text + "1";
    }
  }

  private static String stringForm(String text, Random random) {
    return switch (random.nextInt(6)) {
      case 0 -> text.toLowerCase(java.util.Locale.ROOT);
      case 1 -> text.toUpperCase(java.util.Locale.ROOT);
      case 2 -> " " + text;
      case 3 -> "";
      case 4 -> text.isEmpty() ? "x" : text.substring(0, text.length() - 1);
      default -> text + "\u0000";
    };
  }

  private static JsonNode raw(String text) {
    return new POJONode(new RawValue(text));
  }

  private static void shuffle(ObjectNode object, Random random) {
    List<Map.Entry<String, JsonNode>> properties = new ArrayList<>(object.properties());
    Collections.shuffle(properties, random);
    object.removeAll();
    properties.forEach(p -> object.set(p.getKey(), p.getValue()));
  }

  /** Deletes, inserts, replaces or cuts off a few characters, or adds something after the document. */
  private static String mangle(String json, Random random) {
    StringBuilder out = new StringBuilder(json);
    String nasty = "{}[]\":,0-1e.tfnu\\ \u0000x\uD83D";
    int at = random.nextInt(out.length());
    char c = nasty.charAt(random.nextInt(nasty.length()));
    switch (random.nextInt(5)) {
      case 0 -> out.deleteCharAt(at);
      case 1 -> out.insert(at, c);
      case 2 -> out.setCharAt(at, c);
      case 3 -> out.setLength(at);
      default -> out.append(random.nextBoolean() ? " x" : " {}");
    }
    return out.toString();
  }

  /** The tree as text; the property {@code twice} of {@code twiceIn} is written twice. */
  private static String write(JsonNode root, ObjectNode twiceIn, String twice) {
    StringWriter out = new StringWriter();
    try (JsonGenerator gen = TREES.getFactory().createGenerator(out)) {
      write(root, gen, twiceIn, twice);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private static void write(JsonNode node, JsonGenerator gen, ObjectNode twiceIn, String twice) throws IOException {
    if (node instanceof ObjectNode object) {
      gen.writeStartObject();
      for (Map.Entry<String, JsonNode> property : object.properties()) {
        int times = object == twiceIn && property.getKey().equals(twice) ? 2 : 1;
        for (int i = 0; i < times; i++) {
          gen.writeFieldName(property.getKey());
          write(property.getValue(), gen, twiceIn, twice);
        }
      }
      gen.writeEndObject();
    } else if (node instanceof ArrayNode array) {
      gen.writeStartArray();
      for (JsonNode item : array) {
        write(item, gen, twiceIn, twice);
      }
      gen.writeEndArray();
    } else {
      TREES.writeTree(gen, node);
    }
  }
}
