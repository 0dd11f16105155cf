package dev.yjakarta.yjs.update;

import dev.yjakarta.yjs.YjsFormatException;

/** Client ids are unsigned 32-bit numbers. */
final class Clients {
  static final long MAX = 0xffffffffL;

  private Clients() {}

  static long check(long client) {
    if (client > MAX) {
      throw new YjsFormatException("client id " + client + " exceeds 2^32-1");
    }
    return client;
  }
}
