package dev.yjakarta.persistence;

import java.sql.Connection;
import java.sql.ResultSet;
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
          + "coverage BLOB, "
          + "version INTEGER NOT NULL, "
          + "created_at TIMESTAMP NOT NULL, "
          + "updated_at TIMESTAMP NOT NULL)";

  private static final String POSTGRESQL =
      "CREATE TABLE IF NOT EXISTS " + TABLE + " ("
          + "name TEXT NOT NULL PRIMARY KEY, "
          + "state BYTEA NOT NULL, "
          + "format INTEGER NOT NULL DEFAULT 1, "
          + "coverage BYTEA, "
          + "version BIGINT NOT NULL, "
          + "created_at TIMESTAMP(6) WITH TIME ZONE NOT NULL, "
          + "updated_at TIMESTAMP(6) WITH TIME ZONE NOT NULL)";

  private DocumentSchema() {}

  /**
   * Runs the DDL for the connection's database, and adds the columns that tables created by
   * earlier versions lack; the caller owns the transaction.
   */
  static void create(Connection connection) throws SQLException {
    String product = connection.getMetaData().getDatabaseProductName();
    try (Statement st = connection.createStatement()) {
      st.execute(ddlFor(product));
      if (!hasColumn(connection, "coverage")) {
        // PostgreSQL's IF NOT EXISTS makes two instances upgrading at once safe; SQLite lacks it,
        // but its write lock serialises them and the second one sees the column
        st.execute(isPostgres(product)
            ? "ALTER TABLE " + TABLE + " ADD COLUMN IF NOT EXISTS coverage BYTEA"
            : "ALTER TABLE " + TABLE + " ADD COLUMN coverage BLOB");
      }
    }
  }

  private static boolean hasColumn(Connection connection, String column) throws SQLException {
    try (ResultSet columns = connection.getMetaData().getColumns(null, null, TABLE, column)) {
      return columns.next();
    }
  }

  private static boolean isPostgres(String databaseProduct) {
    return databaseProduct != null && databaseProduct.toLowerCase(Locale.ROOT).contains("postgres");
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
