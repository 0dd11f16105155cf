package dev.yjakarta.server.api;

/** An open document, as hooks and application code see it. */
public interface DocumentHandle {
  String name();

  /** The whole state as a V1 update. */
  byte[] encodeState();

  /** The state vector. */
  byte[] stateVector();

  /** Applies a V1 update with {@link Origin#LOCAL} and broadcasts it. */
  void applyUpdate(byte[] update);

  /** Sends a stateless message to every connection of the document (runs beforeBroadcastStateless). */
  void broadcastStateless(String payload);

  int connectionCount();
}
