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

  private static Item mapValue(long client, long clock, Id origin, String key, String value) {
    return new Item(client, clock, origin, null, origin == null ? "map" : null, null, origin == null ? key : null,
        new Content.AnyValues(List.of(value)));
  }

  @Test
  void deletesEveryConcurrentMapValueButTheOneOfTheHighestClient() {
    byte[] state = of(mapValue(9, 0, null, "k", "nine"), mapValue(3, 0, null, "k", "three"));
    DeleteSet loser = new DeleteSet();
    loser.add(3, 0, 1);
    DeleteSet winner = new DeleteSet();
    winner.add(9, 0, 1);
    assertTrue(Updates.contains(state, of(loser)));
    assertFalse(Updates.contains(state, of(winner)));
  }

  @Test
  void aValueSetOverTheWinnerWinsWhateverItsClient() {
    byte[] state =
        of(mapValue(9, 0, null, "k", "nine"), mapValue(3, 0, null, "k", "three"), mapValue(1, 0, new Id(9, 0), "k", "one"));
    DeleteSet nine = new DeleteSet();
    nine.add(9, 0, 1);
    DeleteSet one = new DeleteSet();
    one.add(1, 0, 1);
    assertTrue(Updates.contains(state, of(nine)));
    assertFalse(Updates.contains(state, of(one)));
  }

  @Test
  void deletesWhatIsInsideADeletedType() {
    DeleteSet typeDeleted = new DeleteSet();
    typeDeleted.add(4, 0, 1);
    Item type = new Item(4, 0, null, null, "root", null, null, new Content.Type(Content.Type.TEXT, null));
    Item inside = new Item(5, 0, null, null, null, new Id(4, 0), null, new Content.Str("abc"));
    byte[] state = of(typeDeleted, inside, type);
    DeleteSet insideDeleted = new DeleteSet();
    insideDeleted.add(5, 1, 2);
    assertTrue(Updates.contains(state, of(insideDeleted)));
  }

  @Test
  void turnsAnItemNextToAGcStructIntoGc() {
    byte[] state = of(text(6, 0, new Id(2, 0), "x"), new Gc(2, 0, 1));
    DeleteSet ds = new DeleteSet();
    ds.add(6, 0, 1);
    assertTrue(Updates.contains(state, of(ds)));
  }
}
