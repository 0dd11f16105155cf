package dev.yjakarta.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.yjakarta.protocol.AwarenessUpdate;
import dev.yjakarta.protocol.AwarenessUpdate.Entry;
import java.util.List;
import org.junit.jupiter.api.Test;

class AwarenessTest {
  private final Awareness awareness = new Awareness();

  private Awareness.Changes apply(long client, long clock, String state) {
    return awareness.apply(new AwarenessUpdate(List.of(new Entry(client, clock, state))), 0);
  }

  @Test
  void ignoresAFirstStateAtClockZero() {
    Awareness.Changes c = apply(7, 0, "{}");
    assertTrue(c.isEmpty());
    assertFalse(awareness.hasStates());
  }

  @Test
  void appliesNewerClocksOnly() {
    assertEquals(List.of(7L), apply(7, 1, "{\"a\":1}").added());
    assertEquals(List.of(7L), apply(7, 2, "{\"a\":2}").updated());
    assertTrue(apply(7, 2, "{\"a\":3}").isEmpty());
    assertTrue(apply(7, 1, "{\"a\":4}").isEmpty());
    assertEquals("{\"a\":2}", awareness.state(7));
  }

  @Test
  void removesAKnownClientWithNullAtTheSameClock() {
    apply(7, 3, "{}");
    Awareness.Changes c = apply(7, 3, "null");
    assertEquals(List.of(7L), c.removed());
    assertNull(awareness.state(7));
    assertTrue(apply(7, 3, "null").isEmpty()); // no longer known
  }

  @Test
  void ignoresNullForAnUnknownClientAtClockZeroButKeepsTheClockOfLaterOnes() {
    assertTrue(apply(9, 0, "null").isEmpty());
    Awareness.Changes c = apply(9, 4, "null");
    assertEquals(List.of(), c.removed()); // never had a state: neither added nor removed
    assertEquals(4, awareness.clock(9));
  }

  @Test
  void removingAConnectionsClientsKeepsTheirClockLikeYProtocols() {
    apply(7, 5, "{\"u\":1}");
    apply(8, 1, "{\"u\":2}");
    Awareness.Changes c = awareness.remove(List.of(7L, 99L), 0);
    assertEquals(List.of(7L), c.removed());
    assertEquals(List.of(new Entry(7, 5, "null")), c.applied().entries());
    assertEquals(List.of(new Entry(8, 1, "{\"u\":2}")), awareness.full().entries());
    assertEquals(5, awareness.clock(7));
  }

  @Test
  void aReconnectedClientsNextChangeAppliesAfterItsRemoval() {
    apply(7, 5, "{\"u\":1}");
    awareness.remove(List.of(7L), 0);
    assertTrue(apply(7, 5, "{\"u\":1}").isEmpty()); // the re-sent old state
    Awareness.Changes c = apply(7, 6, "{\"u\":3}"); // its first change after reconnecting
    assertEquals(List.of(7L), c.added());
    assertEquals("{\"u\":3}", awareness.state(7));
  }

  @Test
  void echoesTheAppliedEntriesExactly() {
    Awareness.Changes c = awareness.apply(new AwarenessUpdate(List.of(new Entry(1, 1, "{}"), new Entry(2, 0, "{}"))), 0);
    assertEquals(List.of(new Entry(1, 1, "{}")), c.applied().entries());
  }
}
