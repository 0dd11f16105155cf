package dev.yjakarta.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs the Node scripts under src/test/node (real yjs and @hocuspocus/provider). */
public final class NodeScripts {
  private NodeScripts() {}

  /** What a script printed on stdout, and how it exited. */
  public record Result(int exitCode, String stdout, String stderr) {
    public boolean ok() {
      return exitCode == 0;
    }

    /** The string field {@code name} of the JSON object the script printed last. */
    public String field(String name) {
      Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\":\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(stdout);
      String value = null;
      while (m.find()) {
        value = unescape(m.group(1));
      }
      return value;
    }
  }

  public static Path dir() {
    return Path.of(System.getProperty("it.nodeDir", "src/test/node"));
  }

  /** Runs {@code script} (relative to {@link #dir()}) and returns its result, whatever the exit code. */
  public static Result run(Duration timeout, String stdin, String script, String... args)
      throws IOException, InterruptedException {
    return runWith(timeout, Map.of(), stdin, script, args);
  }

  /** {@link #run(Duration, String, String, String...)} with extra environment variables. */
  public static Result runWith(Duration timeout, Map<String, String> environment, String stdin, String script,
      String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("node", script));
    cmd.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(cmd).directory(dir().toFile());
    builder.environment().putAll(environment);
    Process p = builder.start();
    CompletableFuture<String> out = drain(p.getInputStream());
    CompletableFuture<String> err = drain(p.getErrorStream());
    try (OutputStream in = p.getOutputStream()) {
      if (stdin != null) {
        in.write(stdin.getBytes(StandardCharsets.UTF_8));
      }
    }
    if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      p.destroyForcibly().waitFor();
      throw new IllegalStateException("node " + cmd + " did not finish within " + timeout);
    }
    return new Result(p.exitValue(), out.join(), err.join());
  }

  /** Like {@link #run} but fails unless the script exits with 0. */
  public static Result require(Duration timeout, String stdin, String script, String... args)
      throws IOException, InterruptedException {
    Result r = run(timeout, stdin, script, args);
    if (!r.ok()) {
      throw new IllegalStateException("node " + script + " exited " + r.exitCode() + ": " + r.stdout() + r.stderr());
    }
    return r;
  }

  private static CompletableFuture<String> drain(InputStream stream) {
    return CompletableFuture.supplyAsync(() -> {
      try (stream) {
        return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        return "";
      }
    });
  }

  private static String unescape(String s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        char n = s.charAt(++i);
        switch (n) {
          case 'n' -> b.append('\n');
          case 't' -> b.append('\t');
          case 'u' -> {
            b.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
            i += 4;
          }
          default -> b.append(n);
        }
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }
}
