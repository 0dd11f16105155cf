package dev.yjakarta.server;

import dev.yjakarta.protocol.CloseCode;

/**
 * The socket as the server sees it. Implementations never block the caller: frames go through a
 * per-socket send queue, in the order they were handed over.
 */
public interface Transport {
  /** A stable id for logs and connection counting. */
  String id();

  /** Queues one binary frame. Ignored once closed. */
  void send(byte[] frame);

  /** Closes the socket with {@code code}; idempotent. */
  void close(CloseCode code);
}
