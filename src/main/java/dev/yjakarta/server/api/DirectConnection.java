package dev.yjakarta.server.api;

/**
 * A server-side connection to a document ({@link CollabServer#openDocument}). It counts as a
 * connection: the document stays loaded until it is closed. Updates applied through it have
 * {@link Origin#LOCAL}, reach every client and are stored like any change.
 */
public interface DirectConnection extends DocumentHandle, AutoCloseable {
  /** Releases the document; it stores pending changes and unloads if nobody else uses it. */
  @Override
  void close();
}
