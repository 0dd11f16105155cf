package dev.yjakarta.it.persistence;

import static dev.yjakarta.it.StoredDocuments.awaitText;
import static dev.yjakarta.it.StoredDocuments.readThrough;
import static dev.yjakarta.it.StoredDocuments.text;
import static dev.yjakarta.it.StoredDocuments.writeThrough;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.yjakarta.it.NodeScripts;
import dev.yjakarta.it.PayaraProcess;
import dev.yjakarta.it.PostgresCluster;
import dev.yjakarta.it.ProviderSession;
import dev.yjakarta.persistence.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The database goes away under a running server (our own PostgreSQL, stopped and started
 * again): editing goes on, stores are retried, a load fails visibly instead of handing out an
 * empty document, and once the database is back the stored state catches up without loss.
 */
class DatabaseOutageIT {
  private static final Duration BOOT = Duration.ofSeconds(360);
  /** Stores are retried with backoff; give the retry time to come round after the restart. */
  private static final Duration RECOVERED = Duration.ofSeconds(120);

  @RegisterExtension final PersistenceFixture fixture = new PersistenceFixture();

  @Test
  void editsMadeDuringAnOutageAreStoredWhenTheDatabaseReturns() throws Exception {
    PostgresCluster pg = fixture.closeAfter(PostgresCluster.start());
    try (Connection c = TestDatabase.admin("127.0.0.1", pg.port()); Statement st = c.createStatement()) {
      st.execute("CREATE DATABASE yjakarta");
    }
    PGSimpleDataSource db = new PGSimpleDataSource();
    db.setUrl("jdbc:postgresql://127.0.0.1:" + pg.port() + "/yjakarta?user=postgres&connectTimeout=5");

    PayaraProcess server = fixture.server("pg-outage", "post-boot-commands-postgresql.txt",
        Map.of("YJAKARTA_PG_PORT", Integer.toString(pg.port()), "YJAKARTA_PG_DATABASE", "yjakarta"));
    server.start(BOOT);

    // a document stored and unloaded before the outage
    writeThrough(server, "kept", "stored-before;");
    awaitText(db, "kept", "stored-before;"::equals, Duration.ofSeconds(30));
    // a document being edited across the outage
    ProviderSession live = fixture.session(server, "live");
    live.insert("before;");
    awaitText(db, "live", "before;"::equals, Duration.ofSeconds(30));

    pg.stopServer();
    live.insert("during-1;");
    live.insert("during-2;");
    NodeScripts.Result kept = NodeScripts.run(Duration.ofSeconds(180), null, "persistence/read.mjs",
        server.ws("/collab").toString(), "kept");
    assertFalse(kept.ok(), "a load during the outage must fail, not sync an empty document: " + kept.stdout());
    NodeScripts.Result fresh = NodeScripts.run(Duration.ofSeconds(180), null, "persistence/read.mjs",
        server.ws("/collab").toString(), "never-stored");
    assertFalse(fresh.ok(), "whether a document exists is unknown during the outage: " + fresh.stdout());
    for (NodeScripts.Result r : List.of(kept, fresh)) {
      assertFalse(r.stdout().contains("not synced within"), "the client is told, not left waiting: " + r.stdout());
    }
    Thread.sleep(3000); // stores fail and are retried meanwhile
    live.insert("during-3;");

    pg.startServer();
    String stored = awaitText(db, "live", s -> s.contains("during-3;"), RECOVERED);
    assertEquals("before;during-1;during-2;during-3;", stored);
    assertEquals(live.text(), stored, "the stored state equals the document's");
    assertEquals("stored-before;", text(db, "kept").orElseThrow(), "the failed load overwrote nothing");
    assertEquals("stored-before;", readThrough(server, "kept"));
  }
}
