package dev.yjakarta.cluster;

/** A Redis payload that is not a valid relay envelope or frame; the message is dropped. */
public class RelayFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public RelayFormatException(String message) {
    super(message);
  }

  public RelayFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
