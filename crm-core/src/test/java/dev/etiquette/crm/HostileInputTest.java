package dev.etiquette.crm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.etiquette.crm.api.Actor;
import dev.etiquette.crm.api.Channel;
import dev.etiquette.crm.api.CrmTenant;
import dev.etiquette.crm.api.Page;
import dev.etiquette.crm.api.PageRequest;
import dev.etiquette.crm.api.Purpose;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.ValidationException;
import dev.etiquette.crm.api.Violation;
import dev.etiquette.crm.api.party.AttributeDefinition;
import dev.etiquette.crm.api.party.AttributeSchema;
import dev.etiquette.crm.api.party.AttributeValue;
import dev.etiquette.crm.api.party.AuditEntry;
import dev.etiquette.crm.api.party.ConsentDraft;
import dev.etiquette.crm.api.party.ConsentRecord;
import dev.etiquette.crm.api.party.ContactKind;
import dev.etiquette.crm.api.party.ContactPoint;
import dev.etiquette.crm.api.party.EmailAddress;
import dev.etiquette.crm.api.party.ExternalId;
import dev.etiquette.crm.api.party.LifecycleStage;
import dev.etiquette.crm.api.party.Party;
import dev.etiquette.crm.api.party.PartyDraft;
import dev.etiquette.crm.api.party.PartyId;
import dev.etiquette.crm.api.party.PartyQuery;
import dev.etiquette.crm.api.party.PartyUpdate;
import dev.etiquette.crm.api.party.PostalAddress;
import dev.etiquette.crm.api.party.RelationshipType;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile input through the public API: empty and 10,000-character strings, CJK, emoji, combining marks,
 * right-to-left text and overrides, control characters, SQL and HTML metacharacters, invalid emails and
 * phones, unknown attributes and values of the wrong type.
 *
 * <p>Every input is either <em>stored</em> (verbatim for free text; normalized for emails and phones, which
 * the library documents as normalized) and read back and found by search where a search applies, or
 * <em>rejected</em> with a {@link ValidationException} that names the field's path, masks personal values
 * (the raw name, email or phone never appears in the message) and leaves nothing written: the parties, the
 * party's version and the audit trail are exactly as before. Nothing else is ever thrown.
 */
class HostileInputTest {

  static final Instant NOW = Instant.parse("2026-03-02T09:30:00Z");

  // ---------------------------------------------------------------------------------------------------
  // The catalogue of hostile text

  /** A labelled hostile string; the label keeps test names and failure reports readable. */
  record Hostile(String label, String value) {
    @Override
    public String toString() {
      return label;
    }
  }

  static List<Hostile> hostileText() {
    return List.of(
        new Hostile("empty", ""),
        new Hostile("blank", "   "),
        new Hostile("10,000 characters", "x".repeat(10_000)),
        new Hostile("10,001 characters", "y".repeat(10_001)),
        new Hostile("CJK", "山田太郎 株式会社テスト"),
        new Hostile("emoji with ZWJ and flag", "👩‍💻 Ada 🚀 🇩🇪"),
        new Hostile("combining marks", "Zoe\u0308 Ame\u0301lie"),
        new Hostile("zalgo", "Z\u0334\u0321\u0354a\u0338l\u0337g\u0336o\u0336"),
        new Hostile("Arabic", "مرحبا بالعالم"),
        new Hostile("Hebrew", "שלום עולם"),
        new Hostile("right-to-left override", "\u202Egnp.exe"),
        new Hostile("mixed direction", "abc \u05D0\u05D1\u05D2 123 \u0627\u0644"),
        new Hostile("zero-width space and BOM", "a\u200Bb\uFEFF"),
        new Hostile("line separator", "line\u2028break"),
        new Hostile("NUL", "Ada\u0000Lovelace"),
        new Hostile("BEL", "\u0007bell"),
        new Hostile("ESC sequence", "\u001B[31mred\u001B[0m"),
        new Hostile("CR LF", "Ada\r\nBcc: eve@evil.test"),
        new Hostile("tab", "Ada\tLovelace"),
        new Hostile("DEL", "Ada\u007F"),
        new Hostile("C1 NEL", "Ada\u0085"),
        new Hostile("C1 CSI", "\u009B31mred"),
        new Hostile("lone high surrogate", "abc\uD800"),
        new Hostile("lone low surrogate", "\uDC00abc"),
        new Hostile("SQL injection", "Robert'); DROP TABLE parties;--"),
        new Hostile("SQL tautology", "' OR '1'='1"),
        new Hostile("LIKE percent", "%"),
        new Hostile("LIKE underscore", "_"),
        new Hostile("backslash", "\\"),
        new Hostile("quotes", "\"'`"),
        new Hostile("HTML script", "<script>alert(1)</script>"),
        new Hostile("HTML attribute", "\"><img src=x onerror=alert(1)>"),
        new Hostile("format string", "%s%n%x%d"),
        new Hostile("JSON", "{\"$ne\": null}"),
        new Hostile("the word null", "null"));
  }

  /** The free-text fields of a party, each with its documented rule. */
  enum TextField {
    DISPLAY_NAME("displayName", "changes[0].displayName", 500, true) {
      @Override PartyDraft.Builder draft(String value) {
        return PartyDraft.person(value);
      }
      @Override Party update(CrmTenant t, Party p, String value) {
        return t.parties().update(p.id(), p.version(), PartyUpdate.builder().rename(value).build());
      }
      @Override boolean holds(Party p, String value) {
        return p.displayName().equals(value);
      }
      @Override Optional<Boolean> found(CrmTenant t, Party p, String value) {
        return Optional.of(ids(t, PartyQuery.all().withNamePrefix(value)).contains(p.id()));
      }
    },
    TAG("tags[0]", "changes[0].tag", 100, false) {
      @Override PartyDraft.Builder draft(String value) {
        return PartyDraft.person("Ada").tags(value);
      }
      @Override Party update(CrmTenant t, Party p, String value) {
        return t.parties().update(p.id(), p.version(), PartyUpdate.builder().addTag(value).build());
      }
      @Override boolean holds(Party p, String value) {
        return p.tags().contains(value);
      }
      @Override Optional<Boolean> found(CrmTenant t, Party p, String value) {
        return Optional.of(ids(t, PartyQuery.all().withTag(value)).contains(p.id()));
      }
    },
    OWNER("owner", "changes[0].owner", 200, false) {
      @Override PartyDraft.Builder draft(String value) {
        return PartyDraft.person("Ada").owner(value);
      }
      @Override Party update(CrmTenant t, Party p, String value) {
        return t.parties().update(p.id(), p.version(), PartyUpdate.builder().owner(value).build());
      }
      @Override boolean holds(Party p, String value) {
        return p.owner().equals(Optional.of(value));
      }
      @Override Optional<Boolean> found(CrmTenant t, Party p, String value) {
        return Optional.of(ids(t, PartyQuery.all().withOwner(value)).contains(p.id()));
      }
    },
    TEAM("team", "changes[0].team", 200, false) {
      @Override PartyDraft.Builder draft(String value) {
        return PartyDraft.person("Ada").team(value);
      }
      @Override Party update(CrmTenant t, Party p, String value) {
        return t.parties().update(p.id(), p.version(), PartyUpdate.builder().team(value).build());
      }
      @Override boolean holds(Party p, String value) {
        return p.team().equals(Optional.of(value));
      }
    },
    EXTERNAL_ID("externalIds[0].value", "changes[0].externalId.value", 200, false) {
      @Override PartyDraft.Builder draft(String value) {
        return PartyDraft.person("Ada").externalId("billing", value);
      }
      @Override Party update(CrmTenant t, Party p, String value) {
        return t.parties().update(p.id(), p.version(), PartyUpdate.builder().addExternalId("billing", value).build());
      }
      @Override boolean holds(Party p, String value) {
        return p.externalIds().contains(ExternalId.of("billing", value));
      }
      @Override Optional<Boolean> found(CrmTenant t, Party p, String value) {
        return Optional.of(t.parties().findByExternalId(ExternalId.of("billing", value)).map(Party::id)
            .equals(Optional.of(p.id())));
      }
    },
    CONSENT_SOURCE("consents[0].source", "consent.source", 200, false) {
      @Override PartyDraft.Builder draft(String value) {
        return PartyDraft.person("Ada").consent(ConsentDraft.optIn(Channel.EMAIL, Purpose.MARKETING, value));
      }
      @Override Party update(CrmTenant t, Party p, String value) {
        return t.parties().recordConsent(p.id(), p.version(), ConsentDraft.optIn(Channel.EMAIL, Purpose.MARKETING, value));
      }
      @Override boolean holds(Party p, String value) {
        return p.latestConsent(Channel.EMAIL, Purpose.MARKETING).map(ConsentRecord::source)
            .equals(Optional.of(value));
      }
    },
    /** A STRING attribute: "text of at most 10,000 characters; stored verbatim" — any text, blank included. */
    STRING_ATTRIBUTE("attributes.notes", "changes[0].attributes.notes", 10_000, false) {
      @Override PartyDraft.Builder draft(String value) {
        return PartyDraft.person("Ada").attribute("notes", AttributeValue.of(value));
      }
      @Override Party update(CrmTenant t, Party p, String value) {
        return t.parties().update(p.id(), p.version(),
            PartyUpdate.builder().attribute("notes", AttributeValue.of(value)).build());
      }
      @Override boolean holds(Party p, String value) {
        return AttributeValue.of(value).equals(p.attributes().get("notes"));
      }
      @Override Optional<Boolean> found(CrmTenant t, Party p, String value) {
        return Optional.of(ids(t, PartyQuery.all().withAttribute("notes", AttributeValue.of(value))).contains(p.id()));
      }
      @Override boolean accepts(String value) {
        return value.length() <= maxLength && wellFormed(value);
      }
    };

    final String createPath;
    final String updatePath;
    final int maxLength;
    final boolean personal;

    TextField(String createPath, String updatePath, int maxLength, boolean personal) {
      this.createPath = createPath;
      this.updatePath = updatePath;
      this.maxLength = maxLength;
      this.personal = personal;
    }

    abstract PartyDraft.Builder draft(String value);

    abstract Party update(CrmTenant t, Party p, String value);

    abstract boolean holds(Party p, String value);

    /** Whether the party is found by the lookup that belongs to this field; empty when there is none. */
    Optional<Boolean> found(CrmTenant t, Party p, String value) {
      return Optional.empty();
    }

    /** The documented rule: not blank, not too long, no control characters, well-formed Unicode. */
    boolean accepts(String value) {
      return !value.isBlank() && value.length() <= maxLength && value.chars().noneMatch(Character::isISOControl)
          && wellFormed(value);
    }
  }

  static Stream<Arguments> everyFieldWithEveryHostileText() {
    return Stream.of(TextField.values())
        .flatMap(field -> hostileText().stream().map(text -> Arguments.of(field, text)));
  }

  // ---------------------------------------------------------------------------------------------------
  // Set-up

  CrmTenant acme;
  Party base;

  @BeforeEach
  void setUp() {
    acme = newTenant();
    base = acme.parties().create(PartyDraft.person("Base Party").build());
  }

  static CrmTenant newTenant() {
    AtomicInteger ids = new AtomicInteger();
    Crm crm = Crm.builder()
        .clock(Clock.fixed(NOW, ZoneOffset.UTC))
        .idGenerator(type -> type + "-" + ids.incrementAndGet())
        .build();
    CrmTenant tenant = crm.tenant(TenantId.of("acme"), Actor.user("alice"));
    tenant.configure(tenant.settings()
        .withDefaultRegion("GB")
        .withAttributes(AttributeSchema.of(
            AttributeDefinition.string("notes"),
            AttributeDefinition.number("revenue"),
            AttributeDefinition.bool("beta"),
            AttributeDefinition.date("renewal"),
            AttributeDefinition.enumeration("tier", "gold", "silver"))));
    return tenant;
  }

  // ---------------------------------------------------------------------------------------------------
  // Free text: stored verbatim or rejected, on create and on update

  @ParameterizedTest(name = "create with {0} = {1}")
  @MethodSource("everyFieldWithEveryHostileText")
  void createStoresHostileTextVerbatimOrRejectsItWhole(TextField field, Hostile text) {
    Snapshot before = snapshot(acme);
    Object outcome = attempt(() -> acme.parties().create(field.draft(text.value()).build()));

    if (field.accepts(text.value())) {
      assertThat(outcome).as("%s = %s is valid and must be stored", field, text).isInstanceOf(Party.class);
      Party created = acme.parties().get(((Party) outcome).id());
      assertThat(created).isEqualTo(outcome);
      assertThat(field.holds(created, text.value())).as("read back verbatim").isTrue();
      field.found(acme, created, text.value()).ifPresent(found -> assertThat(found).as("found by search").isTrue());
      assertThat(snapshot(acme).parties()).hasSize(before.parties().size() + 1);
      assertThat(snapshot(acme).audit()).hasSize(before.audit().size() + 1);
    } else {
      ValidationException rejected = assertRejection(outcome, field + " = " + text);
      assertThat(rejected.violations()).extracting(Violation::path).contains(field.createPath);
      if (field.personal) {
        assertMasked(rejected, text.value());
      }
      assertThat(snapshot(acme)).as("nothing written").isEqualTo(before);
    }
  }

  @ParameterizedTest(name = "update with {0} = {1}")
  @MethodSource("everyFieldWithEveryHostileText")
  void updateStoresHostileTextVerbatimOrRejectsItWhole(TextField field, Hostile text) {
    Snapshot before = snapshot(acme);
    Object outcome = attempt(() -> field.update(acme, base, text.value()));

    if (field.accepts(text.value())) {
      assertThat(outcome).as("%s = %s is valid and must be stored", field, text).isInstanceOf(Party.class);
      Party updated = acme.parties().get(base.id());
      assertThat(updated).isEqualTo(outcome);
      assertThat(updated.version()).isEqualTo(base.version() + 1);
      assertThat(field.holds(updated, text.value())).as("read back verbatim").isTrue();
      field.found(acme, updated, text.value()).ifPresent(found -> assertThat(found).as("found by search").isTrue());
    } else {
      ValidationException rejected = assertRejection(outcome, field + " = " + text);
      assertThat(rejected.violations()).extracting(Violation::path).contains(field.updatePath);
      if (field.personal) {
        assertMasked(rejected, text.value());
      }
      assertThat(acme.parties().get(base.id())).as("party unchanged, same version").isEqualTo(base);
      assertThat(snapshot(acme)).as("nothing written").isEqualTo(before);
    }
  }

  @Test
  void oneBadFieldAmongGoodOnesRejectsTheWholeUpdate() {
    Snapshot before = snapshot(acme);
    Object outcome = attempt(() -> acme.parties().update(base.id(), base.version(), PartyUpdate.builder()
        .rename("Ada Lovelace")
        .addTag("vip")
        .owner("u-42")
        .attribute("notes", AttributeValue.of("fine"))
        .addTag("bad\u0000tag")
        .build()));

    ValidationException rejected = assertRejection(outcome, "update with one bad tag");
    assertThat(rejected.violations()).extracting(Violation::path).containsExactly("changes[4].tag");
    assertThat(snapshot(acme)).isEqualTo(before);
  }

  @Test
  void everyProblemOfADraftIsListedAtOnceWithItsPath() {
    Object outcome = attempt(() -> acme.parties().create(PartyDraft.person("")
        .email("not-an-email")
        .phone("<script>alert(1)</script>")
        .tags("", "t".repeat(101))
        .owner("o\u0000")
        .externalId("billing", "x\u009B")
        .attribute("shoe_size", AttributeValue.of(44))
        .attribute("revenue", AttributeValue.of("lots"))
        .attribute("tier", AttributeValue.choice("platinum"))
        .consent(ConsentDraft.optIn(Channel.EMAIL, Purpose.MARKETING, "\r\n"))
        .build()));

    ValidationException rejected = assertRejection(outcome, "a draft with ten problems");
    assertThat(rejected.violations()).extracting(Violation::path).contains(
        "displayName", "contactPoints[0].address", "contactPoints[1].number", "tags[0]", "tags[1]", "owner",
        "externalIds[0].value", "attributes.shoe_size", "attributes.revenue", "attributes.tier",
        "consents[0].source");
    assertThat(rejected.getMessage()).doesNotContain("not-an-email").doesNotContain("<script>");
    assertThat(snapshot(acme).parties()).containsExactly(base);
  }

  // ---------------------------------------------------------------------------------------------------
  // Contact points: validated and normalized, personal values masked

  static Stream<Arguments> invalidEmails() {
    return Stream.of(
        "", "   ", "ada.lovelace", "ada.lovelace@", "@example.com", "ada@@example.com", "ada lovelace@example.com",
        "ada.lovelace@example.com\r\nBcc: eve@evil.test", "robert'); DROP TABLE parties;--@example.com",
        "<script>alert(1)</script>@example.com", "ada.lovelace@exa mple.com", "ada\u0000lovelace@example.com",
        "ada\u0085lovelace@example.com", "😀ada@example.com", "ada.lovelace@example.com.",
        "ada.lovelace@" + "d".repeat(10_000) + ".com", "a".repeat(10_000))
        .map(Arguments::of);
  }

  @ParameterizedTest(name = "invalid email [{index}]")
  @MethodSource("invalidEmails")
  void invalidEmailsAreRejectedMaskedOnCreateUpdateAndLookup(String email) {
    Snapshot before = snapshot(acme);

    ValidationException onCreate = assertRejection(
        attempt(() -> acme.parties().create(PartyDraft.person("Ada").email(email).build())), "create " + email);
    assertThat(onCreate.violations()).allSatisfy(v -> assertThat(v.path()).startsWith("contactPoints[0]"));
    assertMasked(onCreate, email);

    ValidationException onUpdate = assertRejection(attempt(() -> acme.parties().update(base.id(), base.version(),
        PartyUpdate.builder().addContactPoint(ContactPoint.email(email)).build())), "update " + email);
    assertThat(onUpdate.violations()).allSatisfy(v -> assertThat(v.path()).startsWith("changes[0].contactPoint"));
    assertMasked(onUpdate, email);

    assertLookupRejectedOrEmpty(attempt(() -> acme.parties().findByEmail(email)), email);

    assertThat(snapshot(acme)).isEqualTo(before);
  }

  static Stream<Arguments> validEmails() {
    return Stream.of(
        Arguments.of("ada@example.com", "ada@example.com"),
        Arguments.of("  Ada.Lovelace@Example.CO.UK  ", "Ada.Lovelace@example.co.uk"),
        Arguments.of("o'brien@example.com", "o'brien@example.com"),
        Arguments.of("100%_off@example.com", "100%_off@example.com"),
        Arguments.of("ada+crm@example.com", "ada+crm@example.com"),
        Arguments.of("用户@例子.广告", "用户@例子.广告"),
        Arguments.of("josé@exämple.com", "josé@exämple.com"));
  }

  @ParameterizedTest(name = "valid email {0}")
  @MethodSource("validEmails")
  void validEmailsAreStoredNormalizedAndFoundInAnySpelling(String given, String stored) {
    Party ada = acme.parties().create(PartyDraft.person("Ada").email(given).build());

    assertThat(ada.primaryEmail()).contains(stored);
    assertThat(acme.parties().findByEmail(given)).containsExactly(ada);
    assertThat(acme.parties().findByEmail(stored.toUpperCase(Locale.ROOT))).containsExactly(ada);
  }

  static Stream<Arguments> invalidPhones() {
    return Stream.of(
        "", "   ", "abc", "+", "12", "+44 20 7946 0958; DROP TABLE parties", "<script>alert(1)</script>",
        "+1 (555) DROP TABLE", "9".repeat(10_000), "\u202E0207946095", "+999 1234 5678", "+44 20 7946 09589999")
        .map(Arguments::of);
  }

  @ParameterizedTest(name = "invalid phone [{index}]")
  @MethodSource("invalidPhones")
  void invalidPhonesAreRejectedMaskedOnCreateUpdateAndLookup(String phone) {
    Snapshot before = snapshot(acme);

    ValidationException onCreate = assertRejection(
        attempt(() -> acme.parties().create(PartyDraft.person("Ada").phone(phone).build())), "create " + phone);
    assertThat(onCreate.violations()).allSatisfy(v -> assertThat(v.path()).startsWith("contactPoints[0]"));
    assertMasked(onCreate, phone);

    ValidationException onUpdate = assertRejection(attempt(() -> acme.parties().update(base.id(), base.version(),
        PartyUpdate.builder().addContactPoint(ContactPoint.phone(phone)).build())), "update " + phone);
    assertThat(onUpdate.violations()).allSatisfy(v -> assertThat(v.path()).startsWith("changes[0].contactPoint"));
    assertMasked(onUpdate, phone);

    assertLookupRejectedOrEmpty(attempt(() -> acme.parties().findByPhone(phone)), phone);

    assertThat(snapshot(acme)).isEqualTo(before);
  }

  @Test
  void phonesInAnyScriptOrWithJunkAroundAValidNumberAreStoredAsE164Only() {
    // phone numbers are documented as normalized: whatever surrounds a valid number never reaches storage
    for (String given : List.of("020 7946 0958", "+44 (0)20 7946-0958", "０２０ ７９４６ ０９５８",
        "٠٢٠ ٧٩٤٦ ٠٩٥٨", "020 7946 0958\u0000", "\u202E02079460958", "tel:+44-20-7946-0958")) {
      CrmTenant tenant = newTenant();
      Party p = tenant.parties().create(PartyDraft.person("Ada").phone(given).build());
      assertThat(p.primaryPhone()).as(given).contains("+442079460958");
      assertThat(tenant.parties().findByPhone("+44 20 7946 0958")).containsExactly(p);
    }
  }

  @Test
  void otherContactPointsRejectControlCharactersAndBadShapesButKeepMarkupVerbatim() {
    Snapshot before = snapshot(acme);
    List<ContactPoint> rejected = List.of(
        ContactPoint.website("javascript:alert(1)"),
        ContactPoint.website("https://exa mple.com"),
        ContactPoint.website("https://example.com/\u0000"),
        ContactPoint.website("https://example.com/" + "p".repeat(10_000)),
        ContactPoint.social("LinkedIn", "ada\u0000"),
        ContactPoint.social("LinkedIn", "ada lovelace"),
        ContactPoint.social("linked in", "ada"),
        postal(List.of("1 Main St"), "Berl\u0000in", "DE"),
        postal(List.of("1 Main St\r\nX-Injected: 1"), "Berlin", "DE"),
        postal(List.of("l".repeat(10_000)), "Berlin", "DE"),
        postal(List.of(), "Berlin", "DE"),
        postal(List.of("1 Main St"), "Berlin", "ß"),
        postal(List.of("1 Main St"), "Berlin", "Deutschland"),
        new EmailAddress("ada@example.com", Optional.of("work\u0000"), false),
        new EmailAddress("ada@example.com", Optional.of("l".repeat(10_000)), false),
        new PostalAddress(List.of("1 Main St"), "Berlin", Optional.of("Be\u0085rlin"), Optional.of("10\u009B115"), "DE",
            Optional.empty(), false));
    for (ContactPoint point : rejected) {
      ValidationException e = assertRejection(
          attempt(() -> acme.parties().create(PartyDraft.person("Ada").contactPoint(point).build())), point.toString());
      assertThat(e.violations()).allSatisfy(v -> assertThat(v.path()).startsWith("contactPoints[0]"));
    }
    assertThat(snapshot(acme)).isEqualTo(before);

    Party p = acme.parties().create(PartyDraft.person("Ada")
        .contactPoint(ContactPoint.website("HTTPS://Example.COM/<script>alert(1)</script>?q='%_\\"))
        .contactPoint(postal(List.of("Robert'); DROP TABLE parties;--", "<b>3</b> 山田 \u05D0\u05D1"), "Zürich", "ch"))
        .contactPoint(ContactPoint.social("Mastodon", "@ada@example.social"))
        .build());
    assertThat(p.primary(ContactKind.WEBSITE)).hasValueSatisfying(w -> assertThat(w.key())
        .isEqualTo("website:https://example.com/<script>alert(1)</script>?q='%_\\"));
    assertThat(p.primary(ContactKind.POSTAL)).hasValueSatisfying(a -> assertThat(((PostalAddress) a).lines())
        .containsExactly("Robert'); DROP TABLE parties;--", "<b>3</b> 山田 \u05D0\u05D1"));
    assertThat(p.primary(ContactKind.POSTAL)).hasValueSatisfying(a -> assertThat(((PostalAddress) a).country())
        .isEqualTo("CH"));
    assertThat(p.primary(ContactKind.SOCIAL)).hasValueSatisfying(s -> assertThat(s.key())
        .isEqualTo("social:mastodon:@ada@example.social"));
  }

  static PostalAddress postal(List<String> lines, String locality, String country) {
    return new PostalAddress(lines, locality, Optional.empty(), Optional.empty(), country, Optional.empty(), false);
  }

  // ---------------------------------------------------------------------------------------------------
  // Attributes: unknown names, wrong types, values out of range

  @Test
  void unknownAttributeNamesAreRejectedWithAnEscapedPath() {
    Snapshot before = snapshot(acme);
    for (Hostile name : hostileText()) {
      ValidationException e = assertRejection(attempt(() -> acme.parties().create(PartyDraft.person("Ada")
          .attribute(name.value(), AttributeValue.of("v")).build())), "attribute name " + name);
      assertThat(e.violations()).singleElement().satisfies(v -> {
        assertThat(v.path()).startsWith("attributes.").hasSizeLessThan(100);
        assertThat(v.message()).contains("is not an attribute of the tenant's schema");
      });
      ValidationException onUpdate = assertRejection(attempt(() -> acme.parties().update(base.id(), base.version(),
          PartyUpdate.builder().attribute(name.value(), AttributeValue.of(1)).build())), "attribute name " + name);
      assertThat(onUpdate.violations()).singleElement()
          .satisfies(v -> assertThat(v.path()).startsWith("changes[0].attributes."));
    }
    assertThat(snapshot(acme)).isEqualTo(before);
  }

  @Test
  void attributeValuesOfTheWrongTypeAreRejected() {
    Snapshot before = snapshot(acme);
    List<AttributeValue> samples = List.of(AttributeValue.of("12"), AttributeValue.of(12), AttributeValue.of(true),
        AttributeValue.of(LocalDate.of(2026, 1, 1)), AttributeValue.choice("gold"));
    for (String name : List.of("notes", "revenue", "beta", "renewal", "tier")) {
      AttributeDefinition definition = acme.settings().attributes().definition(name).orElseThrow();
      for (AttributeValue value : samples) {
        Object outcome = attempt(() -> acme.parties().create(PartyDraft.person("Ada").attribute(name, value).build()));
        if (value.type() == definition.type()) {
          assertThat(outcome).as("%s = %s", name, value).isInstanceOf(Party.class);
        } else {
          ValidationException e = assertRejection(outcome, name + " = " + value);
          assertThat(e.violations()).singleElement().satisfies(v -> {
            assertThat(v.path()).isEqualTo("attributes." + name);
            assertThat(v.message()).isEqualTo("must be a " + definition.type() + ", was a " + value.type());
          });
        }
      }
    }
    assertThat(snapshot(acme).parties()).hasSize(before.parties().size() + 5);
  }

  @Test
  void hostileEnumValuesAndAbsurdNumbersAreRejectedWithoutBeingWrittenOut() {
    Snapshot before = snapshot(acme);
    for (Hostile text : hostileText()) {
      ValidationException e = assertRejection(attempt(() -> acme.parties().create(PartyDraft.person("Ada")
          .attribute("tier", AttributeValue.choice(text.value())).build())), "tier = " + text);
      assertThat(e.violations()).singleElement().satisfies(v -> assertThat(v.path()).isEqualTo("attributes.tier"));
    }
    List<Supplier<BigDecimal>> absurd = List.of(() -> new BigDecimal("1E+99999999"), () -> new BigDecimal("1E-99999999"),
        () -> new BigDecimal("9".repeat(1_001)), () -> new BigDecimal("-1E+2147483647"),
        () -> new BigDecimal(java.math.BigInteger.ONE, Integer.MIN_VALUE),
        () -> new BigDecimal("1" + "0".repeat(38) + "1"));
    for (Supplier<BigDecimal> number : absurd) {
      for (String name : List.of("revenue", "size")) {
        // rejected where the value is made, or where it is submitted; never written out in full
        ValidationException e = assertRejection(attempt(() -> acme.parties().create(PartyDraft.person("Ada")
            .attribute(name, AttributeValue.of(number.get())).build())), name + " = " + number.get().toString());
        assertThat(e.getMessage()).hasSizeLessThan(300);
      }
    }
    assertThat(snapshot(acme)).isEqualTo(before);

    BigDecimal largest = new BigDecimal("-" + "9".repeat(19) + "." + "9".repeat(19));
    Party p = acme.parties().create(PartyDraft.person("Ada").attribute("revenue", AttributeValue.of(largest)).build());
    assertThat(p.attributes()).containsEntry("revenue", AttributeValue.of(largest));
    assertThat(acme.parties().search(PartyQuery.all().withAttribute("revenue", AttributeValue.of(largest)),
        PageRequest.first(10)).items()).containsExactly(p);
  }

  // ---------------------------------------------------------------------------------------------------
  // Search criteria and lookups: never an error for text, never a wildcard, never a leak

  @Test
  void searchCriteriaAreLiteralTextNeverPatterns() {
    List<Party> parties = new ArrayList<>();
    for (String name : List.of("100% Cotton", "A_B", "AxB", "back\\slash", "Robert'); DROP TABLE parties;--",
        "<script>alert(1)</script>", "山田太郎", "\u202Egnp.exe", "Zoe\u0308")) {
      parties.add(acme.parties().create(PartyDraft.person(name).tags(name).owner(name).build()));
    }
    List<Party> all = snapshot(acme).parties();
    for (Hostile criterion : hostileText()) {
      String c = criterion.value();
      assertThat(ids(acme, PartyQuery.all().withNamePrefix(c))).as("name prefix %s", criterion).isEqualTo(all.stream()
          .filter(p -> p.displayName().toLowerCase(Locale.ROOT).startsWith(c.toLowerCase(Locale.ROOT)))
          .map(Party::id).toList());
      assertThat(ids(acme, PartyQuery.all().withTag(c))).as("tag %s", criterion)
          .isEqualTo(all.stream().filter(p -> p.tags().contains(c)).map(Party::id).toList());
      assertThat(ids(acme, PartyQuery.all().withOwner(c))).as("owner %s", criterion)
          .isEqualTo(all.stream().filter(p -> p.owner().equals(Optional.of(c))).map(Party::id).toList());
      assertThat(acme.parties().findByExternalId(ExternalId.of("billing", c))).isEmpty();
    }
    assertThat(ids(acme, PartyQuery.all().withNamePrefix("%"))).isEmpty();
    assertThat(ids(acme, PartyQuery.all().withNamePrefix("_"))).isEmpty();
    assertThat(ids(acme, PartyQuery.all().withNamePrefix("A_"))).containsExactly(parties.get(1).id());
    assertThat(ids(acme, PartyQuery.all().withNamePrefix("100%"))).containsExactly(parties.get(0).id());
    assertThat(ids(acme, PartyQuery.all().withNamePrefix("robert'); drop"))).containsExactly(parties.get(4).id());
  }

  @Test
  void hostileCursorsAndRecordKeysAreRejectedOrFindNothing() {
    Snapshot before = snapshot(acme);
    for (Hostile text : hostileText()) {
      if (!text.value().isEmpty()) {
        ValidationException e = assertRejection(attempt(() -> acme.parties().search(PartyQuery.all(),
            PageRequest.after(text.value(), 10))), "cursor " + text);
        assertThat(e.violations()).extracting(Violation::path).containsExactly("page.cursor");
        assertRejection(attempt(() -> acme.audit().all(PageRequest.after(text.value(), 10))), "audit cursor " + text);
      }
      assertThat(acme.audit().ofRecord(text.value(), text.value(), PageRequest.first(10)).items()).isEmpty();
      assertThat(acme.audit().ofRecord("party", text.value(), PageRequest.first(10)).items()).isEmpty();
    }
    assertThat(snapshot(acme)).isEqualTo(before);
    // a cursor of one query is not a cursor of another
    acme.parties().create(PartyDraft.person("Ada").build());
    Page<Party> first = acme.parties().search(PartyQuery.all(), PageRequest.first(1));
    assertRejection(attempt(() -> acme.parties().search(PartyQuery.all().withTag("vip"),
        PageRequest.after(first.nextCursor().orElseThrow(), 1))), "cursor of another query");
  }

  @Test
  void hostileValuesOfTheApisOwnTypesAreRejectedByTheirConstructors() {
    for (Hostile text : hostileText()) {
      for (Supplier<?> construct : List.<Supplier<?>>of(
          () -> Actor.user(text.value()), () -> TenantId.of(text.value()), () -> PartyId.of(text.value()),
          () -> LifecycleStage.of(text.value()), () -> RelationshipType.of(text.value()),
          () -> ExternalId.of(text.value(), "x"), () -> AttributeDefinition.string(text.value()))) {
        Object outcome = attempt(construct::get);
        if (outcome instanceof Throwable) {
          assertRejection(outcome, text.toString());
        }
      }
      CrmTenant tenant = newTenant();
      Party party = tenant.parties().create(PartyDraft.person("Ada").build());
      Object reason = attempt(() -> tenant.parties().forceStage(party.id(), party.version(), LifecycleStage.LEAD,
          text.value()));
      if (reason instanceof Throwable) {
        assertThat(assertRejection(reason, "reason " + text).violations()).extracting(Violation::path)
            .containsExactly("reason");
        assertThat(tenant.parties().get(party.id())).isEqualTo(party);
      } else {
        assertThat(((Party) reason).lifecycle().history()).singleElement()
            .satisfies(move -> assertThat(move.reason()).contains(text.value()));
      }
    }
  }

  // ---------------------------------------------------------------------------------------------------
  // The law, over generated hostile strings

  /** Where a hostile string goes. */
  enum Target {
    CREATE_NAME, CREATE_TAG, CREATE_OWNER, CREATE_TEAM, CREATE_EXTERNAL_ID, CREATE_EXTERNAL_SYSTEM, CREATE_NOTES,
    CREATE_ATTRIBUTE_NAME, CREATE_TIER, CREATE_SOURCE, CREATE_EMAIL, CREATE_PHONE, CREATE_WEBSITE, CREATE_HANDLE,
    CREATE_LOCALITY, CREATE_LABEL, CREATE_WITH_IDEMPOTENCY_KEY,
    RENAME, ADD_TAG, ASSIGN_OWNER, ADD_EXTERNAL_ID, SET_NOTES, ADD_EMAIL, ADD_PHONE, REMOVE_EMAIL, FORCE_STAGE_REASON,
    RECORD_CONSENT,
    SEARCH_NAME_PREFIX, SEARCH_TAG, SEARCH_OWNER, SEARCH_NOTES, SEARCH_CURSOR, FIND_BY_EMAIL, FIND_BY_PHONE,
    FIND_BY_EXTERNAL_ID, AUDIT_OF_RECORD, AUDIT_CURSOR;

    boolean personal() {
      return switch (this) {
        case CREATE_NAME, RENAME, CREATE_EMAIL, ADD_EMAIL, REMOVE_EMAIL, FIND_BY_EMAIL, CREATE_PHONE, ADD_PHONE,
            FIND_BY_PHONE -> true;
        default -> false;
      };
    }

    boolean reads() {
      return name().startsWith("SEARCH") || name().startsWith("FIND") || name().startsWith("AUDIT");
    }
  }

  @Property(tries = 1500)
  void hostileInputIsStoredOrRejectedWithAValidationExceptionAndNothingHalfWritten(
      @ForAll("hostileStrings") String s, @ForAll Target target) {
    CrmTenant t = newTenant();
    Party ada = t.parties().create(PartyDraft.person("Ada Lovelace").email("ada@example.com").tags("vip")
        .owner("u-1").attribute("notes", AttributeValue.of("likes engines")).build());
    t.parties().create(PartyDraft.organization("Robert'); DROP TABLE parties;--").tags("%").owner("_").build());
    Snapshot before = snapshot(t);

    Object outcome = attempt(() -> apply(t, ada, target, s));

    if (outcome instanceof Throwable thrown) {
      ValidationException e = assertRejection(thrown, target + " with " + ValidationException.printable(s));
      assertThat(snapshot(t)).as("nothing written by a rejected %s", target).isEqualTo(before);
      if (target.personal()) {
        assertMasked(e, s);
      }
      return;
    }
    if (target.reads()) {
      assertThat(snapshot(t)).as("a read changes nothing").isEqualTo(before);
    }
    Party now = t.parties().get(ada.id());
    switch (target) {
      case CREATE_NAME -> assertThat(((Party) outcome).displayName()).isEqualTo(s);
      case CREATE_TAG -> assertThat(((Party) outcome).tags()).containsExactly(s);
      case CREATE_OWNER -> assertThat(((Party) outcome).owner()).contains(s);
      case CREATE_TEAM -> assertThat(((Party) outcome).team()).contains(s);
      case CREATE_EXTERNAL_ID -> assertThat(t.parties().findByExternalId(ExternalId.of("billing", s))).contains((Party) outcome);
      case CREATE_NOTES -> assertThat(((Party) outcome).attributes()).containsEntry("notes", AttributeValue.of(s));
      case CREATE_SOURCE -> assertThat(((Party) outcome).consents().get(0).source()).isEqualTo(s);
      case CREATE_EMAIL -> assertThat(t.parties().findByEmail(s)).contains((Party) outcome);
      case CREATE_PHONE -> assertThat(t.parties().findByPhone(s)).contains((Party) outcome);
      case RENAME -> assertThat(now.displayName()).isEqualTo(s);
      case ADD_TAG -> assertThat(now.tags()).contains(s);
      case ASSIGN_OWNER -> assertThat(now.owner()).contains(s);
      case ADD_EXTERNAL_ID -> assertThat(now.externalIds()).contains(ExternalId.of("billing", s));
      case SET_NOTES -> assertThat(now.attributes()).containsEntry("notes", AttributeValue.of(s));
      case ADD_EMAIL -> assertThat(t.parties().findByEmail(s)).contains(now);
      case RECORD_CONSENT -> assertThat(now.latestConsent(Channel.EMAIL, Purpose.MARKETING).orElseThrow().source())
          .isEqualTo(s);
      case SEARCH_NAME_PREFIX -> assertThat(outcome).isEqualTo(before.parties().stream()
          .filter(p -> p.displayName().toLowerCase(Locale.ROOT).startsWith(s.toLowerCase(Locale.ROOT))).toList());
      case SEARCH_TAG -> assertThat(outcome).isEqualTo(before.parties().stream()
          .filter(p -> p.tags().contains(s)).toList());
      case SEARCH_OWNER -> assertThat(outcome).isEqualTo(before.parties().stream()
          .filter(p -> p.owner().equals(Optional.of(s))).toList());
      default -> { }
    }
    if (target.name().startsWith("CREATE")) {
      assertThat(snapshot(t).parties()).hasSize(before.parties().size() + 1);
      assertThat(snapshot(t).audit()).hasSize(before.audit().size() + 1);
    }
  }

  /** Runs one operation with {@code s} in one place; returns what it returned. */
  static Object apply(CrmTenant t, Party ada, Target target, String s) {
    PartyDraft.Builder d = PartyDraft.person("Grace Hopper");
    return switch (target) {
      case CREATE_NAME -> t.parties().create(PartyDraft.person(s).build());
      case CREATE_TAG -> t.parties().create(d.tags(s).build());
      case CREATE_OWNER -> t.parties().create(d.owner(s).build());
      case CREATE_TEAM -> t.parties().create(d.team(s).build());
      case CREATE_EXTERNAL_ID -> t.parties().create(d.externalId("billing", s).build());
      case CREATE_EXTERNAL_SYSTEM -> t.parties().create(d.externalId(s, "42").build());
      case CREATE_NOTES -> t.parties().create(d.attribute("notes", AttributeValue.of(s)).build());
      case CREATE_ATTRIBUTE_NAME -> t.parties().create(d.attribute(s, AttributeValue.of(s)).build());
      case CREATE_TIER -> t.parties().create(d.attribute("tier", AttributeValue.choice(s)).build());
      case CREATE_SOURCE -> t.parties().create(d.consent(ConsentDraft.optIn(Channel.SMS, Purpose.SERVICE, s)).build());
      case CREATE_EMAIL -> t.parties().create(d.email(s).build());
      case CREATE_PHONE -> t.parties().create(d.phone(s).build());
      case CREATE_WEBSITE -> t.parties().create(d.contactPoint(ContactPoint.website(s)).build());
      case CREATE_HANDLE -> t.parties().create(d.contactPoint(ContactPoint.social("mastodon", s)).build());
      case CREATE_LOCALITY -> t.parties().create(d.contactPoint(postal(List.of("1 Main St"), s, "GB")).build());
      case CREATE_LABEL -> t.parties().create(d.contactPoint(ContactPoint.email("grace@example.com").withLabel(s)).build());
      case CREATE_WITH_IDEMPOTENCY_KEY -> t.parties().create(d.build(), s);
      case RENAME -> t.parties().update(ada.id(), ada.version(), PartyUpdate.builder().rename(s).build());
      case ADD_TAG -> t.parties().update(ada.id(), ada.version(), PartyUpdate.builder().addTag(s).build());
      case ASSIGN_OWNER -> t.parties().update(ada.id(), ada.version(), PartyUpdate.builder().owner(s).build());
      case ADD_EXTERNAL_ID -> t.parties().update(ada.id(), ada.version(),
          PartyUpdate.builder().addExternalId("billing", s).build());
      case SET_NOTES -> t.parties().update(ada.id(), ada.version(),
          PartyUpdate.builder().attribute("notes", AttributeValue.of(s)).build());
      case ADD_EMAIL -> t.parties().update(ada.id(), ada.version(),
          PartyUpdate.builder().addContactPoint(ContactPoint.email(s)).build());
      case ADD_PHONE -> t.parties().update(ada.id(), ada.version(),
          PartyUpdate.builder().addContactPoint(ContactPoint.phone(s)).build());
      case REMOVE_EMAIL -> t.parties().update(ada.id(), ada.version(),
          PartyUpdate.builder().removeContactPoint(ContactPoint.email(s)).build());
      case FORCE_STAGE_REASON -> t.parties().forceStage(ada.id(), ada.version(), LifecycleStage.LEAD, s);
      case RECORD_CONSENT -> t.parties().recordConsent(ada.id(), ada.version(),
          ConsentDraft.optOut(Channel.EMAIL, Purpose.MARKETING, s));
      case SEARCH_NAME_PREFIX -> allPages(t, PartyQuery.all().withNamePrefix(s));
      case SEARCH_TAG -> allPages(t, PartyQuery.all().withTag(s));
      case SEARCH_OWNER -> allPages(t, PartyQuery.all().withOwner(s));
      case SEARCH_NOTES -> allPages(t, PartyQuery.all().withAttribute("notes", AttributeValue.of(s)));
      case SEARCH_CURSOR -> t.parties().search(PartyQuery.all(), PageRequest.after(s, 10));
      case FIND_BY_EMAIL -> t.parties().findByEmail(s);
      case FIND_BY_PHONE -> t.parties().findByPhone(s);
      case FIND_BY_EXTERNAL_ID -> t.parties().findByExternalId(ExternalId.of("billing", s));
      case AUDIT_OF_RECORD -> t.audit().ofRecord(s, s, PageRequest.first(10));
      case AUDIT_CURSOR -> t.audit().all(PageRequest.after(s, 10));
    };
  }

  /** Hostile strings of our own: fragments of every kind above, mixed, repeated to the length limits. */
  @Provide
  Arbitrary<String> hostileStrings() {
    Arbitrary<String> fragments = Arbitraries.of(hostileText().stream()
        .map(Hostile::value).filter(v -> v.length() < 100).toList());
    Arbitrary<String> nasty = Arbitraries.of("\u0000", "\u0007", "\u001B", "\r", "\n", "\t", "\u007F", "\u0085",
        "\u009B", "\u202E", "\u202D", "\u200B", "\u2028", "\uFEFF", "\uD800", "\uDFFF", "'", "\"", ";", "--", "%", "_",
        "\\", "<", ">", "&", "@", "+", " ", "\u3000", "\u00A0", "😀", "👩‍💻", "\u0308", "ß", "İ", "ı", "ﬀ", "ǅ",
        "مرحبا", "שלום", "山田", "Ada", "a", "0", "+44", "20 7946 0958", "@example.com");
    Arbitrary<String> mixed = nasty.list().ofMinSize(1).ofMaxSize(8).map(parts -> String.join("", parts));
    Arbitrary<String> anyChars = Arbitraries.strings().all().ofMaxLength(30);
    Arbitrary<String> emailLike = Arbitraries.strings().all().ofMaxLength(12)
        .map(local -> local + "@example.com");
    Arbitrary<String> atLimits = Arbitraries.of(50, 51, 100, 101, 200, 201, 254, 255, 500, 501, 2_000, 10_000, 10_001)
        .flatMap(n -> nasty.map(part -> repeatTo(part, n)));
    return Arbitraries.oneOf(fragments, mixed, anyChars, emailLike, atLimits);
  }

  static String repeatTo(String part, int length) {
    StringBuilder out = new StringBuilder(length + part.length());
    while (out.length() < length) {
      out.append(part);
    }
    out.setLength(length);
    return out.toString();
  }

  // ---------------------------------------------------------------------------------------------------
  // Helpers

  /** Everything a tenant holds that a change could touch: every party and every audit entry. */
  record Snapshot(List<Party> parties, List<AuditEntry> audit) {}

  static Snapshot snapshot(CrmTenant t) {
    List<AuditEntry> audit = new ArrayList<>();
    Optional<PageRequest> page = Optional.of(PageRequest.first(PageRequest.MAX_LIMIT));
    while (page.isPresent()) {
      Page<AuditEntry> entries = t.audit().all(page.get());
      audit.addAll(entries.items());
      page = page.get().next(entries);
    }
    return new Snapshot(allPages(t, PartyQuery.all()), audit);
  }

  static List<Party> allPages(CrmTenant t, PartyQuery query) {
    List<Party> found = new ArrayList<>();
    Optional<PageRequest> page = Optional.of(PageRequest.first(7));
    while (page.isPresent()) {
      Page<Party> result = t.parties().search(query, page.get());
      found.addAll(result.items());
      page = page.get().next(result);
    }
    return found;
  }

  static List<PartyId> ids(CrmTenant t, PartyQuery query) {
    return allPages(t, query).stream().map(Party::id).toList();
  }

  /** Runs {@code operation}; returns its result, or what it threw. */
  static Object attempt(Supplier<?> operation) {
    try {
      return operation.get();
    } catch (Throwable thrown) {
      return thrown;
    }
  }

  /**
   * Asserts that {@code outcome} is a ValidationException with at least one violation, a path for each,
   * and a message fit for a log: well-formed Unicode, control characters escaped.
   */
  static ValidationException assertRejection(Object outcome, String what) {
    assertThat(outcome).as("%s must be rejected with a ValidationException", what)
        .isInstanceOf(ValidationException.class);
    ValidationException e = (ValidationException) outcome;
    assertThat(e.violations()).isNotEmpty().allSatisfy(v -> assertThat(v.path()).isNotBlank());
    assertThat(wellFormed(e.getMessage())).as("message is well-formed Unicode: %s", e.getMessage()).isTrue();
    assertThat(e.getMessage().chars().noneMatch(Character::isISOControl))
        .as("message has no raw control characters: %s", ValidationException.printable(e.getMessage())).isTrue();
    return e;
  }

  /**
   * A lookup by a value no party can hold either rejects it (masked, as it is personal) or finds nothing: the
   * lookups check the shape of an email or phone, not every rule a stored one must meet.
   */
  static void assertLookupRejectedOrEmpty(Object outcome, String raw) {
    if (outcome instanceof Throwable) {
      assertMasked(assertRejection(outcome, "lookup by " + ValidationException.printable(raw)), raw);
    } else {
      assertThat(outcome).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST).isEmpty();
    }
  }

  /** The raw personal value must not appear in the message, only its mask. */
  static void assertMasked(ValidationException e, String raw) {
    String value = raw.strip();
    if (value.codePointCount(0, value.length()) >= 3) {
      assertThat(e.getMessage()).as("the message must mask the personal value").doesNotContain(value);
      assertThat(e.violations()).allSatisfy(v -> assertThat(v.value()).doesNotContain(value));
    }
  }

  static boolean wellFormed(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
          return false;
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        return false;
      }
    }
    return true;
  }
}
