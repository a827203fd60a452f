package dev.etiquette.crm.internal;

import dev.etiquette.crm.api.party.Party;
import dev.etiquette.crm.api.party.PartyQuery;
import java.util.Locale;

/** Whether a party matches a query, exactly as the storage port defines it. */
final class PartyMatcher {

  private PartyMatcher() {}

  static boolean matches(PartyQuery query, Party party) {
    return query.kind().map(k -> party.kind() == k).orElse(true)
        && query.role().map(party.roles()::contains).orElse(true)
        && query.stage().map(s -> party.stage().map(s::equals).orElse(false)).orElse(true)
        && query.tag().map(party.tags()::contains).orElse(true)
        && query.owner().map(o -> party.owner().map(o::equals).orElse(false)).orElse(true)
        && query.attribute().map(a -> a.value().equals(party.attributes().get(a.name()))).orElse(true)
        && query.namePrefix().map(p -> party.displayName().toLowerCase(Locale.ROOT)
            .startsWith(p.toLowerCase(Locale.ROOT))).orElse(true);
  }
}
