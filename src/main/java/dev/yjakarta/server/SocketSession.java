package dev.yjakarta.server;

import dev.yjakarta.protocol.AuthMessages;
import dev.yjakarta.protocol.CloseCode;
import dev.yjakarta.protocol.Frame;
import dev.yjakarta.protocol.Keepalive;
import dev.yjakarta.protocol.MessageType;
import dev.yjakarta.protocol.ProtocolException;
import dev.yjakarta.protocol.RoutingKey;
import dev.yjakarta.server.hooks.CollabHook;
import dev.yjakarta.server.hooks.HookRejection;
import dev.yjakarta.yjs.lib0.Lib0Decoder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One WebSocket (Hocuspocus's ClientConnection): routes frames by address, authenticates each
 * document separately, buffers frames that arrive before a document's authentication (within the
 * pre-auth limits), and enforces the idle timeout and the pre-auth deadline. Never blocks the
 * calling (container) thread: loads, and hooks that may block, run on the pool; document work
 * runs on the documents' executors (on the calling thread while a document is idle).
 */
public final class SocketSession {
  private static final Logger LOG = Logger.getLogger(SocketSession.class.getName());
  static final String DEFAULT_DENIAL = "permission-denied";

  /** A document on this socket that has not finished authenticating. */
  private static final class Pending {
    final RoutingKey key;
    final List<Frame> queue = new ArrayList<>();
    long bytes;
    boolean authenticating;

    Pending(RoutingKey key) {
      this.key = key;
    }
  }

  /** Whether the provider on this socket understands the application Ping (version >= 4 in Auth). */
  enum PingSupport { UNKNOWN, YES, NEVER }

  private final DocumentService service;
  private final Transport transport;
  private final Map<String, List<String>> requestParameters;
  private final Map<String, List<String>> requestHeaders;
  private final long openedAt;
  private volatile long lastFrameAt;
  private volatile long lastSentAt;
  private volatile PingSupport pingSupport = PingSupport.UNKNOWN;
  // guarded by this
  private final Map<String, Pending> pending = new HashMap<>();
  private final Map<String, DocumentConnection> established = new HashMap<>();
  private long queuedBytes;
  private int queuedFrames;
  private boolean authenticatedOnce;
  private boolean closed;
  private Scheduler.Cancellable idleTimer;

  SocketSession(DocumentService service, Transport transport, Map<String, List<String>> requestParameters,
      Map<String, List<String>> requestHeaders) {
    this.service = service;
    this.transport = new Stamped(transport);
    this.requestParameters = requestParameters;
    this.requestHeaders = requestHeaders;
    this.openedAt = service.scheduler().nowMillis();
    this.lastFrameAt = openedAt;
    this.lastSentAt = openedAt;
  }

  /** Notes when the server last sent on the socket, for the keepalive sweep. */
  private final class Stamped implements Transport {
    private final Transport inner;

    Stamped(Transport inner) {
      this.inner = inner;
    }

    @Override
    public String id() {
      return inner.id();
    }

    @Override
    public void send(byte[] frame) {
      lastSentAt = service.scheduler().nowMillis();
      inner.send(frame);
    }

    @Override
    public void close(CloseCode code) {
      inner.close(code);
    }
  }

  String id() {
    return transport.id();
  }

  Transport transport() {
    return transport;
  }

  void start() {
    LOG.info(() -> "connection " + id() + " opened");
    scheduleIdleCheck(service.settings().timeoutMs());
  }

  /** One inbound binary frame, in arrival order. */
  public void receive(byte[] bytes) {
    lastFrameAt = service.scheduler().nowMillis();
    if (Keepalive.isPong(bytes)) {
      return; // traffic only: it has renewed the idle timeout above
    }
    Frame frame;
    try {
      frame = Frame.parse(bytes);
    } catch (ProtocolException e) {
      violation(e.closeCode(), null, e.getMessage());
      return;
    }
    RoutingKey key = frame.key();
    DocumentConnection target;
    AuthStart start = null;
    synchronized (this) {
      if (closed) {
        return;
      }
      // attach() queues the pre-auth frames on the document before it publishes the connection
      // here, so a frame that finds it runs after them. It runs outside this lock: run on this
      // thread, a frame may close connections of other sockets.
      target = established.get(key.raw());
      if (target == null) {
        start = queueBeforeAuth(key, frame);
      }
    }
    if (target != null) {
      target.receive(frame);
    } else if (start != null) {
      AuthStart s = start;
      if (service.hooks().authenticationInline()) {
        authenticate(s.pending(), s.token());
      } else {
        service.pool().execute(() -> authenticate(s.pending(), s.token())); // a hook may block
      }
    }
  }

  private record AuthStart(Pending pending, AuthMessages.Token token) {}

  /** Under the lock: a frame of a document that is not established; a Token starts its auth. */
  private AuthStart queueBeforeAuth(RoutingKey key, Frame frame) {
    Pending p = pending.get(key.raw());
    if (p == null) {
      if (pending.size() >= service.settings().maxPendingDocuments()) {
        violationLocked(CloseCode.RESET_CONNECTION, key, "more than " + pending.size() + " documents pending auth");
        return null;
      }
      p = new Pending(key);
      pending.put(key.raw(), p);
    }
    AuthMessages.Token token = null;
    if (!p.authenticating && frame.type() == MessageType.AUTH) {
      try {
        Lib0Decoder body = frame.body();
        body.readVarUint();
        AuthMessages.AuthMessage msg = AuthMessages.read(body);
        if (msg instanceof AuthMessages.Token t) {
          token = t;
        }
      } catch (ProtocolException e) {
        violationLocked(CloseCode.RESET_CONNECTION, key, "undecodable auth frame");
        return null;
      }
    }
    if (token != null) {
      providerReported(token.providerVersion());
      p.authenticating = true;
      return new AuthStart(p, token);
    }
    if (queuedBytes + frame.size() > service.settings().maxPreAuthBytes()
        || queuedFrames + 1 > service.settings().maxPreAuthFrames()) {
      violationLocked(CloseCode.RESET_CONNECTION, key, "pre-auth queue limit exceeded");
      return null;
    }
    p.queue.add(frame);
    p.bytes += frame.size();
    queuedBytes += frame.size();
    queuedFrames++;
    return null;
  }

  /**
   * One provider serves a socket; a Token without a v4 version (a v2/v3 provider, or a raw client)
   * rules the Ping out for good, since such a client would read 0x09 as a broken address.
   */
  private void providerReported(String version) {
    if (!Keepalive.understandsPing(version)) {
      pingSupport = PingSupport.NEVER;
    } else if (pingSupport == PingSupport.UNKNOWN) {
      pingSupport = PingSupport.YES;
    }
  }

  PingSupport pingSupport() {
    return pingSupport;
  }

  /**
   * Called by the keepalive sweep: a Ping when the server has sent nothing for {@code quietMs},
   * so that the provider's watchdog (30 s without an inbound frame) never fires on an idle socket.
   */
  void pingIfQuiet(long now, long quietMs) {
    if (pingSupport != PingSupport.YES || now - lastSentAt < quietMs) {
      return;
    }
    synchronized (this) {
      if (closed) {
        return;
      }
      transport.send(Keepalive.ping());
    }
  }

  /**
   * On the pool, or on the reader thread when no hook can block: onConnect and onAuthenticate,
   * then Authenticated, then the (shared) load, which runs on the pool.
   */
  private void authenticate(Pending p, AuthMessages.Token token) {
    ConnectionState state = new ConnectionState(p.key, requestParameters, requestHeaders, token.token(),
        token.providerVersion());
    String name = p.key.documentName();
    try {
      if (name.isBlank()) {
        throw new HookRejection(DEFAULT_DENIAL);
      }
      service.hooks().run(CollabHook::onConnect, state);
      service.hooks().run(CollabHook::onAuthenticate, state);
    } catch (HookRejection r) {
      deny(p, r.reason(), "authentication rejected");
      return;
    } catch (Exception | LinkageError e) {
      LOG.log(Level.WARNING, "authentication hook failed on connection " + id() + " document '" + name + "'", e);
      deny(p, DEFAULT_DENIAL, "authentication hook failed");
      return;
    }
    synchronized (this) {
      if (closed || pending.get(p.key.raw()) != p) {
        return;
      }
      transport.send(AuthMessages.authenticated(p.key.raw(), state.readOnly()));
    }
    service.lifecycle().acquire(name, state).whenComplete((doc, error) -> {
      if (error != null) {
        deny(p, denialReason(error), "document load failed");
      } else {
        attach(p, state, doc);
      }
    });
  }

  private static String denialReason(Throwable error) {
    Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    if (cause instanceof HookRejection r && r.reason() != null) {
      return r.reason();
    }
    return DEFAULT_DENIAL;
  }

  private void attach(Pending p, ConnectionState state, Document doc) {
    DocumentConnection c;
    synchronized (this) {
      if (closed || pending.get(p.key.raw()) != p) {
        service.lifecycle().release(doc.name());
        return;
      }
      pending.remove(p.key.raw());
      queuedBytes -= p.bytes;
      queuedFrames -= p.queue.size();
      c = new DocumentConnection(this, doc, state);
      established.put(p.key.raw(), c);
      authenticatedOnce = true;
      List<Frame> queued = List.copyOf(p.queue);
      doc.executor().execute(() -> doc.attach(c, queued));
    }
    LOG.info(() -> "connection " + id() + " joined document '" + doc.name() + "'"
        + (state.readOnly() ? " (read-only)" : ""));
  }

  /** PermissionDenied, and every trace of the attempt removed, so a retry on this socket works. */
  private void deny(Pending p, String reason, String why) {
    synchronized (this) {
      if (pending.get(p.key.raw()) == p) {
        pending.remove(p.key.raw());
        queuedBytes -= p.bytes;
        queuedFrames -= p.queue.size();
      }
      if (closed) {
        return;
      }
      transport.send(AuthMessages.permissionDenied(p.key.raw(), reason == null ? CloseCode.FORBIDDEN.reason() : reason));
    }
    LOG.info(() -> "connection " + id() + " denied document '" + p.key.documentName() + "': " + why);
  }

  /** A document connection ended (CLOSE either way, or an error); the socket stays. */
  synchronized void forget(DocumentConnection c) {
    established.remove(c.address(), c);
  }

  /** A text frame: the protocol is binary (4401, like the reference). */
  public void rejectText() {
    violation(CloseCode.UNAUTHORIZED, null, "text frame");
  }

  private void violation(CloseCode code, RoutingKey key, String why) {
    synchronized (this) {
      violationLocked(code, key, why);
    }
  }

  private void violationLocked(CloseCode code, RoutingKey key, String why) {
    if (closed) {
      return;
    }
    LOG.warning(() -> "closing connection " + id() + (key == null ? "" : " (document '" + key.documentName() + "')")
        + " with " + code.code() + ": " + why);
    closeSocket(code);
  }

  /** Closes the socket (idempotent) and ends all its document connections. */
  public void closeSocket(CloseCode code) {
    transport.close(code);
    closed(code.code());
  }

  /** The socket is gone (closed by either side). */
  public void closed(int code) {
    List<DocumentConnection> conns;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      conns = new ArrayList<>(established.values());
      established.clear();
      pending.clear();
      queuedBytes = 0;
      queuedFrames = 0;
      if (idleTimer != null) {
        idleTimer.cancel();
      }
    }
    for (DocumentConnection c : conns) {
      c.document().executor().execute(() -> c.closeNow(null));
    }
    service.sessionClosed(this);
    LOG.info(() -> "connection " + id() + " closed (" + code + ")");
  }

  synchronized boolean hasDocumentConnections() {
    return !established.isEmpty();
  }

  synchronized List<DocumentConnection> documentConnections() {
    return new ArrayList<>(established.values());
  }

  private void scheduleIdleCheck(long delayMs) {
    Scheduler.Cancellable t = service.scheduler().schedule(this::checkIdle, delayMs);
    synchronized (this) {
      if (closed) {
        t.cancel();
      } else {
        idleTimer = t;
      }
    }
  }

  /** The idle rule: no frame within the timeout; before any auth, the deadline runs from open. */
  private void checkIdle() {
    long now = service.scheduler().nowMillis();
    long timeout = service.settings().timeoutMs();
    long deadline;
    synchronized (this) {
      if (closed) {
        return;
      }
      deadline = authenticatedOnce ? lastFrameAt + timeout : openedAt + timeout;
      if (now >= deadline) {
        violationLocked(CloseCode.CONNECTION_TIMEOUT, null,
            authenticatedOnce ? "idle for " + timeout + " ms" : "not authenticated within " + timeout + " ms");
        return;
      }
    }
    scheduleIdleCheck(deadline - now);
  }
}
