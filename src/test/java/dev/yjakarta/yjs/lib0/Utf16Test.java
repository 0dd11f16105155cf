package dev.yjakarta.yjs.lib0;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.yjakarta.yjs.YjsFormatException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Utf16Test {
  @Test
  void countsASurrogatePairAsFourBytesAndALoneSurrogateAsThree() {
    assertEquals(4, Utf16.utf8Length("😀"));
    assertEquals(3, Utf16.utf8Length("\uDE00"));
    assertEquals(7, Utf16.utf8Length("\uD83D😀"));
  }

  @Test
  void decodesWhatItEncodes() {
    String s = "aé中😀👍🏽";
    assertEquals(s, Utf16.decodeUtf8(Utf16.toUtf8(s), 0, Utf16.toUtf8(s).length));
    assertEquals(s, new String(Utf16.toUtf8(s), StandardCharsets.UTF_8));
  }

  @Test
  void replacesLoneSurrogatesWhenMadeWellFormed() {
    assertEquals("\uFFFDx\uFFFD", Utf16.wellFormed("\uDE00x\uD83D"));
    String ok = "😀";
    assertSame(ok, Utf16.wellFormed(ok));
  }

  @Test
  void rejectsCodePointsPastTheUnicodeRange() {
    byte[] b = {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80};
    assertThrows(YjsFormatException.class, () -> Utf16.decodeUtf8(b, 0, 4));
  }

  @Test
  void rejectsATruncatedSequence() {
    byte[] b = {(byte) 0xe4, (byte) 0xb8};
    assertThrows(YjsFormatException.class, () -> Utf16.decodeUtf8(b, 0, 2));
  }
}
