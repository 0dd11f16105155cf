package dev.yjakarta.yjs;

/** Creates {@link DocumentState}s. */
public final class DocumentStates {
  private DocumentStates() {}

  /** An empty document; every applied update is checked against {@code limits}. */
  public static DocumentState create(YjsLimits limits) {
    return new CompactingDocumentState(limits);
  }

  /**
   * A document holding a stored V1 state (for example {@code Y.encodeStateAsUpdate} output or an
   * earlier {@link DocumentState#encode()}). The state itself may be larger than {@code
   * limits.maxUpdateBytes()}; the other limits apply to it.
   *
   * @throws YjsFormatException if {@code v1State} is malformed
   */
  public static DocumentState of(byte[] v1State, YjsLimits limits) {
    return new CompactingDocumentState(limits, v1State);
  }
}
