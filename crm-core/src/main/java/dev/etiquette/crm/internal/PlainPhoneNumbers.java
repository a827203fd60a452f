package dev.etiquette.crm.internal;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneMetadata;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneNumberDesc;
import com.google.i18n.phonenumbers.metadata.DefaultMetadataDependenciesProvider;
import com.google.i18n.phonenumbers.metadata.source.MetadataSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The E.164 form of a phone number of the plain shape, computed without libphonenumber's {@code parse}: exactly
 * what {@code PHONES.format(PHONES.parse(number.strip(), region), E164)} gives when {@code isValidNumber} accepts the
 * parsed number, or {@code null} whenever this class is not certain of that (then the caller asks libphonenumber,
 * which also reports why a number is rejected).
 *
 * <p>The plain shape: after {@code strip()}, at most 250 characters of ASCII digits, the separators space,
 * {@code (}, {@code )}, {@code .}, {@code -}, and at most one {@code +} before the first digit; at least 3 digits.
 * For such input {@code parse} finds no extension, no letters, no second number, no RFC 3966 parts, and the number
 * is viable; what it does then is repeated here step by step (the steps of {@code PhoneNumberUtil.parseHelper} of
 * libphonenumber 9.0, read in its source):
 *
 * <ul>
 *   <li>with {@code +}: the country calling code is the shortest prefix of 1 to 3 digits that is a known calling
 *       code (none, or a leading {@code 0}: not certain); the metadata is that of the code's main region;
 *   <li>without: the default region must be one libphonenumber supports; not certain when the digits start with
 *       the region's international prefix (an IDD, read as a foreign number) or with the region's own calling code
 *       (which {@code parse} may strip);
 *   <li>the national prefix for parsing is stripped under the same conditions as
 *       {@code maybeStripNationalPrefixAndCarrierCode} (the region's general pattern before and after, then the
 *       possible lengths as {@code testNumberLength} reads them); not certain when a transform rule would apply;
 *   <li>not certain when the national significant number is shorter than 2 or longer than 17 digits, or starts
 *       with {@code 0} (leading zeros are kept in fields of their own);
 *   <li>validity as {@code isValidNumber} decides it: the region is the only one of the calling code, or the first
 *       of its regions whose leading digits match or whose number types accept the number; valid when the general
 *       pattern and one of the type patterns (with their possible lengths) accept it. Not certain when the number is
 *       not valid, so that libphonenumber words the violation.
 * </ul>
 *
 * <p>The metadata is libphonenumber's own, read from the same files through its default metadata source. A
 * property test ({@code PlainPhoneNumbersProperties}) holds every answer to libphonenumber's over example numbers
 * of every region and type in every format, and random digits. These are libphonenumber's steps as of 9.0: when
 * libphonenumber is upgraded, that test is what says they still are.
 */
final class PlainPhoneNumbers {

  private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
  private static final MetadataSource METADATA =
      DefaultMetadataDependenciesProvider.getInstance().getPhoneNumberMetadataSource();
  /** {@code PhoneNumberUtil.MAX_INPUT_STRING_LENGTH}. */
  private static final int MAX_INPUT_LENGTH = 250;
  /** {@code PhoneNumberUtil.MIN_LENGTH_FOR_NSN} and {@code MAX_LENGTH_FOR_NSN}. */
  private static final int MIN_NSN = 2;
  private static final int MAX_NSN = 17;
  /** More digits than a national prefix and the longest national number: certainly not plain. */
  private static final int MAX_DIGITS = 24;
  private static final String NON_GEO_REGION = "001";

  private static final boolean[] KNOWN_CALLING_CODES = new boolean[1000];
  private static final AtomicReferenceArray<CallingCode> CALLING_CODES = new AtomicReferenceArray<>(1000);
  private static final ConcurrentHashMap<String, Optional<Parsing>> REGIONS = new ConcurrentHashMap<>();

  static {
    for (int code : PHONES.getSupportedCallingCodes()) {
      if (code > 0 && code < 1000) {
        KNOWN_CALLING_CODES[code] = true;
      }
    }
  }

  private PlainPhoneNumbers() {}

  /**
   * The valid number in E.164, or {@code null} when the input is not of the plain shape, the number is not valid,
   * or this class is not certain of libphonenumber's answer.
   */
  static String e164(String number, Optional<String> defaultRegion) {
    String input = number.strip();
    int length = input.length();
    if (length > MAX_INPUT_LENGTH) {
      return null;
    }
    char[] digits = new char[MAX_DIGITS];
    int count = 0;
    boolean plus = false;
    for (int i = 0; i < length; i++) {
      char c = input.charAt(i);
      if (c >= '0' && c <= '9') {
        if (count == MAX_DIGITS) {
          return null;
        }
        digits[count++] = c;
      } else if (c == '+') {
        if (plus || count > 0) {
          return null;
        }
        plus = true;
      } else if (c != ' ' && c != '-' && c != '(' && c != ')' && c != '.') {
        return null;
      }
    }
    if (count < 3) {
      return null;
    }
    Parsing regionParsing = null;
    if (defaultRegion.isPresent()) {
      // an unsupported region (parse would treat it as none): let libphonenumber decide
      regionParsing = parsingForRegion(defaultRegion.get());
      if (regionParsing == null) {
        return null;
      }
    }
    int callingCode;
    Parsing parsing;
    String national;
    if (plus) {
      if (digits[0] == '0') {
        return null;
      }
      int code = 0;
      int codeLength = 0;
      for (int i = 1; i <= 3; i++) {
        int candidate = code * 10 + (digits[i - 1] - '0');
        code = candidate;
        if (KNOWN_CALLING_CODES[candidate]) {
          codeLength = i;
          break;
        }
      }
      if (codeLength == 0) {
        return null;
      }
      callingCode = code;
      CallingCode known = callingCode(callingCode);
      if (known == null || known.parsing == null) {
        return null;
      }
      parsing = known.parsing;
      national = new String(digits, codeLength, count - codeLength);
    } else {
      if (regionParsing == null) {
        return null;
      }
      parsing = regionParsing;
      national = new String(digits, 0, count);
      if (parsing.startsWithInternationalPrefix(national) || national.startsWith(parsing.callingCodeText)) {
        return null;
      }
      callingCode = parsing.callingCode;
    }
    if (national.length() < MIN_NSN) {
      return null;
    }
    national = parsing.stripNationalPrefix(national);
    if (national == null || national.length() < MIN_NSN || national.length() > MAX_NSN || national.charAt(0) == '0') {
      return null;
    }
    CallingCode validity = callingCode(callingCode);
    if (validity == null || !validity.isValid(national)) {
      return null;
    }
    return "+" + callingCode + national;
  }

  /** What libphonenumber's {@code isValidNumber} answers for the calling code and national number (no leading 0). */
  static boolean isValid(int callingCode, String nationalNumber) {
    CallingCode code = callingCode > 0 && callingCode < 1000 ? callingCode(callingCode) : null;
    if (code == null) {
      throw new IllegalArgumentException("not a known calling code: " + callingCode);
    }
    return code.isValid(nationalNumber);
  }

  private static Parsing parsingForRegion(String region) {
    Optional<Parsing> known = REGIONS.get(region);
    if (known == null) {
      known = PHONES.getSupportedRegions().contains(region)
          ? Optional.ofNullable(Parsing.of(METADATA.getMetadataForRegion(region)))
          : Optional.empty();
      REGIONS.putIfAbsent(region, known);
    }
    return known.orElse(null);
  }

  private static CallingCode callingCode(int code) {
    if (!KNOWN_CALLING_CODES[code]) {
      return null;
    }
    CallingCode known = CALLING_CODES.get(code);
    if (known == null) {
      known = CallingCode.of(code);
      CALLING_CODES.compareAndSet(code, null, known);
    }
    return known.usable ? known : null;
  }

  private static PhoneMetadata metadataFor(int callingCode, String region) {
    return NON_GEO_REGION.equals(region) ? METADATA.getMetadataForNonGeographicalRegion(callingCode)
        : METADATA.getMetadataForRegion(region);
  }

  /** A regular expression as libphonenumber compiles it ({@code RegexCache}: no flags). */
  private static Pattern compile(String regex) {
    return Pattern.compile(regex);
  }

  /** What a region's metadata says about reading a number: prefixes and possible lengths. */
  private static final class Parsing {

    final int callingCode;
    final String callingCodeText;
    /** The international prefix when it is a plain digit string, else {@code null} and {@link #iddPattern}. */
    final String iddLiteral;
    final Pattern iddPattern;
    final String nationalPrefixForParsing;
    /** The national prefix for parsing when it is a plain digit string, else {@code null} and the pattern. */
    final String nppLiteral;
    final Pattern nppPattern;
    final String transformRule;
    /** The general description's pattern, {@code null} when empty (libphonenumber: matches nothing). */
    final Pattern general;
    final int[] possibleLengths;
    final int[] localOnlyLengths;

    private Parsing(PhoneMetadata metadata) {
      callingCode = metadata.getCountryCode();
      callingCodeText = String.valueOf(callingCode);
      String idd = metadata.getInternationalPrefix();
      iddLiteral = isDigits(idd) ? idd : null;
      iddPattern = iddLiteral == null ? compile(idd) : null;
      nationalPrefixForParsing = metadata.getNationalPrefixForParsing();
      nppLiteral = isDigits(nationalPrefixForParsing) ? nationalPrefixForParsing : null;
      nppPattern = nppLiteral == null && !nationalPrefixForParsing.isEmpty() ? compile(nationalPrefixForParsing) : null;
      transformRule = metadata.getNationalPrefixTransformRule();
      PhoneNumberDesc generalDesc = metadata.getGeneralDesc();
      String generalPattern = generalDesc.getNationalNumberPattern();
      general = generalPattern.isEmpty() ? null : compile(generalPattern);
      possibleLengths = toArray(generalDesc.getPossibleLengthList());
      localOnlyLengths = toArray(generalDesc.getPossibleLengthLocalOnlyList());
    }

    /** {@code null} when the metadata is missing or of a shape this class does not read. */
    static Parsing of(PhoneMetadata metadata) {
      if (metadata == null || metadata.getGeneralDesc() == null
          || metadata.getGeneralDesc().getPossibleLengthList().isEmpty()) {
        return null;
      }
      return new Parsing(metadata);
    }

    /** Whether the international prefix pattern matches at the start of the digits ({@code lookingAt}). */
    boolean startsWithInternationalPrefix(String digits) {
      return iddLiteral != null ? digits.startsWith(iddLiteral) : iddPattern.matcher(digits).lookingAt();
    }

    /** {@code RegexBasedMatcher.matchNationalNumber(number, generalDesc, false)}. */
    boolean generalMatches(String number) {
      return general != null && general.matcher(number).matches();
    }

    /**
     * The national significant number after parse's national prefix step
     * ({@code maybeStripNationalPrefixAndCarrierCode}, then kept only when {@code testNumberLength} of the result is
     * neither too short, local only, nor an invalid length), or {@code null} when a transform rule would apply.
     */
    String stripNationalPrefix(String number) {
      if (nationalPrefixForParsing.isEmpty()) {
        return number;
      }
      int prefixEnd;
      if (nppLiteral != null) {
        if (!number.startsWith(nppLiteral)) {
          return number;
        }
        if (!transformRule.isEmpty()) {
          // the whole match is group 0, never null: the transform branch
          return null;
        }
        prefixEnd = nppLiteral.length();
      } else {
        Matcher prefix = nppPattern.matcher(number);
        if (!prefix.lookingAt()) {
          return number;
        }
        if (!transformRule.isEmpty() && prefix.group(prefix.groupCount()) != null) {
          return null;
        }
        prefixEnd = prefix.end();
      }
      String stripped = number.substring(prefixEnd);
      if (generalMatches(number) && !generalMatches(stripped)) {
        return number;
      }
      return lengthKeepsStripped(stripped.length()) ? stripped : number;
    }

    /**
     * {@code testNumberLength(number, metadata)} (type UNKNOWN: the general description's lengths) is none of
     * TOO_SHORT, IS_POSSIBLE_LOCAL_ONLY, INVALID_LENGTH; the same tests in the same order.
     */
    boolean lengthKeepsStripped(int length) {
      if (possibleLengths[0] == -1) {
        return false; // INVALID_LENGTH
      }
      if (contains(localOnlyLengths, 0, length)) {
        return false; // IS_POSSIBLE_LOCAL_ONLY
      }
      int minimum = possibleLengths[0];
      if (minimum == length) {
        return true; // IS_POSSIBLE
      }
      if (minimum > length) {
        return false; // TOO_SHORT
      }
      if (possibleLengths[possibleLengths.length - 1] < length) {
        return true; // TOO_LONG
      }
      return contains(possibleLengths, 1, length); // IS_POSSIBLE, else INVALID_LENGTH
    }
  }

  /**
   * A calling code's regions, for validity: in libphonenumber's order, each with its leading digits (if any) and the
   * patterns of its number types.
   */
  private static final class CallingCode {

    final boolean usable;
    /** The metadata of the code's main region (or non-geographical entity), for numbers given with {@code +}. */
    final Parsing parsing;
    final Region[] regions;

    private CallingCode(boolean usable, Parsing parsing, Region[] regions) {
      this.usable = usable;
      this.parsing = parsing;
      this.regions = regions;
    }

    static CallingCode of(int code) {
      List<String> regionCodes = PHONES.getRegionCodesForCountryCode(code);
      if (regionCodes.isEmpty()) {
        return new CallingCode(false, null, null);
      }
      Region[] regions = new Region[regionCodes.size()];
      for (int i = 0; i < regions.length; i++) {
        PhoneMetadata metadata = metadataFor(code, regionCodes.get(i));
        regions[i] = metadata == null ? null : Region.of(metadata);
        if (regions[i] == null) {
          return new CallingCode(false, null, null);
        }
      }
      String main = PHONES.getRegionCodeForCountryCode(code);
      Parsing parsing = Parsing.of(metadataFor(code, main));
      return new CallingCode(true, parsing, regions);
    }

    /**
     * {@code isValidNumber}: {@code getRegionCodeForNumber} (the only region, else the first whose leading digits
     * match at the start, or, without leading digits, whose number type is known), then
     * {@code isValidNumberForRegion} (the number type there is known).
     */
    boolean isValid(String national) {
      if (regions.length == 1) {
        return regions[0].typeKnown(national);
      }
      for (Region region : regions) {
        if (region.leadingDigits != null) {
          if (region.leadingDigits.matcher(national).lookingAt()) {
            return region.typeKnown(national);
          }
        } else if (region.typeKnown(national)) {
          return true;
        }
      }
      return false;
    }
  }

  /** A region's number types, for {@code getNumberTypeHelper(number, metadata) != UNKNOWN}. */
  private static final class Region {

    final Pattern leadingDigits;
    final Desc general;
    /** Fixed line, mobile (unless the same pattern as fixed line), then the other types. */
    final Desc[] types;

    private Region(Pattern leadingDigits, Desc general, Desc[] types) {
      this.leadingDigits = leadingDigits;
      this.general = general;
      this.types = types;
    }

    /** {@code null} when a description is missing (libphonenumber would fail on it). */
    static Region of(PhoneMetadata metadata) {
      PhoneNumberDesc[] descs = metadata.getSameMobileAndFixedLinePattern()
          ? new PhoneNumberDesc[] {metadata.getFixedLine(), metadata.getPremiumRate(), metadata.getTollFree(),
              metadata.getSharedCost(), metadata.getVoip(), metadata.getPersonalNumber(), metadata.getPager(),
              metadata.getUan(), metadata.getVoicemail()}
          : new PhoneNumberDesc[] {metadata.getFixedLine(), metadata.getMobile(), metadata.getPremiumRate(),
              metadata.getTollFree(), metadata.getSharedCost(), metadata.getVoip(), metadata.getPersonalNumber(),
              metadata.getPager(), metadata.getUan(), metadata.getVoicemail()};
      if (metadata.getGeneralDesc() == null) {
        return null;
      }
      Desc[] types = new Desc[descs.length];
      for (int i = 0; i < descs.length; i++) {
        if (descs[i] == null) {
          return null;
        }
        types[i] = new Desc(descs[i]);
      }
      Pattern leading = metadata.hasLeadingDigits() ? compile(metadata.getLeadingDigits()) : null;
      return new Region(leading, new Desc(metadata.getGeneralDesc()), types);
    }

    /**
     * The general description accepts the number, and so does one of the types. {@code getNumberTypeHelper} tests
     * the types in another order and returns the first that accepts, but only whether one does matters here.
     */
    boolean typeKnown(String national) {
      if (!general.matches(national)) {
        return false;
      }
      for (Desc type : types) {
        if (type.matches(national)) {
          return true;
        }
      }
      return false;
    }
  }

  /**
   * A number description as {@code isNumberMatchingDesc} reads it. Its pattern is matched by a
   * {@link DigitAutomaton} compiled at the first match, or by the {@link Pattern} when the automaton cannot read it.
   */
  private static final class Desc {

    /** Bit {@code n} set when {@code n} is among the possible lengths (all are below 64). */
    final long lengths;
    final boolean anyLength;
    final Pattern pattern;
    /** The pattern's automaton, once compiled ({@code Optional.empty()}: the pattern is matched instead). */
    private volatile Optional<DigitAutomaton> automaton;

    Desc(PhoneNumberDesc desc) {
      long mask = 0;
      for (int length : desc.getPossibleLengthList()) {
        if (length >= 0 && length < 64) {
          mask |= 1L << length;
        }
      }
      lengths = mask;
      anyLength = desc.getPossibleLengthList().isEmpty();
      String regex = desc.getNationalNumberPattern();
      pattern = regex.isEmpty() ? null : compile(regex);
    }

    boolean matches(String national) {
      int length = national.length();
      if (!anyLength && (length >= 64 || (lengths & (1L << length)) == 0)) {
        return false;
      }
      if (pattern == null) {
        return false;
      }
      Optional<DigitAutomaton> compiled = automaton;
      if (compiled == null) {
        compiled = Optional.ofNullable(DigitAutomaton.compile(pattern.pattern()));
        automaton = compiled;
      }
      return compiled.isPresent() ? compiled.get().matches(national) : pattern.matcher(national).matches();
    }
  }

  private static boolean isDigits(String text) {
    if (text.isEmpty()) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  private static int[] toArray(List<Integer> list) {
    int[] array = new int[list.size()];
    for (int i = 0; i < array.length; i++) {
      array[i] = list.get(i);
    }
    return array;
  }

  private static boolean contains(int[] array, int from, int value) {
    for (int i = from; i < array.length; i++) {
      if (array[i] == value) {
        return true;
      }
    }
    return false;
  }
}
