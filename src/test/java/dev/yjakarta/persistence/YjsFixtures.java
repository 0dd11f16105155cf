package dev.yjakarta.persistence;

import dev.yjakarta.it.NodeScripts;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

/** Yjs updates made by the real yjs (src/test/node/persistence), and their text read back by it. */
final class YjsFixtures {
  private YjsFixtures() {}

  /**
   * {@code count} independent full-state updates: update i inserted "edit-i;" into Y.Text
   * "text" as client 1000+i, so none contains another.
   */
  static List<byte[]> independentEdits(int count, boolean v2) throws Exception {
    String out = NodeScripts.require(Duration.ofSeconds(60), null, "persistence/updates.mjs",
        Integer.toString(count), v2 ? "v2" : "v1").stdout();
    return out.lines().filter(l -> !l.isBlank()).map(Base64.getDecoder()::decode).toList();
  }

  /** The content of Y.Text "text" in a V1 update, as yjs reads it. */
  static String text(byte[] updateV1) throws Exception {
    return NodeScripts.require(Duration.ofSeconds(60), Base64.getEncoder().encodeToString(updateV1),
        "persistence/text.mjs").field("text");
  }

  /** The full state after yjs deleted the first {@code count} characters of Y.Text "text". */
  static byte[] deleteFirst(byte[] updateV1, int count) throws Exception {
    String b64 = NodeScripts.require(Duration.ofSeconds(60), Base64.getEncoder().encodeToString(updateV1),
        "persistence/delete.mjs", Integer.toString(count)).field("update");
    return Base64.getDecoder().decode(b64);
  }
}
