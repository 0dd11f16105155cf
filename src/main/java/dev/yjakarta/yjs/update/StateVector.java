package dev.yjakarta.yjs.update;

import dev.yjakarta.yjs.YjsFormatException;
import dev.yjakarta.yjs.lib0.Lib0Decoder;
import dev.yjakarta.yjs.lib0.Lib0Encoder;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** State vectors: client → next expected clock. Encoded as {@code n, n × (client, clock)}. */
public final class StateVector {
  private StateVector() {}

  /** yjs's {@code decodeStateVector}: a repeated client keeps its last clock. */
  public static Map<Long, Long> decode(byte[] sv) {
    if (sv == null) {
      throw new YjsFormatException("state vector is null");
    }
    Lib0Decoder d = new Lib0Decoder(sv);
    long n = d.readVarUint();
    if (n > d.remaining() / 2) {
      throw new YjsFormatException("state vector claims " + n + " entries in " + sv.length + " bytes");
    }
    Map<Long, Long> out = new LinkedHashMap<>();
    for (long i = 0; i < n; i++) {
      long client = d.readVarUint();
      long clock = d.readVarUint();
      out.put(client, clock);
    }
    return out;
  }

  /** yjs's {@code writeStateVector}: clients in descending order. */
  public static byte[] encode(Map<Long, Long> sv) {
    Lib0Encoder e = new Lib0Encoder(4 + sv.size() * 8);
    e.writeVarUint(sv.size());
    Long[] clients = sv.keySet().toArray(new Long[0]);
    Arrays.sort(clients, (a, b) -> Long.compare(b, a));
    for (Long c : clients) {
      e.writeVarUint(c);
      e.writeVarUint(sv.get(c));
    }
    return e.toByteArray();
  }

  /**
   * yjs's {@code encodeStateVectorFromUpdate} over canonical groups: per client that starts at
   * clock 0, the end of its structs up to the first Skip; clients in group order.
   */
  public static byte[] fromGroups(List<ClientStructs> groups) {
    Lib0Encoder body = new Lib0Encoder(4 + groups.size() * 8);
    int size = 0;
    for (ClientStructs g : groups) {
      long clock = contiguousEnd(g);
      if (clock != 0) {
        size++;
        body.writeVarUint(g.client());
        body.writeVarUint(clock);
      }
    }
    Lib0Encoder e = new Lib0Encoder(body.length() + 5);
    e.writeVarUint(size);
    e.writeRaw(body.toByteArray());
    return e.toByteArray();
  }

  /** The end of the group's structs from clock 0 up to the first Skip, or 0. */
  static long contiguousEnd(ClientStructs g) {
    if (g.start() != 0) {
      return 0;
    }
    long clock = 0;
    for (Struct s : g.structs()) {
      if (s instanceof Skip) {
        break;
      }
      clock = s.end();
    }
    return clock;
  }
}
