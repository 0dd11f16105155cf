package dev.yjakarta.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RoutingKeyTest {
  @Test
  void aPlainNameIsItsOwnDocument() {
    RoutingKey k = RoutingKey.parse("doc1");
    assertEquals("doc1", k.documentName());
    assertEquals("doc1", k.raw());
    assertNull(k.sessionId());
    assertFalse(k.sessionAware());
  }

  @Test
  void aSessionKeySplitsAtTheFirstNul() {
    RoutingKey k = RoutingKey.parse("d\0wlg6u4fjs8c");
    assertEquals("d", k.documentName());
    assertEquals("wlg6u4fjs8c", k.sessionId());
    assertEquals("d\0wlg6u4fjs8c", k.raw());
    assertTrue(k.sessionAware());
  }

  @Test
  void onlyTheFirstNulSplits() {
    RoutingKey k = RoutingKey.parse("a\0b\0c");
    assertEquals("a", k.documentName());
    assertEquals("b\0c", k.sessionId());
  }

  @Test
  void oddNamesAreKeptAsTheyAre() {
    assertEquals("ä/ ?#%x", RoutingKey.parse("ä/ ?#%x").documentName());
    assertEquals("", RoutingKey.parse("\0s").documentName());
  }
}
