package dev.yjakarta.protocol;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** Builds expected frames from the hex of the captured traces, with quoted text allowed inline. */
public final class Hex {
  private Hex() {}

  /** {@code "04 64 6f 63 31 07 12 'provider_initiated'"}: hex digits and single-quoted UTF-8 text. */
  public static byte[] bytes(String spec) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    int i = 0;
    while (i < spec.length()) {
      char c = spec.charAt(i);
      if (c == '\'') {
        int end = spec.indexOf('\'', i + 1);
        out.writeBytes(spec.substring(i + 1, end).getBytes(StandardCharsets.UTF_8));
        i = end + 1;
      } else if (Character.isWhitespace(c)) {
        i++;
      } else {
        int end = i;
        while (end < spec.length() && Character.digit(spec.charAt(end), 16) >= 0) {
          end++;
        }
        if (end == i) {
          throw new IllegalArgumentException("not hex at " + i + ": " + spec);
        }
        out.writeBytes(HexFormat.of().parseHex(spec.substring(i, end)));
        i = end;
      }
    }
    return out.toByteArray();
  }

  public static String of(byte[] b) {
    return HexFormat.ofDelimiter(" ").formatHex(b);
  }
}
