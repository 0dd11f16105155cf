package dev.yjakarta.cluster;

import java.lang.reflect.Field;
import java.util.logging.Level;
import java.util.logging.Logger;
import redis.clients.jedis.Connection;
import redis.clients.jedis.JedisPubSubBase;

/**
 * The connection a Jedis pub/sub object reads from. Jedis 8 keeps it in a private field (of the
 * pub/sub's authenticator) and offers no way to close it from another thread, yet that is the only
 * way out of a read blocked on a half-open connection. Checked by RelayProbeTest against the pinned
 * Jedis version; when the fields are not found it returns null and the caller falls back.
 */
final class SubscriptionConnection {
  private static final Logger LOG = Logger.getLogger(SubscriptionConnection.class.getName());
  private static final Field AUTHENTICATOR;
  private static final Field CLIENT;

  static {
    Field authenticator = null;
    Field client = null;
    try {
      authenticator = JedisPubSubBase.class.getDeclaredField("authenticator");
      authenticator.setAccessible(true);
      client = authenticator.getType().getDeclaredField("client");
      client.setAccessible(true);
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.log(Level.WARNING, "this Jedis version hides the pub/sub connection; half-open detection cannot force a reconnect", e);
      authenticator = null;
      client = null;
    }
    AUTHENTICATOR = authenticator;
    CLIENT = client;
  }

  private SubscriptionConnection() {}

  static Connection of(JedisPubSubBase<?> pubSub) {
    if (AUTHENTICATOR == null) {
      return null;
    }
    try {
      Object auth = AUTHENTICATOR.get(pubSub);
      return auth == null ? null : (Connection) CLIENT.get(auth);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }
}
