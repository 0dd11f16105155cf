package dev.yjakarta.yjs.update;

import static dev.yjakarta.yjs.update.TestUpdates.of;
import static dev.yjakarta.yjs.update.TestUpdates.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.yjakarta.yjs.Updates;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SnapshotTest {
  private static Snapshot snapshot(byte[] u) {
    DecodedUpdate d = UpdateReader.readV1(u, dev.yjakarta.yjs.YjsLimits.DEFAULT);
    return Snapshot.of(d.groups(), d.deleteSet());
  }

  @Test
  void holdsBackAnItemWhoseOriginFromAnotherClientIsMissing() {
    byte[] u = of(text(2, 0, new Id(1, 5), "x"), text(1, 0, null, "ab"));
    assertEquals(Map.of(1L, 2L), snapshot(u).stateVector());
  }

  @Test
  void integratesOnceTheDependencyIsThere() {
    byte[] u = of(text(2, 0, new Id(1, 1), "x"), text(1, 0, null, "ab"));
    assertEquals(Map.of(1L, 2L, 2L, 1L), snapshot(u).stateVector());
  }

  @Test
  void countsGcStructsAsDeleted() {
    byte[] state = of(new Gc(3, 0, 4));
    DeleteSet ds = new DeleteSet();
    ds.add(3, 1, 2);
    assertTrue(Updates.contains(state, of(ds)));
  }

  @Test
  void ignoresDeletionsOfUnitsTheDocumentDoesNotHave() {
    DeleteSet ds = new DeleteSet();
    ds.add(3, 0, 1);
    byte[] state = of(ds);
    assertFalse(Updates.contains(state, state));
    assertTrue(snapshot(state).deleteSet().isEmpty());
  }

  @Test
  void containsNothingBeyondItsStateVector() {
    byte[] state = of(text(1, 0, null, "ab"));
    assertTrue(Updates.contains(state, of(text(1, 0, null, "a"))));
    assertFalse(Updates.contains(state, of(text(1, 0, null, "abc"))));
    assertTrue(Updates.contains(Updates.merge(List.of(state, Updates.EMPTY_UPDATE)), Updates.EMPTY_UPDATE));
  }
}
