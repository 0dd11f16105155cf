package dev.yjakarta.server.api;

import java.util.Map;
import java.util.Objects;

/**
 * The health of one component as a health endpoint shows it. {@code data} values are strings,
 * numbers, booleans or collections of those; they must never hold document content or secrets
 * (document names are fine).
 */
public record ComponentHealth(String name, boolean up, Map<String, Object> data) {
  public ComponentHealth {
    Objects.requireNonNull(name, "name");
    data = Map.copyOf(data);
  }

  public static ComponentHealth up(String name, Map<String, Object> data) {
    return new ComponentHealth(name, true, data);
  }

  public static ComponentHealth down(String name, Map<String, Object> data) {
    return new ComponentHealth(name, false, data);
  }
}
