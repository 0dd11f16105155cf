package dev.yjakarta.it.persistence;

import static dev.yjakarta.it.StoredDocuments.readThrough;
import static dev.yjakarta.it.StoredDocuments.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.yjakarta.it.ProviderSession;
import dev.yjakarta.it.RedisProcess;
import dev.yjakarta.it.WildflyProcess;
import dev.yjakarta.persistence.TestDatabase;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The shipped WildFly scripts on a pristine WildFly (the wildfly profile's distribution):
 * server-config/wildfly/configure-postgresql.cli against a fresh database on the local PostgreSQL,
 * then server-config/wildfly/cluster-member/configure-redis.cli against a real Redis. Edits made by
 * a real provider survive a graceful restart inside the debounce window.
 */
@EnabledIfSystemProperty(named = "it.wildfly.distZip", matches = ".+", disabledReason = "mvn verify -Pwildfly only")
class WildflyPostgresqlIT {
  private static final Duration BOOT = Duration.ofSeconds(240);
  private static final Duration STOP = Duration.ofSeconds(90);

  @Test
  void aClusterMemberOnPostgresqlKeepsEditsAcrossARestart() throws Exception {
    String id = UUID.randomUUID().toString().substring(0, 8);
    String document = "wildfly-pg-" + id;
    Path basedir = Path.of(System.getProperty("project.basedir", "."));
    Path runtime = Path.of(System.getProperty("it.runtimeDir", "target/runtime"));
    try (TestDatabase db = TestDatabase.postgresql(TestDatabase.PG_HOST, TestDatabase.PG_PORT);
        RedisProcess redis = RedisProcess.start();
        WildflyProcess server = WildflyProcess.create("wildfly-pg-" + id)) {
      server.configure(basedir.resolve("server-config/wildfly/configure-postgresql.cli"), Map.of(
          "postgresql.jar", runtime.resolve("postgresql.jar").toAbsolutePath().toString(),
          "db.url", "jdbc:postgresql://" + TestDatabase.PG_HOST + ":" + TestDatabase.PG_PORT + "/" + db.databaseName(),
          "db.user", TestDatabase.PG_USER,
          "db.password", "unused-with-trust-auth"));
      server.configure(basedir.resolve("server-config/wildfly/cluster-member/configure-redis.cli"), Map.of(
          "redis.host", "127.0.0.1",
          "redis.port", Integer.toString(redis.port()),
          "redis.prefix", "wildfly-it-" + id,
          "redis.identifier", "wildfly-" + id));
      server.deploy(Path.of(System.getProperty("it.war", "target/y-jakarta.war")));
      server.start(BOOT);

      String ready = HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.http("/health/ready")).build(),
          HttpResponse.BodyHandlers.ofString()).body();
      assertTrue(ready.matches("(?s).*\"name\":\"database\",\"status\":\"UP\".*\"product\":\"PostgreSQL\".*"), ready);
      assertTrue(ready.matches("(?s).*\"name\":\"redis\",\"status\":\"UP\".*\"identifier\":\"wildfly-" + id + "\".*"),
          "the Redis bindings are read: " + ready);

      try (ProviderSession client = ProviderSession.open(server.ws("/collab"), document)) {
        client.insert("one;");
        client.insert("two;");
        assertFalse(text(db.dataSource(), document).orElse("").contains("two;"), "the debounce window is open");
        server.stop(STOP);
      }
      assertEquals("one;two;", text(db.dataSource(), document).orElseThrow(), "stored on undeploy");

      server.start(BOOT);
      assertEquals("one;two;", readThrough(server.ws("/collab"), document));
      server.stop(STOP);
    }
  }
}
