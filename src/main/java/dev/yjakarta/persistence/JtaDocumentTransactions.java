package dev.yjakarta.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.util.function.Function;

/** The container's persistence unit {@code yjakarta} and JTA transactions. */
@ApplicationScoped
class JtaDocumentTransactions implements DocumentTransactions {

  @PersistenceContext(unitName = "yjakarta")
  private EntityManager em;

  /**
   * REQUIRES_NEW: a store must commit or fail on its own, whatever transaction its caller may be
   * in, so that a retry starts from a clean state.
   */
  @Override
  @Transactional(TxType.REQUIRES_NEW)
  public <T> T inNewTransaction(Function<EntityManager, T> work) {
    return work.apply(em);
  }

  /**
   * NOT_SUPPORTED: with {@code transactionMode=IMMEDIATE} every SQLite transaction takes the write
   * lock, so a load that needs none runs in auto-commit.
   */
  @Override
  @Transactional(TxType.NOT_SUPPORTED)
  public <T> T withoutTransaction(Function<EntityManager, T> work) {
    return work.apply(em);
  }
}
