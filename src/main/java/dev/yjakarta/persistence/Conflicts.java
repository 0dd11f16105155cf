package dev.yjakarta.persistence;

import jakarta.persistence.EntityExistsException;
import jakarta.persistence.LockTimeoutException;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PessimisticLockException;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Set;
import org.hibernate.StaleStateException;
import org.hibernate.exception.ConstraintViolationException;
import org.hibernate.exception.LockAcquisitionException;

/**
 * Tells a collision with a concurrent writer (worth trying again at once) from other failures
 * (the database is down, misconfigured, out of space: the caller's slower retry handles those).
 */
final class Conflicts {
  /**
   * PostgreSQL SQLSTATEs: serialization failure, deadlock, unique violation (two first inserts
   * of one document, or two instances creating the table at once), and duplicate table or object:
   * {@code CREATE TABLE IF NOT EXISTS} racing another instance's can fail with "type ... already
   * exists" (42710) or "relation ... already exists" (42P07); the retry then finds the table.
   */
  private static final Set<String> CONFLICT_STATES = Set.of("40001", "40P01", "23505", "42710", "42P07");
  /** SQLite primary result codes SQLITE_BUSY and SQLITE_LOCKED (extended codes keep them in the low byte). */
  private static final Set<Integer> SQLITE_CONFLICT_CODES = Set.of(5, 6);

  private Conflicts() {}

  /** How deep into a cause chain to look; also ends a cyclic chain. */
  private static final int MAX_DEPTH = 32;

  static boolean isConflict(Throwable failure) {
    Throwable t = failure;
    for (int depth = 0; t != null && depth < MAX_DEPTH; depth++, t = t.getCause()) {
      if (t instanceof OptimisticLockException
          || t instanceof StaleStateException
          || t instanceof EntityExistsException
          || t instanceof PessimisticLockException
          || t instanceof LockTimeoutException
          || t instanceof LockAcquisitionException
          || t instanceof ConstraintViolationException) {
        return true;
      }
      if (t instanceof SQLException sql && isConflict(sql)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isConflict(SQLException sql) {
    if (sql.getSQLState() != null && CONFLICT_STATES.contains(sql.getSQLState())) {
      return true;
    }
    String message = sql.getMessage() == null ? "" : sql.getMessage().toUpperCase(Locale.ROOT);
    if (message.contains("SQLITE_BUSY") || message.contains("SQLITE_LOCKED")) {
      return true;
    }
    return message.contains("SQLITE") && SQLITE_CONFLICT_CODES.contains(sql.getErrorCode() & 0xff);
  }
}
