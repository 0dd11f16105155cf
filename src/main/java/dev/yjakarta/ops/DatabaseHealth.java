package dev.yjakarta.ops;

import dev.yjakarta.server.api.ComponentHealth;
import dev.yjakarta.server.api.HealthSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

/**
 * Whether the server-defined datasource {@code jdbc/yjakarta} hands out a valid connection. It
 * asks the datasource directly (no JPA), so it also works before the persistence unit is up, and
 * reports "not configured" (up) when the server runs without a database.
 */
@ApplicationScoped
public class DatabaseHealth implements HealthSource {
  /** WildFly binds datasources under java:/, Payara under the plain resource name. */
  static final String[] JNDI_NAMES = {"java:/jdbc/yjakarta", "jdbc/yjakarta", "java:global/jdbc/yjakarta"};

  private static final int VALIDATION_TIMEOUT_SECONDS = 2;

  private volatile DataSource dataSource;
  private volatile String jndiName;

  @Override
  public ComponentHealth health() {
    Optional<DataSource> ds = dataSource();
    if (ds.isEmpty()) {
      return ComponentHealth.up("database", Map.of("configured", false));
    }
    long start = System.nanoTime();
    try (Connection connection = ds.get().getConnection()) {
      boolean valid = connection.isValid(VALIDATION_TIMEOUT_SECONDS);
      Map<String, Object> data = Map.of(
          "configured", true,
          "jndiName", jndiName,
          "product", connection.getMetaData().getDatabaseProductName(),
          "validationMillis", (System.nanoTime() - start) / 1_000_000);
      return valid ? ComponentHealth.up("database", data) : ComponentHealth.down("database", data);
    } catch (SQLException e) {
      // the message may contain the JDBC URL (and with it credentials): report the SQL state only
      return ComponentHealth.down("database", Map.of(
          "configured", true,
          "jndiName", jndiName,
          "error", e.getClass().getName(),
          "sqlState", String.valueOf(e.getSQLState())));
    }
  }

  private Optional<DataSource> dataSource() {
    if (dataSource == null) {
      for (String name : JNDI_NAMES) {
        try {
          Object bound = new InitialContext().lookup(name);
          if (bound instanceof DataSource found) {
            jndiName = name;
            dataSource = found;
            break;
          }
        } catch (NamingException | RuntimeException notBound) {
          // try the next form
        }
      }
    }
    return Optional.ofNullable(dataSource);
  }
}
