package dev.yjakarta.protocol;

/**
 * A frame that breaks the protocol. It carries the close code that answers it; whether the socket
 * or only the document connection closes is decided in one place by the server.
 */
public class ProtocolException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final CloseCode closeCode;

  public ProtocolException(CloseCode closeCode, String message) {
    super(message);
    this.closeCode = closeCode;
  }

  public ProtocolException(CloseCode closeCode, String message, Throwable cause) {
    super(message, cause);
    this.closeCode = closeCode;
  }

  public CloseCode closeCode() {
    return closeCode;
  }
}
