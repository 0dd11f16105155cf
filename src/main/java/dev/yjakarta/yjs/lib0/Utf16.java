package dev.yjakarta.yjs.lib0;

/**
 * UTF-8 conversion with the semantics of the platform TextEncoder/TextDecoder that lib0 uses: a
 * lone surrogate encodes as U+FFFD ({@code EF BF BD}), malformed UTF-8 decodes as U+FFFD. Java's
 * own encoder writes '?' instead, which would break byte compatibility.
 */
public final class Utf16 {
  private Utf16() {}

  public static int utf8Length(String s) {
    int n = 0;
    for (int i = 0, len = s.length(); i < len; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        n += 1;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < len && Character.isLowSurrogate(s.charAt(i + 1))) {
        n += 4;
        i++;
      } else {
        n += 3; // BMP char, or a lone surrogate written as U+FFFD
      }
    }
    return n;
  }

  /** Writes {@code s} as UTF-8 at {@code off}; the caller sized the buffer with {@link #utf8Length}. */
  public static int encodeUtf8(String s, byte[] out, int off) {
    for (int i = 0, len = s.length(); i < len; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        out[off++] = (byte) c;
      } else if (c < 0x800) {
        out[off++] = (byte) (0xc0 | (c >> 6));
        out[off++] = (byte) (0x80 | (c & 0x3f));
      } else if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c) && i + 1 < len && Character.isLowSurrogate(s.charAt(i + 1))) {
          int cp = Character.toCodePoint(c, s.charAt(++i));
          out[off++] = (byte) (0xf0 | (cp >> 18));
          out[off++] = (byte) (0x80 | ((cp >> 12) & 0x3f));
          out[off++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
          out[off++] = (byte) (0x80 | (cp & 0x3f));
        } else {
          out[off++] = (byte) 0xef;
          out[off++] = (byte) 0xbf;
          out[off++] = (byte) 0xbd;
        }
      } else {
        out[off++] = (byte) (0xe0 | (c >> 12));
        out[off++] = (byte) (0x80 | ((c >> 6) & 0x3f));
        out[off++] = (byte) (0x80 | (c & 0x3f));
      }
    }
    return off;
  }

  public static byte[] toUtf8(String s) {
    byte[] out = new byte[utf8Length(s)];
    encodeUtf8(s, out, 0);
    return out;
  }

  /** Decodes UTF-8 like TextDecoder (replacement, not exceptions). */
  public static String decodeUtf8(byte[] b, int off, int len) {
    // The JDK decoder replaces malformed input with U+FFFD, as WHATWG TextDecoder does.
    return new String(b, off, len, java.nio.charset.StandardCharsets.UTF_8);
  }
}
