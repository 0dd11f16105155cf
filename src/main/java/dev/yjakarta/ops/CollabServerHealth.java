package dev.yjakarta.ops;

import dev.yjakarta.server.api.CollabServer;
import dev.yjakarta.server.api.ComponentHealth;
import dev.yjakarta.server.api.HealthSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;

/**
 * The document service's part of readiness: how many documents and connections it holds and which
 * documents fail to store. Failing stores are reported but do not make the instance unready: the
 * scheduler retries them, the documents stay loaded and served, and a database outage already
 * shows as the "database" check; taking every instance out of the balancer for one bad document
 * would turn it into an outage.
 */
@ApplicationScoped
public class CollabServerHealth implements HealthSource {
  /** Enough names to act on; the count is always complete. */
  private static final int LISTED_FAILING_STORES = 20;

  @Inject Instance<CollabServer> server;

  @Override
  public ComponentHealth health() {
    if (!server.isResolvable()) {
      return ComponentHealth.down("documents", Map.of("error", "no CollabServer bean"));
    }
    CollabServer s = server.get();
    List<String> failing = s.failingStores();
    return ComponentHealth.up("documents", Map.of(
        "documents", s.documentCount(),
        "connections", s.connectionCount(),
        "failingStoreCount", failing.size(),
        "failingStores", failing.subList(0, Math.min(failing.size(), LISTED_FAILING_STORES))));
  }
}
