package dev.yjakarta.persistence;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DocumentSchemaTest {

  @Test
  void createsTheTableOnlyIfMissing() {
    assertTrue(DocumentSchema.ddlFor("SQLite").startsWith("CREATE TABLE IF NOT EXISTS yjakarta_document"));
    assertTrue(DocumentSchema.ddlFor("PostgreSQL").startsWith("CREATE TABLE IF NOT EXISTS yjakarta_document"));
  }

  @Test
  void storesTheStateAsBlobOnSqliteAndByteaOnPostgresql() {
    assertTrue(DocumentSchema.ddlFor("SQLite").contains("state BLOB NOT NULL"));
    assertTrue(DocumentSchema.ddlFor("PostgreSQL").contains("state BYTEA NOT NULL"));
  }

  @Test
  void namesTheDatasourceWhenTheDatabaseIsUnsupported() {
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> DocumentSchema.ddlFor("MariaDB"));
    assertTrue(e.getMessage().contains("jdbc/yjakarta"), e.getMessage());
  }
}
