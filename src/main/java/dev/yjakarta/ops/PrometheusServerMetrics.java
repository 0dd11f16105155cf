package dev.yjakarta.ops;

import dev.yjakarta.server.ServerMetrics;
import dev.yjakarta.server.api.CollabServer;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.instrumentation.jvm.JvmBufferPoolMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmClassLoadingMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmCompilationMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmGarbageCollectorMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmMemoryMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmRuntimeInfoMetric;
import io.prometheus.metrics.instrumentation.jvm.JvmThreadsMetrics;
import io.prometheus.metrics.instrumentation.jvm.ProcessMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Unit;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * {@link ServerMetrics} kept in a Prometheus registry of this application (not the library's
 * static default registry, so a redeploy starts from a clean one), plus the JVM's own metrics.
 * All names start with {@code yjakarta_}; durations are in seconds, as Prometheus expects.
 */
@ApplicationScoped
public class PrometheusServerMetrics implements ServerMetrics {
  /** Store, load and relay latencies: 1 ms to 10 s. */
  private static final double[] LATENCY_BUCKETS = {
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10
  };

  private PrometheusRegistry registry;
  private Instruments m;

  /** Read at scrape time only (the server itself injects this bean while it starts). */
  @Inject Instance<CollabServer> server;

  /**
   * Built here rather than in field initializers, because CDI may run the constructor of the
   * client proxy as well; only the real instance should own a registry.
   */
  @PostConstruct
  void start() {
    registry = new PrometheusRegistry();
    m = new Instruments(registry);
    // JvmMetrics.builder() would also add JvmMemoryPoolAllocationMetrics, which hangs listeners on
    // the platform GC beans that outlive an undeploy (a class-loader leak); take the others.
    JvmThreadsMetrics.builder().register(registry);
    JvmBufferPoolMetrics.builder().register(registry);
    JvmClassLoadingMetrics.builder().register(registry);
    JvmCompilationMetrics.builder().register(registry);
    JvmGarbageCollectorMetrics.builder().register(registry);
    JvmMemoryMetrics.builder().register(registry);
    JvmRuntimeInfoMetric.builder().register(registry);
    ProcessMetrics.builder().register(registry);
    GaugeWithCallback.builder()
        .name("yjakarta_sockets_open")
        .help("WebSockets with at least one document connection, plus direct connections")
        .callback(cb -> serverIfStarted().ifPresent(s -> cb.call(s.connectionCount())))
        .register(registry);
    GaugeWithCallback.builder()
        .name("yjakarta_stores_failing")
        .help("Documents whose last store failed and is being retried")
        .callback(cb -> serverIfStarted().ifPresent(s -> cb.call(s.failingStores().size())))
        .register(registry);
  }

  private Optional<CollabServer> serverIfStarted() {
    return server != null && server.isResolvable() ? Optional.of(server.get()) : Optional.empty();
  }

  /** What {@code /metrics} exposes. */
  public MetricSnapshots scrape() {
    return registry.scrape();
  }

  @Override
  public void connectionOpened() {
    m.connectionsOpened.inc();
    m.connectionsOpen.inc();
  }

  @Override
  public void connectionClosed() {
    m.connectionsClosed.inc();
    m.connectionsOpen.dec();
  }

  @Override
  public void documentLoaded() {
    m.documentsLoaded.inc();
    m.documentsOpen.inc();
  }

  @Override
  public void documentUnloaded() {
    m.documentsUnloaded.inc();
    m.documentsOpen.dec();
  }

  @Override
  public void messageReceived(String type) {
    m.messagesReceived.labelValues(type == null ? "unknown" : type).inc();
  }

  @Override
  public void updateApplied(int bytes) {
    m.updatesApplied.inc();
    m.updateBytes.inc(bytes);
  }

  @Override
  public void storeCompleted(long nanos) {
    m.storeDuration.observe(Unit.nanosToSeconds(nanos));
  }

  @Override
  public void storeComparedRow() {
    m.storeRowComparisons.inc();
  }

  @Override
  public void storeFailed() {
    m.storeFailures.inc();
  }

  @Override
  public void loadCompleted(long nanos) {
    m.loadDuration.observe(Unit.nanosToSeconds(nanos));
  }

  @Override
  public void relayLag(long nanos) {
    m.relayLag.observe(Unit.nanosToSeconds(Math.max(0, nanos)));
  }

  @Override
  public void relayInboundWait(long nanos) {
    m.relayInboundWait.observe(Unit.nanosToSeconds(Math.max(0, nanos)));
  }

  @Override
  public void relayProbeTimedOut() {
    m.relayProbeTimeouts.inc();
  }

  @Override
  public void lockContended() {
    m.lockContentions.inc();
  }

  /** The application's instruments, all in one registry. */
  private static final class Instruments {
    final Counter connectionsOpened;
    final Counter connectionsClosed;
    final Gauge connectionsOpen;
    final Counter documentsLoaded;
    final Counter documentsUnloaded;
    final Gauge documentsOpen;
    final Counter messagesReceived;
    final Counter updatesApplied;
    final Counter updateBytes;
    final Histogram storeDuration;
    final Counter storeFailures;
    final Counter storeRowComparisons;
    final Histogram loadDuration;
    final Histogram relayLag;
    final Histogram relayInboundWait;
    final Counter relayProbeTimeouts;
    final Counter lockContentions;

    Instruments(PrometheusRegistry registry) {
      connectionsOpened = counter(registry, "yjakarta_connections_opened_total",
          "Document connections accepted (one document on one socket)");
      connectionsClosed = counter(registry, "yjakarta_connections_closed_total",
          "Document connections ended, for any reason");
      connectionsOpen = gauge(registry, "yjakarta_connections_open", "Document connections open now");
      documentsLoaded = counter(registry, "yjakarta_documents_loaded_total", "Documents loaded into memory");
      documentsUnloaded = counter(registry, "yjakarta_documents_unloaded_total", "Documents unloaded from memory");
      documentsOpen = gauge(registry, "yjakarta_documents_open", "Documents in memory now");
      messagesReceived = Counter.builder()
          .name("yjakarta_messages_received_total")
          .help("Protocol messages received, by message type")
          .labelNames("type")
          .register(registry);
      updatesApplied = counter(registry, "yjakarta_updates_applied_total",
          "Yjs updates applied to documents, from any origin");
      updateBytes = Counter.builder()
          .name("yjakarta_update_bytes_total")
          .help("Bytes of Yjs updates applied")
          .unit(Unit.BYTES)
          .register(registry);
      storeDuration = latency(registry, "yjakarta_store_duration_seconds", "Time to store a document's state");
      storeFailures = counter(registry, "yjakarta_store_failures_total",
          "Document stores that failed (retried by the scheduler)");
      storeRowComparisons = counter(registry, "yjakarta_store_row_comparisons_total",
          "Stores that decoded the stored row to compare it with the document (no shortcut applied)");
      loadDuration = latency(registry, "yjakarta_load_duration_seconds",
          "Time to load a document's state from the store");
      relayLag = latency(registry, "yjakarta_relay_lag_seconds",
          "Round trip of a probe through this instance's publishing queue, Redis and subscriber loop");
      relayInboundWait = latency(registry, "yjakarta_relay_inbound_wait_seconds",
          "Time a message from another instance waits on its document's lane before it is handled");
      relayProbeTimeouts = counter(registry, "yjakarta_relay_probe_timeouts_total",
          "Relay probes not back in time (the subscriber connection was forced to reconnect)");
      lockContentions = counter(registry, "yjakarta_lock_contentions_total",
          "Times a thread had to wait for a document lock");
    }

    private static Counter counter(PrometheusRegistry registry, String name, String help) {
      return Counter.builder().name(name).help(help).register(registry);
    }

    private static Gauge gauge(PrometheusRegistry registry, String name, String help) {
      return Gauge.builder().name(name).help(help).register(registry);
    }

    private static Histogram latency(PrometheusRegistry registry, String name, String help) {
      return Histogram.builder()
          .name(name)
          .help(help)
          .unit(Unit.SECONDS)
          .classicOnly()
          .classicUpperBounds(LATENCY_BUCKETS)
          .register(registry);
    }
  }
}
