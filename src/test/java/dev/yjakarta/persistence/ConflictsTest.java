package dev.yjakarta.persistence;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import org.hibernate.StaleObjectStateException;
import org.hibernate.exception.ConstraintViolationException;
import org.junit.jupiter.api.Test;

class ConflictsTest {

  @Test
  void aVersionMismatchIsAConflict() {
    assertTrue(Conflicts.isConflict(new OptimisticLockException("stale")));
    assertTrue(Conflicts.isConflict(new PersistenceException(new StaleObjectStateException("StoredDocument", "doc"))));
  }

  @Test
  void aDuplicateFirstInsertIsAConflict() {
    SQLException duplicate = new SQLException("duplicate key value violates unique constraint", "23505");
    assertTrue(Conflicts.isConflict(new ConstraintViolationException("insert", duplicate, "sql", "pk")));
    assertTrue(Conflicts.isConflict(new PersistenceException(duplicate)));
  }

  @Test
  void twoInstancesCreatingTheTableAtOnceIsAConflict() {
    // seen in CI: concurrent CREATE TABLE IF NOT EXISTS on PostgreSQL 15
    assertTrue(Conflicts.isConflict(new RuntimeException(new SQLException("type \"yjakarta_document\" already exists", "42710"))));
    assertTrue(Conflicts.isConflict(new RuntimeException(new SQLException("relation \"yjakarta_document\" already exists", "42P07"))));
  }

  @Test
  void postgresqlSerializationFailuresAndDeadlocksAreConflicts() {
    assertTrue(Conflicts.isConflict(new RuntimeException(new SQLException("could not serialize", "40001"))));
    assertTrue(Conflicts.isConflict(new RuntimeException(new SQLException("deadlock detected", "40P01"))));
  }

  @Test
  void sqliteBusyAndLockedAreConflicts() {
    assertTrue(Conflicts.isConflict(new PersistenceException(
        new SQLException("[SQLITE_BUSY] The database file is locked (database is locked)", null, 5))));
    assertTrue(Conflicts.isConflict(new PersistenceException(
        new SQLException("[SQLITE_BUSY_SNAPSHOT] Another database connection has already written", null, 517))));
    assertTrue(Conflicts.isConflict(new PersistenceException(
        new SQLException("[SQLITE_LOCKED] A table in the database is locked", null, 6))));
  }

  @Test
  void anUnreachableDatabaseIsNotAConflict() {
    assertFalse(Conflicts.isConflict(new PersistenceException(
        new SQLNonTransientConnectionException("Connection refused", "08001"))));
    assertFalse(Conflicts.isConflict(new IllegalStateException("something else")));
  }

  @Test
  void aCyclicCauseChainEnds() {
    RuntimeException a = new RuntimeException("a");
    RuntimeException b = new RuntimeException("b", a);
    a.initCause(b);
    assertFalse(Conflicts.isConflict(b));
  }
}
