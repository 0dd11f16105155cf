package dev.yjakarta.protocol;

import dev.yjakarta.yjs.lib0.Lib0Decoder;
import dev.yjakarta.yjs.lib0.Lib0Encoder;

/** SyncStatus (8): the per-update acknowledgement the provider counts its unsynced changes by. */
public final class SyncStatusMessages {
  private SyncStatusMessages() {}

  /**
   * {@code applied} is written as 1 or 0; the provider reads it as a signed var-int, and for these
   * two values the bytes are the same as a var-uint.
   */
  public static byte[] syncStatus(String address, boolean applied) {
    Lib0Encoder e = Frame.start(address, MessageType.SYNC_STATUS, 1);
    e.writeVarUint(applied ? 1 : 0);
    return e.toByteArray();
  }

  public static boolean read(Lib0Decoder payload) {
    return Payloads.decode("sync status", () -> payload.readVarInt() == 1);
  }
}
