package dev.yjakarta.persistence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.yjakarta.server.DocumentStoreException;
import dev.yjakarta.yjs.DocumentState;
import dev.yjakarta.yjs.DocumentStates;
import dev.yjakarta.yjs.Updates;
import dev.yjakarta.yjs.YjsLimits;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link JpaDocumentStore} with the real persistence unit and Hibernate on real databases (a
 * SQLite file configured like the server's pool, and the local PostgreSQL), outside a container.
 */
class JpaDocumentStoreIT {
  @TempDir Path tmp;

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void loadsNothingForADocumentNeverStored(String kind) throws Exception {
    try (TestDatabase db = TestDatabase.open(kind, tmp);
        ResourceLocalTransactions tx = new ResourceLocalTransactions(db.dataSource())) {
      assertTrue(new JpaDocumentStore(tx).load("never-stored").isEmpty());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void loadsTheStateItStored(String kind) throws Exception {
    byte[] edit = YjsFixtures.independentEdits(1, false).get(0);
    try (TestDatabase db = TestDatabase.open(kind, tmp);
        ResourceLocalTransactions tx = new ResourceLocalTransactions(db.dataSource())) {
      JpaDocumentStore store = new JpaDocumentStore(tx);
      assertArrayEquals(edit, store.store("doc", edit));
      assertArrayEquals(edit, store.load("doc").orElseThrow());
      assertEquals(new Row(0, 1), Row.of(db.dataSource(), "doc"));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void mergesInsteadOfOverwritingWhenTheRowHoldsChangesOursLacks(String kind) throws Exception {
    List<byte[]> edits = YjsFixtures.independentEdits(2, false);
    try (TestDatabase db = TestDatabase.open(kind, tmp);
        ResourceLocalTransactions tx = new ResourceLocalTransactions(db.dataSource())) {
      JpaDocumentStore store = new JpaDocumentStore(tx);
      store.store("doc", edits.get(0));
      // a second writer that never saw edit 0 stores its own state
      byte[] stored = store.store("doc", edits.get(1));

      assertTrue(Updates.contains(stored, edits.get(0)), "the other writer's edit survived");
      assertTrue(Updates.contains(stored, edits.get(1)), "our edit is stored");
      assertArrayEquals(stored, store.load("doc").orElseThrow());
      String text = YjsFixtures.text(stored);
      assertTrue(text.contains("edit-0;") && text.contains("edit-1;"), text);
      assertEquals(new Row(1, 1), Row.of(db.dataSource(), "doc"));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void writesOurStateAsIsWhenItContainsTheStoredOne(String kind) throws Exception {
    List<byte[]> edits = YjsFixtures.independentEdits(2, false);
    byte[] both = Updates.merge(edits);
    try (TestDatabase db = TestDatabase.open(kind, tmp);
        ResourceLocalTransactions tx = new ResourceLocalTransactions(db.dataSource())) {
      JpaDocumentStore store = new JpaDocumentStore(tx);
      store.store("doc", edits.get(0));
      assertArrayEquals(both, store.store("doc", both));
      assertArrayEquals(both, store.load("doc").orElseThrow());
      assertEquals(new Row(1, 1), Row.of(db.dataSource(), "doc"));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void writesNothingWhenTheRowAlreadyHoldsEverythingOfOurs(String kind) throws Exception {
    List<byte[]> edits = YjsFixtures.independentEdits(2, false);
    byte[] both = Updates.merge(edits);
    try (TestDatabase db = TestDatabase.open(kind, tmp);
        ResourceLocalTransactions tx = new ResourceLocalTransactions(db.dataSource())) {
      JpaDocumentStore store = new JpaDocumentStore(tx);
      store.store("doc", both);
      assertArrayEquals(both, store.store("doc", both), "same state again");
      assertArrayEquals(both, store.store("doc", edits.get(1)), "an older state of ours");
      assertEquals(new Row(0, 1), Row.of(db.dataSource(), "doc"), "version untouched");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void aGrowingDocumentIsWrittenWithoutComparingWhileTheRowIsWhatItWroteLast(String kind) throws Exception {
    List<byte[]> edits = YjsFixtures.independentEdits(3, false);
    byte[] two = Updates.merge(edits.subList(0, 2));
    byte[] three = Updates.merge(edits);
    try (TestDatabase db = TestDatabase.open(kind, tmp);
        ResourceLocalTransactions tx = new ResourceLocalTransactions(db.dataSource())) {
      JpaDocumentStore store = new JpaDocumentStore(tx);
      assertSame(edits.get(0), store.storeGrown("doc", edits.get(0), null));
      assertSame(two, store.storeGrown("doc", two, null));
      assertSame(three, store.storeGrown("doc", three, null));
      assertSame(three, store.storeGrown("doc", three, null), "unchanged: nothing to write");

      assertEquals(0, store.comparisons(), "the row was never read as Yjs");
      assertArrayEquals(three, stateOf(db.dataSource(), "doc"));
      assertEquals(new Row(2, 1), Row.of(db.dataSource(), "doc"), "one version per change, none for the repeat");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void aGrowingDocumentStillMergesWhatAnotherWriterStoredMeanwhile(String kind) throws Exception {
    List<byte[]> edits = YjsFixtures.independentEdits(3, false);
    try (TestDatabase db = TestDatabase.open(kind, tmp);
        ResourceLocalTransactions tx = new ResourceLocalTransactions(db.dataSource())) {
      JpaDocumentStore ours = new JpaDocumentStore(tx);
      JpaDocumentStore otherInstance = new JpaDocumentStore(tx);
      ours.storeGrown("doc", edits.get(0), null);
      otherInstance.storeGrown("doc", edits.get(1), null); // merges edit 0 in: version 1

      byte[] stored = ours.storeGrown("doc", Updates.merge(List.of(edits.get(0), edits.get(2))), null);

      assertEquals(1, ours.comparisons(), "the version moved on: compared");
      assertEquals("edit-0;edit-1;edit-2;", sortedEdits(YjsFixtures.text(stored)));
      assertArrayEquals(stored, stateOf(db.dataSource(), "doc"));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void aGrowingDocumentStillMergesARowReplacedAtTheVersionItWrote(String kind) throws Exception {
    List<byte[]> edits = YjsFixtures.independentEdits(3, false);
    try (TestDatabase db = TestDatabase.open(kind, tmp);
        ResourceLocalTransactions tx = new ResourceLocalTransactions(db.dataSource())) {
      JpaDocumentStore store = new JpaDocumentStore(tx);
      store.storeGrown("doc", edits.get(0), null); // version 0
      deleteRow(db.dataSource(), "doc");
      insertRow(db.dataSource(), "doc", edits.get(1), 1); // someone else's row, version 0 again

      byte[] stored = store.storeGrown("doc", Updates.merge(List.of(edits.get(0), edits.get(2))), null);

      assertEquals(1, store.comparisons(), "other bytes at the same version: compared");
      assertEquals("edit-0;edit-1;edit-2;", sortedEdits(YjsFixtures.text(stored)));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void aPlainStoreAlwaysComparesAndMakesTheNextGrownStoreCompare(String kind) throws Exception {
    List<byte[]> edits = YjsFixtures.independentEdits(3, false);
    byte[] two = Updates.merge(edits.subList(0, 2));
    try (TestDatabase db = TestDatabase.open(kind, tmp);
        ResourceLocalTransactions tx = new ResourceLocalTransactions(db.dataSource())) {
      JpaDocumentStore store = new JpaDocumentStore(tx);
      store.storeGrown("doc", two, null);
      // store() promises nothing about earlier states: an older one must not replace the row
      assertArrayEquals(two, store.store("doc", edits.get(1)));
      assertEquals(1, store.comparisons());
      store.storeGrown("doc", Updates.merge(edits), null);
      assertEquals(2, store.comparisons(), "store() wrote last: compared again");
      assertEquals("edit-0;edit-1;edit-2;", sortedEdits(YjsFixtures.text(stateOf(db.dataSource(), "doc"))));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void anotherInstancesRowIsReplacedWithoutComparingWhenOurCoverageHoldsIt(String kind) throws Exception {
    List<byte[]> edits = YjsFixtures.independentEdits(3, false);
    DocumentState.EncodedState two = covered(edits.subList(0, 2));
    DocumentState.EncodedState three = covered(edits);
    try (TestDatabase db = TestDatabase.open(kind, tmp);
        ResourceLocalTransactions tx = new ResourceLocalTransactions(db.dataSource())) {
      JpaDocumentStore ours = new JpaDocumentStore(tx);
      JpaDocumentStore otherInstance = new JpaDocumentStore(tx);
      otherInstance.storeGrown("doc", two.update(), two.coverage());
      assertArrayEquals(two.coverage().encoded(), coverageOf(db.dataSource(), "doc"), "stored beside the state");

      assertSame(three.update(), ours.storeGrown("doc", three.update(), three.coverage()));
      assertArrayEquals(three.update(), otherInstance.storeGrown("doc", two.update(), two.coverage()),
          "an older state: the row's is returned, to be caught up with");

      assertEquals(0, ours.comparisons(), "the other instance's row was never read as Yjs");
      assertArrayEquals(three.update(), stateOf(db.dataSource(), "doc"));
      assertArrayEquals(three.coverage().encoded(), coverageOf(db.dataSource(), "doc"));
      assertEquals(new Row(1, 1), Row.of(db.dataSource(), "doc"));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void anotherInstancesRowWithUnitsOursLacksIsMergedAndItsCoverageDropped(String kind) throws Exception {
    List<byte[]> edits = YjsFixtures.independentEdits(3, false);
    DocumentState.EncodedState theirs = covered(edits.subList(0, 2));
    DocumentState.EncodedState ours = covered(List.of(edits.get(0), edits.get(2)));
    try (TestDatabase db = TestDatabase.open(kind, tmp);
        ResourceLocalTransactions tx = new ResourceLocalTransactions(db.dataSource())) {
      JpaDocumentStore store = new JpaDocumentStore(tx);
      new JpaDocumentStore(tx).storeGrown("doc", theirs.update(), theirs.coverage());

      byte[] stored = store.storeGrown("doc", ours.update(), ours.coverage());

      assertEquals(1, store.comparisons(), "ours lacks edit 1: compared");
      assertEquals("edit-0;edit-1;edit-2;", sortedEdits(YjsFixtures.text(stored)));
      assertNull(coverageOf(db.dataSource(), "doc"), "no coverage is stored for a merge");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void deletionsTheRowHoldsAndOursLacksAreMerged(String kind) throws Exception {
    byte[] insert = YjsFixtures.independentEdits(1, false).get(0);
    byte[] withDeletion = YjsFixtures.deleteFirst(insert, 2);
    DocumentState.EncodedState theirs = covered(List.of(withDeletion));
    DocumentState.EncodedState ours = covered(List.of(insert));
    assertFalse(ours.coverage().holdsAllOf(theirs.coverage()), "the same units, fewer deletions");
    try (TestDatabase db = TestDatabase.open(kind, tmp);
        ResourceLocalTransactions tx = new ResourceLocalTransactions(db.dataSource())) {
      JpaDocumentStore store = new JpaDocumentStore(tx);
      new JpaDocumentStore(tx).storeGrown("doc", theirs.update(), theirs.coverage());

      byte[] stored = store.storeGrown("doc", ours.update(), ours.coverage());

      assertEquals(1, store.comparisons());
      assertEquals(YjsFixtures.text(withDeletion), YjsFixtures.text(stored), "the deletion survived");
      assertArrayEquals(theirs.update(), stateOf(db.dataSource(), "doc"), "nothing to add to the row");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void aDamagedOrClearedCoverageIsNeverTrusted(String kind) throws Exception {
    List<byte[]> edits = YjsFixtures.independentEdits(4, false);
    DocumentState.EncodedState two = covered(edits.subList(0, 2));
    DocumentState.EncodedState three = covered(edits.subList(0, 3));
    try (TestDatabase db = TestDatabase.open(kind, tmp);
        ResourceLocalTransactions tx = new ResourceLocalTransactions(db.dataSource())) {
      JpaDocumentStore store = new JpaDocumentStore(tx);
      new JpaDocumentStore(tx).storeGrown("doc", two.update(), two.coverage());
      setCoverage(db.dataSource(), "doc", new byte[] {1, 9, 9});
      store.storeGrown("doc", three.update(), three.coverage());
      assertEquals(1, store.comparisons(), "an unreadable coverage: compared");
      assertArrayEquals(three.coverage().encoded(), coverageOf(db.dataSource(), "doc"));

      byte[] four = Updates.merge(edits);
      assertSame(four, new JpaDocumentStore(tx).store("doc", four));
      assertNull(coverageOf(db.dataSource(), "doc"), "a plain store writes its state without a coverage");
      assertEquals("edit-0;edit-1;edit-2;edit-3;", sortedEdits(YjsFixtures.text(stateOf(db.dataSource(), "doc"))));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void addsTheCoverageColumnToATableFromAnEarlierVersion(String kind) throws Exception {
    byte[] edit = YjsFixtures.independentEdits(1, false).get(0);
    try (TestDatabase db = TestDatabase.open(kind, tmp);
        ResourceLocalTransactions tx = new ResourceLocalTransactions(db.dataSource())) {
      try (Connection c = db.dataSource().getConnection(); var st = c.createStatement()) {
        String product = c.getMetaData().getDatabaseProductName();
        st.execute(DocumentSchema.ddlFor(product).replace("coverage BLOB, ", "").replace("coverage BYTEA, ", ""));
      }
      insertRow(db.dataSource(), "old", edit, 1);

      JpaDocumentStore store = new JpaDocumentStore(tx);
      assertArrayEquals(edit, store.load("old").orElseThrow());
      DocumentState.EncodedState both = covered(YjsFixtures.independentEdits(2, false));
      store.storeGrown("old", both.update(), both.coverage());
      assertArrayEquals(both.coverage().encoded(), coverageOf(db.dataSource(), "old"));
    }
  }

  /** The state a server document holds after applying {@code updates}, with its coverage. */
  private static DocumentState.EncodedState covered(List<byte[]> updates) {
    DocumentState d = DocumentStates.create(YjsLimits.DEFAULT);
    updates.forEach(d::apply);
    return d.encodeWithCoverage();
  }

  private static byte[] coverageOf(DataSource ds, String name) throws SQLException {
    return bytesColumn(ds, name, "coverage");
  }

  private static void setCoverage(DataSource ds, String name, byte[] coverage) throws SQLException {
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement("UPDATE " + DocumentSchema.TABLE + " SET coverage = ? WHERE name = ?")) {
      ps.setBytes(1, coverage);
      ps.setString(2, name);
      assertEquals(1, ps.executeUpdate());
    }
  }

  /** The texts' edits in order, whatever order concurrent inserts ended up in. */
  private static String sortedEdits(String text) {
    return Arrays.stream(text.split(";")).filter(e -> !e.isEmpty()).sorted()
        .map(e -> e + ";").collect(Collectors.joining());
  }

  private static void deleteRow(DataSource ds, String name) throws SQLException {
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement("DELETE FROM " + DocumentSchema.TABLE + " WHERE name = ?")) {
      ps.setString(1, name);
      assertEquals(1, ps.executeUpdate());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void readsRowsStoredInTheV2Format(String kind) throws Exception {
    byte[] v2 = YjsFixtures.independentEdits(1, true).get(0);
    byte[] v1 = YjsFixtures.independentEdits(1, false).get(0);
    try (TestDatabase db = TestDatabase.open(kind, tmp);
        ResourceLocalTransactions tx = new ResourceLocalTransactions(db.dataSource())) {
      JpaDocumentStore store = new JpaDocumentStore(tx);
      store.load("absent"); // creates the table
      insertRow(db.dataSource(), "legacy", v2, 2);
      byte[] loaded = store.load("legacy").orElseThrow();
      assertArrayEquals(v1, loaded);
      assertEquals("edit-0;", YjsFixtures.text(loaded));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void refusesAnUnknownFormatWithATypedError(String kind) throws Exception {
    byte[] v1 = YjsFixtures.independentEdits(1, false).get(0);
    try (TestDatabase db = TestDatabase.open(kind, tmp);
        ResourceLocalTransactions tx = new ResourceLocalTransactions(db.dataSource())) {
      JpaDocumentStore store = new JpaDocumentStore(tx);
      store.load("absent");
      insertRow(db.dataSource(), "odd", v1, 7);
      DocumentStoreException e = assertThrows(DocumentStoreException.class, () -> store.load("odd"));
      assertTrue(e.getMessage().contains("unknown format 7"), e.getMessage());
      assertThrows(DocumentStoreException.class, () -> store.store("odd", v1));
      assertEquals(new Row(0, 7), Row.of(db.dataSource(), "odd"), "the row is left alone");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void neverOverwritesARowItCannotDecode(String kind) throws Exception {
    byte[] v1 = YjsFixtures.independentEdits(1, false).get(0);
    byte[] garbage = {5, 7, 9, 11, 13, 17};
    try (TestDatabase db = TestDatabase.open(kind, tmp);
        ResourceLocalTransactions tx = new ResourceLocalTransactions(db.dataSource())) {
      JpaDocumentStore store = new JpaDocumentStore(tx);
      store.load("absent");
      insertRow(db.dataSource(), "corrupt", garbage, 1);
      DocumentStoreException e = assertThrows(DocumentStoreException.class, () -> store.store("corrupt", v1));
      assertFalse(e.getMessage().contains("edit-0"), "no document content in the message");
      assertArrayEquals(garbage, stateOf(db.dataSource(), "corrupt"));
    }
  }

  @Test
  void failsLoadsAndStoresWithATypedErrorWhileTheDatabaseIsDownAndRecovers() throws Exception {
    byte[] edit = YjsFixtures.independentEdits(1, false).get(0);
    try (TestDatabase db = TestDatabase.open("postgresql", tmp)) {
      SwitchableDataSource ds = new SwitchableDataSource(db.dataSource());
      try (ResourceLocalTransactions tx = new ResourceLocalTransactions(ds)) {
        JpaDocumentStore store = new JpaDocumentStore(tx);
        store.store("doc", edit);

        ds.available(false);
        assertThrows(DocumentStoreException.class, () -> store.load("doc"), "never empty on failure");
        assertThrows(DocumentStoreException.class, () -> store.load("never-stored"));
        assertThrows(DocumentStoreException.class, () -> store.store("doc", edit));

        ds.available(true);
        assertArrayEquals(edit, store.load("doc").orElseThrow());
        assertArrayEquals(edit, store.store("doc", edit));
      }
    }
  }

  /**
   * A second writer arrives while the first holds the row between its read and its write: it
   * waits for the row lock, then reads the first writer's state and merges with it.
   */
  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void aConcurrentWriterWaitsForTheRowAndMergesWithIt(String kind) throws Exception {
    List<byte[]> edits = YjsFixtures.independentEdits(3, false);
    try (TestDatabase db = TestDatabase.open(kind, tmp);
        ResourceLocalTransactions tx = new ResourceLocalTransactions(db.dataSource())) {
      JpaDocumentStore other = new JpaDocumentStore(tx);
      other.store("doc", edits.get(0));

      ExecutorService racer = Executors.newSingleThreadExecutor();
      List<Future<byte[]>> raced = new ArrayList<>();
      Clock letsAnotherWriterIn = new FixedZoneClock() {
        @Override
        public Instant instant() {
          // called between our read and our write
          if (raced.isEmpty()) {
            raced.add(racer.submit(() -> other.store("doc", edits.get(1))));
            sleep(500);
          }
          return Instant.now();
        }
      };
      try {
        byte[] ours = new JpaDocumentStore(tx, letsAnotherWriterIn).store("doc", edits.get(2));
        byte[] theirs = raced.get(0).get(30, TimeUnit.SECONDS);
        assertTrue(Updates.contains(ours, edits.get(0)) && Updates.contains(ours, edits.get(2)));
        for (byte[] edit : edits) {
          assertTrue(Updates.contains(theirs, edit), "the later writer merged everything");
        }
        assertArrayEquals(theirs, other.load("doc").orElseThrow());
        assertEquals(new Row(2, 1), Row.of(db.dataSource(), "doc"));
      } finally {
        racer.shutdownNow();
      }
    }
  }

  private abstract static class FixedZoneClock extends Clock {
    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Two store instances (two persistence units: two processes or cluster instances) and several
   * threads store at once, each a state lacking every other writer's edit: every edit is kept.
   */
  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void keepsEveryEditWhenTwoInstancesStoreConcurrently(String kind) throws Exception {
    int sharedEdits = 40;
    int ownDocuments = 20;
    List<byte[]> edits = YjsFixtures.independentEdits(sharedEdits + ownDocuments, false);
    try (TestDatabase db = TestDatabase.open(kind, tmp);
        ResourceLocalTransactions txA = new ResourceLocalTransactions(db.dataSource());
        ResourceLocalTransactions txB = new ResourceLocalTransactions(db.dataSource())) {
      JpaDocumentStore[] instances = {new JpaDocumentStore(txA), new JpaDocumentStore(txB)};
      ExecutorService writers = Executors.newFixedThreadPool(4);
      try {
        List<Future<byte[]>> done = new ArrayList<>();
        for (int i = 0; i < edits.size(); i++) {
          int n = i;
          String doc = n < sharedEdits ? "shared" : "own-" + n;
          done.add(writers.submit(() -> instances[n % 2].store(doc, edits.get(n))));
        }
        for (Future<byte[]> f : done) {
          f.get(120, TimeUnit.SECONDS);
        }
      } finally {
        writers.shutdownNow();
      }

      byte[] shared = instances[0].load("shared").orElseThrow();
      String text = YjsFixtures.text(shared);
      for (int i = 0; i < sharedEdits; i++) {
        assertTrue(Updates.contains(shared, edits.get(i)), "edit " + i + " is in the stored state");
        assertTrue(text.contains("edit-" + i + ";"), "edit " + i + " reads back through yjs");
      }
      for (int i = sharedEdits; i < edits.size(); i++) {
        assertArrayEquals(edits.get(i), instances[1].load("own-" + i).orElseThrow());
      }
    }
  }

  record Row(long version, int format) {
    static Row of(DataSource ds, String name) throws SQLException {
      try (Connection c = ds.getConnection();
          PreparedStatement ps = c.prepareStatement(
              "SELECT version, format FROM " + DocumentSchema.TABLE + " WHERE name = ?")) {
        ps.setString(1, name);
        try (ResultSet rs = ps.executeQuery()) {
          assertTrue(rs.next(), "row " + name + " exists");
          return new Row(rs.getLong(1), rs.getInt(2));
        }
      }
    }
  }

  private static byte[] stateOf(DataSource ds, String name) throws SQLException {
    return bytesColumn(ds, name, "state");
  }

  private static byte[] bytesColumn(DataSource ds, String name, String column) throws SQLException {
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement(
            "SELECT " + column + " FROM " + DocumentSchema.TABLE + " WHERE name = ?")) {
      ps.setString(1, name);
      try (ResultSet rs = ps.executeQuery()) {
        assertTrue(rs.next(), "row " + name + " exists");
        return rs.getBytes(1);
      }
    }
  }

  private static void insertRow(DataSource ds, String name, byte[] state, int format) throws SQLException {
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement("INSERT INTO " + DocumentSchema.TABLE
            + " (name, state, format, version, created_at, updated_at) VALUES (?, ?, ?, 0, ?, ?)")) {
      Timestamp now = Timestamp.from(Instant.now());
      ps.setString(1, name);
      ps.setBytes(2, state);
      ps.setInt(3, format);
      ps.setTimestamp(4, now);
      ps.setTimestamp(5, now);
      ps.executeUpdate();
    }
  }
}
