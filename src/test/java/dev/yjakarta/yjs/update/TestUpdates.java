package dev.yjakarta.yjs.update;

import dev.yjakarta.yjs.lib0.Lib0Encoder;
import java.util.List;

/** Builds small V1 updates from structs for the update tests. */
final class TestUpdates {
  private TestUpdates() {}

  static Item text(long client, long clock, Id origin, String s) {
    return new Item(client, clock, origin, null, origin == null ? "text" : null, null, null, new Content.Str(s));
  }

  static byte[] of(DeleteSet ds, Struct... structs) {
    UpdateEncoderV1 enc = new UpdateEncoderV1(new Lib0Encoder());
    StructWriter w = new StructWriter(enc);
    for (Struct s : structs) {
      w.write(s, 0);
    }
    w.finish();
    (ds == null ? new DeleteSet() : ds).write(enc);
    return enc.toByteArray();
  }

  static byte[] of(Struct... structs) {
    return of(null, structs);
  }

  static List<Struct> structs(byte[] update) {
    return UpdateReader.readV1(update, dev.yjakarta.yjs.YjsLimits.DEFAULT).groups().stream()
        .flatMap(g -> g.structs().stream())
        .toList();
  }
}
