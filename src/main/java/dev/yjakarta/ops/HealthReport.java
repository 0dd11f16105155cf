package dev.yjakarta.ops;

import dev.yjakarta.server.api.ComponentHealth;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * One answer of a health endpoint: UP only when every check is up. The JSON has the MicroProfile
 * Health shape ({@code {"status":"UP","checks":[{"name":..,"status":..,"data":{..}}]}}), which
 * probes and dashboards already understand.
 */
final class HealthReport {
  private final List<ComponentHealth> checks;

  HealthReport(List<ComponentHealth> checks) {
    this.checks = List.copyOf(checks);
  }

  boolean up() {
    return checks.stream().allMatch(ComponentHealth::up);
  }

  List<ComponentHealth> checks() {
    return checks;
  }

  /** 200 when up, 503 when not (what load balancers and Kubernetes probes act on). */
  int httpStatus() {
    return up() ? 200 : 503;
  }

  JsonObject toJson() {
    JsonArrayBuilder array = Json.createArrayBuilder();
    for (ComponentHealth check : checks) {
      JsonObjectBuilder data = Json.createObjectBuilder();
      check.data().forEach((key, value) -> data.add(key, json(value)));
      array.add(Json.createObjectBuilder()
          .add("name", check.name())
          .add("status", check.up() ? "UP" : "DOWN")
          .add("data", data));
    }
    return Json.createObjectBuilder().add("status", up() ? "UP" : "DOWN").add("checks", array).build();
  }

  private static JsonValue json(Object value) {
    if (value == null) {
      return JsonValue.NULL;
    }
    if (value instanceof Boolean b) {
      return b ? JsonValue.TRUE : JsonValue.FALSE;
    }
    if (value instanceof Integer || value instanceof Long || value instanceof Short) {
      return Json.createValue(((Number) value).longValue());
    }
    if (value instanceof Number n) {
      return Json.createValue(n.doubleValue());
    }
    if (value instanceof Collection<?> items) {
      JsonArrayBuilder array = Json.createArrayBuilder();
      items.forEach(item -> array.add(json(item)));
      return array.build();
    }
    if (value instanceof Map<?, ?> map) {
      JsonObjectBuilder object = Json.createObjectBuilder();
      map.forEach((k, v) -> object.add(String.valueOf(k), json(v)));
      return object.build();
    }
    return Json.createValue(value.toString());
  }
}
