package dev.yjakarta.websocket;

import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Keeps the upgrade request's headers (names lower-case) for the hooks' connection context. */
public class HandshakeCapture extends ServerEndpointConfig.Configurator {
  static final String HEADERS = "yjakarta.headers";

  @Override
  public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
    Map<String, List<String>> headers = new TreeMap<>();
    request.getHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
    // One config object serves all sockets of the endpoint; the value is read in @OnOpen of the
    // same handshake, which the container runs right after this call on the same thread.
    config.getUserProperties().put(HEADERS, Map.copyOf(headers));
  }
}
