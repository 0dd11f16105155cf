package dev.yjakarta.yjs.update;

import static dev.yjakarta.yjs.update.TestUpdates.of;
import static dev.yjakarta.yjs.update.TestUpdates.structs;
import static dev.yjakarta.yjs.update.TestUpdates.text;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.yjakarta.yjs.Updates;
import java.util.List;
import org.junit.jupiter.api.Test;

class MergeTest {
  @Test
  void fillsAHoleWithASkipStruct() {
    byte[] a = of(text(5, 0, null, "ab"));
    byte[] c = of(text(5, 4, new Id(5, 3), "ef"));
    List<Struct> merged = structs(Updates.merge(List.of(a, c)));
    assertEquals(List.of(text(5, 0, null, "ab"), new Skip(5, 2, 2), text(5, 4, new Id(5, 3), "ef")), merged);
  }

  @Test
  void slicesAPartialOverlapAndPointsTheOriginAtTheCut() {
    byte[] ab = of(text(5, 0, null, "ab"));
    byte[] abcd = of(text(5, 0, null, "abcd"));
    List<Struct> merged = structs(Updates.merge(List.of(ab, abcd)));
    Item rest = (Item) merged.get(1);
    assertEquals(2, merged.size());
    assertEquals(new Id(5, 1), rest.origin());
    assertEquals(new Content.Str("cd"), rest.content());
  }

  @Test
  void replacesBothHalvesOfASplitSurrogatePairOnTheRight() {
    byte[] a = of(text(5, 0, null, "a\uD83D"));
    byte[] b = of(text(5, 0, null, "a😀b"));
    Item rest = (Item) structs(Updates.merge(List.of(a, b))).get(1);
    assertEquals(new Content.Str("\uFFFDb"), rest.content());
  }

  @Test
  void joinsAdjacentGcStructsButNeverItems() {
    List<Struct> gcs = structs(Updates.merge(List.of(of(new Gc(5, 0, 2)), of(new Gc(5, 2, 3)))));
    assertEquals(List.of(new Gc(5, 0, 5)), gcs);
    List<Struct> items =
        structs(Updates.merge(List.of(of(text(5, 0, null, "a")), of(text(5, 1, new Id(5, 0), "b")))));
    assertEquals(2, items.size());
  }

  @Test
  void writesHigherClientsFirst() {
    byte[] u = Updates.merge(List.of(of(text(1, 0, null, "a")), of(text(0xffffffffL, 0, null, "b"))));
    assertEquals(List.of(0xffffffffL, 1L), structs(u).stream().map(Struct::client).toList());
  }

  @Test
  void returnsASingleUpdateUnchanged() {
    byte[] u = of(text(1, 0, null, "a"));
    assertSame(u, Updates.merge(List.of(u)));
  }

  @Test
  void mergesNothingIntoTheEmptyUpdate() {
    assertArrayEquals(Updates.EMPTY_UPDATE, Updates.merge(List.of()));
  }

  @Test
  void normalisesAnUpdateWithAscendingClients() {
    byte[] ascending = of(text(1, 0, null, "a"), text(2, 0, null, "b"));
    byte[] merged = Updates.merge(List.of(ascending, Updates.EMPTY_UPDATE));
    assertEquals(List.of(2L, 1L), structs(merged).stream().map(Struct::client).toList());
  }
}
