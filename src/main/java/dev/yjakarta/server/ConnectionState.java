package dev.yjakarta.server;

import dev.yjakarta.protocol.RoutingKey;
import dev.yjakarta.server.api.ConnectionHandle;
import dev.yjakarta.server.hooks.AuthenticationContext;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the hooks know about one document on one socket, from its Auth frame on: the request,
 * the token, the provider version, read-only, identity and the hooks' own context values.
 */
final class ConnectionState implements AuthenticationContext {
  private final RoutingKey key;
  private final Map<String, List<String>> requestParameters;
  private final Map<String, List<String>> requestHeaders;
  private final Map<String, Object> context = Collections.synchronizedMap(new LinkedHashMap<>());
  private volatile String token;
  private volatile String providerVersion;
  private volatile boolean readOnly;
  private volatile String identity;
  private volatile ConnectionHandle connection;

  ConnectionState(RoutingKey key, Map<String, List<String>> requestParameters,
      Map<String, List<String>> requestHeaders, String token, String providerVersion) {
    this.key = key;
    this.requestParameters = requestParameters;
    this.requestHeaders = requestHeaders;
    this.token = token;
    this.providerVersion = providerVersion;
  }

  RoutingKey key() {
    return key;
  }

  /** A refreshed token (onTokenSync). */
  void token(String token, String providerVersion) {
    this.token = token;
    if (providerVersion != null) {
      this.providerVersion = providerVersion;
    }
  }

  void connection(ConnectionHandle connection) {
    this.connection = connection;
  }

  @Override
  public String documentName() {
    return key.documentName();
  }

  @Override
  public Map<String, List<String>> requestParameters() {
    return requestParameters;
  }

  @Override
  public Map<String, List<String>> requestHeaders() {
    return requestHeaders;
  }

  @Override
  public String providerVersion() {
    return providerVersion;
  }

  @Override
  public Map<String, Object> context() {
    return context;
  }

  @Override
  public String identity() {
    return identity;
  }

  @Override
  public ConnectionHandle connection() {
    return connection;
  }

  @Override
  public String token() {
    return token;
  }

  @Override
  public void readOnly(boolean readOnly) {
    this.readOnly = readOnly;
  }

  @Override
  public boolean readOnly() {
    return readOnly;
  }

  @Override
  public void identity(String identity) {
    this.identity = identity;
  }
}
