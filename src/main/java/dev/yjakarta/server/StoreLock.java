package dev.yjakarta.server;

/**
 * A cluster-wide lock around one document's store, so two instances never write it at once. The
 * store scheduler takes it (when a bean exists) before the store hooks and releases it after;
 * the Redis implementation lives in {@code dev.yjakarta.cluster}.
 */
public interface StoreLock {

  /** A held lock; renewed by the implementation while held, released by {@link #close()}. */
  interface Lease extends AutoCloseable {
    /** Whether the lock was still ours when checked last (a lost lease must not be trusted). */
    boolean held();

    @Override
    void close();
  }

  /**
   * Takes the lock for {@code documentName}.
   *
   * @throws StoreLockUnavailable when another instance holds it: the caller stores again later
   *     (never a silent skip)
   */
  Lease acquire(String documentName);

  /** Thrown when the lock is held elsewhere or cannot be reached. */
  class StoreLockUnavailable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreLockUnavailable(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
