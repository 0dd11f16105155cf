package dev.yjakarta.it.interop;

import dev.yjakarta.it.Deployments;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The deployed server driven by the real {@code @hocuspocus/provider} 4.8.0 and yjs 13.6.33: one
 * JUnit test per case of src/test/node/interop (see its README), malformed-frame fuzz included.
 * The JWT secret is the one the filtered post-boot commands give the server.
 */
@ExtendWith(ArquillianExtension.class)
class HocuspocusInteropIT {
  @Deployment(testable = false)
  static WebArchive war() {
    return Deployments.builtWar().addClass(InteropFixtureHook.class);
  }

  @ArquillianResource URL base;

  @TestFactory
  @RunAsClient
  Stream<DynamicTest> everyInteropCasePassesAgainstTheDeployedServer() throws Exception {
    NodeInterop node = NodeInterop.fromSystemProperties();
    // -Dit.interopUrl=ws://... points the suite at another server (e.g. a reference Hocuspocus).
    String override = System.getProperty("it.interopUrl", "");
    URI collab = override.isBlank() ? Deployments.ws(base, "/collab") : URI.create(override);
    String secret = System.getProperty("it.jwtSecret");
    if (secret == null || secret.isBlank()) {
      throw new AssertionError("system property it.jwtSecret is not set (failsafe passes it from the pom)");
    }
    assertEndpointAcceptsWebSockets(collab);
    return node.listCases().stream()
        .map(name -> DynamicTest.dynamicTest(name, () -> node.runCase(name, collab, secret)));
  }

  /** Fails once, clearly, instead of letting every case time out when the endpoint is missing. */
  private static void assertEndpointAcceptsWebSockets(URI collab) throws InterruptedException {
    try {
      WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
          .connectTimeout(Duration.ofSeconds(20))
          .buildAsync(collab, new WebSocket.Listener() {})
          .get(30, TimeUnit.SECONDS);
      ws.abort();
    } catch (ExecutionException | TimeoutException e) {
      throw new AssertionError("no WebSocket endpoint accepts connections at " + collab + ": " + e, e);
    }
  }
}
