package dev.yjakarta.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class NginxProcessTest {
  private static String exampleSite() throws Exception {
    return Files.readString(Path.of(System.getProperty("project.basedir", "."), "server-config/nginx/y-jakarta.conf"));
  }

  @Test
  void rewritesTheExampleToTheTestPortsKeepingTheServerOptions() throws Exception {
    String site = NginxProcess.rewrite(exampleSite(), 19000, List.of(19001, 19002, 19003));
    assertTrue(site.contains("listen 127.0.0.1:19000;"), site);
    assertTrue(site.contains("server 127.0.0.1:19001 max_fails=3 fail_timeout=10s;"), site);
    assertTrue(site.contains("server 127.0.0.1:19003 max_fails=3 fail_timeout=10s;"), site);
    assertFalse(site.contains("127.0.0.1:8081"), site);
    assertFalse(site.contains("127.0.0.1:8080"), site);
    assertEquals(3, site.split("server 127\\.0\\.0\\.1:").length - 1, site);
  }

  @Test
  void keepsTheWebSocketUpgradeAndTheLongReadTimeout() throws Exception {
    String site = exampleSite();
    assertTrue(site.contains("proxy_set_header Upgrade $http_upgrade;"));
    assertTrue(site.contains("proxy_set_header Connection $yjakarta_connection_upgrade;"));
    assertTrue(site.contains("proxy_read_timeout 600s;"));
  }
}
