package dev.yjakarta.server.api;

/** One document connection (a document on one socket). */
public interface ConnectionHandle {
  String documentName();

  /** A stable id of the socket, for logs. */
  String socketId();

  boolean readOnly();

  void sendStateless(String payload);

  /** Asks the provider to send its token again (Auth/Token request). */
  void requestToken();

  /** Closes this document connection with a CLOSE frame carrying {@code reason}; the socket stays. */
  void close(String reason);
}
