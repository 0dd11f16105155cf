package dev.yjakarta.persistence;

import dev.yjakarta.yjs.StateCoverage;
import dev.yjakarta.yjs.Updates;
import dev.yjakarta.yjs.YjsFormatException;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.util.Arrays;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One attempt at reading or writing a document row, inside the caller's transaction. Conflicts
 * with a concurrent writer surface as exceptions from {@link EntityManager#flush()}; the caller
 * rolls back and tries again (see {@link JpaDocumentStore}).
 */
final class DocumentRows {
  private static final Logger LOG = Logger.getLogger(DocumentRows.class.getName());

  private final EntityManager em;
  private final Clock clock;

  DocumentRows(EntityManager em, Clock clock) {
    this.em = em;
    this.clock = clock;
  }

  /** The stored state as V1, or empty when the document was never stored. */
  Optional<byte[]> read(String name) {
    StoredDocument row = em.find(StoredDocument.class, name);
    return row == null ? Optional.empty() : Optional.of(row.format().toV1(row.state()));
  }

  /** The outcome of a write: the row's state and version, and whether the row now holds exactly ours. */
  record Written(byte[] rowState, long version, boolean rowIsOurs, boolean compared) {}

  /**
   * Stores {@code ours} so that nothing already stored is lost: when the row holds changes that
   * {@code ours} lacks (another process or instance stored since we loaded), the two are merged.
   *
   * <p>The row is read with a write lock ({@code SELECT ... FOR UPDATE} on PostgreSQL; SQLite's
   * {@code BEGIN IMMEDIATE} already holds the database's write lock), so concurrent writers of
   * one document queue instead of failing each other over and over. The update still runs with
   * {@code WHERE version = <read version>} (JPA {@code @Version}): a writer that does not lock
   * the row cannot have its work overwritten, it makes this attempt fail and run again.
   *
   * <p>Two shortcuts skip decoding the row: it is still what this process wrote last ({@code
   * grownFrom}), or its stored coverage is held by {@code coverage} (another instance wrote it
   * from a state ours has caught up with).
   *
   * @param coverage the coverage of exactly {@code ours}, or null; written beside it
   * @param grownFrom what the caller wrote last, when {@code ours} is known to contain it (see
   *     {@link LastWrites}); null to always compare
   * @return the state stored after this attempt ({@code ours} itself when the row holds nothing
   *     more, so the caller need not look at it) and the row's version
   */
  Written write(String name, byte[] ours, StateCoverage coverage, LastWrites.Entry grownFrom) {
    byte[] oursCoverage = coverage == null ? null : coverage.encoded();
    StoredDocument row = em.find(StoredDocument.class, name, LockModeType.PESSIMISTIC_WRITE);
    if (row == null) {
      StoredDocument created = new StoredDocument(name, ours, UpdateFormat.V1, oursCoverage, clock.instant());
      em.persist(created);
      em.flush();
      return new Written(ours, created.version(), true, false);
    }
    byte[] stored = row.format().toV1(row.state());
    boolean grown = grownFrom != null && row.format() == UpdateFormat.V1 && grownFrom.matches(row.version(), stored);
    StateCoverage rows = grown || coverage == null ? null : rowCoverage(row);
    if (grown || (rows != null && coverage.holdsAllOf(rows))) {
      // ours holds every unit and deletion of the row: writing it loses nothing
      if (Arrays.equals(stored, ours)) {
        return new Written(ours, row.version(), true, false);
      }
      if (rows != null && rows.holdsAllOf(coverage)) {
        // the same units and deletions in other bytes (merged in other batches): nothing to write
        return new Written(ours, row.version(), false, false);
      }
      row.replaceState(ours, UpdateFormat.V1, oursCoverage, clock.instant());
      em.flush();
      return new Written(ours, row.version(), true, false);
    }
    Updates.StoreUnion union = Updates.unionForStore(stored, ours);
    if (union.write() == null) {
      // the row already holds everything we have: writing would change nothing
      return new Written(union.rowState(), row.version(), Arrays.equals(stored, ours), true);
    }
    boolean writingOurs = union.write() == ours;
    row.replaceState(union.write(), UpdateFormat.V1, writingOurs ? oursCoverage : null, clock.instant());
    em.flush();
    return new Written(union.rowState(), row.version(), writingOurs, true);
  }

  /** The row's stored coverage, or null when it has none (or a damaged one). */
  private static StateCoverage rowCoverage(StoredDocument row) {
    if (row.coverage() == null || row.format() != UpdateFormat.V1) {
      return null;
    }
    try {
      return StateCoverage.fromEncoded(row.coverage());
    } catch (YjsFormatException e) {
      LOG.log(Level.WARNING, "document '" + row.name() + "': its stored coverage is unreadable, comparing states", e);
      return null;
    }
  }
}
