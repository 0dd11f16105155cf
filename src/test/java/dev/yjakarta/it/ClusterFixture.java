package dev.yjakarta.it;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;

/**
 * A y-jakarta cluster for tests: one real Redis, and Payara Micro processes running the WAR that
 * share it and one SQLite file, each configured through yjakarta/redis/* custom resources (host,
 * port and prefix by the shipped server-config/payara/cluster-member/redis-post-boot-commands.txt).
 */
public final class ClusterFixture implements AutoCloseable {
  public final RedisProcess redis;
  public final Path database;
  public final List<PayaraProcess> servers = new ArrayList<>();
  private final String name;
  private final Map<String, String> settings;

  private ClusterFixture(String name, RedisProcess redis, Path database, Map<String, String> settings) {
    this.name = name;
    this.redis = redis;
    this.database = database;
    this.settings = settings;
  }

  /**
   * Starts Redis and {@code instances} servers (in parallel) named {@code <name>-a}, {@code -b}, …
   * with Redis identifiers {@code java-a}, {@code java-b}, …; {@code extra} adds or overrides
   * custom resources (full JNDI names).
   */
  public static ClusterFixture start(String name, int instances, Map<String, String> extra) throws Exception {
    RedisProcess redis = RedisProcess.start();
    Path db = Path.of(System.getProperty("project.buildDir", "target"), "it-work", name + ".db").toAbsolutePath();
    Files.createDirectories(db.getParent());
    for (String suffix : new String[] {"", "-wal", "-shm"}) {
      Files.deleteIfExists(Path.of(db + suffix));
    }
    ClusterFixture f = new ClusterFixture(name, redis, db, extra);
    try {
      for (int i = 0; i < instances; i++) {
        f.servers.add(null);
      }
      ExecutorService boot = Executors.newFixedThreadPool(instances);
      List<Future<?>> started = new ArrayList<>();
      for (int i = 0; i < instances; i++) {
        int index = i;
        started.add(boot.submit(() -> {
          f.boot(index);
          return null;
        }));
      }
      for (Future<?> s : started) {
        s.get();
      }
      boot.shutdown();
      return f;
    } catch (Exception e) {
      f.close();
      throw e;
    }
  }

  /**
   * Boots server {@code index}; a boot that never answers is retried once on a new port (on a
   * shared machine another process can take the free port between its choice and Payara's bind).
   */
  private void boot(int index) throws Exception {
    for (int attempt = 1; ; attempt++) {
      PayaraProcess p = create(index);
      synchronized (servers) {
        servers.set(index, p);
      }
      try {
        p.start(Duration.ofSeconds(300));
        awaitDeployed(p, Duration.ofSeconds(300));
        return;
      } catch (IllegalStateException e) {
        p.kill();
        if (attempt == 2) {
          throw e;
        }
      }
    }
  }

  private PayaraProcess create(int index) throws IOException {
    String letter = String.valueOf((char) ('a' + index));
    // a Payara root dir kept from an earlier run would keep that run's custom resources
    deleteTree(Path.of(System.getProperty("project.buildDir", "target"), "it-work", name + "-" + letter, "payara-root"));
    return PayaraProcess.create(name + "-" + letter, postBootCommands("java-" + letter), List.of("-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** The test post-boot commands with our database file, plus the Redis custom resources. */
  List<String> postBootCommands(String identifier) throws IOException {
    List<String> out = new ArrayList<>();
    Path base = Path.of(System.getProperty("it.configDir", "target/it-config"), "payara", "post-boot-commands.txt");
    if (Files.exists(base)) {
      for (String line : Files.readAllLines(base)) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        out.add(line.replaceAll("jdbc\\\\:sqlite\\\\:[^:]+",
            Matcher.quoteReplacement("jdbc\\:sqlite\\:" + database.toString().replace(":", "\\:"))));
      }
    }
    // host, port and prefix through the shipped cluster-member file, with the values Maven fills in for -Prun
    String prefix = settings.getOrDefault("yjakarta/redis/prefix", "hocuspocus");
    for (String line : StoredDocuments.shippedPostBoot("cluster-member/redis-post-boot-commands.txt")) {
      if (!line.isBlank() && !line.startsWith("#")) {
        out.add(line.replace("${redis.port}", Integer.toString(redis.port()))
            .replace("${redis.prefix}", prefix).replace("${redis}", "127.0.0.1"));
      }
    }
    Map<String, String> resources = new LinkedHashMap<>();
    resources.put("yjakarta/redis/identifier", identifier);
    resources.putAll(settings);
    resources.remove("yjakarta/redis/prefix");
    resources.forEach((k, v) -> out.add(customResource(k, v)));
    return out;
  }

  /** An asadmin command binding a String under {@code name} (':' escaped as Payara requires). */
  public static String customResource(String name, String value) {
    return "create-custom-resource --restype=java.lang.String"
        + " --factoryclass=org.glassfish.resources.custom.factory.PrimitivesAndStringFactory"
        + " --property value=" + value.replace(":", "\\:") + " " + name;
  }

  /** PayaraProcess returns at the first HTTP answer (a 404 while booting); wait for the WAR's page. */
  public static void awaitDeployed(PayaraProcess p, Duration timeout) throws Exception {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        throw new IllegalStateException("server exited; see " + p.logFile());
      }
      try {
        HttpResponse<Void> res = client.send(HttpRequest.newBuilder(p.http("/")).timeout(Duration.ofSeconds(2)).build(),
            HttpResponse.BodyHandlers.discarding());
        if (res.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // deploying
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException("the WAR was not deployed within " + timeout + "; see " + p.logFile());
  }

  /** Restarts a killed or stopped server with the same configuration and port. */
  public void restart(int i) throws Exception {
    PayaraProcess p = servers.get(i);
    p.start(Duration.ofSeconds(420));
    awaitDeployed(p, Duration.ofSeconds(420));
  }

  public PayaraProcess server(int i) {
    return servers.get(i);
  }

  public String url(int i) {
    return servers.get(i).ws("/collab").toString();
  }

  @Override
  public void close() throws Exception {
    for (PayaraProcess p : servers) {
      if (p != null) {
        p.kill();
      }
    }
    redis.close();
  }
}
