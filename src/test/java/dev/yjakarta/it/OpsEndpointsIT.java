package dev.yjakarta.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The health and metrics endpoints of the real WAR, on whichever server the profile runs. */
@ExtendWith(ArquillianExtension.class)
class OpsEndpointsIT {
  @Deployment(testable = false)
  static WebArchive war() {
    return Deployments.builtWar();
  }

  @ArquillianResource URL base;

  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(Deployments.http(base, path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  @RunAsClient
  void livenessAnswersUpAsJson() throws Exception {
    HttpResponse<String> res = get("/health/live");
    assertEquals(200, res.statusCode(), res.body());
    assertTrue(res.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
    assertTrue(res.body().startsWith("{\"status\":\"UP\",\"checks\":["), res.body());
    assertTrue(res.body().contains("\"name\":\"application\""), res.body());
  }

  @Test
  @RunAsClient
  void readinessChecksTheDatabaseAndTheLifecycle() throws Exception {
    HttpResponse<String> res = get("/health/ready");
    assertEquals(200, res.statusCode(), res.body());
    assertTrue(res.body().startsWith("{\"status\":\"UP\""), res.body());
    assertTrue(res.body().contains("\"name\":\"database\",\"status\":\"UP\""), res.body());
    assertTrue(res.body().contains("\"shuttingDown\":false"), res.body());
    assertTrue(res.body().contains("\"name\":\"documents\",\"status\":\"UP\""), res.body());
    assertTrue(res.body().contains("\"failingStoreCount\":0"), res.body());
    // the WildFly profile always configures the SQLite datasource (configure-it.cli)
    if ("wildfly".equals(System.getProperty("arquillian.launch")) || res.body().contains("\"configured\":true")) {
      assertTrue(res.body().contains("\"configured\":true"), res.body());
      assertTrue(res.body().contains("\"product\":\"SQLite\""), res.body());
    }
  }

  @Test
  @RunAsClient
  void metricsCountAProvidersConnectionMessagesAndUpdates() throws Exception {
    ProviderClients.run(Deployments.ws(base, "/collab"), "ops-metrics-" + System.nanoTime(), 2, true);
    String body = get("/metrics").body();
    assertTrue(counter(body, "yjakarta_connections_opened_total") >= 2, body);
    assertTrue(counter(body, "yjakarta_documents_loaded_total") >= 1, body);
    assertTrue(counter(body, "yjakarta_updates_applied_total") >= 2, body);
    assertTrue(counter(body, "yjakarta_update_bytes_total") > 0, body);
    assertTrue(counter(body, "yjakarta_messages_received_total{type=\"sync\"}") >= 4, body);
    assertTrue(counter(body, "yjakarta_messages_received_total{type=\"awareness\"}") >= 2, body);
  }

  /** The value of the sample {@code series} (name and labels exactly as exposed). */
  private static double counter(String exposition, String series) {
    for (String line : exposition.split("\n")) {
      if (line.startsWith(series + " ")) {
        return Double.parseDouble(line.substring(series.length() + 1).trim());
      }
    }
    return -1;
  }

  @Test
  @RunAsClient
  void metricsUseThePrometheusTextFormat() throws Exception {
    HttpResponse<String> res = get("/metrics");
    assertEquals(200, res.statusCode());
    assertTrue(res.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));
    String body = res.body();
    for (String name : new String[] {
        "# TYPE yjakarta_connections_opened_total counter",
        "# TYPE yjakarta_connections_open gauge",
        "# TYPE yjakarta_documents_loaded_total counter",
        "# TYPE yjakarta_updates_applied_total counter",
        "# TYPE yjakarta_store_duration_seconds histogram",
        "# TYPE yjakarta_store_failures_total counter",
        "# TYPE yjakarta_relay_lag_seconds histogram",
        "# TYPE yjakarta_relay_inbound_wait_seconds histogram",
        "# TYPE yjakarta_relay_probe_timeouts_total counter",
        "# TYPE yjakarta_lock_contentions_total counter",
        "# TYPE yjakarta_sockets_open gauge",
        "# TYPE yjakarta_stores_failing gauge",
        "jvm_memory_used_bytes{area=\"heap\"}",
        "process_resident_memory_bytes"}) {
      assertTrue(body.contains(name), () -> name + " missing from\n" + body);
    }
  }
}
