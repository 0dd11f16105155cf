package dev.yjakarta.config;

import java.util.Optional;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Looks up optional JNDI settings the same way on Payara and WildFly: WildFly binds them under
 * {@code java:global/<name>}, Payara rejects ':' in custom resource names and binds {@code <name>}.
 */
public final class Jndi {
  private Jndi() {}

  /** The value bound under {@code name}, or empty when nothing is bound there. */
  public static Optional<Object> lookup(String name) {
    for (String candidate : new String[] {"java:global/" + name, name}) {
      try {
        Object value = new InitialContext().lookup(candidate);
        if (value != null) {
          return Optional.of(value);
        }
      } catch (NamingException | RuntimeException notBound) {
        // try the next form
      }
    }
    return Optional.empty();
  }

  public static Optional<String> string(String name) {
    return lookup(name).map(Object::toString).map(String::trim).filter(s -> !s.isEmpty());
  }
}
