package dev.yjakarta.yjs;

import java.util.HexFormat;

/** Hex helpers for tests. */
public final class Hex {
  private Hex() {}

  public static byte[] decode(String hex) {
    return HexFormat.of().parseHex(hex);
  }

  public static String encode(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
