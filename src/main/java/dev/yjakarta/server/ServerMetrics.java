package dev.yjakarta.server;

/**
 * What the document service counts and times, for operations. The WAR's implementation exports
 * these in the Prometheus format at {@code /metrics}; code that runs without a container (unit
 * tests, the Yjs core) uses {@link #NONE}. Every method is cheap and never throws: a metrics
 * problem must not fail a connection or a store.
 *
 * <p>Counters only go up, so rates and totals come from Prometheus ({@code rate(...)}); the
 * open-connection and open-document gauges follow the opened/closed pairs.
 */
public interface ServerMetrics {
  /** A no-op implementation. */
  ServerMetrics NONE = new ServerMetrics() {};

  /** A document connection (one document on one socket) was accepted. */
  default void connectionOpened() {}

  /** A document connection ended, for any reason. */
  default void connectionClosed() {}

  /** A document was loaded into memory (from the store or empty). */
  default void documentLoaded() {}

  /** A document was unloaded from memory. */
  default void documentUnloaded() {}

  /**
   * A protocol message was received. {@code type} must come from a small fixed set (the message
   * type's name, e.g. {@code sync}, {@code awareness}); it becomes a label value.
   */
  default void messageReceived(String type) {}

  /** A Yjs update of {@code bytes} bytes was applied to a document (from any origin). */
  default void updateApplied(int bytes) {}

  /** A document store finished successfully after {@code nanos}. */
  default void storeCompleted(long nanos) {}

  /**
   * A store decoded the stored row to compare it with the document: neither the row was what this
   * instance wrote last, nor did the document's coverage hold the row's.
   */
  default void storeComparedRow() {}

  /** A document store failed (it will be retried by the scheduler). */
  default void storeFailed() {}

  /** A document load from the store took {@code nanos}. */
  default void loadCompleted(long nanos) {}

  /**
   * A relay probe came back {@code nanos} after it was queued for publishing: the publishing queue,
   * Redis and the subscriber loop of this instance.
   */
  default void relayLag(long nanos) {}

  /** A message received from a peer waited {@code nanos} on its document's lane before it was handled. */
  default void relayInboundWait(long nanos) {}

  /** A relay probe did not come back in time; the subscriber connection was forced to reconnect. */
  default void relayProbeTimedOut() {}

  /** A thread had to wait for a document's lock (in-process or the cluster store lock). */
  default void lockContended() {}
}
