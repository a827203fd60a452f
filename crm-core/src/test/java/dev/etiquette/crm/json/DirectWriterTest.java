package dev.etiquette.crm.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.etiquette.crm.api.Page;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.party.PartyId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * {@link CrmJson#toJson} writes crm-api values without the mapper, and hands everything else to it; either
 * way the text is what the mapper writes.
 */
class DirectWriterTest {

  /** A host application's own type, which only the mapper can write. */
  record Order(String number, int lines) {}

  @Test
  void apiValuesAndListsOfThemAreWrittenAsTheMapperWritesThem() throws Exception {
    for (Object value : List.of(TenantId.of("acme"), PartyId.of("p-1"),
        new Page<>(List.of(PartyId.of("a"), PartyId.of("b")), Optional.of("next")),
        List.of(PartyId.of("a"), TenantId.of("t")), List.of())) {
      assertThat(CrmJson.toJson(value)).as(value.toString()).isEqualTo(CrmJson.toJsonWithMapper(value));
    }
  }

  @Test
  void aHostValueAnywhereSendsTheWholeValueToTheMapper() throws Exception {
    Order order = new Order("A-17", 3);
    List<Object> values = new ArrayList<>();
    values.add(order);
    values.add(new Page<>(List.of(order), Optional.empty()));
    values.add(List.of(PartyId.of("a"), order));
    values.add(Arrays.asList(PartyId.of("a"), null));
    values.add(Set.of(PartyId.of("a")));
    values.add(new TreeMap<>(Map.of("b", PartyId.of("b"), "a", order)));
    for (Object value : values) {
      assertThat(CrmJson.toJson(value)).as(value.toString()).isEqualTo(CrmJson.toJsonWithMapper(value));
    }
    assertThat(CrmJson.toJson(new Page<>(List.of(order), Optional.empty())))
        .isEqualTo("{\"items\":[{\"lines\":3,\"number\":\"A-17\"}]}");
  }

  @Test
  void aPartyWithEveryNestedTypeIsWrittenAsTheMapperWritesIt() throws Exception {
    assertThat(CrmJson.toJson(CrmJsonTest.ada())).isEqualTo(CrmJson.toJsonWithMapper(CrmJsonTest.ada()));
  }

  /** A constant with a body is an instance of a subclass of its enum. */
  enum Tone {
    PLAIN,
    LOUD {
      @Override
      public String toString() {
        return "LOUD!";
      }
    }
  }

  @Test
  void theKindOfAClassIsTheFirstTestThatItsValuesPass() {
    assertThat(DomainWriter.kindOf(Tone.LOUD.getClass())).hasToString("ENUM");
    assertThat(DomainWriter.kindOf(java.time.ZoneOffset.UTC.getClass())).hasToString("ZONE_ID");
    assertThat(DomainWriter.kindOf(java.time.ZoneId.of("Europe/Berlin").getClass())).hasToString("ZONE_ID");
    assertThat(DomainWriter.kindOf(new java.util.TreeSet<String>().getClass())).hasToString("SET");
    assertThat(DomainWriter.kindOf(java.util.EnumSet.noneOf(Tone.class).getClass())).hasToString("SET");
    assertThat(DomainWriter.kindOf(com.google.common.collect.ImmutableList.of(1).getClass())).hasToString("COLLECTION");
    assertThat(DomainWriter.kindOf(new java.util.ArrayDeque<String>().getClass())).hasToString("COLLECTION");
    assertThat(DomainWriter.kindOf(new TreeMap<String, String>().getClass())).hasToString("MAP");
    assertThat(DomainWriter.kindOf(PartyId.class)).hasToString("STRING_VALUE");
    assertThat(DomainWriter.kindOf(Page.class)).hasToString("API_RECORD");
    assertThat(DomainWriter.kindOf(Order.class)).hasToString("OTHER");
    assertThat(DomainWriter.kindOf(Object.class)).hasToString("OTHER");
    assertThat(DomainWriter.kindOf(java.math.BigDecimal.class)).hasToString("BIG_DECIMAL");
    assertThat(DomainWriter.kindOf(java.time.LocalTime.class)).hasToString("LOCAL_DATE_OR_TIME");
  }
}
