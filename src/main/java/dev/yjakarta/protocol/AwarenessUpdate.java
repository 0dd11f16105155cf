package dev.yjakarta.protocol;

import dev.yjakarta.yjs.lib0.Lib0Decoder;
import dev.yjakarta.yjs.update.JsJson;
import dev.yjakarta.yjs.lib0.Lib0Encoder;
import java.util.ArrayList;
import java.util.List;

/**
 * A y-protocols awareness update: {@code vu(count) · count × (vu(clientId) · vu(clock) ·
 * vs(JSON))}. The JSON text is kept as a string; a removed client is the text {@code null}.
 */
public record AwarenessUpdate(List<Entry> entries) {

  /** Deepest nesting accepted in one client's state. */
  private static final int MAX_STATE_DEPTH = 64;

  /** The JSON text y-protocols writes for a removed client. */
  public static final String NULL_STATE = "null";

  public AwarenessUpdate {
    entries = List.copyOf(entries);
  }

  /**
   * One client's state.
   *
   * @param state the JSON text as sent; {@code "null"} when the client is gone
   */
  public record Entry(long clientId, long clock, String state) {
    public boolean removed() {
      return isNull(state);
    }
  }

  /** Whether {@code json} is JSON {@code null} (JSON.parse accepts surrounding whitespace). */
  public static boolean isNull(String json) {
    return json.strip().equals(NULL_STATE);
  }

  /**
   * Decodes an awareness update.
   *
   * @throws ProtocolException (document close) when it is truncated or a state is not JSON
   */
  public static AwarenessUpdate decode(byte[] update) {
    return Payloads.decode("awareness update", () -> {
      Lib0Decoder d = new Lib0Decoder(update);
      int count = d.readVarUintAsInt("awareness entry count");
      // Each entry is at least three bytes, so a huge count in a small frame fails fast.
      if (count > d.remaining() / 3) {
        throw new ProtocolException(CloseCode.RESET_CONNECTION, "awareness count " + count + " exceeds the frame");
      }
      List<Entry> entries = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        long client = d.readVarUint();
        long clock = d.readVarUint();
        String state = d.readVarString();
        // Peers JSON.parse every state they receive; one that is not JSON would break their
        // handler, so it is refused here (Hocuspocus's own parse throws at the same point).
        JsJson.parse(state, MAX_STATE_DEPTH);
        entries.add(new Entry(client, clock, state));
      }
      return new AwarenessUpdate(entries);
    });
  }

  public byte[] encode() {
    Lib0Encoder e = new Lib0Encoder(16 + entries.size() * 32);
    e.writeVarUint(entries.size());
    for (Entry entry : entries) {
      e.writeVarUint(entry.clientId());
      e.writeVarUint(entry.clock());
      e.writeVarString(entry.state());
    }
    return e.toByteArray();
  }

  public boolean isEmpty() {
    return entries.isEmpty();
  }
}
