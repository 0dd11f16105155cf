package dev.yjakarta.persistence;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import jakarta.persistence.Persistence;
import java.util.Map;
import java.util.function.Function;
import javax.sql.DataSource;
import org.hibernate.type.descriptor.WrapperOptions;
import org.hibernate.type.descriptor.java.JavaType;
import org.hibernate.type.format.FormatMapper;

/**
 * The real persistence unit (src/main/resources/META-INF/persistence.xml) bootstrapped outside a
 * container: resource-local transactions on a given datasource instead of JTA on jdbc/yjakarta.
 */
final class ResourceLocalTransactions implements DocumentTransactions, AutoCloseable {
  private final EntityManagerFactory emf;

  ResourceLocalTransactions(DataSource dataSource) {
    this.emf = Persistence.createEntityManagerFactory("yjakarta", Map.of(
        "jakarta.persistence.transactionType", "RESOURCE_LOCAL",
        "jakarta.persistence.nonJtaDataSource", dataSource,
        // the test classpath has the JSON-B API but no provider (servers ship one); we map no JSON
        "hibernate.type.json_format_mapper", new NoJson(),
        "hibernate.type.xml_format_mapper", new NoJson()));
  }

  private static final class NoJson implements FormatMapper {
    @Override
    public <T> T fromString(CharSequence value, JavaType<T> type, WrapperOptions options) {
      throw new UnsupportedOperationException("no JSON/XML mapping in this persistence unit");
    }

    @Override
    public <T> String toString(T value, JavaType<T> type, WrapperOptions options) {
      throw new UnsupportedOperationException("no JSON/XML mapping in this persistence unit");
    }
  }

  @Override
  public <T> T inNewTransaction(Function<EntityManager, T> work) {
    EntityManager em = emf.createEntityManager();
    EntityTransaction tx = em.getTransaction();
    try {
      tx.begin();
      T result = work.apply(em);
      tx.commit();
      return result;
    } catch (RuntimeException e) {
      if (tx.isActive()) {
        tx.rollback();
      }
      throw e;
    } finally {
      em.close();
    }
  }

  @Override
  public <T> T withoutTransaction(Function<EntityManager, T> work) {
    EntityManager em = emf.createEntityManager();
    try {
      return work.apply(em);
    } finally {
      em.close();
    }
  }

  @Override
  public void close() {
    emf.close();
  }
}
