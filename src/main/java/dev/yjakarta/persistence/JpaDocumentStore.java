package dev.yjakarta.persistence;

import dev.yjakarta.server.DocumentStore;
import dev.yjakarta.server.DocumentStoreException;
import dev.yjakarta.server.ServerMetrics;
import dev.yjakarta.yjs.StateCoverage;
import dev.yjakarta.yjs.YjsFormatException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.hibernate.Session;

/**
 * {@link DocumentStore} on the JPA persistence unit {@code yjakarta} (datasource {@code
 * jdbc/yjakarta}: SQLite by default, PostgreSQL by configuration).
 *
 * <p>Each store is one transaction that reads the row, merges it with our state when it holds
 * something ours lacks, and writes guarded by the row's version. When another writer got in
 * between (a version conflict, a duplicate insert, SQLITE_BUSY, a PostgreSQL serialization
 * failure) the transaction rolls back and the whole read-merge-write runs again, a few times,
 * with a short randomized pause. Nothing is ever partially written: one row, one transaction.
 */
@ApplicationScoped
public class JpaDocumentStore implements DocumentStore {
  private static final Logger LOG = Logger.getLogger(JpaDocumentStore.class.getName());

  /** Attempts per operation when it keeps colliding with concurrent writers. */
  static final int MAX_ATTEMPTS = 8;

  @Inject Instance<ServerMetrics> metricsBeans;

  private DocumentTransactions transactions;
  private Clock clock;
  private final LastWrites lastWrites = new LastWrites();
  private final AtomicLong comparisons = new AtomicLong();
  private volatile boolean schemaReady;

  /** For CDI's proxy. */
  protected JpaDocumentStore() {}

  @Inject
  JpaDocumentStore(DocumentTransactions transactions) {
    this(transactions, Clock.systemUTC());
  }

  JpaDocumentStore(DocumentTransactions transactions, Clock clock) {
    this.transactions = transactions;
    this.clock = clock;
  }

  /** Creates the table at start so that a misconfigured datasource shows up in the log early. */
  void createSchemaAtStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
    try {
      ensureSchema();
    } catch (DocumentStoreException e) {
      // not fatal: the database may come up later; every load and store tries again first
      LOG.log(Level.WARNING, "document table not created yet: " + e.getMessage(), e);
    }
  }

  @Override
  public Optional<byte[]> load(String documentName) {
    ensureSchema();
    try {
      return transactions.withoutTransaction(em -> new DocumentRows(em, clock).read(documentName));
    } catch (YjsFormatException e) {
      throw new DocumentStoreException("stored state of document '" + documentName + "' is not a valid Yjs update", e);
    } catch (DocumentStoreException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new DocumentStoreException("loading document '" + documentName + "' failed: " + describe(e), e);
    }
  }

  @Override
  public byte[] store(String documentName, byte[] state) {
    lastWrites.forget(documentName); // what this writes need not be contained in later states
    return write(documentName, state, null, null).rowState();
  }

  /**
   * {@inheritDoc}
   *
   * <p>Here: when the row still has the version, length and hash of what this method wrote last,
   * or its stored coverage is held by {@code coverage}, {@code state} is written without reading
   * the row's Yjs content. The coverage is stored beside the state for the next writer.
   */
  @Override
  public byte[] storeGrown(String documentName, byte[] state, StateCoverage coverage) {
    DocumentRows.Written written = write(documentName, state, coverage, lastWrites.get(documentName));
    if (written.rowIsOurs()) {
      lastWrites.put(documentName, LastWrites.Entry.of(written.version(), state));
    } else {
      lastWrites.forget(documentName); // a merge: our document may not hold it yet
    }
    return written.rowState();
  }

  private DocumentRows.Written write(
      String documentName, byte[] state, StateCoverage coverage, LastWrites.Entry grownFrom) {
    ensureSchema();
    DocumentRows.Written written = withRetries("storing document '" + documentName + "'",
        em -> new DocumentRows(em, clock).write(documentName, state, coverage, grownFrom));
    if (written.compared()) {
      comparisons.incrementAndGet();
      if (metricsBeans != null && metricsBeans.isResolvable()) {
        metricsBeans.get().storeComparedRow();
      }
    }
    return written;
  }

  /** Stores that compared the row's content with the document's (for tests). */
  long comparisons() {
    return comparisons.get();
  }

  private void ensureSchema() {
    if (schemaReady) {
      return;
    }
    withRetries("creating table " + DocumentSchema.TABLE, em -> {
      em.unwrap(Session.class).doWork(DocumentSchema::create);
      return null;
    });
    schemaReady = true;
  }

  private <T> T withRetries(String what, Function<EntityManager, T> work) {
    for (int attempt = 1; ; attempt++) {
      try {
        return transactions.inNewTransaction(work);
      } catch (YjsFormatException e) {
        throw new DocumentStoreException(what + " failed: a state is not a valid Yjs update", e);
      } catch (DocumentStoreException e) {
        throw e;
      } catch (RuntimeException e) {
        if (attempt >= MAX_ATTEMPTS || !Conflicts.isConflict(e)) {
          throw new DocumentStoreException(what + " failed after " + attempt + " attempt(s): " + describe(e), e);
        }
        LOG.log(Level.FINE, "{0}: conflict with a concurrent writer, attempt {1}: {2}",
            new Object[] {what, attempt, describe(e)});
        pause(attempt, what);
      }
    }
  }

  /** Randomized, growing pause so that colliding writers do not collide again in lock step. */
  private static void pause(int attempt, String what) {
    long ceilingMillis = Math.min(200, 5L << attempt);
    try {
      Thread.sleep(ThreadLocalRandom.current().nextLong(1, ceilingMillis + 1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DocumentStoreException(what + " interrupted", e);
    }
  }

  /** The innermost message of a failure; database messages name statements, never our bytes. */
  static String describe(Throwable e) {
    Throwable root = e;
    for (int depth = 0; depth < 32 && root.getCause() != null && root.getCause() != root; depth++) {
      root = root.getCause();
    }
    String message = root.getMessage();
    return root.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }
}
