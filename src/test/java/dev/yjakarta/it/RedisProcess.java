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
  private final List<String> extraArgs;
  private Process process;

  private RedisProcess(int port, String executable, List<String> extraArgs) {
    this.port = port;
    this.executable = executable;
    this.extraArgs = extraArgs;
  }

  /** Starts a fresh Redis (no persistence) on a free port. */
  public static RedisProcess start() throws IOException, InterruptedException {
    return start(List.of());
  }

  /** Starts a fresh Redis with extra command-line settings (e.g. {@code --cluster-enabled yes}). */
  public static RedisProcess start(List<String> extraArgs) throws IOException, InterruptedException {
    int port = PayaraProcess.freePort();
    RedisProcess redis = new RedisProcess(port, executable(), extraArgs);
    redis.launch();
    return redis;
  }

  /** A Sentinel (redis-server --sentinel) monitoring {@code master} as "mymaster" (quorum 1). */
  public static RedisProcess sentinel(RedisProcess master) throws IOException, InterruptedException {
    int port = PayaraProcess.freePort();
    Path conf = Path.of(System.getProperty("project.buildDir", "target"), "it-work", "sentinel-" + port + ".conf").toAbsolutePath();
    Files.createDirectories(conf.getParent());
    Files.writeString(conf, "port " + port + "\nbind 127.0.0.1\nprotected-mode no\n"
        + "sentinel monitor mymaster 127.0.0.1 " + master.port() + " 1\n"
        + "sentinel down-after-milliseconds mymaster 1000\n");
    RedisProcess s = new RedisProcess(port, executable(), List.of("--sentinel"));
    s.sentinelConfig = conf;
    s.launch();
    return s;
  }

  private Path sentinelConfig;

  private static String executable() throws IOException {
    return RedisServer.newRedisServer().port(6379).buildCommandArgs().get(0);
  }

  public int port() {
    return port;
  }

  private void launch() throws IOException, InterruptedException {
    Path log = Path.of(System.getProperty("project.buildDir", "target"), "it-logs", "redis-" + port + ".log");
    Files.createDirectories(log.getParent());
    List<String> cmd = new java.util.ArrayList<>();
    cmd.add(executable);
    if (sentinelConfig != null) {
      cmd.add(sentinelConfig.toString());
    }
    cmd.addAll(List.of("--port", Integer.toString(port), "--bind", "127.0.0.1", "--protected-mode", "no"));
    if (sentinelConfig == null) {
      cmd.addAll(List.of("--save", "", "--appendonly", "no"));
    }
    cmd.addAll(extraArgs);
    Path dir = log.getParent().resolve("redis-" + port);
    Files.createDirectories(dir);
    process = new ProcessBuilder(cmd)
        .directory(dir.toFile())
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

  /** Stops the server's process (SIGSTOP): connections stay open and nothing is answered. */
  public void pause() throws IOException, InterruptedException {
    signal("-STOP");
  }

  /** Lets a paused server go on (SIGCONT). */
  public void resume() throws IOException, InterruptedException {
    signal("-CONT");
  }

  private void signal(String signal) throws IOException, InterruptedException {
    if (new ProcessBuilder("kill", signal, Long.toString(process.pid())).inheritIO().start().waitFor() != 0) {
      throw new IOException("kill " + signal + " " + process.pid() + " failed");
    }
  }

  public boolean isAlive() {
    return process != null && process.isAlive();
  }

  @Override
  public void close() throws InterruptedException {
    kill();
  }
}
