package dev.yjakarta.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The demo page in a real browser: src/test/browser/demo-two-pages.mjs drives Debian's Chromium
 * (playwright-core) over two pages on one document served by a Payara Micro running the WAR, and
 * asks this test to restart the server halfway (same port) to prove both pages reconnect and
 * resync. Screenshots land in target/browser/.
 */
class DemoPageBrowserIT {
  private static final Duration BOOT = Duration.ofMinutes(3);
  private static final Duration STOP = Duration.ofMinutes(1);
  private static final Duration SCRIPT = Duration.ofMinutes(12);

  private final Path buildDir = Path.of(System.getProperty("project.buildDir", "target"));
  private final Path browserDir = Path.of(System.getProperty("it.browserDir", "src/test/browser"));
  private final Path chromium = Path.of(System.getProperty("it.chromium", "/usr/bin/chromium"));
  private final Path screenshots = buildDir.resolve("browser");

  @Test
  void twoPagesEditTogetherSeeEachOtherAndResyncAfterAServerRestart() throws Exception {
    assertTrue(Files.isExecutable(chromium),
        chromium + " is missing: the browser test needs Debian's Chromium (apt-get install -y chromium)");
    try (PayaraProcess server = PayaraProcess.create("demo-browser", List.of(), List.of())) {
      server.start(BOOT);
      assertServesThePage(server);

      List<String> transcript = runBrowserScript(server);
      String result = transcript.stream().filter(l -> l.startsWith("RESULT ")).reduce((a, b) -> b).orElse("");
      assertTrue(result.contains("\"ok\":true"), "browser checks failed:\n" + String.join("\n", transcript));
      assertTrue(transcript.contains("RESTART"), "the script never asked for the restart");
      for (String png : List.of("demo-two-pages.png", "demo-after-restart.png")) {
        assertIsPng(screenshots.resolve(png));
      }
    }
  }

  private void assertServesThePage(PayaraProcess server) throws IOException, InterruptedException {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpResponse<String> page = get(http, server.http("/"));
    assertEquals(200, page.statusCode());
    assertTrue(page.body().contains("demo/app.js"), "/ is not the demo page");
    HttpResponse<String> bundle = get(http, server.http("/demo/app.js"));
    assertEquals(200, bundle.statusCode());
    assertTrue(bundle.headers().firstValue("Content-Type").orElse("").contains("javascript"),
        "/demo/app.js content type: " + bundle.headers().firstValue("Content-Type"));
  }

  private static HttpResponse<String> get(HttpClient http, URI uri) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /**
   * Runs the script to its end, answering its "RESTART" line by stopping the server and starting
   * it again on the same port. Returns every line it printed.
   */
  private List<String> runBrowserScript(PayaraProcess server) throws Exception {
    Files.createDirectories(screenshots);
    Path stderr = buildDir.resolve("it-logs").resolve("demo-browser-script.log");
    Files.createDirectories(stderr.getParent());
    ProcessBuilder builder = new ProcessBuilder("node", "demo-two-pages.mjs")
        .directory(browserDir.toFile())
        .redirectError(ProcessBuilder.Redirect.to(stderr.toFile()));
    builder.environment().put("DEMO_URL", server.http("/").toString());
    builder.environment().put("DEMO_OUT", screenshots.toAbsolutePath().toString());
    builder.environment().put("CHROMIUM", chromium.toString());
    Process script = builder.start();

    // the script bounds each of its own waits; this only guards against a hung browser
    ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor();
    watchdog.schedule(() -> script.destroyForcibly(), SCRIPT.toMillis(), TimeUnit.MILLISECONDS);
    List<String> transcript = new ArrayList<>();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(script.getInputStream(), StandardCharsets.UTF_8));
        Writer in = script.outputWriter(StandardCharsets.UTF_8)) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        transcript.add(line);
        System.out.println("[browser] " + line);
        if (line.equals("RESTART")) {
          server.stop(STOP);
          server.start(BOOT);
          in.write("RESTARTED\n");
          in.flush();
        }
      }
      script.waitFor();
    } finally {
      watchdog.shutdownNow();
      // Chromium runs under node: a killed script must not leave browsers behind
      script.descendants().forEach(ProcessHandle::destroyForcibly);
      script.destroyForcibly();
      Files.write(buildDir.resolve("it-logs").resolve("demo-browser-transcript.log"), transcript,
          StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
    }
    assertEquals(0, script.exitValue(), "browser script failed (stderr: " + stderr + "):\n" + String.join("\n", transcript));
    return transcript;
  }

  private static void assertIsPng(Path file) throws IOException {
    assertTrue(Files.isRegularFile(file), file + " was not written");
    byte[] head = new byte[8];
    try (var in = Files.newInputStream(file)) {
      assertEquals(8, in.read(head));
    }
    assertEquals("\u0089PNG", new String(head, 0, 4, StandardCharsets.ISO_8859_1), file + " is not a PNG");
    assertTrue(Files.size(file) > 10_000, file + " is suspiciously small");
  }
}
