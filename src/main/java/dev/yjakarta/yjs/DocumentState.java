package dev.yjakarta.yjs;

/**
 * The state of one open document, held as encoded updates. A full document model (GC, item
 * merging) can replace the implementation without the server noticing.
 *
 * <p>Thread-safety: implementations are safe for concurrent use; the server still serialises
 * applies per document, and may read (encode, diff) from other threads, for example to store.
 */
public interface DocumentState {

  /**
   * Validates {@code update} completely, then applies it.
   *
   * @return true if the state changed (the update held something new); false if it adds nothing
   *     to the stored state, which is always the case when {@link #contains} is true (the two
   *     differ only for data a Y.Doc would keep pending, such as structs after a gap)
   * @param update kept by the state until it is compacted: the caller must not change the array
   *     afterwards (the server never does; it also hands the same array to its hooks)
   * @throws YjsFormatException if the update is malformed; the state is then unchanged
   */
  boolean apply(byte[] update);

  /** The state vector, encoded as y-protocols sends it. */
  byte[] stateVector();

  /** The part of the state that a peer with {@code stateVector} lacks (SyncStep2 payload). */
  byte[] diff(byte[] stateVector);

  /** The whole state as one V1 update. */
  byte[] encode();

  /**
   * {@link #encode()} together with the coverage of exactly the encoded state, or a null
   * coverage when the implementation does not keep one.
   */
  default EncodedState encodeWithCoverage() {
    return new EncodedState(encode(), null);
  }

  /** A whole state as one V1 update, and its coverage (null when unknown). */
  record EncodedState(byte[] update, StateCoverage coverage) {}

  /** Whether {@code update} adds nothing to this state (the read-only check). */
  boolean contains(byte[] update);

  /** Approximate bytes held, for limits and metrics. */
  long sizeInBytes();
}
