package dev.yjakarta.it;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A real nginx running the example site file server-config/nginx/y-jakarta.conf, with its listen
 * port and upstream servers rewritten to the test's ports. It runs in the foreground as a single
 * process (no daemon, no master/worker split, so no user switch), with its prefix, pid, logs and
 * temp files under target/it-work/<name>/.
 */
public final class NginxProcess implements AutoCloseable {
  private static final Pattern UPSTREAM_SERVER = Pattern.compile("(?m)^(\\s*)server 127\\.0\\.0\\.1:\\d+([^;]*);\\n");
  private static final Pattern LISTEN = Pattern.compile("listen 127\\.0\\.0\\.1:\\d+;");

  private final Process process;
  private final int port;
  private final Path dir;

  private NginxProcess(Process process, int port, Path dir) {
    this.process = process;
    this.port = port;
    this.dir = dir;
  }

  /** The nginx binary: $NGINX, else /usr/sbin/nginx (Debian's package {@code nginx}). */
  static Path binary() {
    String configured = System.getenv("NGINX");
    Path nginx = Path.of(configured != null ? configured : "/usr/sbin/nginx");
    if (!Files.isExecutable(nginx)) {
      throw new IllegalStateException(nginx + " not found: install nginx (apt-get install -y nginx) "
          + "or point $NGINX at the binary");
    }
    return nginx;
  }

  /** Starts nginx on a free loopback port, proxying round-robin to {@code upstreamPorts}. */
  public static NginxProcess start(String name, List<Integer> upstreamPorts, Duration timeout)
      throws IOException, InterruptedException {
    Path base = Path.of(System.getProperty("project.basedir", "."));
    Path dir = Path.of(System.getProperty("project.buildDir", "target")).resolve("it-work").resolve(name).toAbsolutePath();
    Files.createDirectories(dir.resolve("logs"));
    Files.createDirectories(dir.resolve("temp"));
    int port = PayaraProcess.freePort();

    String site = Files.readString(base.resolve("server-config/nginx/y-jakarta.conf"));
    site = rewrite(site, port, upstreamPorts);
    Files.writeString(dir.resolve("y-jakarta.conf"), site);
    Files.writeString(dir.resolve("nginx.conf"), String.join("\n",
        "daemon off;",
        "master_process off;",
        "pid " + dir.resolve("nginx.pid") + ";",
        "error_log " + dir.resolve("logs/error.log") + " info;",
        "events { worker_connections 256; }",
        "http {",
        "  access_log " + dir.resolve("logs/access.log") + ";",
        "  client_body_temp_path " + dir.resolve("temp/client_body") + ";",
        "  proxy_temp_path " + dir.resolve("temp/proxy") + ";",
        "  fastcgi_temp_path " + dir.resolve("temp/fastcgi") + ";",
        "  uwsgi_temp_path " + dir.resolve("temp/uwsgi") + ";",
        "  scgi_temp_path " + dir.resolve("temp/scgi") + ";",
        // which instance answered, so tests can see the round-robin
        "  add_header X-Upstream $upstream_addr always;",
        "  include " + dir.resolve("y-jakarta.conf") + ";",
        "}",
        ""));
    Process process = new ProcessBuilder(binary().toString(),
            "-p", dir.toString(), "-e", dir.resolve("logs/error.log").toString(), "-c", dir.resolve("nginx.conf").toString())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("logs/stdout.log").toFile()))
        .start();
    NginxProcess nginx = new NginxProcess(process, port, dir);
    nginx.awaitListening(timeout);
    return nginx;
  }

  static String rewrite(String site, int port, List<Integer> upstreamPorts) {
    Matcher first = UPSTREAM_SERVER.matcher(site);
    if (!first.find()) {
      throw new IllegalStateException("no 'server 127.0.0.1:PORT' line in the upstream block");
    }
    String indent = first.group(1);
    String options = first.group(2);
    String servers = upstreamPorts.stream()
        .map(p -> indent + "server 127.0.0.1:" + p + options + ";\n")
        .collect(Collectors.joining());
    String withoutServers = UPSTREAM_SERVER.matcher(site).replaceAll("");
    String withServers = new StringBuilder(withoutServers).insert(first.start(), servers).toString();
    Matcher listen = LISTEN.matcher(withServers);
    if (!listen.find()) {
      throw new IllegalStateException("no 'listen 127.0.0.1:PORT;' line in the server block");
    }
    return listen.replaceFirst("listen 127.0.0.1:" + port + ";");
  }

  private void awaitListening(Duration timeout) throws InterruptedException, IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("nginx exited with " + process.exitValue() + ": "
            + Files.readString(dir.resolve("logs/stdout.log")) + Files.readString(dir.resolve("logs/error.log")));
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 500);
        return;
      } catch (IOException notYet) {
        Thread.sleep(100);
      }
    }
    close();
    throw new IllegalStateException("nginx did not listen on " + port + " within " + timeout);
  }

  public int port() {
    return port;
  }

  public java.net.URI http(String path) {
    return java.net.URI.create("http://127.0.0.1:" + port + path);
  }

  public java.net.URI ws(String path) {
    return java.net.URI.create("ws://127.0.0.1:" + port + path);
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy(); // SIGTERM: nginx's fast shutdown
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }
  }
}
