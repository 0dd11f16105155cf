package dev.yjakarta.cluster;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The Redis payload of extension-redis: {@code u8(identifierByteLength) · identifier · frame}. The
 * length is one raw byte (so identifiers are at most 255 UTF-8 bytes); the frame is a Hocuspocus
 * frame addressed with the plain document name.
 */
public record RelayEnvelope(String identifier, byte[] frame) {

  /** The encoded {@code u8(length) · identifier} that starts every payload of one instance. */
  public static byte[] prefixFor(String identifier) {
    byte[] id = identifier.getBytes(StandardCharsets.UTF_8);
    if (id.length == 0 || id.length > 255) {
      throw new IllegalArgumentException("identifier must be 1..255 UTF-8 bytes, was " + id.length);
    }
    byte[] prefix = new byte[id.length + 1];
    prefix[0] = (byte) id.length;
    System.arraycopy(id, 0, prefix, 1, id.length);
    return prefix;
  }

  /** Concatenates a prefix from {@link #prefixFor} and a frame. */
  public static byte[] encode(byte[] prefix, byte[] frame) {
    byte[] out = Arrays.copyOf(prefix, prefix.length + frame.length);
    System.arraycopy(frame, 0, out, prefix.length, frame.length);
    return out;
  }

  public static byte[] encode(String identifier, byte[] frame) {
    return encode(prefixFor(identifier), frame);
  }

  /**
   * Splits a payload received from Redis.
   *
   * @throws RelayFormatException when the payload is shorter than its identifier length says
   */
  public static RelayEnvelope decode(byte[] payload) {
    if (payload.length == 0) {
      throw new RelayFormatException("empty Redis payload");
    }
    int n = payload[0] & 0xff;
    if (payload.length < 1 + n) {
      throw new RelayFormatException(
          "Redis payload of " + payload.length + " bytes is shorter than its identifier (" + n + " bytes)");
    }
    String identifier = new String(payload, 1, n, StandardCharsets.UTF_8);
    return new RelayEnvelope(identifier, Arrays.copyOfRange(payload, 1 + n, payload.length));
  }

  /** Whether {@code payload} starts with {@code prefix}: drops our own echoes without decoding. */
  public static boolean isFrom(byte[] prefix, byte[] payload) {
    return payload.length >= prefix.length
        && Arrays.equals(payload, 0, prefix.length, prefix, 0, prefix.length);
  }
}
