package dev.yjakarta.yjs;

/** Creates {@link DocumentState}s. */
public final class DocumentStates {
  private DocumentStates() {}

  /** An empty document. */
  public static DocumentState create(YjsLimits limits) {
    throw new UnsupportedOperationException("yjs core: not implemented yet");
  }
}
