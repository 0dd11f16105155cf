package dev.yjakarta.persistence;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.sqlite.SQLiteDataSource;

/**
 * A real database for one test: a SQLite file configured like the server's pool, or a fresh
 * PostgreSQL database on the local server (127.0.0.1:5432, trust auth), dropped on close.
 */
public abstract class TestDatabase implements AutoCloseable {
  public static final String PG_HOST = System.getProperty("it.pg.host", "127.0.0.1");
  public static final int PG_PORT = Integer.getInteger("it.pg.port", 5432);
  public static final String PG_USER = System.getProperty("it.pg.user", "postgres");

  public abstract DataSource dataSource();

  public abstract String kind();

  /** The PostgreSQL database created for this test, or null for SQLite. */
  public String databaseName() {
    return null;
  }

  @Override
  public void close() throws SQLException {}

  public static TestDatabase open(String kind, Path tempDir) throws SQLException {
    return switch (kind) {
      case "sqlite" -> sqlite(tempDir.resolve("documents.db"));
      case "postgresql" -> postgresql(PG_HOST, PG_PORT);
      default -> throw new IllegalArgumentException(kind);
    };
  }

  /** The same settings as server-config/payara/post-boot-commands.txt. */
  public static TestDatabase sqlite(Path file) {
    SQLiteDataSource ds = new SQLiteDataSource();
    ds.setUrl("jdbc:sqlite:" + file);
    ds.setJournalMode("WAL");
    ds.setBusyTimeout(5000);
    ds.setTransactionMode("IMMEDIATE");
    return new TestDatabase() {
      @Override
      public DataSource dataSource() {
        return ds;
      }

      @Override
      public String kind() {
        return "sqlite";
      }
    };
  }

  /** A new, uniquely named database on the PostgreSQL server at host:port. */
  public static TestDatabase postgresql(String host, int port) throws SQLException {
    String name = "yjakarta_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (Connection c = admin(host, port); Statement st = c.createStatement()) {
      st.execute("CREATE DATABASE " + name);
    }
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setServerNames(new String[] {host});
    ds.setPortNumbers(new int[] {port});
    ds.setDatabaseName(name);
    ds.setUser(PG_USER);
    return new TestDatabase() {
      @Override
      public DataSource dataSource() {
        return ds;
      }

      @Override
      public String kind() {
        return "postgresql";
      }

      @Override
      public String databaseName() {
        return name;
      }

      @Override
      public void close() throws SQLException {
        try (Connection c = admin(host, port); Statement st = c.createStatement()) {
          st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
      }
    };
  }

  /** A connection to the server's maintenance database, for CREATE/DROP DATABASE. */
  public static Connection admin(String host, int port) throws SQLException {
    return DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/postgres?user=" + PG_USER);
  }
}
