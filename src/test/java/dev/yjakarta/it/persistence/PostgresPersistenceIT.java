package dev.yjakarta.it.persistence;

import static dev.yjakarta.it.StoredDocuments.awaitText;
import static dev.yjakarta.it.StoredDocuments.readThrough;
import static dev.yjakarta.it.StoredDocuments.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.yjakarta.it.PayaraProcess;
import dev.yjakarta.it.ProviderSession;
import dev.yjakarta.persistence.TestDatabase;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * End to end on the local PostgreSQL with the shipped configuration
 * (server-config/payara/post-boot-commands-postgresql.txt), in a database of its own per test.
 */
class PostgresPersistenceIT {
  private static final Duration BOOT = Duration.ofSeconds(360);
  private static final Duration STOP = Duration.ofSeconds(90);
  private static final Duration STORED = Duration.ofSeconds(30);

  @RegisterExtension final PersistenceFixture fixture = new PersistenceFixture();
  private TestDatabase db;

  @BeforeEach
  void freshDatabase() throws Exception {
    db = fixture.closeAfter(TestDatabase.postgresql(TestDatabase.PG_HOST, TestDatabase.PG_PORT));
  }

  private PayaraProcess server(String name) throws Exception {
    return fixture.server(name, "post-boot-commands-postgresql.txt",
        Map.of("YJAKARTA_PG_HOST", TestDatabase.PG_HOST,
            "YJAKARTA_PG_PORT", Integer.toString(TestDatabase.PG_PORT),
            "YJAKARTA_PG_DATABASE", db.databaseName(),
            "YJAKARTA_PG_USER", TestDatabase.PG_USER));
  }

  @Test
  void editsSurviveAGracefulStopInsideTheDebounceWindow() throws Exception {
    PayaraProcess server = server("pg-graceful").start(BOOT);
    ProviderSession client = fixture.session(server, "inside");
    client.insert("one;");
    client.insert("two;");
    assertFalse(text(db.dataSource(), "inside").orElse("").contains("two;"), "the debounce window is open");

    server.stop(STOP);
    client.close();
    assertEquals("one;two;", text(db.dataSource(), "inside").orElseThrow());
    server.start(BOOT);
    assertEquals("one;two;", readThrough(server, "inside"));
  }

  @Test
  void editsStoredAfterTheDebounceWindowSurviveKill9() throws Exception {
    PayaraProcess server = server("pg-killed").start(BOOT);
    ProviderSession client = fixture.session(server, "killed");
    client.insert("one;");
    client.insert("two;");
    awaitText(db.dataSource(), "killed", "one;two;"::equals, STORED);

    server.kill();
    client.close();
    server.start(BOOT);
    assertEquals("one;two;", readThrough(server, "killed"));
  }
}
