package dev.yjakarta.persistence;

import jakarta.persistence.EntityManager;
import java.util.function.Function;

/**
 * How {@link JpaDocumentStore} gets an entity manager and a transaction. In the server it is
 * {@link JtaDocumentTransactions}; tests bootstrap Hibernate with resource-local transactions.
 */
interface DocumentTransactions {

  /**
   * Runs {@code work} in a new transaction of its own (never the caller's), committed when it
   * returns and rolled back when it throws.
   */
  <T> T inNewTransaction(Function<EntityManager, T> work);

  /** Runs read-only {@code work} outside any transaction. */
  <T> T withoutTransaction(Function<EntityManager, T> work);
}
