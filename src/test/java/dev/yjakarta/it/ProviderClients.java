package dev.yjakarta.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.yjakarta.server.auth.JwtAuthenticator;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs src/test/node/ops/clients.mjs: real {@code @hocuspocus/provider} clients that connect one
 * after the other, sync, push one token each and wait for the server's acknowledgement.
 */
final class ProviderClients {
  private ProviderClients() {}

  /** The script's JSON line; fails the test when the script fails. */
  static String run(URI ws, String document, int clients, boolean converge) throws Exception {
    Path nodeDir = Path.of(System.getProperty("it.nodeDir", "src/test/node"));
    List<String> cmd = new ArrayList<>(List.of("node", nodeDir.resolve("ops/clients.mjs").toString(),
        ws.toString(), document, Integer.toString(clients)));
    if (converge) {
      cmd.add("converge");
    }
    ProcessBuilder builder = new ProcessBuilder(cmd).directory(nodeDir.toFile()).redirectErrorStream(true);
    // the IT servers check JWTs (it.jwtSecret); sign one the way an application backend would
    token().ifPresent(token -> builder.environment().put("YJAKARTA_TOKEN", token));
    Process node = builder.start();
    String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(node.waitFor(90, TimeUnit.SECONDS), "node did not finish");
    assertEquals(0, node.exitValue(), out);
    return out;
  }

  /** The JWT the clients sign in with, when the IT servers check JWTs (it.jwtSecret). */
  static Optional<String> token() {
    String secret = System.getProperty("it.jwtSecret");
    if (secret == null || secret.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(JwtAuthenticator.mint(secret, "{\"sub\":\"provider-clients\"}"));
  }

  /** The string items of the JSON array {@code key} in the script's line (no JSON library in the tests). */
  static List<String> strings(String json, String key) {
    Matcher array = Pattern.compile("\"" + key + "\":\\[(.*?)\\]").matcher(json);
    assertTrue(array.find(), json);
    List<String> items = new ArrayList<>();
    Matcher item = Pattern.compile("\"([^\"]*)\"|null").matcher(array.group(1));
    while (item.find()) {
      items.add(item.group(1));
    }
    return items;
  }
}
