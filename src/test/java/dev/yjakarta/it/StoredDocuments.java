package dev.yjakarta.it;

import dev.yjakarta.yjs.Updates;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import javax.sql.DataSource;

/**
 * Reads what the server stored, straight from the database table, and decodes it with the real
 * yjs; and the shipped server configuration the end-to-end tests run with.
 */
public final class StoredDocuments {
  private StoredDocuments() {}

  /** The lines of server-config/payara/{@code file}, as shipped. */
  public static List<String> shippedPostBoot(String file) throws IOException {
    Path basedir = Path.of(System.getProperty("project.basedir", "."));
    return Files.readAllLines(basedir.resolve("server-config").resolve("payara").resolve(file));
  }

  /** The text of Y.Text "text" in the stored row of {@code document}, or empty without a row. */
  public static Optional<String> text(DataSource ds, String document) throws Exception {
    Optional<byte[]> state = stateV1(ds, document);
    if (state.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(NodeScripts.require(Duration.ofSeconds(60),
        Base64.getEncoder().encodeToString(state.get()), "persistence/text.mjs").field("text"));
  }

  /** The stored state of {@code document} as V1, or empty without a row (or no table yet). */
  public static Optional<byte[]> stateV1(DataSource ds, String document) throws SQLException {
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT state, format FROM yjakarta_document WHERE name = ?")) {
      ps.setString(1, document);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        byte[] state = rs.getBytes(1);
        return Optional.of(rs.getInt(2) == 2 ? Updates.v2ToV1(state) : state);
      }
    } catch (SQLException e) {
      if (String.valueOf(e.getMessage()).contains("yjakarta_document")) {
        return Optional.empty(); // the table does not exist yet
      }
      throw e;
    }
  }

  /** Polls the stored text of {@code document} until {@code until} holds; fails after {@code timeout}. */
  public static String awaitText(DataSource ds, String document, Predicate<String> until, Duration timeout)
      throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = null;
    while (System.nanoTime() < deadline) {
      Optional<String> text = text(ds, document);
      if (text.isPresent()) {
        last = text.get();
        if (until.test(last)) {
          return last;
        }
      }
      Thread.sleep(300);
    }
    throw new AssertionError("stored text of '" + document + "' did not reach the expected content within "
        + timeout + "; last stored: " + last);
  }

  /** Reads the document through a fresh real provider; fails unless it syncs. */
  public static String readThrough(PayaraProcess server, String document) throws Exception {
    return readThrough(server.ws("/collab"), document);
  }

  /**
   * Reads the document through a fresh real provider connected to {@code collab}; fails unless it
   * syncs. It signs in with the ITs' JWT when they set one (servers without a secret ignore it).
   */
  public static String readThrough(URI collab, String document) throws Exception {
    NodeScripts.Result r = NodeScripts.runWith(Duration.ofSeconds(180), tokenEnvironment(), null, "persistence/read.mjs",
        collab.toString(), document);
    if (!r.ok()) {
      throw new AssertionError("reading '" + document + "' failed: " + r.stdout() + r.stderr());
    }
    return r.field("text");
  }

  /** Writes {@code texts} through a fresh real provider that disconnects once they are acknowledged. */
  public static void writeThrough(PayaraProcess server, String document, String... texts) throws Exception {
    writeThrough(server.ws("/collab"), document, texts);
  }

  /** {@link #writeThrough(PayaraProcess, String, String...)} on any server's {@code collab} endpoint. */
  public static void writeThrough(URI collab, String document, String... texts) throws Exception {
    String[] args = new String[texts.length + 2];
    args[0] = collab.toString();
    args[1] = document;
    System.arraycopy(texts, 0, args, 2, texts.length);
    NodeScripts.Result r = NodeScripts.runWith(Duration.ofSeconds(180), tokenEnvironment(), null, "persistence/write.mjs", args);
    if (!r.ok()) {
      throw new IllegalStateException("node persistence/write.mjs exited " + r.exitCode() + ": " + r.stdout() + r.stderr());
    }
  }

  private static Map<String, String> tokenEnvironment() {
    return ProviderClients.token().map(t -> Map.of("YJAKARTA_TOKEN", t)).orElse(Map.of());
  }
}
