package dev.yjakarta.server;

import dev.yjakarta.yjs.StateCoverage;
import java.util.Optional;

/**
 * Where documents live between loads. The document service calls it on load and, debounced, on
 * store; the JPA implementation lives in {@code dev.yjakarta.persistence}. Implementations must be
 * thread-safe.
 */
public interface DocumentStore {

  /**
   * The stored state of a document as a Yjs V1 update (stored V2 or legacy data converted), or
   * empty when the document has never been stored.
   *
   * @throws DocumentStoreException when the store cannot answer; never returns empty on failure,
   *     so a failed load can never turn into an empty document that later overwrites stored data
   */
  Optional<byte[]> load(String documentName);

  /**
   * Persists {@code state} (a full V1 update). If another writer stored the document since it
   * was loaded, the two states are merged (Yjs updates merge without loss) and the merge is
   * written, guarded by the row's version column.
   *
   * @return the state now stored; it holds more than {@code state} when another writer stored
   *     first, and the caller applies it to catch up; {@code state} itself (the same array) when
   *     the store holds nothing more
   * @throws DocumentStoreException when the state could not be stored; the caller retries
   */
  byte[] store(String documentName, byte[] state);

  /**
   * {@link #store} for a caller whose {@code state} contains every state that this method wrote
   * for the document before, in this process: the server's documents only grow, and one that is
   * loaded again starts from the row, which holds what was written. An implementation may then
   * skip comparing the row with {@code state} when the row is still exactly what it wrote last
   * (for a 1 MB document that comparison decoded 2 MB on every store). The result is as for
   * {@link #store}.
   *
   * @param coverage the coverage of exactly {@code state}, or null when unknown; an implementation
   *     may keep it beside the state and skip the comparison when the stored coverage is held by
   *     this one (another instance stored the same document last)
   */
  default byte[] storeGrown(String documentName, byte[] state, StateCoverage coverage) {
    return store(documentName, state);
  }
}
