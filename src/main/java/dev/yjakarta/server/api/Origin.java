package dev.yjakarta.server.api;

/** Where a change came from; stores and relays decide by it (a relayed change is not re-published). */
public enum Origin {
  /** A client's update over WebSocket. */
  CONNECTION,
  /** Application code through the server-side API. */
  LOCAL,
  /** Another instance, through the cluster relay. */
  RELAY,
  /** The document's stored state, read on load. */
  STORE
}
