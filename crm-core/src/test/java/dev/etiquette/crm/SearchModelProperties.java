package dev.etiquette.crm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.etiquette.crm.api.Page;
import dev.etiquette.crm.api.PageRequest;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.CrmTenant;
import dev.etiquette.crm.api.party.AttributeDefinition;
import dev.etiquette.crm.api.party.AttributeSchema;
import dev.etiquette.crm.api.party.AttributeValue;
import dev.etiquette.crm.api.party.LifecycleStage;
import dev.etiquette.crm.api.party.Party;
import dev.etiquette.crm.api.party.PartyDraft;
import dev.etiquette.crm.api.party.PartyId;
import dev.etiquette.crm.api.party.PartyKind;
import dev.etiquette.crm.api.party.PartyQuery;
import dev.etiquette.crm.api.party.PartyUpdate;
import dev.etiquette.crm.api.party.Role;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.Transformer;

/**
 * Model-based test of search: random sequences of creates, updates and stage moves, interleaved with
 * paged searches on every criterion, compared with a plain reference model. Between the pages of a search
 * the data keeps changing; a party that matches throughout must come back exactly once, and no party may
 * come back twice.
 */
class SearchModelProperties {

  static final List<String> NAMES = List.of("Ada", "ada", "Adam", "Åsa", "Bob", "bobby", "Zoë", "O'Brien", "李雷");
  static final List<String> TAGS = List.of("vip", "new", "churn-risk");
  static final List<String> OWNERS = List.of("u1", "u2");
  static final List<String> TIERS = List.of("gold", "silver");
  static final List<LifecycleStage> STAGES = LifecycleStageList.STAGES;

  @Property(tries = 200)
  void searchReturnsExactlyWhatTheModelReturns(@ForAll("chains") ActionChain<Harness> chain) {
    chain.run();
  }

  @Provide
  Arbitrary<ActionChain<Harness>> chains() {
    return ActionChain.<Harness>startWith(Harness::new)
        .withAction(3, new Create())
        .withAction(3, new Update())
        .withAction(1, new MoveStage())
        .withAction(3, new Search())
        .withMaxTransformations(40);
  }

  /** A reference model of one party: only what the queries look at. */
  record ModelParty(PartyId id, PartyKind kind, String name, Set<Role> roles, Optional<LifecycleStage> stage,
      Set<String> tags, Optional<String> owner, Optional<String> tier, long version) {

    boolean matches(PartyQuery q) {
      return q.kind().map(k -> k == kind).orElse(true)
          && q.role().map(roles::contains).orElse(true)
          && q.stage().map(s -> stage.equals(Optional.of(s))).orElse(true)
          && q.tag().map(tags::contains).orElse(true)
          && q.owner().map(o -> owner.equals(Optional.of(o))).orElse(true)
          && q.attribute().map(a -> tier.map(AttributeValue::choice).equals(Optional.of(a.value()))).orElse(true)
          && q.namePrefix().map(p -> name.toLowerCase(Locale.ROOT).startsWith(p.toLowerCase(Locale.ROOT))).orElse(true);
    }
  }

  static final class Harness {
    final CrmTenant tenant;
    final Map<PartyId, ModelParty> model = new TreeMap<>();

    Harness() {
      tenant = Crm.builder().clock(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC)).build()
          .tenant(TenantId.of("t"));
      tenant.configure(tenant.settings().withAttributes(AttributeSchema.of(
          AttributeDefinition.enumeration("tier", TIERS.toArray(String[]::new)))));
    }

    void create(String name, PartyKind kind, Set<Role> roles, Set<String> tags, Optional<String> owner,
        Optional<String> tier, Optional<LifecycleStage> stage) {
      PartyDraft.Builder draft = kind == PartyKind.PERSON ? PartyDraft.person(name) : PartyDraft.organization(name);
      draft.roles(roles.toArray(Role[]::new)).tags(tags.toArray(String[]::new));
      owner.ifPresent(draft::owner);
      tier.ifPresent(t -> draft.attribute("tier", AttributeValue.choice(t)));
      stage.ifPresent(draft::stage);
      Party p = tenant.parties().create(draft.build());
      model.put(p.id(), new ModelParty(p.id(), kind, name, roles, stage, tags, owner, tier, 1));
      check(p);
    }

    void update(int pick, Role role, String tag, Optional<String> owner, Optional<String> tier) {
      if (model.isEmpty()) {
        return;
      }
      ModelParty m = new ArrayList<>(model.values()).get(pick % model.size());
      Set<Role> roles = EnumSet.noneOf(Role.class);
      roles.addAll(m.roles());
      Set<String> tags = new TreeSet<>(m.tags());
      PartyUpdate.Builder update = PartyUpdate.builder();
      if (!roles.remove(role)) {
        roles.add(role);
        update.addRole(role);
      } else {
        update.removeRole(role);
      }
      if (!tags.remove(tag)) {
        tags.add(tag);
        update.addTag(tag);
      } else {
        update.removeTag(tag);
      }
      owner.ifPresentOrElse(update::owner, update::clearOwner);
      tier.ifPresentOrElse(t -> update.attribute("tier", AttributeValue.choice(t)), () -> update.removeAttribute("tier"));
      Party p = tenant.parties().update(m.id(), m.version(), update.build());
      ModelParty next = new ModelParty(m.id(), m.kind(), m.name(), roles, m.stage(), tags, owner, tier, p.version());
      model.put(m.id(), next);
      check(p);
    }

    void move(int pick, LifecycleStage stage) {
      if (model.isEmpty()) {
        return;
      }
      ModelParty m = new ArrayList<>(model.values()).get(pick % model.size());
      if (m.stage().equals(Optional.of(stage))) {
        return;
      }
      Party p = tenant.parties().forceStage(m.id(), m.version(), stage, "test");
      model.put(m.id(), new ModelParty(m.id(), m.kind(), m.name(), m.roles(), Optional.of(stage), m.tags(), m.owner(),
          m.tier(), p.version()));
      check(p);
    }

    private void check(Party p) {
      ModelParty m = model.get(p.id());
      assertThat(p.displayName()).isEqualTo(m.name());
      assertThat(p.roles()).containsExactlyInAnyOrderElementsOf(m.roles());
      assertThat(p.tags()).containsExactlyInAnyOrderElementsOf(m.tags());
      assertThat(p.stage()).isEqualTo(m.stage());
      assertThat(p.owner()).isEqualTo(m.owner());
    }

    /** Pages through a search, applying {@code between} mutations between pages. */
    void search(PartyQuery query, int pageSize, List<Runnable> between) {
      List<PartyId> expectedAtStart = expected(query);
      Set<PartyId> matchedThroughout = new HashSet<>(expectedAtStart);
      List<PartyId> returned = new ArrayList<>();
      PageRequest request = PageRequest.first(pageSize);
      int pages = 0;
      while (true) {
        Page<Party> page = tenant.parties().search(query, request);
        assertThat(page.items()).hasSizeLessThanOrEqualTo(pageSize);
        page.items().forEach(p -> {
          if (!returned.isEmpty()) {
            assertThat(p.id()).as("in result order").isGreaterThan(returned.get(returned.size() - 1));
          }
          returned.add(p.id());
        });
        if (page.nextCursor().isEmpty()) {
          break;
        }
        request = request.next(page).orElseThrow();
        if (pages < between.size()) {
          between.get(pages).run();
          matchedThroughout.retainAll(expected(query));
        }
        pages++;
      }
      assertThat(returned).doesNotHaveDuplicates();
      assertThat(returned).containsAll(matchedThroughout);
      if (between.isEmpty() || pages == 0) {
        assertThat(returned).containsExactlyElementsOf(expectedAtStart);
      }
    }

    List<PartyId> expected(PartyQuery query) {
      return model.values().stream().filter(m -> m.matches(query)).map(ModelParty::id).collect(Collectors.toList());
    }

    @Override
    public String toString() {
      return "Harness" + model.values().stream().map(ModelParty::name).toList();
    }
  }

  static Arbitrary<Optional<String>> optional(List<String> values) {
    return Arbitraries.of(values).optional(0.7);
  }

  static final class Create implements Action.Independent<Harness> {
    @Override
    public Arbitrary<Transformer<Harness>> transformer() {
      return Combinators.combine(
          Arbitraries.of(NAMES).flatMap(n -> Arbitraries.strings().alpha().ofMaxLength(3).map(s -> n + s)),
          Arbitraries.of(PartyKind.class),
          Arbitraries.subsetOf(Role.values()),
          Arbitraries.subsetOf(TAGS),
          optional(OWNERS),
          optional(TIERS),
          Arbitraries.of(STAGES).optional(0.7))
          .as((name, kind, roles, tags, owner, tier, stage) -> Transformer.mutate(
              "create " + name + " " + roles + " " + tags + " " + owner + " " + tier + " " + stage,
              h -> h.create(name, kind, roles, tags, owner, tier, stage)));
    }
  }

  static final class Update implements Action.Independent<Harness> {
    @Override
    public Arbitrary<Transformer<Harness>> transformer() {
      return Combinators.combine(Arbitraries.integers().between(0, 1000), Arbitraries.of(Role.class),
          Arbitraries.of(TAGS), optional(OWNERS), optional(TIERS))
          .as((pick, role, tag, owner, tier) -> Transformer.mutate(
              "update #" + pick + " toggle " + role + "/" + tag + " owner " + owner + " tier " + tier,
              h -> h.update(pick, role, tag, owner, tier)));
    }
  }

  static final class MoveStage implements Action.Independent<Harness> {
    @Override
    public Arbitrary<Transformer<Harness>> transformer() {
      return Combinators.combine(Arbitraries.integers().between(0, 1000), Arbitraries.of(STAGES))
          .as((pick, stage) -> Transformer.mutate("move #" + pick + " to " + stage, h -> h.move(pick, stage)));
    }
  }

  static final class Search implements Action.Independent<Harness> {
    @Override
    public Arbitrary<Transformer<Harness>> transformer() {
      Arbitrary<PartyQuery> queries = Combinators.combine(
          Arbitraries.of(PartyKind.class).optional(0.2),
          Arbitraries.of(Role.class).optional(0.3),
          Arbitraries.of(STAGES).optional(0.2),
          Arbitraries.of(TAGS).optional(0.3),
          Arbitraries.of(OWNERS).optional(0.2),
          Arbitraries.of(TIERS).optional(0.2),
          Arbitraries.of("a", "A", "ad", "ADA", "å", "Bo", "zo", "o'", "李", "x").optional(0.3))
          .as((kind, role, stage, tag, owner, tier, prefix) -> {
            PartyQuery q = PartyQuery.all();
            q = kind.map(q::withKind).orElse(q);
            q = role.map(q::withRole).orElse(q);
            q = stage.map(q::withStage).orElse(q);
            q = tag.map(q::withTag).orElse(q);
            q = owner.map(q::withOwner).orElse(q);
            q = tier.isPresent() ? q.withAttribute("tier", AttributeValue.choice(tier.get())) : q;
            return prefix.map(q::withNamePrefix).orElse(q);
          });
      Arbitrary<List<Transformer<Harness>>> between = Arbitraries.oneOf(new Create().transformer(),
          new Update().transformer(), new MoveStage().transformer()).list().ofMaxSize(3);
      return Combinators.combine(queries, Arbitraries.integers().between(1, 4), between)
          .as((query, size, changes) -> Transformer.mutate("search " + query + " by " + size
              + (changes.isEmpty() ? "" : " while " + changes.stream().map(Transformer::transformation).toList()),
              h -> h.search(query, size, changes.stream().<Runnable>map(t -> () -> t.apply(h)).toList())));
    }
  }

  /** The default lifecycle's stages, exits included. */
  static final class LifecycleStageList {
    static final List<LifecycleStage> STAGES = List.of(LifecycleStage.SUBSCRIBER, LifecycleStage.LEAD,
        LifecycleStage.QUALIFIED_LEAD, LifecycleStage.OPPORTUNITY, LifecycleStage.CUSTOMER, LifecycleStage.EVANGELIST,
        LifecycleStage.OTHER, LifecycleStage.CHURNED);
  }
}
