package dev.yjakarta.it;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A WildFly server of its own for one test: a copy of the wildfly profile's unpacked server
 * (jboss.home) with the distribution's pristine standalone/configuration (from the wildfly-dist
 * zip, it.wildfly.distZip), so the shipped CLI scripts run on what a user unpacks. Files are
 * hard-linked except the configuration and the directories the server writes. Ports: 8080 and
 * 9990 shifted by an offset whose HTTP, HTTPS and management ports were free at creation.
 */
public final class WildflyProcess implements AutoCloseable {
  private static final Duration CLI = Duration.ofSeconds(180);

  private final String name;
  private final Path home;
  private final int portOffset;
  private Process process;

  private WildflyProcess(String name, Path home, int portOffset) {
    this.name = name;
    this.home = home;
    this.portOffset = portOffset;
  }

  /** A fresh server under target/it-work/{@code name}/wildfly. */
  public static WildflyProcess create(String name) throws IOException {
    Path source = Path.of(required("jboss.home")).toAbsolutePath();
    Path home = Path.of(System.getProperty("project.buildDir", "target"), "it-work", name, "wildfly").toAbsolutePath();
    deleteTree(home);
    try (Stream<Path> files = Files.walk(source)) {
      for (Path from : (Iterable<Path>) files::iterator) {
        String relative = source.relativize(from).toString().replace('\\', '/');
        if (relative.startsWith("standalone/") && !relative.startsWith("standalone/lib")) {
          continue; // configuration, data, log, tmp, deployments: fresh below
        }
        Path to = home.resolve(source.relativize(from).toString());
        if (Files.isDirectory(from)) {
          Files.createDirectories(to);
        } else {
          try {
            Files.createLink(to, from);
          } catch (IOException | UnsupportedOperationException noLinks) {
            Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES); // e.g. target/ spans file systems
          }
        }
      }
    }
    Files.createDirectories(home.resolve("standalone/deployments"));
    try (ZipFile zip = new ZipFile(required("it.wildfly.distZip"))) {
      for (ZipEntry e : java.util.Collections.list(zip.entries())) {
        String entry = e.getName();
        int slash = entry.indexOf('/');
        String relative = slash < 0 ? entry : entry.substring(slash + 1);
        if (relative.startsWith("standalone/configuration/") && !e.isDirectory()) {
          Path to = home.resolve(relative);
          Files.createDirectories(to.getParent());
          try (InputStream in = zip.getInputStream(e)) {
            Files.copy(in, to, StandardCopyOption.REPLACE_EXISTING);
          }
        }
      }
    }
    return new WildflyProcess(name, home, freeOffset());
  }

  /** Runs {@code script} offline with jboss-cli.sh --resolve-parameter-values and {@code -D} values; fails unless it succeeds. */
  public void configure(Path script, Map<String, String> properties) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(home.resolve("bin/jboss-cli.sh").toString(), "--resolve-parameter-values"));
    properties.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
    cmd.add("--file=" + script.toAbsolutePath());
    Path log = home.resolve("cli.log");
    ProcessBuilder b = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    b.environment().put("JBOSS_HOME", home.toString());
    Process p = b.start();
    if (!p.waitFor(CLI.toMillis(), TimeUnit.MILLISECONDS)) {
      p.destroyForcibly().waitFor();
      throw new IllegalStateException("jboss-cli " + script + " did not finish within " + CLI);
    }
    if (p.exitValue() != 0) {
      throw new IllegalStateException("jboss-cli " + script + " exited " + p.exitValue() + ": " + Files.readString(log));
    }
  }

  /** Deploys {@code war} at the context root "/" (the deployment scanner picks it up at boot). */
  public void deploy(Path war) throws IOException {
    Files.copy(war, home.resolve("standalone/deployments/ROOT.war"), StandardCopyOption.REPLACE_EXISTING);
  }

  /** Starts standalone.sh on loopback and waits until the WAR answers /health/ready with 200. */
  public WildflyProcess start(Duration timeout) throws IOException, InterruptedException {
    long logStart = Files.exists(logFile()) ? Files.size(logFile()) : 0;
    ProcessBuilder b = new ProcessBuilder(home.resolve("bin/standalone.sh").toString(),
        "-b", "127.0.0.1", "-bmanagement", "127.0.0.1", "-Djboss.socket.binding.port-offset=" + portOffset)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()));
    b.environment().put("JBOSS_HOME", home.toString());
    b.environment().put("JBOSS_JAVA_SIZING", "-Xms32m -Xmx384m");
    process = b.start();
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + logFile());
      }
      String log = logSince(logStart);
      if (log.contains("WFLYSRV0026") || log.contains("WFLYCTL0186")) {
        throw new IllegalStateException(name + " started with errors; see " + logFile());
      }
      try {
        HttpResponse<Void> res = client.send(HttpRequest.newBuilder(http("/health/ready"))
            .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding());
        if (res.statusCode() == 200) {
          return this;
        }
      } catch (IOException notYet) {
        // booting
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException(name + " did not become ready within " + timeout + "; see " + logFile());
  }

  /** Graceful stop: SIGTERM to the server's JVM (it undeploys, flushing pending stores), then to the script. */
  public void stop(Duration timeout) throws InterruptedException {
    if (process == null || !process.isAlive()) {
      return;
    }
    List<ProcessHandle> jvms = process.descendants().toList();
    jvms.forEach(ProcessHandle::destroy);
    long deadline = System.nanoTime() + timeout.toNanos();
    for (ProcessHandle jvm : jvms) {
      long left = Math.max(1, deadline - System.nanoTime());
      try {
        jvm.onExit().get(left, TimeUnit.NANOSECONDS);
      } catch (Exception notStopped) {
        kill();
        throw new IllegalStateException(name + " did not stop within " + timeout);
      }
    }
    process.destroy();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  /** {@code kill -9} of the JVM and the script. */
  public void kill() throws InterruptedException {
    if (process != null) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly().waitFor();
    }
  }

  public URI http(String path) {
    return URI.create("http://127.0.0.1:" + (8080 + portOffset) + path);
  }

  public URI ws(String path) {
    return URI.create("ws://127.0.0.1:" + (8080 + portOffset) + path);
  }

  public Path logFile() {
    return home.resolveSibling("server.log");
  }

  private String logSince(long logStart) throws IOException {
    try (InputStream in = Files.newInputStream(logFile())) {
      in.skipNBytes(logStart);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Override
  public void close() throws InterruptedException {
    kill();
  }

  private static String required(String property) {
    String value = System.getProperty(property);
    if (value == null) {
      throw new IllegalStateException("system property " + property + " is not set (mvn verify -Pwildfly sets it)");
    }
    return value;
  }

  /** An offset whose HTTP (8080+), HTTPS (8443+) and management (9990+, 9993+) ports are free now. */
  private static int freeOffset() throws IOException {
    for (int attempt = 0; attempt < 50; attempt++) {
      int offset;
      try (ServerSocket s = new ServerSocket(0)) {
        offset = s.getLocalPort() - 8080;
      }
      if (offset > 0 && 9993 + offset < 65536 && free(8443 + offset) && free(9990 + offset) && free(9993 + offset)) {
        return offset;
      }
    }
    throw new IllegalStateException("no free WildFly port offset");
  }

  private static boolean free(int port) {
    try (ServerSocket s = new ServerSocket(port)) {
      return true;
    } catch (IOException taken) {
      return false;
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
