package dev.yjakarta.it.interop;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs src/test/node/interop/run.mjs (real @hocuspocus/provider and yjs) and turns its JSON result
 * lines into assertions. A missing Node.js fails the test: the suite never skips.
 */
final class NodeInterop {
  private static final Pattern ERROR = Pattern.compile("\"error\":\"((?:[^\"\\\\]|\\\\.)*)\"");
  private static final long CASE_LIMIT_SECONDS = 300;

  private final Path nodeDir;
  private final String node;

  private NodeInterop(Path nodeDir, String node) {
    this.nodeDir = nodeDir;
    this.node = node;
  }

  static NodeInterop fromSystemProperties() {
    Path dir = Path.of(System.getProperty("it.nodeDir", "src/test/node")).toAbsolutePath();
    if (!Files.isRegularFile(dir.resolve("interop/run.mjs"))) {
      fail("interop runner not found at " + dir.resolve("interop/run.mjs"));
    }
    if (!Files.isDirectory(dir.resolve("node_modules/@hocuspocus/provider"))) {
      fail("Node packages missing in " + dir + "; run src/test/node/install.sh (mvn does it in generate-test-resources)");
    }
    return new NodeInterop(dir, System.getProperty("it.node", "node"));
  }

  /** The case names, from {@code run.mjs --list}. */
  List<String> listCases() throws IOException, InterruptedException {
    Result r = run("list", List.of("--list"));
    if (r.exit != 0) {
      fail("run.mjs --list failed (exit " + r.exit + "):\n" + String.join("\n", r.lines));
    }
    String json = r.lines.stream().filter(l -> l.startsWith("[")).findFirst()
        .orElseThrow(() -> new AssertionError("run.mjs --list printed no list:\n" + String.join("\n", r.lines)));
    List<String> names = new ArrayList<>();
    for (String part : json.substring(1, json.length() - 1).split(",")) {
      String name = part.trim();
      if (!name.isEmpty()) {
        names.add(name.substring(1, name.length() - 1));
      }
    }
    return names;
  }

  /** Runs one case against {@code url}; fails with the case's own error message. */
  void runCase(String name, URI url, String secret) throws IOException, InterruptedException {
    Result r = run(name, List.of("--case", name, "--url", url.toString(), "--secret", secret));
    String prefix = "{\"case\":\"" + name + "\"";
    String result = r.lines.stream().filter(l -> l.startsWith(prefix)).reduce((a, b) -> b).orElse(null);
    if (result == null) {
      fail("case " + name + " printed no result line (exit " + r.exit + "); output:\n" + String.join("\n", r.lines));
    }
    if (!result.contains("\"status\":\"pass\"")) {
      Matcher m = ERROR.matcher(result);
      String error = m.find() ? m.group(1).replace("\\\"", "\"").replace("\\\\", "\\") : result;
      fail("interop case " + name + " failed: " + error + "\n" + result);
    }
    if (r.exit != 0) {
      fail("case " + name + " passed but run.mjs exited with " + r.exit);
    }
  }

  private record Result(int exit, List<String> lines) {}

  private Result run(String label, List<String> args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(Arrays.asList(node, "interop/run.mjs"));
    cmd.addAll(args);
    Process process;
    try {
      process = new ProcessBuilder(cmd).directory(nodeDir.toFile()).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new AssertionError("cannot start '" + node + "' (Node.js 20+ must be on PATH, or set -Dit.node=/path/to/node); "
          + "the interop suite does not skip: " + e.getMessage(), e);
    }
    List<String> lines = new ArrayList<>();
    Thread pump = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = in.readLine()) != null) {
          System.out.println("[interop " + label + "] " + line);
          synchronized (lines) {
            lines.add(line);
          }
        }
      } catch (IOException ignored) {
        // the process ended
      }
    }, "interop-" + label);
    pump.start();
    if (!process.waitFor(CASE_LIMIT_SECONDS, TimeUnit.SECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly().waitFor();
      pump.join(5_000);
      fail("case " + label + " did not finish within " + CASE_LIMIT_SECONDS + " s");
    }
    pump.join(10_000);
    synchronized (lines) {
      return new Result(process.exitValue(), List.copyOf(lines));
    }
  }
}
