package dev.yjakarta.websocket;

import dev.yjakarta.protocol.CloseCode;
import dev.yjakarta.server.DocumentService;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The Hocuspocus-compatible WebSocket endpoint. Binary frames go to the socket's session in the
 * document service; a text frame is a protocol error (4401, like the reference); a frame larger
 * than {@code yjakarta/server/maxMessageBytes} closes the socket with 1009.
 */
@ServerEndpoint(value = "/collab", configurator = HandshakeCapture.class)
public class CollabEndpoint {
  private static final Logger LOG = Logger.getLogger(CollabEndpoint.class.getName());
  private static final String SESSION = "yjakarta.session";
  private static final String TRANSPORT = "yjakarta.transport";

  @Inject DocumentService service;
  @Inject TyrusIdleTimer idleTimer;

  @OnOpen
  public void open(Session session, EndpointConfig config) {
    int max = service.maxMessageBytes();
    session.setMaxBinaryMessageBufferSize(max);
    session.setMaxTextMessageBufferSize(64 * 1024);
    session.setMaxIdleTimeout(0); // the service's own idle rule applies (4408)
    idleTimer.adopt(session);
    @SuppressWarnings("unchecked")
    Map<String, List<String>> headers =
        (Map<String, List<String>>) config.getUserProperties().getOrDefault(HandshakeCapture.HEADERS, Map.of());
    WebSocketTransport transport = new WebSocketTransport(session, service.maxSendQueueBytes(), service.scheduler());
    session.getUserProperties().put(TRANSPORT, transport);
    session.getUserProperties().put(SESSION, service.open(transport, session.getRequestParameterMap(), headers));
  }

  @OnMessage
  public void binary(Session session, byte[] frame) {
    inbound(session);
    dev.yjakarta.server.SocketSession s = of(session);
    if (s == null) {
      return;
    }
    if (frame.length > service.maxMessageBytes()) {
      s.closeSocket(CloseCode.MESSAGE_TOO_BIG);
      return;
    }
    s.receive(frame);
  }

  @OnMessage
  public void text(Session session, String text) {
    inbound(session);
    dev.yjakarta.server.SocketSession s = of(session);
    if (s != null) {
      s.rejectText(); // logged once, like every violation, also when the client keeps sending
    }
  }

  @OnClose
  public void close(Session session, CloseReason reason) {
    dev.yjakarta.server.SocketSession s = of(session);
    if (s != null) {
      s.closed(reason.getCloseCode().getCode());
    }
  }

  @OnError
  public void error(Session session, Throwable error) {
    if (error instanceof IOException) {
      LOG.log(Level.FINE, "socket error", error);
    } else {
      LOG.log(Level.WARNING, "socket error", error);
    }
    dev.yjakarta.server.SocketSession s = of(session);
    if (s != null && isTooBig(error)) {
      s.closeSocket(CloseCode.MESSAGE_TOO_BIG);
    }
  }

  private static boolean isTooBig(Throwable error) {
    String m = String.valueOf(error.getMessage()).toLowerCase();
    return m.contains("too big") || m.contains("too large") || m.contains("exceeds");
  }

  /** Every inbound frame, also those after a close was decided: the close waits for the drain. */
  private static void inbound(Session session) {
    if (session.getUserProperties().get(TRANSPORT) instanceof WebSocketTransport t) {
      t.inbound();
    }
  }

  private static dev.yjakarta.server.SocketSession of(Session session) {
    return (dev.yjakarta.server.SocketSession) session.getUserProperties().get(SESSION);
  }
}
