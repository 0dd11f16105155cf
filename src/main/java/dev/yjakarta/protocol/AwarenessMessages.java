package dev.yjakarta.protocol;

import dev.yjakarta.yjs.lib0.Lib0Decoder;
import dev.yjakarta.yjs.lib0.Lib0Encoder;

/** Awareness (1) and QueryAwareness (3). The update inside is decoded by {@link AwarenessUpdate}. */
public final class AwarenessMessages {
  private AwarenessMessages() {}

  /** Reads {@code vb(awarenessUpdate)} and decodes it. */
  public static AwarenessUpdate read(Lib0Decoder payload) {
    byte[] update = Payloads.decode("awareness message", payload::readVarUint8Array);
    return AwarenessUpdate.decode(update);
  }

  public static byte[] awareness(String address, AwarenessUpdate update) {
    return awareness(address, update.encode());
  }

  public static byte[] awareness(String address, byte[] encodedUpdate) {
    Lib0Encoder e = Frame.start(address, MessageType.AWARENESS, encodedUpdate.length + 5);
    e.writeVarUint8Array(encodedUpdate);
    return e.toByteArray();
  }

  public static byte[] queryAwareness(String address) {
    return Frame.start(address, MessageType.QUERY_AWARENESS, 0).toByteArray();
  }
}
