package dev.yjakarta.it.persistence;

import static dev.yjakarta.it.StoredDocuments.awaitText;
import static dev.yjakarta.it.StoredDocuments.readThrough;
import static dev.yjakarta.it.StoredDocuments.text;
import static dev.yjakarta.it.StoredDocuments.writeThrough;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.yjakarta.it.PayaraProcess;
import dev.yjakarta.it.ProviderSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.sqlite.SQLiteDataSource;

/**
 * End to end on SQLite with the shipped configuration (server-config/payara/post-boot-commands.txt):
 * real providers edit through a Payara Micro process that is stopped, killed and restarted, and
 * two processes share one database file.
 */
class SqlitePersistenceIT {
  private static final Duration BOOT = Duration.ofSeconds(360);
  private static final Duration STOP = Duration.ofSeconds(90);
  /** Longer than the 10 s maximum debounce, with room for a slow machine. */
  private static final Duration STORED = Duration.ofSeconds(30);

  @RegisterExtension final PersistenceFixture fixture = new PersistenceFixture();
  private Path dbFile;
  private SQLiteDataSource db;

  @BeforeEach
  void freshDatabaseFile() throws Exception {
    Path dir = Path.of(System.getProperty("project.buildDir", "target"), "it-work", "sqlite-db");
    Files.createDirectories(dir);
    dbFile = dir.resolve(UUID.randomUUID() + ".db");
    db = new SQLiteDataSource();
    db.setUrl("jdbc:sqlite:" + dbFile);
    db.setBusyTimeout(5000);
  }

  private PayaraProcess server(String name) throws Exception {
    return fixture.server(name, "post-boot-commands.txt", Map.of("YJAKARTA_SQLITE_FILE", dbFile.toString()));
  }

  @Test
  void editsSurviveAGracefulStopInsideTheDebounceWindow() throws Exception {
    PayaraProcess server = server("graceful-inside").start(BOOT);
    ProviderSession client = fixture.session(server, "inside");
    client.insert("one;");
    client.insert("two;");
    assertFalse(text(db, "inside").orElse("").contains("two;"), "not stored yet: the debounce window is open");

    server.stop(STOP); // the client is still connected: only the shutdown flush can store
    client.close();
    assertEquals("one;two;", text(db, "inside").orElseThrow());

    server.start(BOOT);
    assertEquals("one;two;", readThrough(server, "inside"));
  }

  @Test
  void editsSurviveAGracefulStopAfterTheDebounceWindow() throws Exception {
    PayaraProcess server = server("graceful-after").start(BOOT);
    ProviderSession client = fixture.session(server, "after");
    client.insert("one;");
    client.insert("two;");
    awaitText(db, "after", "one;two;"::equals, STORED); // stored by the debounce, client connected

    server.stop(STOP);
    client.close();
    server.start(BOOT);
    assertEquals("one;two;", readThrough(server, "after"));
  }

  @Test
  void editsStoredAfterTheDebounceWindowSurviveKill9() throws Exception {
    PayaraProcess server = server("killed").start(BOOT);
    ProviderSession client = fixture.session(server, "killed");
    client.insert("one;");
    client.insert("two;");
    awaitText(db, "killed", "one;two;"::equals, STORED);

    server.kill();
    client.close();
    server.start(BOOT);
    assertEquals("one;two;", readThrough(server, "killed"));
  }

  /**
   * Two processes on one SQLite file, many clients on the same document through both (they do
   * not see each other's edits: no relay) and on documents of their own. Each process stores a
   * state lacking the other's edits; the store merges, so every edit ends up in the file.
   */
  @Test
  void twoServersSharingOneFileLoseNoWrite() throws Exception {
    PayaraProcess a = server("shared-a").start(BOOT);
    PayaraProcess b = server("shared-b").start(BOOT);
    PayaraProcess[] servers = {a, b};
    int sharedWriters = 12;
    int ownWriters = 6;
    List<String> expectedShared = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < sharedWriters; i++) {
        String first = "s" + i + "a;";
        String second = "s" + i + "b;";
        expectedShared.add(first);
        expectedShared.add(second);
        PayaraProcess via = servers[i % 2];
        done.add(pool.submit(() -> {
          writeThrough(via, "shared", first, second);
          return null;
        }));
      }
      for (int i = 0; i < ownWriters; i++) {
        PayaraProcess via = servers[i % 2];
        String doc = "own-" + i;
        done.add(pool.submit(() -> {
          writeThrough(via, doc, "own" + doc + ";");
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get(5, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }
    a.stop(STOP);
    b.stop(STOP);

    String stored = text(db, "shared").orElseThrow();
    for (String edit : expectedShared) {
      assertTrue(stored.contains(edit), "edit " + edit + " is in the database: " + stored);
    }
    assertEquals(expectedShared.stream().mapToInt(String::length).sum(), stored.length(), "and nothing twice");
    for (int i = 0; i < ownWriters; i++) {
      assertEquals("ownown-" + i + ";", text(db, "own-" + i).orElseThrow());
    }

    PayaraProcess fresh = server("shared-reader").start(BOOT);
    assertEquals(stored, readThrough(fresh, "shared"));
  }
}
