package dev.yjakarta.server.hooks;

import dev.yjakarta.server.api.ConnectionHandle;
import java.util.List;
import java.util.Map;

/** A document connection's view: the request it came from and what hooks stored for it. */
public interface ConnectionContext {
  String documentName();

  /** Query parameters of the WebSocket upgrade request. */
  Map<String, List<String>> requestParameters();

  /** Headers of the WebSocket upgrade request (names lower-case). */
  Map<String, List<String>> requestHeaders();

  /** The provider version sent with the token ("4.8.0"), or null for v3 providers. */
  String providerVersion();

  /** Per-connection values that hooks set and later hooks read (Hocuspocus's "context"). */
  Map<String, Object> context();

  /** The authenticated identity (JWT subject or what an authenticator set), or null. */
  String identity();

  /** The connection, once it exists (null in onConnect/onAuthenticate). */
  ConnectionHandle connection();
}
