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

  // --- for relays (the Redis cluster relay uses only this public API) ---

  /** Applies a V1 update with the given origin; RELAY and STORE origins are not re-published. */
  void applyUpdate(byte[] update, Origin origin);

  /**
   * {@link #applyUpdate(byte[], Origin)} on the calling thread if the document is idle; never
   * waits for it otherwise. A relay's receiving thread uses it to skip a hand-off.
   *
   * @return false when the document was busy: nothing was done, the caller applies it later
   */
  default boolean applyUpdateIfIdle(byte[] update, Origin origin) {
    return false;
  }

  /** The part of the state a peer with {@code stateVector} lacks (a SyncStep2 payload). */
  byte[] diff(byte[] stateVector);

  /** The full awareness of the document as a y-protocols awareness update. */
  byte[] encodeAwareness();

  /** The awareness states of the given clients as a y-protocols awareness update. */
  byte[] encodeAwareness(java.util.Collection<Long> clients);

  /** Applies a y-protocols awareness update (clock rules as for clients) with the given origin. */
  void applyAwareness(byte[] awarenessUpdate, Origin origin);

  /** Sends a stateless message to local connections only, without beforeBroadcastStateless. */
  void relayStateless(String payload);
}
