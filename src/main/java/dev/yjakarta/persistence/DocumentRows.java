package dev.yjakarta.persistence;

import dev.yjakarta.yjs.Updates;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.time.Clock;
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
   * @return the state stored after this attempt; {@code ours} itself when the row holds nothing
   *     more (then the caller need not look at it)
   */
  byte[] write(String name, byte[] ours) {
    StoredDocument row = em.find(StoredDocument.class, name, LockModeType.PESSIMISTIC_WRITE);
    if (row == null) {
      em.persist(new StoredDocument(name, ours, UpdateFormat.V1, clock.instant()));
      em.flush();
      return ours;
    }
    byte[] stored = row.format().toV1(row.state());
    Updates.StoreUnion union = Updates.unionForStore(stored, ours);
    if (union.write() == null) {
      // the row already holds everything we have: writing would change nothing
      return union.rowState();
    }
    row.replaceState(union.write(), UpdateFormat.V1, clock.instant());
    em.flush();
    return union.rowState();
  }
}
