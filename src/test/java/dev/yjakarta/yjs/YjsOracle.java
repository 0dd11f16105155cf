package dev.yjakarta.yjs;

import dev.yjakarta.yjs.update.JsJson;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Real yjs in a Node process (src/test/node/yjs-fuzz.mjs), answering JSON-line requests. Fails with
 * a clear message when Node or the npm packages are missing (Maven runs install.sh first).
 */
public final class YjsOracle implements AutoCloseable {
  private final Process process;
  private final BufferedWriter in;
  private final BufferedReader out;

  private YjsOracle(Process process) {
    this.process = process;
    this.in = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
    this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
  }

  public static Path nodeDir() {
    return Path.of(System.getProperty("project.basedir", ".")).resolve("src/test/node");
  }

  public static YjsOracle start() {
    Path dir = nodeDir();
    if (!Files.isDirectory(dir.resolve("node_modules/yjs"))) {
      throw new IllegalStateException(
          "yjs is not installed in " + dir + "; run src/test/node/install.sh (mvn runs it)");
    }
    try {
      Process p =
          new ProcessBuilder("node", dir.resolve("yjs-fuzz.mjs").toString())
              .directory(dir.toFile())
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      return new YjsOracle(p);
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot start node: the Yjs differential tests need Node.js 20+ on the PATH", e);
    }
  }

  /** Sends one request line without waiting. */
  public synchronized void send(String jsonLine) {
    try {
      in.write(jsonLine);
      in.write('\n');
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public synchronized void flush() {
    try {
      in.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads the next answer. */
  @SuppressWarnings("unchecked")
  public Map<String, Object> receive() {
    try {
      String line = out.readLine();
      if (line == null) {
        throw new IllegalStateException("the yjs oracle process ended unexpectedly");
      }
      return (Map<String, Object>) JsJson.parse(line, 10_000);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One request, one answer. */
  public Map<String, Object> ask(String jsonLine) {
    send(jsonLine);
    flush();
    return receive();
  }

  public static String hexArray(List<byte[]> parts) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < parts.size(); i++) {
      sb.append(i == 0 ? "\"" : ",\"").append(Hex.encode(parts.get(i))).append('"');
    }
    return sb.append(']').toString();
  }

  /** yjs's mergeUpdates, or null if yjs throws. */
  public byte[] merge(List<byte[]> parts) {
    return result(ask("{\"op\":\"merge\",\"parts\":" + hexArray(parts) + "}"));
  }

  public byte[] stateVector(byte[] update) {
    return result(ask("{\"op\":\"sv\",\"update\":\"" + Hex.encode(update) + "\"}"));
  }

  public byte[] diff(byte[] update, byte[] sv) {
    return result(
        ask("{\"op\":\"diff\",\"update\":\"" + Hex.encode(update) + "\",\"sv\":\"" + Hex.encode(sv) + "\"}"));
  }

  /** yjs's answer, or null if yjs throws. */
  public Boolean contains(byte[] state, byte[] update) {
    Map<String, Object> r =
        ask("{\"op\":\"contains\",\"state\":\"" + Hex.encode(state) + "\",\"update\":\"" + Hex.encode(update) + "\"}");
    return r.containsKey("error") ? null : (Boolean) r.get("result");
  }

  private static byte[] result(Map<String, Object> r) {
    return r.containsKey("error") ? null : Hex.decode((String) r.get("result"));
  }

  @Override
  public void close() {
    try {
      in.close();
    } catch (IOException ignored) {
      // the process is going away anyway
    }
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
