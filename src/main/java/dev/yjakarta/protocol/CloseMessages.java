package dev.yjakarta.protocol;

import dev.yjakarta.yjs.lib0.Lib0Decoder;
import dev.yjakarta.yjs.lib0.Lib0Encoder;

/** CLOSE (7): closes one document connection, never the socket. The close code is not on the wire. */
public final class CloseMessages {
  /** The reason of the server's reply to a client's CLOSE. */
  public static final String PROVIDER_INITIATED = "provider_initiated";

  private CloseMessages() {}

  /** The server's CLOSE, with a reason. */
  public static byte[] close(String address, String reason) {
    Lib0Encoder e = Frame.start(address, MessageType.CLOSE, reason.length() + 4);
    e.writeVarString(reason);
    return e.toByteArray();
  }

  /** The client's CLOSE: no payload. */
  public static byte[] clientClose(String address) {
    return Frame.start(address, MessageType.CLOSE, 0).toByteArray();
  }

  /** The reason of a server CLOSE, or null for a client CLOSE (no payload). */
  public static String read(Lib0Decoder payload) {
    return payload.hasContent() ? Payloads.decode("close message", payload::readVarString) : null;
  }
}
