package dev.etiquette.crm.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.etiquette.crm.api.Actor;
import dev.etiquette.crm.api.Channel;
import dev.etiquette.crm.api.Purpose;
import dev.etiquette.crm.api.Page;
import dev.etiquette.crm.api.PageRequest;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.TenantSettings;
import dev.etiquette.crm.api.ValidationException;
import dev.etiquette.crm.api.Violation;
import dev.etiquette.crm.api.calendar.BusinessCalendar;
import dev.etiquette.crm.api.calendar.CalendarChoice;
import dev.etiquette.crm.api.interaction.Conversation;
import dev.etiquette.crm.api.interaction.ConversationId;
import dev.etiquette.crm.api.interaction.Interaction;
import dev.etiquette.crm.api.interaction.InteractionDraft;
import dev.etiquette.crm.api.interaction.InteractionId;
import dev.etiquette.crm.api.notification.Notification;
import dev.etiquette.crm.api.obligation.AssignedTo;
import dev.etiquette.crm.api.obligation.EscalationPoint;
import dev.etiquette.crm.api.obligation.Obligation;
import dev.etiquette.crm.api.obligation.ObligationEvent;
import dev.etiquette.crm.api.obligation.ObligationId;
import dev.etiquette.crm.api.obligation.ObligationQuery;
import dev.etiquette.crm.api.party.AttributeSchema;
import dev.etiquette.crm.api.party.AttributeValue;
import dev.etiquette.crm.api.party.AuditEntry;
import dev.etiquette.crm.api.party.ConsentDraft;
import dev.etiquette.crm.api.party.ConsentId;
import dev.etiquette.crm.api.party.ConsentRecord;
import dev.etiquette.crm.api.party.ContactPoint;
import dev.etiquette.crm.api.party.ExternalId;
import dev.etiquette.crm.api.party.FieldChange;
import dev.etiquette.crm.api.party.Lifecycle;
import dev.etiquette.crm.api.party.LifecycleModel;
import dev.etiquette.crm.api.party.LifecycleStage;
import dev.etiquette.crm.api.party.Party;
import dev.etiquette.crm.api.party.PartyChange;
import dev.etiquette.crm.api.party.PartyDraft;
import dev.etiquette.crm.api.party.PartyId;
import dev.etiquette.crm.api.party.PartyQuery;
import dev.etiquette.crm.api.party.PartyUpdate;
import dev.etiquette.crm.api.party.Preferences;
import dev.etiquette.crm.api.party.QuietWindow;
import dev.etiquette.crm.api.party.Relationship;
import dev.etiquette.crm.api.party.RelationshipDraft;
import dev.etiquette.crm.api.party.RelationshipId;
import dev.etiquette.crm.api.party.RelationshipType;
import dev.etiquette.crm.api.party.StageChange;
import dev.etiquette.crm.api.rules.Assignee;
import dev.etiquette.crm.api.rules.EscalationStep;
import dev.etiquette.crm.api.rules.EventFilter;
import dev.etiquette.crm.api.rules.ObligationRule;
import dev.etiquette.crm.api.rules.RuleRef;
import dev.etiquette.crm.api.rules.RuleSet;
import dev.etiquette.crm.api.rules.RuleSetHistory;
import dev.etiquette.crm.api.rules.Warning;
import dev.etiquette.crm.testkit.DomainArbitraries;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The laws of the JSON format, for every top-level value type of crm-api: reading what was written gives
 * an equal value; writing is deterministic (twice the same value, or the value read back, give identical
 * JSON); the order of properties does not matter when reading; and no input whatsoever gets anything but a
 * {@link ValidationException} out of {@link CrmJson#fromJson}.
 */
@PropertyDefaults(tries = 200)
class JsonRoundTripProperties {

  private static final ObjectMapper PLAIN = new ObjectMapper().registerModule(CrmJson.module());
  /** Reads trees with exact decimals. */
  private static final ObjectMapper TREES = CrmJson.newObjectMapper();

  // ------------------------------------------------------------------------------------------------ round trips

  @Property
  void party(@ForAll Party value) {
    assertRoundTrip(value, Party.class);
  }

  @Property
  void partyDraft(@ForAll PartyDraft value) {
    assertRoundTrip(value, PartyDraft.class);
  }

  @Property
  void partyUpdate(@ForAll PartyUpdate value) {
    assertRoundTrip(value, PartyUpdate.class);
  }

  @Property
  void partyChange(@ForAll PartyChange value) {
    assertRoundTrip(value, PartyChange.class);
  }

  @Property
  void partyQuery(@ForAll PartyQuery value) {
    assertRoundTrip(value, PartyQuery.class);
  }

  @Property
  void contactPoint(@ForAll ContactPoint value) {
    assertRoundTrip(value, ContactPoint.class);
  }

  @Property
  void attributeValue(@ForAll AttributeValue value) {
    assertRoundTrip(value, AttributeValue.class);
  }

  @Property
  void preferences(@ForAll Preferences value) {
    assertRoundTrip(value, Preferences.class);
  }

  @Property
  void quietWindow(@ForAll QuietWindow value) {
    assertRoundTrip(value, QuietWindow.class);
  }

  @Property
  void consentRecord(@ForAll ConsentRecord value) {
    assertRoundTrip(value, ConsentRecord.class);
  }

  @Property
  void consentDraft(@ForAll ConsentDraft value) {
    assertRoundTrip(value, ConsentDraft.class);
  }

  @Property
  void lifecycle(@ForAll Lifecycle value) {
    assertRoundTrip(value, Lifecycle.class);
  }

  @Property
  void stageChange(@ForAll StageChange value) {
    assertRoundTrip(value, StageChange.class);
  }

  @Property
  void relationship(@ForAll Relationship value) {
    assertRoundTrip(value, Relationship.class);
  }

  @Property
  void relationshipDraft(@ForAll RelationshipDraft value) {
    assertRoundTrip(value, RelationshipDraft.class);
  }

  @Property
  void auditEntry(@ForAll AuditEntry value) {
    assertRoundTrip(value, AuditEntry.class);
  }

  @Property
  void fieldChange(@ForAll FieldChange value) {
    assertRoundTrip(value, FieldChange.class);
  }

  @Property
  void tenantSettings(@ForAll TenantSettings value) {
    assertRoundTrip(value, TenantSettings.class);
  }

  @Property
  void lifecycleModel(@ForAll LifecycleModel value) {
    assertRoundTrip(value, LifecycleModel.class);
  }

  @Property
  void attributeSchema(@ForAll AttributeSchema value) {
    assertRoundTrip(value, AttributeSchema.class);
  }

  @Property
  void pageRequest(@ForAll PageRequest value) {
    assertRoundTrip(value, PageRequest.class);
  }

  @Property
  void pageOfParties(@ForAll Page<Party> value) {
    assertRoundTrip(value, new TypeReference<Page<Party>>() {});
  }

  @Property
  void pageOfAuditEntries(@ForAll Page<AuditEntry> value) {
    assertRoundTrip(value, new TypeReference<Page<AuditEntry>>() {});
  }

  @Property
  void pageOfRelationships(@ForAll Page<Relationship> value) {
    assertRoundTrip(value, new TypeReference<Page<Relationship>>() {});
  }

  @Property
  void interaction(@ForAll Interaction value) {
    assertRoundTrip(value, Interaction.class);
  }

  @Property
  void interactionDraft(@ForAll InteractionDraft value) {
    assertRoundTrip(value, InteractionDraft.class);
  }

  @Property
  void conversation(@ForAll Conversation value) {
    assertRoundTrip(value, Conversation.class);
  }

  @Property
  void pageOfInteractions(@ForAll Page<Interaction> value) {
    assertRoundTrip(value, new TypeReference<Page<Interaction>>() {});
  }

  @Property
  void violation(@ForAll Violation value) {
    assertRoundTrip(value, Violation.class);
  }

  @Property
  void externalId(@ForAll ExternalId value) {
    assertRoundTrip(value, ExternalId.class);
  }

  @Property
  void businessCalendar(@ForAll BusinessCalendar value) {
    assertRoundTrip(value, BusinessCalendar.class);
  }

  @Property
  void calendarChoice(@ForAll CalendarChoice value) {
    assertRoundTrip(value, CalendarChoice.class);
  }

  @Property
  void ruleSet(@ForAll RuleSet value) {
    assertRoundTrip(value, RuleSet.class);
    assertThat(RuleSetJson.fromJson(RuleSetJson.toJson(value))).isEqualTo(value);
    assertThat(RuleSetJson.toJson(RuleSetJson.fromJson(RuleSetJson.toJson(value))))
        .isEqualTo(RuleSetJson.toJson(value));
  }

  @Property
  void obligationRule(@ForAll ObligationRule value) {
    assertRoundTrip(value, ObligationRule.class);
  }

  @Property
  void ruleSetHistory(@ForAll RuleSetHistory value) {
    assertRoundTrip(value, RuleSetHistory.class);
  }

  @Property
  void ruleRef(@ForAll RuleRef value) {
    assertRoundTrip(value, RuleRef.class);
  }

  @Property
  void obligation(@ForAll Obligation value) {
    assertRoundTrip(value, Obligation.class);
  }

  @Property
  void obligationParts(@ForAll ObligationEvent event, @ForAll EscalationPoint point, @ForAll AssignedTo assignee,
      @ForAll ObligationQuery query) {
    assertRoundTrip(event, ObligationEvent.class);
    assertRoundTrip(point, EscalationPoint.class);
    assertRoundTrip(assignee, AssignedTo.class);
    assertRoundTrip(query, ObligationQuery.class);
  }

  @Property
  void notification(@ForAll Notification value) {
    assertRoundTrip(value, Notification.class);
  }

  @Property
  void ruleParts(@ForAll EventFilter filter, @ForAll Warning warning, @ForAll Assignee assignee,
      @ForAll EscalationStep step) {
    assertRoundTrip(filter, EventFilter.class);
    assertRoundTrip(warning, Warning.class);
    assertRoundTrip(assignee, Assignee.class);
    assertRoundTrip(step, EscalationStep.class);
  }

  @Property(tries = 500)
  void anyDurationRoundTrips(@ForAll long seconds, @ForAll @IntRange(max = 999_999_999) int nanos) {
    assertRoundTrip(new EscalationStep("lead", Duration.ofSeconds(seconds, nanos)), EscalationStep.class);
  }

  @Property(tries = 300)
  void propertiesOfARuleSetMayComeInAnyOrder(@ForAll RuleSet rules, @ForAll Random random)
      throws JsonProcessingException {
    JsonNode tree = TREES.readTree(CrmJson.toJson(rules));
    assertThat(CrmJson.fromJson(TREES.writeValueAsString(shuffle(tree, random)), RuleSet.class)).isEqualTo(rules);
  }

  @Property(tries = 300)
  void anyDamageToARuleFileGivesAValidationExceptionOrAValue(@ForAll RuleSet rules, @ForAll Random random) {
    String damaged = damage(RuleSetJson.toJson(rules), random);
    try {
      RuleSetJson.fromJson(damaged);
    } catch (ValidationException e) {
      assertThat(e.violations()).isNotEmpty().allSatisfy(v -> assertThat(v.path()).startsWith("$")
          .containsPattern("\\(line \\d+, column \\d+\\)"));
    }
  }

  @Property
  void idsAreJsonStrings(@ForAll TenantId tenant, @ForAll Actor actor, @ForAll PartyId party,
      @ForAll RelationshipId relationship, @ForAll ConsentId consent, @ForAll LifecycleStage stage,
      @ForAll RelationshipType type, @ForAll InteractionId interaction, @ForAll ConversationId conversation,
      @ForAll ObligationId obligation) throws JsonProcessingException {
    for (Object id : List.of(tenant, actor, party, relationship, consent, stage, type, interaction, conversation,
        obligation)) {
      String json = CrmJson.toJson(id);
      assertThat(PLAIN.readTree(json).isTextual()).as(json).isTrue();
      assertThat(PLAIN.readTree(json).textValue()).isEqualTo(id.toString());
      assertRoundTrip(id, id.getClass());
    }
  }

  // ------------------------------------------------------------------------------------------------ format laws

  @Property(tries = 200)
  void hostileStringsSurviveTheRoundTrip(@ForAll("hostile") String text) {
    assertRoundTrip(new Violation(text, text, text), Violation.class);
    assertRoundTrip(new AttributeValue.StringValue(text), AttributeValue.class);
    assertRoundTrip(PartyUpdate.builder().addTag(text).rename(text).build(), PartyUpdate.class);
    assertRoundTrip(InteractionDraft.inbound(PartyId.of("p-1"), Channel.EMAIL, Purpose.SERVICE).outcome(text)
        .attribute("note", AttributeValue.of(text)).attribute("plan", AttributeValue.choice(text)).build(),
        InteractionDraft.class);
  }

  @Property(tries = 100)
  void hostileInteractionDraftsSurviveTheRoundTrip(@ForAll("hostileDrafts") InteractionDraft draft) {
    assertRoundTrip(draft, InteractionDraft.class);
  }

  @Provide
  Arbitrary<InteractionDraft> hostileDrafts() {
    return DomainArbitraries.hostileInteractionDraftsFor(PartyId.of("p-1"));
  }

  @Property(tries = 300)
  void hostileNamesInARuleAreRejectedWithTheirPathOrSurviveTheRoundTrip(@ForAll("hostile") String text) {
    RuleSet rules;
    try {
      rules = RuleSet.builder("hostile", 1, java.time.Instant.parse("2026-01-01T00:00:00Z"))
          .description(text)
          .rule(new dev.etiquette.crm.api.rules.FollowUpRule("f", text, EventFilter.builder().attribute("a", text)
              .build(), Duration.ZERO, Duration.ofHours(1), EventFilter.any(), List.of(),
              CalendarChoice.team(text.isBlank() ? "t" : text), java.util.Optional.empty(),
              List.of(EscalationStep.of(text, Duration.ZERO)), Assignee.role(text)))
          .build();
    } catch (ValidationException e) {
      assertThat(e.violations()).allSatisfy(v -> assertThat(v.path()).matches("description|obligations\\[0].*"));
      return;
    }
    assertRoundTrip(rules, RuleSet.class);
  }

  @Provide
  Arbitrary<String> hostile() {
    return DomainArbitraries.hostileStrings();
  }

  @Property(tries = 200)
  void aPlainObjectMapperWithTheModuleWritesAndReadsTheSame(@ForAll Party party, @ForAll TenantSettings settings,
      @ForAll PartyUpdate update) throws JsonProcessingException {
    for (Object value : List.of(party, settings, update)) {
      String json = PLAIN.writeValueAsString(value);
      assertThat(json).isEqualTo(CrmJson.toJson(value));
      assertThat(PLAIN.readValue(json, value.getClass())).isEqualTo(value);
    }
  }

  @Property(tries = 200)
  void propertiesMayComeInAnyOrder(@ForAll Party party, @ForAll PartyUpdate update, @ForAll Random random)
      throws JsonProcessingException {
    for (Object value : List.of(party, update)) {
      JsonNode tree = TREES.readTree(CrmJson.toJson(value));
      String shuffled = TREES.writeValueAsString(shuffle(tree, random));
      assertThat(CrmJson.fromJson(shuffled, value.getClass())).isEqualTo(value);
    }
  }

  @Property(tries = 200)
  void equalValuesGiveIdenticalJsonWhateverTheirCollectionsOrder(@ForAll PartyDraft draft) {
    List<String> tags = new ArrayList<>(draft.tags());
    Collections.reverse(tags);
    List<Map.Entry<String, AttributeValue>> attributes = new ArrayList<>(draft.attributes().entrySet());
    Collections.reverse(attributes);
    Map<String, AttributeValue> reversedAttributes = new LinkedHashMap<>();
    attributes.forEach(e -> reversedAttributes.put(e.getKey(), e.getValue()));
    List<ExternalId> externalIds = new ArrayList<>(draft.externalIds());
    Collections.reverse(externalIds);
    PartyDraft reordered = new PartyDraft(draft.kind(), draft.displayName(), draft.roles(),
        new LinkedHashSet<>(externalIds), draft.contactPoints(), draft.preferences(), draft.consents(),
        draft.doNotContact(), draft.stage(), draft.owner(), draft.team(), new LinkedHashSet<>(tags),
        reversedAttributes);

    assertThat(reordered).isEqualTo(draft);
    assertThat(CrmJson.toJson(reordered)).isEqualTo(CrmJson.toJson(draft));
  }

  @Property
  void theTypeOfAContactPointOrAttributeValueIsItsKindInLowerCase(@ForAll ContactPoint point,
      @ForAll AttributeValue value) throws JsonProcessingException {
    assertThat(PLAIN.readTree(CrmJson.toJson(point)).get("type").textValue())
        .isEqualTo(point.kind().name().toLowerCase(Locale.ROOT));
    assertThat(PLAIN.readTree(CrmJson.toJson(value)).get("type").textValue())
        .isEqualTo(value.type().name().toLowerCase(Locale.ROOT));
  }

  @Property(tries = 500)
  void anyDamageToTheTextGivesAValidationExceptionOrAValue(@ForAll Party party, @ForAll Random random) {
    String damaged = damage(CrmJson.toJson(party), random);
    try {
      CrmJson.fromJson(damaged, Party.class);
    } catch (ValidationException e) {
      assertThat(e.violations()).isNotEmpty().allSatisfy(v -> assertThat(v.path()).startsWith("$"));
    }
  }

  @Property(tries = 200)
  void arbitraryTextGivesAValidationException(@ForAll("hostile") String text) {
    assertThatThrownBy(() -> CrmJson.fromJson(text, PartyUpdate.class)).isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> CrmJson.fromJson("\"" + text + "\"", TenantSettings.class))
        .isInstanceOf(ValidationException.class);
  }

  // ------------------------------------------------------------------------------------------------ helpers

  private static <T> void assertRoundTrip(T value, Class<? extends T> type) {
    String json = CrmJson.toJson(value);
    T back = CrmJson.fromJson(json, type);
    assertThat(back).isEqualTo(value);
    assertThat(CrmJson.toJson(value)).as("writing twice").isEqualTo(json);
    assertThat(CrmJson.toJson(back)).as("writing the value read back").isEqualTo(json);
  }

  private static <T> void assertRoundTrip(T value, TypeReference<T> type) {
    String json = CrmJson.toJson(value);
    T back = CrmJson.fromJson(json, type);
    assertThat(back).isEqualTo(value);
    assertThat(CrmJson.toJson(value)).as("writing twice").isEqualTo(json);
    assertThat(CrmJson.toJson(back)).as("writing the value read back").isEqualTo(json);
  }

  /** The tree with the properties of every object in a random order. */
  private static JsonNode shuffle(JsonNode node, Random random) {
    if (node instanceof ObjectNode object) {
      List<Map.Entry<String, JsonNode>> fields = new ArrayList<>(object.properties());
      Collections.shuffle(fields, random);
      ObjectNode out = object.objectNode();
      fields.forEach(f -> out.set(f.getKey(), shuffle(f.getValue(), random)));
      return out;
    }
    if (node instanceof ArrayNode array) {
      ArrayNode out = array.arrayNode();
      array.forEach(item -> out.add(shuffle(item, random)));
      return out;
    }
    return node;
  }

  /** Deletes, inserts, replaces or cuts off one to three characters somewhere. */
  private static String damage(String json, Random random) {
    StringBuilder out = new StringBuilder(json);
    String nasty = "{}[]\":,0-1e.tfnu\\ \u0000x\uD83D";
    for (int edits = 1 + random.nextInt(3); edits > 0 && out.length() > 0; edits--) {
      int at = random.nextInt(out.length());
      char c = nasty.charAt(random.nextInt(nasty.length()));
      switch (random.nextInt(4)) {
        case 0 -> out.deleteCharAt(at);
        case 1 -> out.insert(at, c);
        case 2 -> out.setCharAt(at, c);
        default -> out.setLength(at);
      }
    }
    return out.toString();
  }
}
