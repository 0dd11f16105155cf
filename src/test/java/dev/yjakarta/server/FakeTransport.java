package dev.yjakarta.server;

import dev.yjakarta.protocol.CloseCode;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Records what the server sends on one socket. */
final class FakeTransport implements Transport {
  private static int ids;
  private final String id = "t" + (++ids);
  final List<byte[]> sent = new ArrayList<>();
  CloseCode closed;

  @Override
  public String id() {
    return id;
  }

  @Override
  public synchronized void send(byte[] frame) {
    if (closed == null) {
      sent.add(frame);
    }
  }

  @Override
  public synchronized void close(CloseCode code) {
    if (closed == null) {
      closed = code;
    }
  }

  /** Everything sent since the last call, as hex strings. */
  synchronized List<String> drainHex() {
    List<String> out = new ArrayList<>();
    sent.forEach(b -> out.add(HexFormat.ofDelimiter(" ").formatHex(b)));
    sent.clear();
    return out;
  }

  synchronized List<byte[]> drain() {
    List<byte[]> out = new ArrayList<>(sent);
    sent.clear();
    return out;
  }
}
