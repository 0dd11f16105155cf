package dev.yjakarta.persistence;

import dev.yjakarta.yjs.Updates;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.util.Arrays;
import java.util.Optional;

/**
 * One attempt at reading or writing a document row, inside the caller's transaction. Conflicts
 * with a concurrent writer surface as exceptions from {@link EntityManager#flush()}; the caller
 * rolls back and tries again (see {@link JpaDocumentStore}).
 */
final class DocumentRows {
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
   * @param grownFrom what the caller wrote last, when {@code ours} is known to contain it (see
   *     {@link LastWrites}); null to always compare
   * @return the state stored after this attempt ({@code ours} itself when the row holds nothing
   *     more, so the caller need not look at it) and the row's version
   */
  Written write(String name, byte[] ours, LastWrites.Entry grownFrom) {
    StoredDocument row = em.find(StoredDocument.class, name, LockModeType.PESSIMISTIC_WRITE);
    if (row == null) {
      StoredDocument created = new StoredDocument(name, ours, UpdateFormat.V1, clock.instant());
      em.persist(created);
      em.flush();
      return new Written(ours, created.version(), true, false);
    }
    byte[] stored = row.format().toV1(row.state());
    if (grownFrom != null && row.format() == UpdateFormat.V1 && grownFrom.matches(row.version(), stored)) {
      // the row is still what we wrote last, and ours has grown from it
      if (!Arrays.equals(stored, ours)) {
        row.replaceState(ours, UpdateFormat.V1, clock.instant());
        em.flush();
      }
      return new Written(ours, row.version(), true, false);
    }
    Updates.StoreUnion union = Updates.unionForStore(stored, ours);
    if (union.write() == null) {
      // the row already holds everything we have: writing would change nothing
      return new Written(union.rowState(), row.version(), Arrays.equals(stored, ours), true);
    }
    row.replaceState(union.write(), UpdateFormat.V1, clock.instant());
    em.flush();
    return new Written(union.rowState(), row.version(), union.write() == ours, true);
  }
}
