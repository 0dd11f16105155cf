package dev.yjakarta.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * With the JNDI entry yjakarta/demo/enabled = "false", the demo page's paths answer 404 and the
 * WebSocket endpoint still works.
 */
class DemoPageDisabledIT {
  private static PayaraProcess server;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void startServerWithTheDemoTurnedOff() throws Exception {
    server = PayaraProcess.create("demo-disabled", List.of(
        "create-custom-resource --restype=java.lang.String"
            + " --factoryclass=org.glassfish.resources.custom.factory.PrimitivesAndStringFactory"
            + " --property value=false yjakarta/demo/enabled"), List.of());
    server.start(Duration.ofMinutes(3));
  }

  @AfterAll
  static void stopServer() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void answersNotFoundForThePageAndEverythingItLoads() throws Exception {
    try (ZipFile war = new ZipFile(System.getProperty("it.war", "target/y-jakarta.war"))) {
      // the files are in the WAR, so a 404 is the filter's doing
      for (String entry : List.of("index.html", "demo/app.js", "demo/style.css")) {
        assertNotNull(war.getEntry(entry), entry + " is missing from the WAR");
      }
    }
    for (String path : List.of("/", "/index.html", "/demo/app.js", "/demo/style.css")) {
      assertEquals(404, get(server.http(path)).statusCode(), path);
    }
  }

  @Test
  void leavesTheCollaborationEndpointAlone() throws Exception {
    WebSocket socket = http.newWebSocketBuilder()
        .buildAsync(server.ws("/collab"), new WebSocket.Listener() {})
        .get(10, TimeUnit.SECONDS);
    socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(10, TimeUnit.SECONDS);
  }

  private HttpResponse<String> get(URI uri) throws Exception {
    return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
