package dev.yjakarta.ops;

import dev.yjakarta.server.api.ComponentHealth;
import dev.yjakarta.server.api.HealthSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Aggregates the health of the components. Liveness says only that the JVM and the application
 * answer (a failing database must not get the instance restarted); readiness says it should get
 * traffic: every {@link HealthSource} up and the application not shutting down.
 */
@ApplicationScoped
public class HealthProbe {
  private final long startedAt = System.currentTimeMillis();
  private volatile boolean shuttingDown;

  @Inject @Any Instance<HealthSource> sources;

  void onShutdown(@Observes @BeforeDestroyed(ApplicationScoped.class) Object event) {
    shuttingDown = true;
  }

  HealthReport liveness() {
    return new HealthReport(List.of(ComponentHealth.up("application", Map.of(
        "uptimeSeconds", (System.currentTimeMillis() - startedAt) / 1000,
        "jvmUptimeSeconds", ManagementFactory.getRuntimeMXBean().getUptime() / 1000))));
  }

  HealthReport readiness() {
    return readiness(shuttingDown, sources);
  }

  static HealthReport readiness(boolean shuttingDown, Iterable<? extends HealthSource> sources) {
    List<ComponentHealth> checks = new ArrayList<>();
    checks.add(shuttingDown
        ? ComponentHealth.down("application", Map.of("shuttingDown", true))
        : ComponentHealth.up("application", Map.of("shuttingDown", false)));
    for (HealthSource source : sources) {
      checks.add(ask(source));
    }
    return new HealthReport(checks);
  }

  /** A source that throws is down; only the exception's class is shown (messages may hold URLs). */
  static ComponentHealth ask(HealthSource source) {
    try {
      return source.health();
    } catch (RuntimeException e) {
      String name = source.getClass().getSimpleName().replaceAll("\\$.*", "");
      return ComponentHealth.down(name, Map.of("error", e.getClass().getName()));
    }
  }
}
