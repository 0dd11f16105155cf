package dev.yjakarta.it;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Payara Micro process running the built WAR, for tests that must stop, restart or kill a
 * server (Arquillian cannot). Configuration is the post-boot command file the caller provides.
 */
public final class PayaraProcess implements AutoCloseable {
  private final String name;
  private final int port;
  private final List<String> postBootCommands;
  private final List<String> jvmOptions;
  private final Map<String, String> environment;
  private Process process;

  private PayaraProcess(String name, int port, List<String> postBootCommands, List<String> jvmOptions,
      Map<String, String> environment) {
    this.name = name;
    this.port = port;
    this.postBootCommands = postBootCommands;
    this.jvmOptions = jvmOptions;
    this.environment = environment;
  }

  /** A server named {@code name} (used for its log file) on a free loopback port. */
  public static PayaraProcess create(String name, List<String> postBootCommands, List<String> jvmOptions) {
    return create(name, postBootCommands, jvmOptions, Map.of());
  }

  /**
   * The same, with extra environment variables (the shipped post-boot files read their settings
   * from {@code ${ENV=...}}).
   */
  public static PayaraProcess create(String name, List<String> postBootCommands, List<String> jvmOptions,
      Map<String, String> environment) {
    return new PayaraProcess(name, freePort(), List.copyOf(postBootCommands), List.copyOf(jvmOptions),
        Map.copyOf(environment));
  }

  /**
   * A server configured like the zero-configuration run command: the shipped
   * server-config/payara/post-boot-commands.txt (documents in SQLite, here a file in the server's
   * own work directory), followed by {@code extraPostBoot}.
   */
  public static PayaraProcess withShippedSqlite(String name, List<String> extraPostBoot) throws IOException {
    List<String> postBoot = new ArrayList<>(StoredDocuments.shippedPostBoot("post-boot-commands.txt"));
    postBoot.addAll(extraPostBoot);
    Path db = buildDir().resolve("it-work").resolve(name).resolve("yjakarta.db").toAbsolutePath();
    return create(name, postBoot, List.of(), Map.of("YJAKARTA_SQLITE_FILE", db.toString()));
  }

  public int port() {
    return port;
  }

  public URI http(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  public URI ws(String path) {
    return URI.create("ws://127.0.0.1:" + port + path);
  }

  public Path logFile() {
    return buildDir().resolve("it-logs").resolve(name + ".log");
  }

  /** Starts the server and waits until the WAR answers HTTP, at most {@code timeout}. */
  public PayaraProcess start(Duration timeout) throws IOException, InterruptedException {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException(name + " is already running");
    }
    Path runtime = Path.of(System.getProperty("it.runtimeDir", "target/runtime"));
    Path work = buildDir().resolve("it-work").resolve(name);
    Files.createDirectories(work);
    Files.createDirectories(logFile().getParent());
    Path postBoot = work.resolve("post-boot-commands.txt");
    Files.write(postBoot, postBootCommands);
    // A root directory left by the previous start still holds that deployment: Payara would boot
    // it, serve it for a few seconds, then undeploy it to deploy --deploy's WAR, and sockets
    // opened in between fail with NoClassDefFoundError. Every start gets a fresh one.
    Path rootDir = work.resolve("payara-root");
    deleteRecursively(rootDir);
    Path preBoot = Path.of(System.getProperty("project.basedir", "."), "server-config", "payara", "pre-boot-commands.txt");

    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmOptions);
    cmd.addAll(List.of("-jar", runtime.resolve("payara-micro.jar").toString(),
        "--deploy", System.getProperty("it.war", "target/y-jakarta.war"),
        "--contextroot", "/",
        "--port", Integer.toString(port),
        "--nohazelcast",
        "--addlibs", runtime.resolve("sqlite-jdbc.jar") + File.pathSeparator + runtime.resolve("postgresql.jar"),
        "--prebootcommandfile", preBoot.toString(),
        "--postbootcommandfile", postBoot.toString(),
        "--rootdir", rootDir.toString()));
    long logStart = Files.exists(logFile()) ? Files.size(logFile()) : 0;
    ProcessBuilder builder = new ProcessBuilder(cmd);
    builder.environment().putAll(environment);
    process = builder
        .directory(work.toFile())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()))
        .start();
    awaitReady(timeout, logStart);
    return this;
  }

  /**
   * Waits for Payara's "ready" log line (written after the WAR deployed: a 404 from "/" alone does
   * not tell) and for HTTP to answer. The client speaks HTTP/1.1 only: the default client tries an
   * h2c upgrade, and once a request timed out while Payara was booting it kept timing out after.
   */
  private void awaitReady(Duration timeout, long logStart) throws InterruptedException, IOException {
    HttpClient client = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(2))
        .build();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + logFile());
      }
      String log = logSince(logStart);
      if (!(log.contains("Payara Micro") && log.contains(" ready in "))) {
        Thread.sleep(250);
        continue;
      }
      if (!log.contains("successfully deployed")) {
        kill();
        throw new IllegalStateException(name + " booted but the WAR did not deploy; see " + logFile());
      }
      try {
        HttpResponse<Void> res = client.send(HttpRequest.newBuilder(http("/")).timeout(Duration.ofSeconds(15)).build(),
            HttpResponse.BodyHandlers.discarding());
        if (res.statusCode() < 500) {
          return;
        }
      } catch (IOException notYet) {
        // still booting
      }
      Thread.sleep(250);
    }
    kill();
    throw new IllegalStateException(name + " did not answer within " + timeout + "; see " + logFile());
  }

  private String logSince(long logStart) throws IOException {
    try (var in = Files.newInputStream(logFile())) {
      in.skipNBytes(logStart);
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  /** Graceful stop (SIGTERM: the server flushes pending stores), waiting at most {@code timeout}. */
  public void stop(Duration timeout) throws InterruptedException {
    if (process == null) {
      return;
    }
    process.destroy();
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly().waitFor();
      throw new IllegalStateException(name + " did not stop within " + timeout);
    }
  }

  /** {@code kill -9}: no shutdown hooks, no flush. */
  public void kill() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroyForcibly().waitFor();
    }
  }

  public boolean isAlive() {
    return process != null && process.isAlive();
  }

  @Override
  public void close() throws InterruptedException {
    kill();
  }

  public static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) paths.sorted(java.util.Comparator.reverseOrder())::iterator) {
        Files.delete(p);
      }
    }
  }

  private static Path buildDir() {
    return Path.of(System.getProperty("project.buildDir", "target"));
  }
}
