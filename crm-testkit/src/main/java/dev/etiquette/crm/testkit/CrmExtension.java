package dev.etiquette.crm.testkit;

import dev.etiquette.crm.Crm;
import dev.etiquette.crm.api.Actor;
import dev.etiquette.crm.api.CrmTenant;
import dev.etiquette.crm.api.TenantId;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives a JUnit 5 test a fresh in-memory {@link Crm} on a {@link TestClock}, delivering its notifications to a
 * {@link RecordingNotificationPort}: declare a parameter of type {@code Crm}, {@code CrmTenant} (tenant
 * {@value #TENANT}, acting as user {@value #ACTOR}), {@code TestClock} or {@code RecordingNotificationPort} in a
 * test or lifecycle method.
 *
 * <pre>{@code
 * @ExtendWith(CrmExtension.class)
 * class WelcomeFlowTest {
 *   @Test
 *   void greetsNewCustomers(CrmTenant crm, TestClock clock) {
 *     Party ada = crm.parties().create(PartyDraft.person("Ada").build());
 *     clock.advance(Duration.ofDays(1));
 *     ...
 *   }
 * }
 *
 * @ExtendWith(CrmExtension.class)
 * class FirstResponseTest {
 *   @Test
 *   void breachesAfterTheDeadline(CrmTenant crm, Crm whole, TestClock clock,
 *       RecordingNotificationPort notifications) {
 *     crm.rules().publish(supportDesk);
 *     ...
 *     clock.advance(Duration.ofHours(5));
 *     whole.processDue();
 *     assertThat(notifications.ofKind(NotificationKind.OBLIGATION_BREACHED)).hasSize(1);
 *   }
 * }
 * }</pre>
 *
 * <p>Each test method gets its own {@code Crm}, clock (starting at {@link TestClock#DEFAULT_START}) and
 * notification port, and ids that count up ({@code party-1}, {@code party-2}, ...) so that failures read easily.
 * All parameters of one test share the same {@code Crm}, clock and port.
 */
public final class CrmExtension implements ParameterResolver {

  /** The tenant of the {@link CrmTenant} parameter. */
  public static final String TENANT = "test";
  /** The actor of the {@link CrmTenant} parameter. */
  public static final String ACTOR = "tester";

  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(CrmExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == Crm.class || type == CrmTenant.class || type == TestClock.class
        || type == RecordingNotificationPort.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Fixture fixture = context.getStore(NAMESPACE).getOrComputeIfAbsent(Fixture.class, k -> new Fixture(), Fixture.class);
    Class<?> type = parameter.getParameter().getType();
    if (type == Crm.class) {
      return fixture.crm;
    }
    if (type == CrmTenant.class) {
      return fixture.crm.tenant(TenantId.of(TENANT), Actor.user(ACTOR));
    }
    if (type == TestClock.class) {
      return fixture.clock;
    }
    if (type == RecordingNotificationPort.class) {
      return fixture.notifications;
    }
    throw new ParameterResolutionException("CrmExtension cannot supply " + type);
  }

  /** One test's Crm, clock and notification port; closed with the test's extension context. */
  private static final class Fixture implements ExtensionContext.Store.CloseableResource, AutoCloseable {
    final TestClock clock = TestClock.create();
    final AtomicLong ids = new AtomicLong();
    final RecordingNotificationPort notifications = new RecordingNotificationPort();
    final Crm crm = Crm.builder().clock(clock).idGenerator(type -> type + "-" + ids.incrementAndGet())
        .notifications(notifications).build();

    @Override
    public void close() {
      crm.close();
    }
  }
}
