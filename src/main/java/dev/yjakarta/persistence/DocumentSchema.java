package dev.yjakarta.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * Creates the document table if it is missing, in the SQL of the database behind the connection.
 *
 * <p>We do this ourselves instead of {@code hibernate.hbm2ddl.auto=update}: on Payara that setting
 * runs {@code create table} again at every start against an existing database. {@code IF NOT
 * EXISTS} makes it safe to run on every start and from several instances.
 */
final class DocumentSchema {
  static final String TABLE = "yjakarta_document";

  private static final String SQLITE =
      "CREATE TABLE IF NOT EXISTS " + TABLE + " ("
          + "name TEXT NOT NULL PRIMARY KEY, "
          + "state BLOB NOT NULL, "
          + "format INTEGER NOT NULL DEFAULT 1, "
          + "version INTEGER NOT NULL, "
          + "created_at TIMESTAMP NOT NULL, "
          + "updated_at TIMESTAMP NOT NULL)";

  private static final String POSTGRESQL =
      "CREATE TABLE IF NOT EXISTS " + TABLE + " ("
          + "name TEXT NOT NULL PRIMARY KEY, "
          + "state BYTEA NOT NULL, "
          + "format INTEGER NOT NULL DEFAULT 1, "
          + "version BIGINT NOT NULL, "
          + "created_at TIMESTAMP(6) WITH TIME ZONE NOT NULL, "
          + "updated_at TIMESTAMP(6) WITH TIME ZONE NOT NULL)";

  private DocumentSchema() {}

  /** Runs the DDL for the connection's database; the caller owns the transaction. */
  static void create(Connection connection) throws SQLException {
    String product = connection.getMetaData().getDatabaseProductName();
    try (Statement st = connection.createStatement()) {
      st.execute(ddlFor(product));
    }
  }

  static String ddlFor(String databaseProduct) {
    String p = databaseProduct == null ? "" : databaseProduct.toLowerCase(Locale.ROOT);
    if (p.contains("sqlite")) {
      return SQLITE;
    }
    if (p.contains("postgres")) {
      return POSTGRESQL;
    }
    throw new IllegalStateException(
        "unsupported database '" + databaseProduct + "' behind jdbc/yjakarta: use SQLite or PostgreSQL");
  }
}
