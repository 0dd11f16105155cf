package dev.yjakarta.it.persistence;

import static dev.yjakarta.it.StoredDocuments.awaitText;
import static dev.yjakarta.it.StoredDocuments.readThrough;
import static dev.yjakarta.it.StoredDocuments.stateV1;
import static dev.yjakarta.it.StoredDocuments.writeThrough;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.yjakarta.it.Deployments;
import dev.yjakarta.persistence.TestDatabase;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The load and store hooks around persistence, with the real WAR plus an application's
 * {@link StoreHooksProbe}: a vetoed store never reaches the database, every other store is copied
 * to the application's own storage with the state the database gets, and onLoadDocument can supply
 * a document's initial content. Real providers; the rows are read from the ITs' SQLite file.
 */
@ExtendWith(ArquillianExtension.class)
class StoreHooksIT {
  private static final Path COPIES = Path.of(System.getProperty("project.buildDir", "target"), "it-work", "store-hooks")
      .toAbsolutePath();
  private static final Duration STORED = Duration.ofSeconds(30);

  @Deployment(testable = false)
  static WebArchive war() {
    return Deployments.builtWar().addClass(StoreHooksProbe.class)
        .addAsResource(new StringAsset(COPIES.toString()), "store-hooks.dir");
  }

  @ArquillianResource URL base;

  private URI collab() {
    return Deployments.ws(base, "/collab");
  }

  private static DataSource database() {
    return TestDatabase.sqlite(Path.of(System.getProperty("it.arquillianDb", "target/it-arquillian.db"))).dataSource();
  }

  private static String unique() {
    return UUID.randomUUID().toString().substring(0, 8); // the ITs' database outlives runs
  }

  @Test
  @RunAsClient
  void aVetoedStoreNeverReachesTheDatabaseAndOtherStoresAreCopiedWithTheStoredState() throws Exception {
    String id = unique();
    String vetoed = "veto-" + id;
    String kept = "kept-" + id;
    writeThrough(collab(), vetoed, "not;", "stored;");
    writeThrough(collab(), kept, "one;", "two;");

    DataSource db = database();
    awaitText(db, kept, "one;two;"::equals, STORED);
    Path copy = COPIES.resolve(kept + ".stored");
    byte[] row = stateV1(db, kept).orElseThrow();
    awaitFile(copy);
    assertArrayEquals(row, Files.readAllBytes(copy), "the application's copy is the state the database got");

    awaitFile(COPIES.resolve(vetoed + ".vetoed")); // the store ran, and the hook vetoed it
    assertTrue(stateV1(db, vetoed).isEmpty(), "a vetoed document has no row");
    assertTrue(Files.notExists(COPIES.resolve(vetoed + ".stored")));
  }

  @Test
  @RunAsClient
  void onLoadDocumentSuppliesTheInitialContentAProviderSees() throws Exception {
    String seeded = "seeded-" + unique();
    assertEquals("seeded by onLoadDocument;", readThrough(collab(), seeded));
    // loading is not a change, so nothing was stored; the first edit stores the seed with it
    writeThrough(collab(), seeded, "edit;");
    awaitText(database(), seeded, "seeded by onLoadDocument;edit;"::equals, STORED);
  }

  private static void awaitFile(Path file) throws InterruptedException {
    long deadline = System.nanoTime() + STORED.toNanos();
    while (Files.notExists(file) && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertTrue(Files.exists(file), file + " was not written within " + STORED);
  }
}
