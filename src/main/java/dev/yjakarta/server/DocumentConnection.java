package dev.yjakarta.server;

import dev.yjakarta.protocol.AuthMessages;
import dev.yjakarta.protocol.CloseMessages;
import dev.yjakarta.protocol.Frame;
import dev.yjakarta.protocol.StatelessMessages;
import dev.yjakarta.server.api.ConnectionHandle;
import java.util.HashSet;
import java.util.Set;

/**
 * One document on one socket. Its frames run on the document's serial executor in arrival order;
 * every reply carries the address exactly as the client sent it.
 */
final class DocumentConnection implements ConnectionHandle {
  private final SocketSession session;
  private final Document document;
  private final ConnectionState state;
  /** Awareness clients this connection introduced; removed when it closes. Executor only. */
  final Set<Long> awarenessClients = new HashSet<>();
  private volatile boolean closed;

  DocumentConnection(SocketSession session, Document document, ConnectionState state) {
    this.session = session;
    this.document = document;
    this.state = state;
    state.connection(this);
  }

  String address() {
    return state.key().raw();
  }

  Document document() {
    return document;
  }

  ConnectionState state() {
    return state;
  }

  SocketSession session() {
    return session;
  }

  boolean isClosed() {
    return closed;
  }

  /**
   * Handles a frame on the document's executor, on the calling (socket reader) thread when the
   * document is idle. Called in arrival order, outside the session lock: a frame run here may
   * close connections of other sockets.
   */
  void receive(Frame frame) {
    document.executor().runHereOrExecute(() -> document.receiver().handle(this, frame));
  }

  void send(byte[] frame) {
    if (!closed) {
      session.transport().send(frame);
    }
  }

  /**
   * Executor only: ends this connection. {@code reply} (a CLOSE frame) is sent first when not null;
   * the socket stays open.
   */
  void closeNow(byte[] reply) {
    if (closed) {
      return;
    }
    if (reply != null) {
      session.transport().send(reply);
    }
    closed = true;
    session.forget(this);
    document.detach(this);
  }

  @Override
  public String documentName() {
    return document.name();
  }

  @Override
  public String socketId() {
    return session.id();
  }

  @Override
  public boolean readOnly() {
    return state.readOnly();
  }

  @Override
  public void sendStateless(String payload) {
    send(StatelessMessages.stateless(address(), payload));
  }

  @Override
  public void requestToken() {
    send(AuthMessages.requestToken(address()));
  }

  @Override
  public void close(String reason) {
    document.executor().execute(() -> closeNow(CloseMessages.close(address(), reason)));
  }

  @Override
  public String toString() {
    return "connection " + session.id() + " document '" + document.name() + "'";
  }
}
