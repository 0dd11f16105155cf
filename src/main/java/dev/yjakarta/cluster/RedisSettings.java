package dev.yjakarta.cluster;

import dev.yjakarta.config.Jndi;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * The Redis relay's configuration: immutable, read once from JNDI ({@code yjakarta/redis/*}),
 * validated at start with messages that name the JNDI entry. Every entry is listed in
 * README.md ("Configuration (JNDI)"). Redis is off (single instance) when no host, sentinel or cluster
 * node is configured.
 */
public final class RedisSettings {
  static final String PREFIX = "yjakarta/redis/";

  /** One Redis endpoint of a sentinel or cluster list. */
  public record Node(String host, int port) {
    @Override
    public String toString() {
      return host + ":" + port;
    }
  }

  /** How the Redis servers are reached. */
  public enum Topology {
    STANDALONE,
    SENTINEL,
    CLUSTER
  }

  private final boolean enabled;
  private final String host;
  private final int port;
  private final String username;
  private final String password;
  private final boolean tls;
  private final int database;
  private final String prefix;
  private final String identifier;
  private final String sentinelMaster;
  private final List<Node> sentinels;
  private final List<Node> clusterNodes;
  private final long lockTimeoutMs;
  private final long disconnectDelayMs;
  private final long awaitInitialSyncTimeoutMs;
  private final long antiEntropyIntervalMs;
  private final long probeIntervalMs;
  private final long probeTimeoutMs;

  private RedisSettings(Builder b) {
    this.host = b.host;
    this.port = b.port;
    this.username = b.username;
    this.password = b.password;
    this.tls = b.tls;
    this.database = b.database;
    this.prefix = b.prefix;
    this.identifier = b.identifier != null ? b.identifier : "host-" + UUID.randomUUID();
    this.sentinelMaster = b.sentinelMaster;
    this.sentinels = List.copyOf(b.sentinels);
    this.clusterNodes = List.copyOf(b.clusterNodes);
    this.lockTimeoutMs = b.lockTimeoutMs;
    this.disconnectDelayMs = b.disconnectDelayMs;
    this.awaitInitialSyncTimeoutMs = b.awaitInitialSyncTimeoutMs;
    this.antiEntropyIntervalMs = b.antiEntropyIntervalMs;
    this.probeIntervalMs = b.probeIntervalMs;
    this.probeTimeoutMs = b.probeTimeoutMs;
    this.enabled = host != null || !sentinels.isEmpty() || !clusterNodes.isEmpty();
    validate();
  }

  /** Redis off: a single instance, no relay, no store lock. */
  public static RedisSettings disabled() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Reads every {@code yjakarta/redis/*} entry once; throws {@link IllegalArgumentException}. */
  public static RedisSettings fromJndi() {
    return fromLookup(name -> Jndi.string(PREFIX + name));
  }

  /** Reads the settings from any name → value source (JNDI in production, a map in tests). */
  static RedisSettings fromLookup(Function<String, Optional<String>> lookup) {
    Builder b = builder();
    lookup.apply("host").ifPresent(b::host);
    lookup.apply("port").ifPresent(v -> b.port(integer("port", v)));
    lookup.apply("username").ifPresent(b::username);
    lookup.apply("password").ifPresent(b::password);
    lookup.apply("tls").ifPresent(v -> b.tls(bool("tls", v)));
    lookup.apply("database").ifPresent(v -> b.database(integer("database", v)));
    lookup.apply("prefix").ifPresent(b::prefix);
    lookup.apply("identifier").ifPresent(b::identifier);
    lookup.apply("sentinel/master").ifPresent(b::sentinelMaster);
    lookup.apply("sentinel/nodes").ifPresent(v -> b.sentinels(nodes("sentinel/nodes", v)));
    lookup.apply("cluster/nodes").ifPresent(v -> b.clusterNodes(nodes("cluster/nodes", v)));
    lookup.apply("lockTimeoutMs").ifPresent(v -> b.lockTimeoutMs(integer("lockTimeoutMs", v)));
    lookup.apply("disconnectDelayMs").ifPresent(v -> b.disconnectDelayMs(integer("disconnectDelayMs", v)));
    lookup.apply("awaitInitialSyncTimeoutMs")
        .ifPresent(v -> b.awaitInitialSyncTimeoutMs(integer("awaitInitialSyncTimeoutMs", v)));
    lookup.apply("antiEntropyIntervalMs")
        .ifPresent(v -> b.antiEntropyIntervalMs(integer("antiEntropyIntervalMs", v)));
    lookup.apply("probeIntervalMs").ifPresent(v -> b.probeIntervalMs(integer("probeIntervalMs", v)));
    lookup.apply("probeTimeoutMs").ifPresent(v -> b.probeTimeoutMs(integer("probeTimeoutMs", v)));
    return b.build();
  }

  private void validate() {
    require(port >= 1 && port <= 65535, "port", "must be 1..65535, was " + port);
    require(database >= 0, "database", "must be >= 0, was " + database);
    require(prefix != null && !prefix.isEmpty(), "prefix", "must not be empty");
    int idBytes = identifier.getBytes(StandardCharsets.UTF_8).length;
    require(idBytes >= 1 && idBytes <= 255, "identifier",
        "must be 1..255 UTF-8 bytes (the envelope stores its length in one byte), was " + idBytes);
    require(sentinels.isEmpty() || clusterNodes.isEmpty(), "cluster/nodes",
        "cannot be combined with " + PREFIX + "sentinel/nodes");
    require(sentinels.isEmpty() || sentinelMaster != null, "sentinel/master",
        "is required when " + PREFIX + "sentinel/nodes is set");
    require(sentinelMaster == null || !sentinels.isEmpty(), "sentinel/nodes",
        "is required when " + PREFIX + "sentinel/master is set");
    require(clusterNodes.isEmpty() || database == 0, "database", "must be 0 with Redis Cluster");
    require(lockTimeoutMs >= 100, "lockTimeoutMs", "must be >= 100, was " + lockTimeoutMs);
    require(disconnectDelayMs >= 0, "disconnectDelayMs", "must be >= 0, was " + disconnectDelayMs);
    require(awaitInitialSyncTimeoutMs >= 0, "awaitInitialSyncTimeoutMs",
        "must be >= 0 (0 turns the wait off), was " + awaitInitialSyncTimeoutMs);
    require(antiEntropyIntervalMs == 0 || antiEntropyIntervalMs >= 100, "antiEntropyIntervalMs",
        "must be 0 (off) or >= 100, was " + antiEntropyIntervalMs);
    require(probeIntervalMs == 0 || probeIntervalMs >= 50, "probeIntervalMs",
        "must be 0 (off) or >= 50, was " + probeIntervalMs);
    require(probeTimeoutMs >= 100, "probeTimeoutMs", "must be >= 100, was " + probeTimeoutMs);
  }

  private static void require(boolean ok, String entry, String message) {
    if (!ok) {
      throw new IllegalArgumentException(PREFIX + entry + " " + message);
    }
  }

  private static int integer(String entry, String value) {
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(PREFIX + entry + " must be an integer, was '" + value + "'", e);
    }
  }

  private static boolean bool(String entry, String value) {
    String v = value.trim().toLowerCase(java.util.Locale.ROOT);
    if (v.equals("true") || v.equals("false")) {
      return Boolean.parseBoolean(v);
    }
    throw new IllegalArgumentException(PREFIX + entry + " must be true or false, was '" + value + "'");
  }

  /** Parses "host:port,host:port" (whitespace allowed; a missing port means 6379). */
  static List<Node> nodes(String entry, String value) {
    List<Node> out = new ArrayList<>();
    for (String part : value.split(",")) {
      String p = part.trim();
      if (p.isEmpty()) {
        continue;
      }
      int colon = p.lastIndexOf(':');
      String h = colon < 0 ? p : p.substring(0, colon);
      int port = colon < 0 ? 6379 : integer(entry, p.substring(colon + 1));
      if (h.isEmpty() || port < 1 || port > 65535) {
        throw new IllegalArgumentException(PREFIX + entry + " has an invalid node '" + p + "'");
      }
      out.add(new Node(h, port));
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException(PREFIX + entry + " lists no node");
    }
    return out;
  }

  public boolean enabled() {
    return enabled;
  }

  public Topology topology() {
    return !clusterNodes.isEmpty() ? Topology.CLUSTER
        : !sentinels.isEmpty() ? Topology.SENTINEL : Topology.STANDALONE;
  }

  public String host() {
    return host;
  }

  public int port() {
    return port;
  }

  public Optional<String> username() {
    return Optional.ofNullable(username);
  }

  public Optional<String> password() {
    return Optional.ofNullable(password);
  }

  public boolean tls() {
    return tls;
  }

  public int database() {
    return database;
  }

  public String prefix() {
    return prefix;
  }

  public String identifier() {
    return identifier;
  }

  public String sentinelMaster() {
    return sentinelMaster;
  }

  public List<Node> sentinels() {
    return sentinels;
  }

  public List<Node> clusterNodes() {
    return clusterNodes;
  }

  public long lockTimeoutMs() {
    return lockTimeoutMs;
  }

  public long disconnectDelayMs() {
    return disconnectDelayMs;
  }

  public long awaitInitialSyncTimeoutMs() {
    return awaitInitialSyncTimeoutMs;
  }

  public long antiEntropyIntervalMs() {
    return antiEntropyIntervalMs;
  }

  /** How often a lag probe goes out on this instance's own reply channel; 0 turns probing off. */
  public long probeIntervalMs() {
    return probeIntervalMs;
  }

  /** A probe not back within this forces the subscriber connection closed (half-open TCP). */
  public long probeTimeoutMs() {
    return probeTimeoutMs;
  }

  /** {@code <prefix>:<document>}: the document channel (Hocuspocus's name). */
  public String documentChannel(String documentName) {
    return prefix + ":" + documentName;
  }

  /** {@code <prefix>#reply:<identifier>}: where answers addressed to one instance go (4.7). */
  public String replyChannel(String instanceIdentifier) {
    return prefix + "#reply:" + instanceIdentifier;
  }

  /** {@code <prefix>:<document>:lock}: the store lock key, shared with Hocuspocus's Redlock. */
  public String lockKey(String documentName) {
    return prefix + ":" + documentName + ":lock";
  }

  @Override
  public String toString() {
    // never print the password
    return enabled
        ? "Redis " + topology() + " " + (topology() == Topology.STANDALONE ? host + ":" + port
            : topology() == Topology.SENTINEL ? sentinelMaster + "@" + sentinels : clusterNodes.toString())
            + " db " + database + (tls ? " tls" : "") + ", prefix '" + prefix + "', identifier '" + identifier + "'"
        : "Redis off";
  }

  /** Defaults live here, in one place. */
  public static final class Builder {
    private String host;
    private int port = 6379;
    private String username;
    private String password;
    private boolean tls;
    private int database;
    private String prefix = "hocuspocus";
    private String identifier;
    private String sentinelMaster;
    private List<Node> sentinels = List.of();
    private List<Node> clusterNodes = List.of();
    private long lockTimeoutMs = 5000;
    private long disconnectDelayMs = 1000;
    private long awaitInitialSyncTimeoutMs = 1000;
    private long antiEntropyIntervalMs = 10_000;
    private long probeIntervalMs = 1000;
    private long probeTimeoutMs = 5000;

    public Builder host(String v) { host = v; return this; }
    public Builder port(int v) { port = v; return this; }
    public Builder username(String v) { username = v; return this; }
    public Builder password(String v) { password = v; return this; }
    public Builder tls(boolean v) { tls = v; return this; }
    public Builder database(int v) { database = v; return this; }
    public Builder prefix(String v) { prefix = v; return this; }
    public Builder identifier(String v) { identifier = v; return this; }
    public Builder sentinelMaster(String v) { sentinelMaster = v; return this; }
    public Builder sentinels(List<Node> v) { sentinels = v; return this; }
    public Builder clusterNodes(List<Node> v) { clusterNodes = v; return this; }
    public Builder lockTimeoutMs(long v) { lockTimeoutMs = v; return this; }
    public Builder disconnectDelayMs(long v) { disconnectDelayMs = v; return this; }
    public Builder awaitInitialSyncTimeoutMs(long v) { awaitInitialSyncTimeoutMs = v; return this; }
    public Builder antiEntropyIntervalMs(long v) { antiEntropyIntervalMs = v; return this; }
    public Builder probeIntervalMs(long v) { probeIntervalMs = v; return this; }
    public Builder probeTimeoutMs(long v) { probeTimeoutMs = v; return this; }

    public RedisSettings build() {
      return new RedisSettings(this);
    }
  }
}
