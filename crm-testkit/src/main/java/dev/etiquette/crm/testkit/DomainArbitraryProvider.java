package dev.etiquette.crm.testkit;

import dev.etiquette.crm.api.Page;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.providers.ArbitraryProvider;
import net.jqwik.api.providers.TypeUsage;

/**
 * Lets a property take crm-api values as parameters: {@code @ForAll Party party},
 * {@code @ForAll Page<AuditEntry> page}, {@code @ForAll ContactPoint point}. The values come from
 * {@link DomainArbitraries} and are valid. A raw {@code Page} is a page of parties.
 *
 * <p>Registered in {@code META-INF/services/net.jqwik.api.providers.ArbitraryProvider}.
 */
public final class DomainArbitraryProvider implements ArbitraryProvider {

  private static final Map<Class<?>, Supplier<Arbitrary<?>>> BY_TYPE = DomainArbitraries.byType();

  @Override
  public boolean canProvideFor(TypeUsage targetType) {
    return targetType.isOfType(Page.class) || BY_TYPE.containsKey(targetType.getRawType());
  }

  @Override
  public Set<Arbitrary<?>> provideFor(TypeUsage targetType, SubtypeProvider subtypeProvider) {
    if (targetType.isOfType(Page.class)) {
      if (targetType.getTypeArguments().isEmpty()) {
        return Set.of(DomainArbitraries.pages(DomainArbitraries.parties()));
      }
      return subtypeProvider.apply(targetType.getTypeArgument(0)).stream()
          .map(DomainArbitraryProvider::pagesOf)
          .collect(Collectors.toSet());
    }
    return Set.of(BY_TYPE.get(targetType.getRawType()).get());
  }

  @SuppressWarnings("unchecked")
  private static Arbitrary<?> pagesOf(Arbitrary<?> items) {
    return DomainArbitraries.pages((Arbitrary<Object>) items);
  }

  /** Above jqwik's defaults, so that these win for the types they cover. */
  @Override
  public int priority() {
    return 10;
  }
}
