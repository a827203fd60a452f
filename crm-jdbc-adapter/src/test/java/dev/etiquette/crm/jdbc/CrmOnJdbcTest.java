package dev.etiquette.crm.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.etiquette.crm.Crm;
import dev.etiquette.crm.api.Actor;
import dev.etiquette.crm.api.Channel;
import dev.etiquette.crm.api.CrmTenant;
import dev.etiquette.crm.api.DuplicateKeyException;
import dev.etiquette.crm.api.NotFoundException;
import dev.etiquette.crm.api.Page;
import dev.etiquette.crm.api.PageRequest;
import dev.etiquette.crm.api.Purpose;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.ValidationException;
import dev.etiquette.crm.api.interaction.Conversation;
import dev.etiquette.crm.api.interaction.ConversationId;
import dev.etiquette.crm.api.interaction.ConversationState;
import dev.etiquette.crm.api.interaction.Interaction;
import dev.etiquette.crm.api.interaction.InteractionDraft;
import dev.etiquette.crm.api.party.AttributeDefinition;
import dev.etiquette.crm.api.party.AttributeSchema;
import dev.etiquette.crm.api.party.AttributeValue;
import dev.etiquette.crm.api.party.LifecycleStage;
import dev.etiquette.crm.api.party.Party;
import dev.etiquette.crm.api.party.PartyDraft;
import dev.etiquette.crm.api.party.PartyQuery;
import dev.etiquette.crm.api.party.PartyUpdate;
import dev.etiquette.crm.api.party.RelationshipDraft;
import dev.etiquette.crm.api.party.RelationshipType;
import dev.etiquette.crm.api.party.Role;
import dev.etiquette.crm.testkit.DomainArbitraries;
import dev.etiquette.crm.testkit.Samples;
import dev.etiquette.crm.testkit.TestClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The whole library through the JDBC storage, on each database. */
class CrmOnJdbcTest {

  static CrmTenant tenant(Dialect dialect) {
    Crm crm = Crm.builder().clock(TestClock.create()).storage(JdbcStorageContractTests.storage(dialect)).build();
    CrmTenant tenant = crm.tenant(TenantId.of("it-" + UUID.randomUUID().toString().substring(0, 8)), Actor.user("it"));
    tenant.configure(tenant.settings().withDefaultRegion("US").withAttributes(AttributeSchema.of(
        AttributeDefinition.string("notes"), AttributeDefinition.enumeration("tier", "gold", "silver"))));
    return tenant;
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void partiesLiveThroughTheirWholeLifecycle(Dialect dialect) {
    CrmTenant acme = tenant(dialect);
    Party ada = acme.parties().create(PartyDraft.person("Ada Lovelace").roles(Role.PROSPECT)
        .email("Ada@Example.com").phone("(415) 555-2671").externalId("billing", "A1").tags("vip")
        .attribute("tier", AttributeValue.choice("gold")).stage(LifecycleStage.LEAD).owner("u1").build());
    Party org = acme.parties().create(PartyDraft.organization("Analytical Engines Ltd").build());
    assertThat(acme.parties().get(ada.id())).isEqualTo(ada);
    assertThat(acme.parties().findByEmail("ada@example.com")).containsExactly(ada);
    assertThat(acme.parties().findByPhone("+14155552671")).containsExactly(ada);

    Party moved = acme.parties().moveStage(ada.id(), 1, LifecycleStage.CUSTOMER);
    Party updated = acme.parties().update(ada.id(), moved.version(), PartyUpdate.builder()
        .removeRole(Role.PROSPECT).addRole(Role.CUSTOMER).addTag("key-account").build());
    assertThat(acme.parties().get(ada.id())).isEqualTo(updated);
    assertThat(acme.parties().search(PartyQuery.all().withRole(Role.CUSTOMER).withStage(LifecycleStage.CUSTOMER)
        .withTag("key-account").withNamePrefix("ada"), PageRequest.first(10)).items()).containsExactly(updated);

    acme.relationships().create(RelationshipDraft.of(ada.id(), RelationshipType.WORKS_FOR, org.id()));
    assertThat(acme.relationships().of(org.id())).hasSize(1);
    assertThat(acme.audit().ofParty(ada.id(), PageRequest.first(10)).items()).hasSize(3);
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void awkwardAndHostileTextIsKeptVerbatimOrRejected(Dialect dialect) {
    CrmTenant acme = tenant(dialect);
    List<String> texts = new ArrayList<>(Samples.AWKWARD_TEXT);
    DomainArbitraries.hostileStrings().sampleStream().limit(40).forEach(texts::add);
    texts.add("tab\tnew\nline");
    texts.add("nul\u0000byte");
    texts.add("");
    texts.add("x".repeat(10_000));
    for (String text : texts) {
      keptOrRejected(acme, PartyDraft.person(text).tags(text).build(), PartyQuery.all().withTag(text));
      keptOrRejected(acme, PartyDraft.person("Notes").attribute("notes", AttributeValue.of(text)).build(),
          PartyQuery.all().withAttribute("notes", AttributeValue.of(text)));
    }
  }

  private static void keptOrRejected(CrmTenant acme, PartyDraft draft, PartyQuery query) {
    Party p;
    try {
      p = acme.parties().create(draft);
    } catch (ValidationException rejected) {
      assertThat(rejected.violations()).isNotEmpty();
      return;
    }
    assertThat(acme.parties().get(p.id())).isEqualTo(p);
    assertThat(acme.parties().search(query, PageRequest.first(50)).items()).contains(p);
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void aConversationLivesThroughTheLibraryOnTheDatabase(Dialect dialect) {
    CrmTenant acme = tenant(dialect);
    Party ada = acme.parties().create(PartyDraft.person("Ada Lovelace").build());
    Instant now = TestClock.DEFAULT_START;
    Interaction question = acme.interactions().record(InteractionDraft.inbound(ada.id(), Channel.EMAIL,
        Purpose.SERVICE).conversation("<CAF'%_@mail.example>").occurredAt(now.minusSeconds(60)).build());
    Interaction reply = acme.interactions().record(InteractionDraft.outbound(ada.id(), Channel.EMAIL,
        Purpose.SERVICE).conversation("<CAF'%_@mail.example>").build());
    ConversationId id = ConversationId.of("<CAF'%_@mail.example>");
    Conversation c = acme.interactions().setConversationState(id, 2, ConversationState.RESOLVED);
    assertThat(acme.interactions().conversation(id)).isEqualTo(c);
    assertThat(c.lastInboundAt()).contains(question.occurredAt());
    assertThat(c.lastOutboundAt()).contains(reply.occurredAt());
    assertThat(acme.interactions().conversationTimeline(id, PageRequest.first(10)).items())
        .containsExactly(question, reply);
    assertThat(acme.interactions().timeline(ada.id(), PageRequest.first(10)).items()).containsExactly(reply, question);
    assertThat(acme.interactions().lastContacts(ada.id())).containsEntry(Channel.EMAIL, reply).hasSize(1);
    assertThat(acme.audit().ofRecord("conversation", id.value(), PageRequest.first(10)).items()).hasSize(2);
    assertThatThrownBy(() -> acme.interactions().record(InteractionDraft.inbound(
        dev.etiquette.crm.api.party.PartyId.of("nobody"), Channel.EMAIL, Purpose.SERVICE).build()))
        .isInstanceOf(NotFoundException.class);
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void hostileInteractionDraftsAreRecordedVerbatimOrRejected(Dialect dialect) {
    CrmTenant acme = tenant(dialect);
    Party ada = acme.parties().create(PartyDraft.person("Ada").build());
    int recorded = 0;
    for (InteractionDraft draft : DomainArbitraries.hostileInteractionDraftsFor(ada.id()).sampleStream().limit(150)
        .toList()) {
      Interaction i;
      try {
        i = acme.interactions().record(draft);
      } catch (ValidationException rejected) {
        assertThat(rejected.violations()).isNotEmpty();
        continue;
      }
      recorded++;
      assertThat(acme.interactions().get(i.id())).isEqualTo(i);
      assertThat(i.outcome()).isEqualTo(draft.outcome());
      assertThat(i.attributes()).isEqualTo(draft.attributes());
      i.conversation().ifPresent(c -> assertThat(acme.interactions().conversationTimeline(c, PageRequest.first(1000))
          .items()).contains(i));
    }
    assertThat(recorded).as("some hostile drafts are valid and must be kept").isPositive();
    List<Interaction> all = new ArrayList<>();
    Optional<PageRequest> request = Optional.of(PageRequest.first(7));
    while (request.isPresent()) {
      Page<Interaction> page = acme.interactions().timeline(ada.id(), request.get());
      all.addAll(page.items());
      request = request.get().next(page);
    }
    assertThat(all).hasSize(recorded).doesNotHaveDuplicates();
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void concurrentRecordingsIntoOneConversationAreAllKept(Dialect dialect) throws Exception {
    CrmTenant acme = tenant(dialect);
    Party ada = acme.parties().create(PartyDraft.person("Ada").build());
    int threads = 6;
    int each = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      done.add(pool.submit(() -> {
        go.await();
        for (int i = 0; i < each; i++) {
          acme.interactions().record(InteractionDraft.inbound(ada.id(), Channel.CHAT, Purpose.SERVICE)
              .conversation("chat-1").build());
        }
        return null;
      }));
    }
    go.countDown();
    for (Future<?> f : done) {
      f.get(2, TimeUnit.MINUTES);
    }
    pool.shutdown();
    Conversation chat = acme.interactions().conversation(ConversationId.of("chat-1"));
    assertThat(chat.interactionCount()).as("a racing recording is repeated, never lost").isEqualTo(threads * each);
    assertThat(chat.version()).isEqualTo(threads * each);
    assertThat(acme.interactions().conversationTimeline(chat.id(), PageRequest.first(1000)).items())
        .hasSize(threads * each);
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void createAllIsAllOrNothingOnTheDatabase(Dialect dialect) {
    CrmTenant acme = tenant(dialect);
    List<PartyDraft> drafts = new ArrayList<>();
    for (int i = 0; i < 1_200; i++) {
      drafts.add(PartyDraft.person("Person " + i).email("p" + i + "@example.com").phone("+1415555" + (1000 + i))
          .externalId("import", "row-" + i).roles(Role.CUSTOMER).build());
    }
    List<Party> created = acme.parties().createAll(drafts);
    assertThat(created).hasSize(1_200);
    assertThat(acme.parties().findByEmail("p1199@example.com")).containsExactly(created.get(1199));

    List<PartyDraft> clash = List.of(PartyDraft.person("New").externalId("import", "fresh").build(),
        PartyDraft.person("Clash").externalId("import", "row-7").build());
    assertThatThrownBy(() -> acme.parties().createAll(clash)).isInstanceOf(DuplicateKeyException.class);
    assertThat(acme.parties().search(PartyQuery.all().withNamePrefix("new"), PageRequest.first(5)).items()).isEmpty();
    assertThat(acme.audit().all(PageRequest.first(1000)).items()).hasSize(1000);
  }
}
