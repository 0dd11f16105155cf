package dev.yjakarta.yjs.lib0;

import dev.yjakarta.yjs.YjsFormatException;
import java.nio.charset.StandardCharsets;

/**
 * UTF-8 conversion with the semantics of the platform TextEncoder/TextDecoder that lib0 uses: a
 * lone surrogate encodes as U+FFFD ({@code EF BF BD}); malformed UTF-8 is rejected, because lib0
 * decodes with a fatal TextDecoder. Java's
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

  /**
   * Decodes UTF-8 like lib0's {@code TextDecoder('utf-8', {fatal: true, ignoreBOM: true})}:
   * malformed input (overlong forms, encoded surrogates, code points past U+10FFFF, truncated
   * sequences) is an error, and a byte order mark is kept as U+FEFF.
   *
   * @throws YjsFormatException if the bytes are not well-formed UTF-8
   */
  public static String decodeUtf8(byte[] b, int off, int len) {
    int end = off + len;
    int i = off;
    while (i < end && b[i] >= 0) {
      i++;
    }
    if (i == end) {
      return new String(b, off, len, StandardCharsets.ISO_8859_1); // pure ASCII fast path
    }
    char[] out = new char[len];
    int n = 0;
    for (int k = off; k < i; k++) {
      out[n++] = (char) b[k];
    }
    while (i < end) {
      int c = b[i++] & 0xff;
      if (c < 0x80) {
        out[n++] = (char) c;
        continue;
      }
      int need;
      int cp;
      int lower = 0x80;
      int upper = 0xbf;
      if (c >= 0xc2 && c <= 0xdf) {
        need = 1;
        cp = c & 0x1f;
      } else if (c >= 0xe0 && c <= 0xef) {
        need = 2;
        cp = c & 0x0f;
        if (c == 0xe0) {
          lower = 0xa0;
        } else if (c == 0xed) {
          upper = 0x9f;
        }
      } else if (c >= 0xf0 && c <= 0xf4) {
        need = 3;
        cp = c & 0x07;
        if (c == 0xf0) {
          lower = 0x90;
        } else if (c == 0xf4) {
          upper = 0x8f;
        }
      } else {
        throw malformed(i - 1);
      }
      for (int k = 0; k < need; k++) {
        if (i >= end) {
          throw malformed(i);
        }
        int cc = b[i++] & 0xff;
        if (cc < lower || cc > upper) {
          throw malformed(i - 1);
        }
        lower = 0x80;
        upper = 0xbf;
        cp = (cp << 6) | (cc & 0x3f);
      }
      if (cp >= 0x10000) {
        out[n++] = Character.highSurrogate(cp);
        out[n++] = Character.lowSurrogate(cp);
      } else {
        out[n++] = (char) cp;
      }
    }
    return new String(out, 0, n);
  }

  private static YjsFormatException malformed(int at) {
    return new YjsFormatException("malformed UTF-8 at offset " + at);
  }

  /**
   * Replaces lone surrogates by U+FFFD, which is what a string becomes after a round trip through
   * lib0's encoder and decoder. The UTF-16 length does not change.
   */
  public static String wellFormed(String s) {
    char[] chars = null;
    for (int i = 0, len = s.length(); i < len; i++) {
      char c = s.charAt(i);
      if (!Character.isSurrogate(c)) {
        continue;
      }
      if (Character.isHighSurrogate(c) && i + 1 < len && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
        continue;
      }
      if (chars == null) {
        chars = s.toCharArray();
      }
      chars[i] = '\uFFFD';
    }
    return chars == null ? s : new String(chars);
  }
}
