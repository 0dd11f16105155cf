package dev.yjakarta.yjs;

import java.util.List;

/**
 * Operations on encoded Yjs V1 updates, byte-exact with yjs 13.6's functions of the same purpose.
 * Every input is fully decoded and validated first; bad input raises {@link YjsFormatException}.
 */
public final class Updates {
  /** An update with no structs and an empty delete set ({@code 00 00}). */
  public static final byte[] EMPTY_UPDATE = {0, 0};
  /** The state vector of an empty document ({@code 00}). */
  public static final byte[] EMPTY_STATE_VECTOR = {0};

  private Updates() {}

  /** {@code Y.mergeUpdates(updates)}. */
  public static byte[] merge(List<byte[]> updates) {
    throw new UnsupportedOperationException("yjs core: not implemented yet");
  }

  /** {@code Y.encodeStateVectorFromUpdate(update)}. */
  public static byte[] stateVector(byte[] update) {
    throw new UnsupportedOperationException("yjs core: not implemented yet");
  }

  /** {@code Y.diffUpdate(update, stateVector)}. */
  public static byte[] diff(byte[] update, byte[] stateVector) {
    throw new UnsupportedOperationException("yjs core: not implemented yet");
  }

  /**
   * Whether {@code update} adds nothing to {@code state}: {@code Y.snapshotContainsUpdate} for the
   * snapshot of a document holding {@code state}. The read-only check.
   */
  public static boolean contains(byte[] state, byte[] update) {
    throw new UnsupportedOperationException("yjs core: not implemented yet");
  }

  /** Converts a V2 update to V1 ({@code Y.convertUpdateFormatV2ToV1}). */
  public static byte[] v2ToV1(byte[] updateV2) {
    throw new UnsupportedOperationException("yjs core: not implemented yet");
  }

  /** Fully decodes {@code update} within {@code limits}; throws if it is malformed. */
  public static void validate(byte[] update, YjsLimits limits) {
    throw new UnsupportedOperationException("yjs core: not implemented yet");
  }
}
