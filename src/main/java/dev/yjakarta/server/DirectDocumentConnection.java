package dev.yjakarta.server;

import dev.yjakarta.server.api.DirectConnection;
import dev.yjakarta.server.api.Origin;

/** A server-side connection ({@code CollabServer.openDocument}): a hold on the document until closed. */
final class DirectDocumentConnection implements DirectConnection {
  private final Document doc;
  private final Runnable release;
  private boolean closed;

  DirectDocumentConnection(Document doc, Runnable release) {
    this.doc = doc;
    this.release = release;
  }

  @Override
  public String name() {
    return doc.name();
  }

  @Override
  public byte[] encodeState() {
    return doc.encodeState();
  }

  @Override
  public byte[] stateVector() {
    return doc.stateVector();
  }

  @Override
  public void applyUpdate(byte[] update) {
    if (isClosed()) {
      throw new IllegalStateException("direct connection to '" + doc.name() + "' is closed");
    }
    doc.applyUpdate(update);
  }

  @Override
  public void broadcastStateless(String payload) {
    doc.broadcastStateless(payload);
  }

  @Override
  public int connectionCount() {
    return doc.connectionCount();
  }

  @Override
  public void applyUpdate(byte[] update, Origin origin) {
    if (isClosed()) {
      throw new IllegalStateException("direct connection to '" + doc.name() + "' is closed");
    }
    doc.applyUpdate(update, origin);
  }

  @Override
  public byte[] diff(byte[] stateVector) {
    return doc.diff(stateVector);
  }

  @Override
  public byte[] encodeAwareness() {
    return doc.encodeAwareness();
  }

  @Override
  public byte[] encodeAwareness(java.util.Collection<Long> clients) {
    return doc.encodeAwareness(clients);
  }

  @Override
  public void applyAwareness(byte[] awarenessUpdate, Origin origin) {
    doc.applyAwareness(awarenessUpdate, origin);
  }

  @Override
  public void relayStateless(String payload) {
    doc.relayStateless(payload);
  }

  private synchronized boolean isClosed() {
    return closed;
  }

  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    release.run();
  }
}
