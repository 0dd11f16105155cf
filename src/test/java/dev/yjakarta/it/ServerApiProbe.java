package dev.yjakarta.it;

import dev.yjakarta.server.api.CollabServer;
import dev.yjakarta.server.api.DirectConnection;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HexFormat;

/**
 * Test-only servlet (added to the WAR by {@link ServerApiIT}) that exercises the injected
 * {@link CollabServer} the way application code would.
 */
@WebServlet("/it/server-api")
public class ServerApiProbe extends HttpServlet {
  private static final long serialVersionUID = 1L;

  @Inject CollabServer server;

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String doc = req.getParameter("doc");
    String answer;
    switch (req.getParameter("op")) {
      case "apply" -> {
        try (DirectConnection c = server.openDocument(doc)) {
          c.applyUpdate(HexFormat.of().parseHex(req.getParameter("update")));
          answer = Integer.toString(c.connectionCount());
        }
      }
      case "stateless" -> answer = Boolean.toString(server.broadcastStateless(doc, req.getParameter("payload")));
      case "counts" -> answer = server.documentCount() + "," + server.connectionCount();
      case "close" -> {
        server.closeConnections(doc);
        answer = "ok";
      }
      case "failing" -> answer = server.failingStores().toString();
      default -> answer = "unknown op";
    }
    resp.setContentType("text/plain");
    resp.getWriter().write(answer);
  }
}
