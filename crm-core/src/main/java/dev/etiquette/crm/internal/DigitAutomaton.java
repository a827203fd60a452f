package dev.etiquette.crm.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A regular expression over the ASCII digits, compiled into a deterministic automaton: {@link #matches} answers
 * what {@code Pattern.compile(regex).matcher(text).matches()} answers, with one array lookup per character instead
 * of the backtracking of {@link java.util.regex}. It is for libphonenumber's number patterns, which the phone fast
 * path ({@link PlainPhoneNumbers}) matches against every national number, and which are alternations of digit
 * prefixes (the US fixed-line pattern lists every area code).
 *
 * <p>The syntax read: digits, {@code \d}, classes of digits and digit ranges ({@code [2-9]}, {@code [013-5]}),
 * groups ({@code (?:...)} and {@code (...)}), alternation, and the greedy quantifiers {@code ?}, {@code *},
 * {@code +}, {@code {n}}, {@code {n,}}, {@code {n,m}}. {@link #compile} returns {@code null} for anything else
 * (negated classes, other characters, lazy or possessive quantifiers, anchors, escapes other than {@code \d}) and
 * for expressions whose automaton would exceed {@link #MAX_STATES} states, so that the caller keeps the
 * {@link java.util.regex.Pattern}. Within that syntax a whole-input match of Java's engine accepts exactly the
 * strings of the expression's regular language (no back-references, look-around or possessive quantifiers), which
 * is what the automaton accepts; since every character the expression can match is a digit, input with any other
 * character is not matched.
 */
final class DigitAutomaton {

  /** The most states an automaton may have; beyond it {@link #compile} gives up. */
  static final int MAX_STATES = 20_000;
  private static final int DEAD = -1;
  private static final int ALL_DIGITS = (1 << 10) - 1;

  /** {@code next[state * 10 + digit]}: the state after the digit, or {@link #DEAD}. State 0 is the start. */
  private final int[] next;
  private final boolean[] accepting;

  private DigitAutomaton(int[] next, boolean[] accepting) {
    this.next = next;
    this.accepting = accepting;
  }

  /** The automaton of {@code regex}, or {@code null} when it uses other syntax or would be too large. */
  static DigitAutomaton compile(String regex) {
    Node tree;
    try {
      Parser parser = new Parser(regex);
      tree = parser.alternation();
      if (parser.position != regex.length()) {
        return null; // an unbalanced ")"
      }
    } catch (Unsupported e) {
      return null;
    }
    Nfa nfa = new Nfa();
    int[] fragment = tree.build(nfa);
    return nfa.determinize(fragment[0], fragment[1]);
  }

  /** Whether the whole of {@code text} is matched. */
  boolean matches(CharSequence text) {
    int state = 0;
    for (int i = 0; i < text.length(); i++) {
      int digit = text.charAt(i) - '0';
      if (digit < 0 || digit > 9) {
        return false;
      }
      state = next[state * 10 + digit];
      if (state == DEAD) {
        return false;
      }
    }
    return accepting[state];
  }

  /** How many states the automaton has (for tests). */
  int states() {
    return accepting.length;
  }

  // --------------------------------------------------------------------------------------------- syntax tree

  /** Raised by the parser on syntax outside the subset; carries no stack trace. */
  private static final class Unsupported extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Unsupported() {
      super(null, null, false, false);
    }
  }

  private interface Node {
    /** Adds this node's states to {@code nfa}: returns its start and end state. */
    int[] build(Nfa nfa);
  }

  /** One digit of the set {@code digits} (bit d for digit d). */
  private record Digits(int digits) implements Node {
    @Override
    public int[] build(Nfa nfa) {
      int start = nfa.state();
      int end = nfa.state();
      nfa.consume(start, digits, end);
      return new int[] {start, end};
    }
  }

  private record Sequence(List<Node> parts) implements Node {
    @Override
    public int[] build(Nfa nfa) {
      int start = nfa.state();
      int end = start;
      for (Node part : parts) {
        int[] fragment = part.build(nfa);
        nfa.epsilon(end, fragment[0]);
        end = fragment[1];
      }
      return new int[] {start, end};
    }
  }

  private record Choice(List<Node> options) implements Node {
    @Override
    public int[] build(Nfa nfa) {
      int start = nfa.state();
      int end = nfa.state();
      for (Node option : options) {
        int[] fragment = option.build(nfa);
        nfa.epsilon(start, fragment[0]);
        nfa.epsilon(fragment[1], end);
      }
      return new int[] {start, end};
    }
  }

  /** {@code min} to {@code max} repetitions; {@code max} is -1 for no limit. */
  private record Repeat(Node node, int min, int max) implements Node {
    @Override
    public int[] build(Nfa nfa) {
      int start = nfa.state();
      int end = start;
      for (int i = 0; i < min; i++) {
        int[] copy = node.build(nfa);
        nfa.epsilon(end, copy[0]);
        end = copy[1];
      }
      if (max < 0) {
        int[] loop = node.build(nfa);
        int after = nfa.state();
        nfa.epsilon(end, loop[0]);
        nfa.epsilon(end, after);
        nfa.epsilon(loop[1], loop[0]);
        nfa.epsilon(loop[1], after);
        return new int[] {start, after};
      }
      int after = nfa.state();
      for (int i = min; i < max; i++) {
        int[] copy = node.build(nfa);
        nfa.epsilon(end, after);
        nfa.epsilon(end, copy[0]);
        end = copy[1];
      }
      nfa.epsilon(end, after);
      return new int[] {start, after};
    }
  }

  /** A recursive descent parser of the subset; throws {@link Unsupported} on anything else. */
  private static final class Parser {

    /** Bounds on repetition counts, far above libphonenumber's (at most 17 digits). */
    private static final int MAX_COUNT = 100;

    private final String regex;
    int position;

    Parser(String regex) {
      this.regex = regex;
    }

    Node alternation() {
      List<Node> options = new ArrayList<>();
      options.add(sequence());
      while (peek() == '|') {
        position++;
        options.add(sequence());
      }
      return options.size() == 1 ? options.get(0) : new Choice(options);
    }

    private Node sequence() {
      List<Node> parts = new ArrayList<>();
      while (position < regex.length() && peek() != '|' && peek() != ')') {
        parts.add(quantified(atom()));
      }
      return parts.size() == 1 ? parts.get(0) : new Sequence(parts);
    }

    private Node atom() {
      char c = regex.charAt(position++);
      if (c >= '0' && c <= '9') {
        return new Digits(1 << (c - '0'));
      }
      if (c == '\\') {
        if (position < regex.length() && regex.charAt(position) == 'd') {
          position++;
          return new Digits(ALL_DIGITS);
        }
        throw new Unsupported();
      }
      if (c == '[') {
        return new Digits(digitClass());
      }
      if (c == '(') {
        if (regex.startsWith("?:", position)) {
          position += 2;
        } else if (peek() == '?') {
          throw new Unsupported(); // look-around, flags, named groups
        }
        Node inner = alternation();
        if (peek() != ')') {
          throw new Unsupported();
        }
        position++;
        return inner;
      }
      throw new Unsupported();
    }

    private int digitClass() {
      int digits = 0;
      if (peek() == '^' || peek() == ']') {
        throw new Unsupported(); // a negated class also matches other characters; "[]" is no class
      }
      while (peek() != ']') {
        char c = next();
        if (c == '\\' && peek() == 'd') {
          position++;
          digits |= ALL_DIGITS;
          continue;
        }
        if (c < '0' || c > '9') {
          throw new Unsupported();
        }
        if (peek() == '-' && position + 1 < regex.length() && regex.charAt(position + 1) != ']') {
          position++;
          char to = next();
          if (to < c || to > '9') {
            throw new Unsupported();
          }
          for (char d = c; d <= to; d++) {
            digits |= 1 << (d - '0');
          }
        } else {
          digits |= 1 << (c - '0');
        }
      }
      position++;
      return digits;
    }

    private Node quantified(Node atom) {
      Node node = atom;
      while (position < regex.length()) {
        char c = peek();
        int min;
        int max;
        if (c == '?') {
          min = 0;
          max = 1;
          position++;
        } else if (c == '*') {
          min = 0;
          max = -1;
          position++;
        } else if (c == '+') {
          min = 1;
          max = -1;
          position++;
        } else if (c == '{') {
          position++;
          min = number();
          if (peek() == ',') {
            position++;
            max = peek() == '}' ? -1 : number();
          } else {
            max = min;
          }
          if (next() != '}' || (max >= 0 && max < min)) {
            throw new Unsupported();
          }
        } else {
          return node;
        }
        if (position < regex.length() && (peek() == '?' || peek() == '+')) {
          throw new Unsupported(); // lazy or possessive
        }
        node = new Repeat(node, min, max);
      }
      return node;
    }

    private int number() {
      int start = position;
      int value = 0;
      while (position < regex.length() && peek() >= '0' && peek() <= '9') {
        value = value * 10 + (next() - '0');
        if (value > MAX_COUNT) {
          throw new Unsupported();
        }
      }
      if (position == start) {
        throw new Unsupported();
      }
      return value;
    }

    private char peek() {
      if (position >= regex.length()) {
        return '\0';
      }
      return regex.charAt(position);
    }

    private char next() {
      if (position >= regex.length()) {
        throw new Unsupported();
      }
      return regex.charAt(position++);
    }
  }

  // -------------------------------------------------------------------------------------------------- automata

  /** A nondeterministic automaton with epsilon moves; each state has at most one consuming move. */
  private static final class Nfa {

    private final List<int[]> epsilons = new ArrayList<>();
    private int[] consumeDigits = new int[64];
    private int[] consumeTarget = new int[64];
    private int size;

    int state() {
      if (size == consumeDigits.length) {
        consumeDigits = java.util.Arrays.copyOf(consumeDigits, size * 2);
        consumeTarget = java.util.Arrays.copyOf(consumeTarget, size * 2);
      }
      consumeTarget[size] = DEAD;
      epsilons.add(new int[0]);
      if (size >= MAX_STATES * 20) {
        throw new Unsupported();
      }
      return size++;
    }

    void consume(int from, int digits, int to) {
      consumeDigits[from] = digits;
      consumeTarget[from] = to;
    }

    void epsilon(int from, int to) {
      int[] old = epsilons.get(from);
      int[] grown = java.util.Arrays.copyOf(old, old.length + 1);
      grown[old.length] = to;
      epsilons.set(from, grown);
    }

    private BitSet closure(BitSet states) {
      ArrayDeque<Integer> work = new ArrayDeque<>();
      for (int s = states.nextSetBit(0); s >= 0; s = states.nextSetBit(s + 1)) {
        work.push(s);
      }
      while (!work.isEmpty()) {
        for (int to : epsilons.get(work.pop())) {
          if (!states.get(to)) {
            states.set(to);
            work.push(to);
          }
        }
      }
      return states;
    }

    /** The subset construction; {@code null} beyond {@link #MAX_STATES}. */
    DigitAutomaton determinize(int start, int accept) {
      BitSet initial = new BitSet(size);
      initial.set(start);
      List<BitSet> sets = new ArrayList<>();
      Map<BitSet, Integer> ids = new HashMap<>();
      sets.add(closure(initial));
      ids.put(sets.get(0), 0);
      int[] next = new int[10 * 64];
      for (int d = 0; d < sets.size(); d++) {
        if (next.length < (d + 1) * 10) {
          next = java.util.Arrays.copyOf(next, next.length * 2);
        }
        BitSet current = sets.get(d);
        for (int digit = 0; digit < 10; digit++) {
          BitSet target = new BitSet(size);
          for (int s = current.nextSetBit(0); s >= 0; s = current.nextSetBit(s + 1)) {
            if (consumeTarget[s] != DEAD && (consumeDigits[s] & (1 << digit)) != 0) {
              target.set(consumeTarget[s]);
            }
          }
          if (target.isEmpty()) {
            next[d * 10 + digit] = DEAD;
            continue;
          }
          closure(target);
          Integer id = ids.get(target);
          if (id == null) {
            if (sets.size() == MAX_STATES) {
              return null;
            }
            id = sets.size();
            sets.add(target);
            ids.put(target, id);
          }
          next[d * 10 + digit] = id;
        }
      }
      boolean[] accepting = new boolean[sets.size()];
      for (int d = 0; d < accepting.length; d++) {
        accepting[d] = sets.get(d).get(accept);
      }
      return new DigitAutomaton(java.util.Arrays.copyOf(next, sets.size() * 10), accepting);
    }
  }
}
