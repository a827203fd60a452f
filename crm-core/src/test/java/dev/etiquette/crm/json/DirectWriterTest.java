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
}
