package dev.yjakarta.server;

/** A load or store that did not happen. The message never contains document content. */
public class DocumentStoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DocumentStoreException(String message, Throwable cause) {
    super(message, cause);
  }

  public DocumentStoreException(String message) {
    super(message);
  }
}
