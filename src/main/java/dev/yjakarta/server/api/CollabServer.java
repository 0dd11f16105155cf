package dev.yjakarta.server.api;

import java.util.List;

/** The collaboration server as application code sees it; inject it with {@code @Inject}. */
public interface CollabServer {
  /**
   * Opens (loading if needed) a document and holds it until the returned connection is closed.
   *
   * @throws IllegalArgumentException for an empty or blank name
   * @throws IllegalStateException when the document cannot be loaded
   */
  DirectConnection openDocument(String name);

  /** Sends a stateless message to every connection of a loaded document; false when not loaded. */
  boolean broadcastStateless(String name, String payload);

  /** Loaded documents. */
  int documentCount();

  /** Sockets with at least one document connection, plus open direct connections. */
  int connectionCount();

  /** Closes every connection of the document with CLOSE "Reset Connection"; sockets stay open. */
  void closeConnections(String name);

  /** Documents whose last store failed and are being retried (they stay loaded). */
  List<String> failingStores();
}
