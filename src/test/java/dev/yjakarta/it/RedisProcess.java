package dev.yjakarta.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import redis.embedded.RedisServer;

/**
 * A real redis-server process (the 6.2.6 binary shipped in embedded-redis) on a free loopback
 * port, which a test may kill and restart on the same port.
 */
public final class RedisProcess implements AutoCloseable {
  private final int port;
  private final String executable;
  private Process process;

  private RedisProcess(int port, String executable) {
    this.port = port;
    this.executable = executable;
  }

  /** Starts a fresh Redis (no persistence) on a free port. */
  public static RedisProcess start() throws IOException, InterruptedException {
    int port = PayaraProcess.freePort();
    List<String> args = RedisServer.newRedisServer().port(port).buildCommandArgs();
    RedisProcess redis = new RedisProcess(port, args.get(0));
    redis.launch();
    return redis;
  }

  public int port() {
    return port;
  }

  private void launch() throws IOException, InterruptedException {
    Path log = Path.of(System.getProperty("project.buildDir", "target"), "it-logs", "redis-" + port + ".log");
    Files.createDirectories(log.getParent());
    process = new ProcessBuilder(executable, "--port", Integer.toString(port), "--bind", "127.0.0.1",
        "--save", "", "--appendonly", "no", "--protected-mode", "no")
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .start();
    awaitPing(Duration.ofSeconds(10));
  }

  private void awaitPing(Duration timeout) throws InterruptedException, IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException("redis-server exited with " + process.exitValue());
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 500);
        OutputStream out = s.getOutputStream();
        out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = s.getInputStream();
        byte[] buf = new byte[7];
        int n = in.read(buf);
        if (n > 0 && new String(buf, 0, n, StandardCharsets.US_ASCII).startsWith("+PONG")) {
          return;
        }
      } catch (IOException notYet) {
        // still starting
      }
      Thread.sleep(50);
    }
    throw new IOException("redis-server on port " + port + " did not answer PING");
  }

  /** kill -9: every connection drops at once, nothing is saved. */
  public void kill() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroyForcibly().waitFor();
    }
  }

  /** Starts Redis again on the same port (empty: it keeps nothing). */
  public void restart() throws IOException, InterruptedException {
    kill();
    launch();
  }

  public boolean isAlive() {
    return process != null && process.isAlive();
  }

  @Override
  public void close() throws InterruptedException {
    kill();
  }
}
