package dev.etiquette.crm.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.base.Equivalence;
import dev.etiquette.crm.api.party.PartyId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.Transformer;

/**
 * Model-based test of {@link ContactIndex}: random sequences of adds and removes, each followed by lookups
 * of every key (in another case) and of absent keys, compared with a plain map from the key's class
 * (its lower case, or the key itself) to a sorted set of ids. Run with the storage's two equivalences, and
 * with one whose hash has only four values, so that long clusters, clusters that wrap around the end of
 * the table, and moves on removal happen all the time.
 */
class ContactIndexProperties {

  /** The equivalence under test, and the class of a key in the model. */
  enum Mode {
    EXACT(Equivalence.equals(), key -> key),
    LOWER_CASE(LowerCaseEquivalence.INSTANCE, key -> key.toLowerCase(Locale.ROOT)),
    LOWER_CASE_COLLIDING(new Equivalence<>() {
      @Override
      protected boolean doEquivalent(String a, String b) {
        return LowerCaseEquivalence.INSTANCE.equivalent(a, b);
      }

      @Override
      protected int doHash(String s) {
        return LowerCaseEquivalence.INSTANCE.hash(s) & 3;
      }
    }, key -> key.toLowerCase(Locale.ROOT));

    final Equivalence<? super String> equivalence;
    final UnaryOperator<String> modelKey;

    Mode(Equivalence<? super String> equivalence, UnaryOperator<String> modelKey) {
      this.equivalence = equivalence;
      this.modelKey = modelKey;
    }
  }

  static final List<String> BASES = List.of("ada@example.com", "Ada@Example.com", "bob@x.org", "İlk@x.tr",
      "ilk@x.tr", "ılk@x.tr", "ΣΟΦΙΑ@x.gr", "σοφια@x.gr", "kelvin@x", "\u212Aelvin@x", "+14155550100",
      "+14155550101", "\uD801\uDC00@x", "straße@x", "STRASSE@x");

  static final List<PartyId> IDS = List.of("p1", "p2", "p3", "p4", "p5").stream().map(PartyId::of).toList();

  @Property(tries = 300)
  void behavesAsAMapOfKeyClassesToSortedIdSets(@ForAll("chains") ActionChain<Harness> chain) {
    chain.run();
  }

  @Provide
  Arbitrary<ActionChain<Harness>> chains() {
    return Arbitraries.of(Mode.class).flatMap(mode -> ActionChain.<Harness>startWith(() -> new Harness(mode))
        .withAction(5, new Add())
        .withAction(2, new Remove())
        .withAction(3, new RemoveHeld())
        .withMaxTransformations(120));
  }

  /** A key: one of the bases with a number, so that there are enough to grow the table, in some case. */
  static Arbitrary<String> keys() {
    return Combinators.combine(Arbitraries.of(BASES), Arbitraries.integers().between(0, 12),
        Arbitraries.integers().between(0, 2)).as((base, n, casing) -> casing(n + base, casing));
  }

  static String casing(String key, int casing) {
    return switch (casing) {
      case 0 -> key;
      case 1 -> key.toUpperCase(Locale.ROOT);
      default -> key.toLowerCase(Locale.ROOT);
    };
  }

  static final class Harness {
    final Mode mode;
    final ContactIndex index;
    final Map<String, TreeSet<PartyId>> model = new TreeMap<>();
    /** Every key given to the index, in the case given. */
    final List<String> seen = new ArrayList<>();

    Harness(Mode mode) {
      this.mode = mode;
      this.index = new ContactIndex(mode.equivalence);
    }

    void add(String key, PartyId id) {
      index.add(key, id);
      model.computeIfAbsent(mode.modelKey.apply(key), k -> new TreeSet<>()).add(id);
      seen.add(key);
      check();
    }

    void remove(String key, PartyId id) {
      index.remove(key, id);
      TreeSet<PartyId> ids = model.get(mode.modelKey.apply(key));
      if (ids != null) {
        ids.remove(id);
        if (ids.isEmpty()) {
          model.remove(mode.modelKey.apply(key));
        }
      }
      check();
    }

    void removeHeld(int pick, int casing) {
      List<String> held = seen.stream().filter(k -> model.containsKey(mode.modelKey.apply(k))).toList();
      if (held.isEmpty()) {
        return;
      }
      String key = held.get(pick % held.size());
      TreeSet<PartyId> ids = model.get(mode.modelKey.apply(key));
      PartyId id = new ArrayList<>(ids).get(pick % ids.size());
      // another case of the key, where that is the same class
      String other = casing(key, casing);
      remove(mode.modelKey.apply(other).equals(mode.modelKey.apply(key)) ? other : key, id);
    }

    void check() {
      assertThat(index.size()).isEqualTo(model.size());
      for (String key : seen) {
        for (int casing = 0; casing < 3; casing++) {
          String probe = casing(key, casing);
          TreeSet<PartyId> expected = model.get(mode.modelKey.apply(probe));
          assertThat(index.get(probe)).as("get(%s)", probe)
              .containsExactlyElementsOf(expected == null ? List.of() : expected);
        }
      }
      assertThat(index.get("absent@example.com")).isEmpty();
    }

    @Override
    public String toString() {
      return mode + " " + model;
    }
  }

  static final class Add implements Action.Independent<Harness> {
    @Override
    public Arbitrary<Transformer<Harness>> transformer() {
      return Combinators.combine(keys(), Arbitraries.of(IDS))
          .as((key, id) -> Transformer.mutate("add " + key + " " + id, h -> h.add(key, id)));
    }
  }

  static final class Remove implements Action.Independent<Harness> {
    @Override
    public Arbitrary<Transformer<Harness>> transformer() {
      return Combinators.combine(keys(), Arbitraries.of(IDS))
          .as((key, id) -> Transformer.mutate("remove " + key + " " + id, h -> h.remove(key, id)));
    }
  }

  static final class RemoveHeld implements Action.Independent<Harness> {
    @Override
    public Arbitrary<Transformer<Harness>> transformer() {
      return Combinators.combine(Arbitraries.integers().between(0, 1000), Arbitraries.integers().between(0, 2))
          .as((pick, casing) -> Transformer.mutate("remove held #" + pick + " cased " + casing,
              h -> h.removeHeld(pick, casing)));
    }
  }

  @Example
  void equivalentKeysShareOneEntry() {
    ContactIndex index = new ContactIndex(LowerCaseEquivalence.INSTANCE);
    String address = new String("Ada@Example.com");
    index.add(address, IDS.get(1));
    index.add("ADA@EXAMPLE.COM", IDS.get(0));
    assertThat(index.get("ada@example.com")).containsExactly(IDS.get(0), IDS.get(1));
    assertThat(index.size()).isOne();
  }

  @Example
  void growsPastManyThousandKeysAndEmptiesAgain() {
    ContactIndex index = new ContactIndex(LowerCaseEquivalence.INSTANCE);
    for (int i = 0; i < 20_000; i++) {
      index.add("Customer" + i + "@Example.com", PartyId.of("p" + i));
    }
    assertThat(index.size()).isEqualTo(20_000);
    for (int i = 0; i < 20_000; i++) {
      assertThat(index.get("customer" + i + "@example.com")).containsExactly(PartyId.of("p" + i));
    }
    for (int i = 0; i < 20_000; i += 2) {
      index.remove("CUSTOMER" + i + "@EXAMPLE.COM", PartyId.of("p" + i));
    }
    for (int i = 0; i < 20_000; i++) {
      assertThat(index.get("customer" + i + "@example.com"))
          .isEqualTo(i % 2 == 0 ? List.of() : List.of(PartyId.of("p" + i)));
    }
    for (int i = 1; i < 20_000; i += 2) {
      index.remove("customer" + i + "@example.com", PartyId.of("p" + i));
    }
    assertThat(index.size()).isZero();
  }
}
