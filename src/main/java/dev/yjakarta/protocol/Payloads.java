package dev.yjakarta.protocol;

import dev.yjakarta.yjs.YjsFormatException;
import java.util.function.Supplier;

/** Turns lib0 decode failures inside a payload into the document-level protocol error. */
final class Payloads {
  private Payloads() {}

  static <T> T decode(String what, Supplier<T> read) {
    try {
      return read.get();
    } catch (YjsFormatException e) {
      throw new ProtocolException(CloseCode.RESET_CONNECTION, "malformed " + what + ": " + e.getMessage(), e);
    }
  }
}
