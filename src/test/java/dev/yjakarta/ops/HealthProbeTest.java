package dev.yjakarta.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.yjakarta.server.api.ComponentHealth;
import dev.yjakarta.server.api.HealthSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HealthProbeTest {
  private static final HealthSource DATABASE_UP = () -> ComponentHealth.up("database", Map.of());
  private static final HealthSource REDIS_DOWN = () -> ComponentHealth.down("redis", Map.of("connected", false));

  @Test
  void isReadyWhenEverySourceIsUpAndNotShuttingDown() {
    HealthReport report = HealthProbe.readiness(false, List.of(DATABASE_UP));
    assertTrue(report.up());
    assertEquals(List.of("application", "database"), report.checks().stream().map(ComponentHealth::name).toList());
  }

  @Test
  void isNotReadyWhileShuttingDown() {
    HealthReport report = HealthProbe.readiness(true, List.of(DATABASE_UP));
    assertFalse(report.up());
    assertEquals(Map.of("shuttingDown", true), report.checks().get(0).data());
  }

  @Test
  void isNotReadyWhenOneSourceIsDown() {
    HealthReport report = HealthProbe.readiness(false, List.of(DATABASE_UP, REDIS_DOWN));
    assertFalse(report.up());
    assertEquals(503, report.httpStatus());
  }
}
