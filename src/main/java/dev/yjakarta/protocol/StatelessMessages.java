package dev.yjakarta.protocol;

import dev.yjakarta.yjs.lib0.Lib0Decoder;
import dev.yjakarta.yjs.lib0.Lib0Encoder;

/** Stateless (5) and the server-to-server BroadcastStateless (6): a string payload. */
public final class StatelessMessages {
  private StatelessMessages() {}

  public static String read(Lib0Decoder payload) {
    return Payloads.decode("stateless message", payload::readVarString);
  }

  public static byte[] stateless(String address, String payload) {
    return write(address, MessageType.STATELESS, payload);
  }

  public static byte[] broadcastStateless(String address, String payload) {
    return write(address, MessageType.BROADCAST_STATELESS, payload);
  }

  private static byte[] write(String address, MessageType type, String payload) {
    Lib0Encoder e = Frame.start(address, type, payload.length() + 4);
    e.writeVarString(payload);
    return e.toByteArray();
  }
}
