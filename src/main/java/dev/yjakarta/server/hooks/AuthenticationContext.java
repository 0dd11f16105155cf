package dev.yjakarta.server.hooks;

/** onAuthenticate / onTokenSync: the token, and the means to limit or name the connection. */
public interface AuthenticationContext extends ConnectionContext {
  /** The token the provider sent ("" when it has none). */
  String token();

  void readOnly(boolean readOnly);

  boolean readOnly();

  void identity(String identity);
}
