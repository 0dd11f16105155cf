package dev.yjakarta.it;

import java.io.File;
import java.net.URI;
import java.net.URL;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** Shared fixture: the real WAR that {@code mvn package} built, and loopback URLs into it. */
public final class Deployments {
  private Deployments() {}

  public static WebArchive builtWar() {
    String path = System.getProperty("it.war", "target/y-jakarta.war");
    File war = new File(path);
    if (!war.isFile()) {
      throw new IllegalStateException("WAR not found at " + war + "; run the tests through mvn verify");
    }
    return ShrinkWrap.createFromZipFile(WebArchive.class, war);
  }

  /**
   * Payara Micro's adapter reports the machine's interface address, but the listener is bound to
   * loopback only; keep the port and use 127.0.0.1.
   */
  public static URI http(URL deployed, String path) {
    return URI.create("http://127.0.0.1:" + deployed.getPort() + path);
  }

  public static URI ws(URL deployed, String path) {
    return URI.create("ws://127.0.0.1:" + deployed.getPort() + path);
  }
}
