package dev.yjakarta.protocol;

/** The two frames without an address. Only v4 providers understand Ping; v3 would misparse it. */
public final class Keepalive {
  private Keepalive() {}

  public static byte[] ping() {
    return new byte[] {(byte) MessageType.PING.code()};
  }

  public static boolean isPong(byte[] frame) {
    return frame.length == 1 && frame[0] == MessageType.PONG.code();
  }

  /** Whether a provider version string ("4.8.0") is at least major version 4. */
  public static boolean understandsPing(String providerVersion) {
    if (providerVersion == null) {
      return false;
    }
    int dot = providerVersion.indexOf('.');
    String major = dot < 0 ? providerVersion : providerVersion.substring(0, dot);
    try {
      return Integer.parseInt(major.strip()) >= 4;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
