package dev.yjakarta.yjs.update;

import java.util.List;
import java.util.Map;

/**
 * yjs's {@code diffUpdateV2}: per client, the structs the state vector lacks (the first one
 * written from an offset), and the whole delete set as it was read.
 */
public final class Diff {
  private Diff() {}

  /** Writes the diff of canonical {@code groups} and {@code ds} against {@code sv}. */
  public static byte[] encodeV1(List<ClientStructs> groups, DeleteSet ds, Map<Long, Long> sv) {
    UpdateEncoderV1 enc = new UpdateEncoderV1();
    StructWriter w = new StructWriter(enc);
    for (ClientStructs g : groups) {
      writeGroup(w, g, sv.getOrDefault(g.client(), 0L));
    }
    w.finish();
    ds.write(enc);
    return enc.toByteArray();
  }

  /** Writes what a state vector at {@code svClock} lacks of the canonical group {@code g}. */
  static void writeGroup(StructWriter w, ClientStructs g, long svClock) {
    List<Struct> structs = g.structs();
    int i = 0;
    while (i < structs.size()) {
      Struct curr = structs.get(i);
      if (curr instanceof Skip) {
        i++; // the first written struct must not be a Skip
        continue;
      }
      if (curr.end() > svClock) {
        w.write(curr, Math.max(svClock - curr.clock(), 0));
        for (i++; i < structs.size(); i++) {
          w.write(structs.get(i), 0);
        }
      } else {
        while (i < structs.size() && structs.get(i).end() <= svClock) {
          i++;
        }
      }
    }
  }
}
