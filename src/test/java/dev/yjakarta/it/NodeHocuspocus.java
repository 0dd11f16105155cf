package dev.yjakarta.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A real Hocuspocus 4.7 server with extension-redis 4.7 (src/test/node/cluster/hocuspocus-4.7.mjs). */
public final class NodeHocuspocus implements AutoCloseable {
  private final Process process;
  private final int port;

  private NodeHocuspocus(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  public static NodeHocuspocus start(String name, int redisPort, String identifier, String prefix)
      throws IOException, InterruptedException {
    int port = PayaraProcess.freePort();
    Process p = NodeDriver.node(name, List.of("cluster/hocuspocus-4.7.mjs", Integer.toString(port),
        Integer.toString(redisPort), identifier, prefix));
    BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String line = r.readLine();
    if (line == null || !line.contains("listening")) {
      p.destroyForcibly();
      throw new IllegalStateException("Hocuspocus 4.7 did not start: " + line);
    }
    Thread drain = new Thread(() -> {
      try {
        while (r.readLine() != null) {
          // keep the pipe empty
        }
      } catch (IOException ignored) {
        // ended
      }
    });
    drain.setDaemon(true);
    drain.start();
    return new NodeHocuspocus(p, port);
  }

  public String url() {
    return "ws://127.0.0.1:" + port;
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(5, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }
}
