package dev.yjakarta.yjs.update;

import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.yjakarta.yjs.YjsFormatException;
import dev.yjakarta.yjs.lib0.Lib0Decoder;
import org.junit.jupiter.api.Test;

class BudgetTest {
  @Test
  void refusesMoreElementsThanAllowedInTotal() {
    Budget b = new Budget(10);
    b.claim(6);
    assertThrows(YjsFormatException.class, () -> b.claim(5));
  }

  @Test
  void refusesACountLargerThanTheBytesLeft() {
    Budget b = new Budget(1000);
    assertThrows(YjsFormatException.class, () -> b.claim(4, new Lib0Decoder(new byte[3])));
  }
}
