package dev.yjakarta.server;

import dev.yjakarta.protocol.AuthMessages;
import dev.yjakarta.protocol.AwarenessMessages;
import dev.yjakarta.protocol.CloseCode;
import dev.yjakarta.protocol.CloseMessages;
import dev.yjakarta.protocol.Frame;
import dev.yjakarta.protocol.MessageType;
import dev.yjakarta.protocol.ProtocolException;
import dev.yjakarta.protocol.StatelessMessages;
import dev.yjakarta.protocol.SyncMessages;
import dev.yjakarta.protocol.SyncStatusMessages;
import dev.yjakarta.server.api.Origin;
import dev.yjakarta.server.hooks.CollabHook;
import dev.yjakarta.server.hooks.HookRejection;
import dev.yjakarta.server.hooks.StatelessContext;
import dev.yjakarta.yjs.YjsFormatException;
import dev.yjakarta.yjs.lib0.Lib0Decoder;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Handles one frame of an established document connection, on the document's executor
 * (Hocuspocus's MessageReceiver). Errors close only that document connection, with a CLOSE frame.
 */
final class MessageReceiver {
  private static final Logger LOG = Logger.getLogger(MessageReceiver.class.getName());
  /** The message types as metric labels ("sync", "awareness", ...), computed once. */
  private static final String[] METRIC_LABELS = java.util.Arrays.stream(MessageType.values())
      .map(t -> t.name().toLowerCase(java.util.Locale.ROOT))
      .toArray(String[]::new);

  private final Document document;
  private final DocumentService service;

  MessageReceiver(Document document, DocumentService service) {
    this.document = document;
    this.service = service;
  }

  void handle(DocumentConnection c, Frame frame) {
    if (c.isClosed()) {
      return;
    }
    try {
      service.hooks().run(CollabHook::beforeHandleMessage,
          new HookContexts.Message(document.name(), document, c.state(), frame.bytes()));
      dispatch(c, frame);
    } catch (HookRejection r) {
      fail(c, r.reason(), "a hook rejected a frame");
    } catch (ProtocolException e) {
      fail(c, CloseCode.RESET_CONNECTION.reason(), e.getMessage());
    } catch (YjsFormatException e) {
      fail(c, CloseCode.RESET_CONNECTION.reason(), "malformed update: " + e.getMessage());
    } catch (Exception e) {
      LOG.log(Level.WARNING, "processing a frame of " + c + " failed", e);
      fail(c, CloseCode.RESET_CONNECTION.reason(), e.toString());
    }
  }

  private void fail(DocumentConnection c, String reason, String why) {
    LOG.warning(() -> "closing " + c + ": " + why);
    c.closeNow(CloseMessages.close(c.address(), reason));
  }

  private void dispatch(DocumentConnection c, Frame frame) throws Exception {
    Lib0Decoder body = frame.body();
    long typeCode = body.readVarUint();
    MessageType type = MessageType.fromCode(typeCode);
    service.metrics().messageReceived(type == null ? "unknown" : METRIC_LABELS[type.ordinal()]);
    if (type == null) {
      LOG.fine(() -> "ignoring unknown message type " + typeCode + " from " + c);
      return;
    }
    switch (type) {
      case SYNC, SYNC_REPLY -> sync(c, body, type == MessageType.SYNC_REPLY);
      case AWARENESS -> awareness(c, body);
      case AUTH -> auth(c, body);
      case QUERY_AWARENESS -> { } // over WebSocket the reference server answers nothing
      case STATELESS -> stateless(c, StatelessMessages.read(body));
      case BROADCAST_STATELESS ->
          throw new ProtocolException(CloseCode.RESET_CONNECTION, "BroadcastStateless is server-to-server only");
      case CLOSE -> c.closeNow(CloseMessages.close(c.address(), CloseMessages.PROVIDER_INITIATED));
      default -> LOG.fine(() -> "ignoring " + type + " from " + c);
    }
  }

  private void sync(DocumentConnection c, Lib0Decoder body, boolean reply) {
    SyncMessages.Sync sync = SyncMessages.read(body);
    String address = c.address();
    switch (sync.step()) {
      case STEP1 -> {
        if (!reply) {
          c.send(SyncMessages.step1(address, document.state().stateVector()));
        }
        c.send(SyncMessages.step2(address, document.state().diff(sync.data())));
      }
      case STEP2 -> {
        if (c.readOnly()) {
          c.send(SyncStatusMessages.syncStatus(address, document.state().contains(sync.data())));
        } else {
          document.apply(sync.data(), Origin.CONNECTION, () -> c.send(SyncStatusMessages.syncStatus(address, true)));
        }
      }
      case UPDATE -> {
        if (c.readOnly()) {
          c.send(SyncStatusMessages.syncStatus(address, false));
        } else {
          document.apply(sync.data(), Origin.CONNECTION, () -> c.send(SyncStatusMessages.syncStatus(address, true)));
        }
      }
    }
  }

  private void awareness(DocumentConnection c, Lib0Decoder body) {
    Awareness.Changes changes = document.awareness().apply(AwarenessMessages.read(body), service.scheduler().nowMillis());
    c.awarenessClients.addAll(changes.added());
    c.awarenessClients.addAll(changes.updated());
    c.awarenessClients.removeAll(changes.removed());
    document.awarenessChanged(changes, Origin.CONNECTION);
  }

  private void auth(DocumentConnection c, Lib0Decoder body) {
    AuthMessages.AuthMessage msg = AuthMessages.read(body);
    if (!(msg instanceof AuthMessages.Token token)) {
      LOG.fine(() -> "ignoring auth message " + msg + " from " + c);
      return;
    }
    ConnectionState state = c.state();
    state.token(token.token(), token.providerVersion());
    try {
      service.hooks().run(CollabHook::onTokenSync, state);
    } catch (HookRejection r) {
      fail(c, r.reason(), "token refresh rejected");
    } catch (Exception e) {
      fail(c, CloseCode.UNAUTHORIZED.reason(), "token refresh failed: " + e);
    }
  }

  private void stateless(DocumentConnection c, String payload) {
    // Fire and forget, and never fatal: the reference server dies on a throwing onStateless hook.
    try {
      service.hooks().run(CollabHook::onStateless, new Stateless(c, payload));
    } catch (Exception | LinkageError e) {
      LOG.log(Level.WARNING, "onStateless hook failed for " + c, e);
    }
  }

  /** The onStateless payload: the connection's context plus the message. */
  private final class Stateless implements StatelessContext {
    private final DocumentConnection c;
    private final String payload;

    Stateless(DocumentConnection c, String payload) {
      this.c = c;
      this.payload = payload;
    }

    @Override
    public String payload() {
      return payload;
    }

    @Override
    public dev.yjakarta.server.api.DocumentHandle document() {
      return document;
    }

    @Override
    public String documentName() {
      return document.name();
    }

    @Override
    public Map<String, List<String>> requestParameters() {
      return c.state().requestParameters();
    }

    @Override
    public Map<String, List<String>> requestHeaders() {
      return c.state().requestHeaders();
    }

    @Override
    public String providerVersion() {
      return c.state().providerVersion();
    }

    @Override
    public Map<String, Object> context() {
      return c.state().context();
    }

    @Override
    public String identity() {
      return c.state().identity();
    }

    @Override
    public dev.yjakarta.server.api.ConnectionHandle connection() {
      return c;
    }
  }
}
