package dev.yjakarta.yjs;

/**
 * The one exception for malformed, truncated, oversized or otherwise hostile Yjs and lib0 input.
 * Whoever catches it may rely on the document it was meant for being unchanged.
 */
public class YjsFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public YjsFormatException(String message) {
    super(message);
  }

  public YjsFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
