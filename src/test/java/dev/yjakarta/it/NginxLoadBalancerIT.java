package dev.yjakarta.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Two Payara Micro instances behind real nginx running server-config/nginx/y-jakarta.conf, driven
 * by real {@code @hocuspocus/provider} clients through nginx.
 */
@Tag("payara-process")
class NginxLoadBalancerIT {
  private static final Duration BOOT = Duration.ofSeconds(180);

  private static PayaraProcess first;
  private static PayaraProcess second;
  private static NginxProcess nginx;

  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void startCluster() throws Exception {
    NginxProcess.binary(); // fail fast, before two servers boot, when nginx is missing
    List<String> postBoot = Files.readAllLines(
        Path.of(System.getProperty("it.configDir", "target/it-config"), "payara", "post-boot-commands.txt"));
    first = PayaraProcess.create("lb-first", postBoot, List.of());
    second = PayaraProcess.create("lb-second", postBoot, List.of());
    CompletableFuture<Void> a = CompletableFuture.runAsync(() -> boot(first));
    CompletableFuture<Void> b = CompletableFuture.runAsync(() -> boot(second));
    CompletableFuture.allOf(a, b).join();
    nginx = NginxProcess.start("lb-nginx", List.of(first.port(), second.port()), Duration.ofSeconds(20));
  }

  private static void boot(PayaraProcess server) {
    try {
      long logStart = Files.exists(server.logFile()) ? Files.size(server.logFile()) : 0;
      server.start(BOOT);
      awaitDeployed(server, logStart);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Payara Micro answers "/" during a first load of the WAR and then loads it again; only its
   * "ready in" log line says the deployment is final. Then readiness must be 200.
   */
  private static void awaitDeployed(PayaraProcess server, long logStart) throws Exception {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    long deadline = System.nanoTime() + BOOT.toNanos();
    while (System.nanoTime() < deadline) {
      String log = Files.readString(server.logFile(), StandardCharsets.ISO_8859_1).substring((int) logStart);
      if (log.contains(" ready in ")) {
        try {
          HttpResponse<Void> res = client.send(HttpRequest.newBuilder(server.http("/health/ready")).build(),
              HttpResponse.BodyHandlers.discarding());
          if (res.statusCode() == 200) {
            return;
          }
        } catch (java.io.IOException notYet) {
          // redeploying
        }
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException(server.logFile() + ": not ready within " + BOOT);
  }

  @AfterAll
  static void stopCluster() throws Exception {
    if (nginx != null) {
      nginx.close();
    }
    if (first != null) {
      first.close();
    }
    if (second != null) {
      second.close();
    }
  }

  @Test
  void spreadsRequestsRoundRobinOverBothInstances() throws Exception {
    Set<String> upstreams = new HashSet<>();
    for (int i = 0; i < 4; i++) {
      HttpResponse<String> res = http.send(HttpRequest.newBuilder(nginx.http("/health/live")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, res.statusCode(), res.body());
      assertTrue(res.body().contains("\"status\":\"UP\""), res.body());
      upstreams.add(res.headers().firstValue("X-Upstream").orElse("none"));
    }
    assertEquals(Set.of("127.0.0.1:" + first.port(), "127.0.0.1:" + second.port()), upstreams);
  }

  @Test
  void providersConnectThroughNginxToBothInstancesAndSync() throws Exception {
    String doc = "lb-document-" + System.nanoTime(); // the instances' database outlives a run
    String out = ProviderClients.run(nginx.ws("/collab"), doc, 4, false);
    // four sockets opened one after the other: round-robin puts two on each instance
    List<String> upstreams = ProviderClients.strings(out, "upstreams");
    assertEquals(4, upstreams.size(), out);
    assertEquals(Set.of("127.0.0.1:" + first.port(), "127.0.0.1:" + second.port()), new HashSet<>(upstreams), out);
    // every client synced and got its own edit acknowledged by the instance it landed on
    for (int i = 0; i < 4; i++) {
      assertTrue(out.contains("\"client-" + i + "\""), out);
    }
    // the log convention on each instance: connections and the document by name, never the token
    for (PayaraProcess server : List.of(first, second)) {
      String log = Files.readString(server.logFile(), StandardCharsets.ISO_8859_1);
      assertTrue(log.contains("document '" + doc + "' loaded"), server.logFile().toString());
      assertTrue(log.matches("(?s).*connection \\S+ joined document '" + doc + "'.*"), server.logFile().toString());
      ProviderClients.token().ifPresent(token ->
          assertTrue(!log.contains(token), server.logFile() + " contains the JWT"));
    }
  }

  @Test
  void keepsMetricsForLoopbackOnly() throws Exception {
    // the test itself is on loopback, so it is allowed; the deny rule covers everyone else
    HttpResponse<String> res = http.send(HttpRequest.newBuilder(nginx.http("/metrics")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, res.statusCode());
    assertTrue(res.body().contains("yjakarta_connections_open"));
  }
}
