package dev.yjakarta.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.yjakarta.protocol.AuthMessages;
import dev.yjakarta.protocol.CloseMessages;
import dev.yjakarta.protocol.StatelessMessages;
import dev.yjakarta.protocol.SyncMessages;
import dev.yjakarta.server.auth.JwtAuthenticator;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The injectable server-side API, driven from a servlet inside the deployed WAR. */
@ExtendWith(ArquillianExtension.class)
class ServerApiIT {
  private static final String INSERT_HI = "01018906000401017402686900";

  @Deployment(testable = false)
  static WebArchive war() {
    return Deployments.builtWar().addClass(ServerApiProbe.class);
  }

  @ArquillianResource URL base;

  private String call(String query) throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(Deployments.http(base, "/it/server-api?" + query)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
    return r.body();
  }

  private static String token() {
    String secret = System.getProperty("it.jwtSecret", "");
    return secret.isEmpty() ? "" : JwtAuthenticator.mint(secret, "{\"sub\":\"api-it\"}");
  }

  @Test
  @RunAsClient
  void aServerSideEditReachesTheClientAndTheConnectionsCanBeClosed() throws Exception {
    String doc = "api-doc-" + System.nanoTime(); // the ITs keep their database between runs
    try (RawCollabClient c = RawCollabClient.connect(Deployments.ws(base, "/collab"))) {
      c.send(AuthMessages.token(doc, token(), "4.8.0"));
      assertArrayEquals(AuthMessages.authenticated(doc, false), c.next());
      // Authenticated goes out before the document is loaded and the connection attached
      // (SocketSession), so the counts catch up a moment later
      String counts = call("op=counts");
      for (long deadline = System.currentTimeMillis() + 5000;
          !counts.equals("1,1") && System.currentTimeMillis() < deadline; counts = call("op=counts")) {
        Thread.sleep(20);
      }
      assertEquals("1,1", counts);
      assertEquals("2", call("op=apply&doc=" + doc + "&update=" + INSERT_HI)); // the client + itself
      assertArrayEquals(SyncMessages.update(doc, HexFormat.of().parseHex(INSERT_HI)), c.next());
      assertEquals("true", call("op=stateless&doc=" + doc + "&payload=" + URLEncoder.encode("hello", StandardCharsets.UTF_8)));
      assertArrayEquals(StatelessMessages.stateless(doc, "hello"), c.next());
      assertEquals("ok", call("op=close&doc=" + doc));
      assertArrayEquals(CloseMessages.close(doc, "Reset Connection"), c.next());
      assertEquals("false", call("op=stateless&doc=never-opened&payload=x"));
      assertEquals("[]", call("op=failing"));
    }
  }
}
