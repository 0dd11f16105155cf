package dev.yjakarta.it;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.json.JSONObject;

/**
 * A Node process running src/test/node/cluster/driver.mjs: real {@code @hocuspocus/provider}
 * clients, each with its own Y.Doc and WebSocket, commanded one JSON line at a time.
 */
public final class NodeDriver implements AutoCloseable {
  private final Process process;
  private final BufferedWriter in;
  private final LinkedBlockingQueue<JSONObject> replies = new LinkedBlockingQueue<>();
  private int seq;

  private NodeDriver(Process process) {
    this.process = process;
    this.in = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null; ) {
          if (line.startsWith("{")) {
            replies.add(new JSONObject(line));
          }
        }
      } catch (IOException | RuntimeException e) {
        // process ended
      }
    }, "node-driver-reader");
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts a driver; {@code name} names its log file. */
  public static NodeDriver start(String name) throws IOException, InterruptedException {
    NodeDriver d = new NodeDriver(node(name, List.of("cluster/driver.mjs")));
    JSONObject ready = d.replies.poll(20, TimeUnit.SECONDS);
    if (ready == null || !"ready".equals(ready.optString("event"))) {
      throw new IllegalStateException("node driver did not start: " + ready);
    }
    return d;
  }

  static Process node(String name, List<String> args) throws IOException {
    Path dir = Path.of(System.getProperty("it.nodeDir", "src/test/node"));
    Path log = Path.of(System.getProperty("project.buildDir", "target"), "it-logs", name + ".log");
    Files.createDirectories(log.getParent());
    List<String> cmd = new java.util.ArrayList<>();
    cmd.add("node");
    cmd.addAll(args);
    return new ProcessBuilder(cmd)
        .directory(dir.toFile())
        .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .start();
  }

  /** Sends a command and waits for its reply; throws when the driver reports a failure. */
  public synchronized JSONObject call(String cmd, Map<String, ?> args, long timeoutMs) throws IOException, InterruptedException {
    JSONObject msg = new JSONObject(args);
    msg.put("cmd", cmd);
    msg.put("seq", ++seq);
    in.write(msg.toString());
    in.write('\n');
    in.flush();
    long deadline = System.currentTimeMillis() + timeoutMs;
    while (true) {
      long left = deadline - System.currentTimeMillis();
      JSONObject reply = left > 0 ? replies.poll(left, TimeUnit.MILLISECONDS) : null;
      if (reply == null) {
        throw new AssertionError("node driver: no reply to " + cmd + " within " + timeoutMs + " ms");
      }
      if (reply.optInt("re", -2) != seq) {
        continue; // a late reply to an earlier, timed-out command
      }
      if (!reply.optBoolean("ok")) {
        throw new AssertionError("node driver: " + cmd + " failed: " + reply.optString("error"));
      }
      return reply;
    }
  }

  public JSONObject call(String cmd, Map<String, ?> args) throws IOException, InterruptedException {
    return call(cmd, args, 60_000);
  }

  /** Opens a provider named {@code client} on {@code url} for {@code doc}; returns its clientID. */
  public long open(String client, String url, String doc) throws IOException, InterruptedException {
    return call("open", Map.of("client", client, "url", url, "doc", doc, "token", token()), 30_000).getLong("clientId");
  }

  /** A read-write token for the ITs' servers (JWT auth is on when it.jwtSecret is set). */
  static String token() {
    String secret = System.getProperty("it.jwtSecret");
    return secret == null || secret.isBlank() ? "t"
        : dev.yjakarta.server.auth.JwtAuthenticator.mint(secret, "{\"sub\":\"cluster-it\"}");
  }

  /** kill -9 of the Node process (its sockets drop without a goodbye). */
  public void kill() throws InterruptedException {
    process.destroyForcibly().waitFor();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      try {
        call("exit", Map.of(), 5000);
      } catch (IOException | AssertionError e) {
        // killed below
      }
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }
  }
}
