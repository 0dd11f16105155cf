package dev.yjakarta.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.yjakarta.server.api.ComponentHealth;
import dev.yjakarta.server.api.HealthSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HealthReportTest {
  @Test
  void isUpWith200WhenEveryCheckIsUp() {
    HealthReport report = new HealthReport(List.of(
        ComponentHealth.up("application", Map.of()), ComponentHealth.up("database", Map.of())));
    assertTrue(report.up());
    assertEquals(200, report.httpStatus());
  }

  @Test
  void isDownWith503WhenOneCheckIsDown() {
    HealthReport report = new HealthReport(List.of(
        ComponentHealth.up("application", Map.of()), ComponentHealth.down("redis", Map.of("connected", false))));
    assertFalse(report.up());
    assertEquals(503, report.httpStatus());
  }

  @Test
  void reportsAThrowingSourceAsDownWithoutItsMessage() {
    HealthSource broken = () -> {
      throw new IllegalStateException("jdbc:postgresql://db/x?password=secret");
    };
    ComponentHealth health = HealthProbe.ask(broken);
    assertFalse(health.up());
    assertEquals(Map.of("error", IllegalStateException.class.getName()), health.data());
  }
}
