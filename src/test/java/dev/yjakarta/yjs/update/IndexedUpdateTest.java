package dev.yjakarta.yjs.update;

import static dev.yjakarta.yjs.update.TestUpdates.of;
import static dev.yjakarta.yjs.update.TestUpdates.text;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.yjakarta.yjs.Hex;
import dev.yjakarta.yjs.YjsLimits;
import dev.yjakarta.yjs.YjsVectors;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IndexedUpdateTest {
  private static final YjsLimits LIMITS = YjsLimits.DEFAULT;

  private static DecodedUpdate read(byte[] u) {
    return UpdateReader.readV1(u, LIMITS);
  }

  /** What merging everything decoded gives, the way the state merged before it was indexed. */
  private static byte[] mergedWhole(byte[] base, List<byte[]> tail) {
    List<DecodedUpdate> parts = new ArrayList<>();
    parts.add(read(base));
    tail.forEach(u -> parts.add(read(u)));
    DecodedUpdate m = Merge.updates(parts, false);
    return StructWriter.encodeV1(m.groups(), m.deleteSet());
  }

  private static byte[] canonical(List<byte[]> parts) {
    DecodedUpdate m = Merge.updates(parts.stream().map(IndexedUpdateTest::read).toList(), false);
    return StructWriter.encodeV1(m.groups(), m.deleteSet());
  }

  private static void assertMergesAndDiffsLikeTheDecodedUpdate(byte[] base, List<byte[]> tail, Random random, String name) {
    IndexedUpdate indexed = IndexedUpdate.of(base, LIMITS);
    assertNotNull(indexed, name);
    IndexedUpdate merged = indexed.merge(tail.stream().map(IndexedUpdateTest::read).toList(), LIMITS, 16);
    byte[] expected = mergedWhole(base, tail);
    assertArrayEquals(expected, merged.bytes(), name);
    assertEquals(read(expected).structCount(), merged.structCount(), name);
    // the index of the merge is right: indexing its bytes again gives the same diffs, and merging again works
    IndexedUpdate reindexed = IndexedUpdate.of(merged.bytes(), LIMITS);
    DecodedUpdate d = read(expected);
    List<Long> clients = d.groups().stream().map(ClientStructs::client).toList();
    for (int k = 0; k < 20; k++) {
      Map<Long, Long> sv = new HashMap<>();
      for (ClientStructs g : d.groups()) {
        switch (random.nextInt(5)) {
          case 0 -> { } // absent: the whole group
          case 1 -> sv.put(g.client(), g.start());
          case 2 -> sv.put(g.client(), g.end());
          case 3 -> sv.put(g.client(), g.start() + random.nextLong(Math.max(1, g.end() - g.start())));
          default -> sv.put(g.client(), g.end() + 3);
        }
      }
      byte[] want = Diff.encodeV1(d.groups(), d.deleteSet(), sv);
      assertArrayEquals(want, merged.diff(sv, LIMITS), name + " sv " + sv + " of " + clients);
      assertArrayEquals(want, reindexed.diff(sv, LIMITS), name + " (re-indexed) sv " + sv);
    }
    assertEquals(Hex.encode(expected), Hex.encode(reindexed.merge(List.of(), LIMITS, 16).bytes()), name);
  }

  @Test
  void mergesAndDiffsTheGoldenDocumentsLikeTheWholeDecodedUpdate() {
    Random random = new Random(1);
    for (Map<String, Object> v : YjsVectors.ofKind("doc")) {
      List<byte[]> parts = ((List<?>) v.get("parts")).stream().map(h -> Hex.decode((String) h)).toList();
      for (int cut = 0; cut <= parts.size(); cut++) {
        byte[] base = canonical(parts.subList(0, cut).isEmpty() ? List.of(new byte[] {0, 0}) : parts.subList(0, cut));
        assertMergesAndDiffsLikeTheDecodedUpdate(base, parts.subList(cut, parts.size()), random, v.get("name") + " cut " + cut);
      }
    }
  }

  /**
   * Random histories of several clients: keystrokes chained on their own previous one, now and then
   * a jump in clock (a hole, written as a Skip), a GC run, deletions of any client's units.
   */
  @Test
  void mergesAndDiffsRandomHistoriesOfManyClientsLikeTheWholeDecodedUpdate() {
    Random random = new Random(7);
    for (int round = 0; round < 300; round++) {
      int clients = 1 + random.nextInt(6);
      long[] clocks = new long[clients];
      List<byte[]> updates = new ArrayList<>();
      int n = 1 + random.nextInt(40);
      for (int i = 0; i < n; i++) {
        int c = random.nextInt(clients);
        long client = 1 + c * 1_000_003L;
        long clock = clocks[c];
        if (clock > 0 && random.nextInt(8) == 0) {
          clock += 1 + random.nextInt(3); // a hole the base never fills
        }
        Struct s;
        if (random.nextInt(10) == 0) {
          s = new Gc(client, clock, 1 + random.nextInt(3));
        } else {
          String typed = "abcdefgh".substring(0, 1 + random.nextInt(4));
          s = text(client, clock, clock == 0 ? null : new Id(client, clock - 1), typed);
        }
        clocks[c] = s.end();
        DeleteSet ds = null;
        if (random.nextInt(4) == 0) {
          int victim = random.nextInt(clients);
          if (clocks[victim] > 0) {
            ds = new DeleteSet();
            long at = random.nextLong(clocks[victim]);
            ds.add(1 + victim * 1_000_003L, at, 1 + random.nextLong(Math.max(1, clocks[victim] - at)));
          }
        }
        updates.add(of(ds, s));
      }
      int cut = random.nextInt(updates.size() + 1);
      byte[] base = canonical(cut == 0 ? List.of(new byte[] {0, 0}) : updates.subList(0, cut));
      assertMergesAndDiffsLikeTheDecodedUpdate(base, updates.subList(cut, updates.size()), random, "round " + round);
    }
  }

  @Test
  void refusesToIndexAnUpdateWhoseClientsAreNotDescending() {
    byte[] ascending = of(text(1, 0, null, "a"), text(2, 0, null, "b"));
    assertNull(IndexedUpdate.of(ascending, LIMITS));
    assertNotNull(IndexedUpdate.of(of(text(2, 0, null, "b"), text(1, 0, null, "a")), LIMITS));
  }
}
