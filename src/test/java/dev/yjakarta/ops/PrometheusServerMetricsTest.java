package dev.yjakarta.ops;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PrometheusServerMetricsTest {
  private final PrometheusServerMetrics metrics = started();

  private static PrometheusServerMetrics started() {
    PrometheusServerMetrics m = new PrometheusServerMetrics();
    m.start();
    return m;
  }

  private String exposition() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrometheusTextFormatWriter.create().write(out, metrics.scrape());
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void countsConnectionsAndKeepsTheOpenGaugeInStep() throws IOException {
    metrics.connectionOpened();
    metrics.connectionOpened();
    metrics.connectionClosed();
    String text = exposition();
    assertTrue(text.contains("yjakarta_connections_opened_total 2.0"), text);
    assertTrue(text.contains("yjakarta_connections_closed_total 1.0"), text);
    assertTrue(text.contains("yjakarta_connections_open 1.0"), text);
  }

  @Test
  void labelsMessagesByType() throws IOException {
    metrics.messageReceived("sync");
    metrics.messageReceived("sync");
    metrics.messageReceived("awareness");
    metrics.messageReceived(null);
    String text = exposition();
    assertTrue(text.contains("yjakarta_messages_received_total{type=\"sync\"} 2.0"), text);
    assertTrue(text.contains("yjakarta_messages_received_total{type=\"awareness\"} 1.0"), text);
    assertTrue(text.contains("yjakarta_messages_received_total{type=\"unknown\"} 1.0"), text);
  }

  @Test
  void countsUpdatesAndTheirBytes() throws IOException {
    metrics.updateApplied(10);
    metrics.updateApplied(32);
    String text = exposition();
    assertTrue(text.contains("yjakarta_updates_applied_total 2.0"), text);
    assertTrue(text.contains("yjakarta_update_bytes_total 42.0"), text);
  }

  @Test
  void recordsStoreLatencyInSecondsAndFailures() throws IOException {
    metrics.storeCompleted(3_000_000L);
    metrics.storeFailed();
    String text = exposition();
    assertTrue(text.contains("yjakarta_store_duration_seconds_bucket{le=\"0.005\"} 1"), text);
    assertTrue(text.contains("yjakarta_store_duration_seconds_bucket{le=\"0.001\"} 0"), text);
    assertTrue(text.contains("yjakarta_store_duration_seconds_count 1"), text);
    assertTrue(text.contains("yjakarta_store_failures_total 1.0"), text);
  }

  @Test
  void treatsANegativeRelayLagAsZero() throws IOException {
    metrics.relayLag(-5);
    assertTrue(exposition().contains("yjakarta_relay_lag_seconds_bucket{le=\"0.001\"} 1"));
  }

  @Test
  void recordsTheRelayInboundWaitAndProbeTimeouts() throws IOException {
    metrics.relayInboundWait(2_000_000L);
    metrics.relayProbeTimedOut();
    String text = exposition();
    assertTrue(text.contains("yjakarta_relay_inbound_wait_seconds_bucket{le=\"0.0025\"} 1"), text);
    assertTrue(text.contains("yjakarta_relay_inbound_wait_seconds_bucket{le=\"0.001\"} 0"), text);
    assertTrue(text.contains("yjakarta_relay_probe_timeouts_total 1.0"), text);
  }

  @Test
  void exposesDocumentsLocksAndTheJvm() throws IOException {
    metrics.documentLoaded();
    metrics.loadCompleted(1_000_000L);
    metrics.lockContended();
    String text = exposition();
    assertTrue(text.contains("yjakarta_documents_loaded_total 1.0"), text);
    assertTrue(text.contains("yjakarta_documents_open 1.0"), text);
    assertTrue(text.contains("yjakarta_load_duration_seconds_count 1"), text);
    assertTrue(text.contains("yjakarta_lock_contentions_total 1.0"), text);
    assertTrue(text.contains("jvm_memory_used_bytes"), text);
    assertTrue(text.contains("jvm_threads_current"), text);
    assertTrue(text.contains("process_cpu_seconds_total"), text);
  }
}
