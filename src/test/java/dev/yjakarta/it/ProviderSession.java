package dev.yjakarta.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code @hocuspocus/provider} in a Node process (src/test/node/persistence/session.mjs)
 * that stays connected between commands, so a test can stop or kill the server under it.
 */
public final class ProviderSession implements AutoCloseable {
  private final Process process;
  private final Writer stdin;
  private final BlockingQueue<String> lines = new ArrayBlockingQueue<>(1024);

  private ProviderSession(Process process) {
    this.process = process;
    this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null; ) {
          lines.offer(line);
        }
      } catch (IOException ended) {
        // the process is gone
      }
    }, "provider-session-stdout");
    reader.setDaemon(true);
    reader.start();
  }

  /** Connects to {@code ws} for {@code document} and waits for the initial sync. */
  public static ProviderSession open(URI ws, String document) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("node", "persistence/session.mjs", ws.toString(), document)
        .directory(NodeScripts.dir().toFile())
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
    ProviderSession s = new ProviderSession(p);
    s.expectOk("synced", Duration.ofSeconds(150));
    return s;
  }

  /** Appends {@code text} and waits until the server acknowledged it (applied in memory). */
  public void insert(String text) throws IOException, InterruptedException {
    send("insert " + text);
    expectOk("insert", Duration.ofSeconds(30));
  }

  /** The client's current text. */
  public String text() throws IOException, InterruptedException {
    send("text");
    return new NodeScripts.Result(0, expectOk("text", Duration.ofSeconds(30)), "").field("text");
  }

  private void send(String command) throws IOException {
    stdin.write(command + "\n");
    stdin.flush();
  }

  private String expectOk(String what, Duration timeout) throws InterruptedException {
    String line = lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (line == null) {
      throw new IllegalStateException("provider session: no answer to " + what + " within " + timeout);
    }
    if (!line.contains("\"ok\":true")) {
      throw new IllegalStateException("provider session: " + what + " failed: " + line);
    }
    return line;
  }

  /** Ends the client at once (no graceful disconnect). */
  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroyForcibly().waitFor();
    }
  }
}
