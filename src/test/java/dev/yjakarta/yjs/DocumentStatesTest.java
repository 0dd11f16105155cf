package dev.yjakarta.yjs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class DocumentStatesTest {
  @Test
  void createsAnEmptyDocument() {
    DocumentState s = DocumentStates.create(YjsLimits.DEFAULT);
    assertArrayEquals(Updates.EMPTY_UPDATE, s.encode());
    assertArrayEquals(Updates.EMPTY_STATE_VECTOR, s.stateVector());
  }

  @Test
  void refusesAMalformedStoredState() {
    assertThrows(YjsFormatException.class, () -> DocumentStates.of(new byte[] {1, 5}, YjsLimits.DEFAULT));
  }

  @Test
  void acceptsAStoredStateLargerThanTheUpdateLimit() {
    byte[] stored = Hex.decode((String) YjsVectors.ofKind("doc").get(0).get("stateAsUpdate"));
    DocumentState s = DocumentStates.of(stored, new YjsLimits(4, 1000, 8));
    assertArrayEquals(stored, s.encode());
  }
}
