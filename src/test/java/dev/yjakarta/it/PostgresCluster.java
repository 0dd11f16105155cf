package dev.yjakarta.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of our own on a free loopback port (initdb + pg_ctl from Debian's
 * postgresql package), for tests that stop and restart the database. initdb refuses to run as
 * root, so as root the commands run as the {@code postgres} user through {@code runuser}.
 */
public final class PostgresCluster implements AutoCloseable {
  private final Path bin;
  private final Path dir;
  private final int port;
  private final boolean asPostgres;

  private PostgresCluster(Path bin, Path dir, int port, boolean asPostgres) {
    this.bin = bin;
    this.dir = dir;
    this.port = port;
    this.asPostgres = asPostgres;
  }

  /** Creates (initdb, trust auth, user postgres) and starts a cluster in a temporary directory. */
  public static PostgresCluster start() throws IOException, InterruptedException {
    Path bin = findBin();
    boolean root = "root".equals(System.getProperty("user.name"));
    Path dir = Files.createTempDirectory("yjakarta-pg");
    if (root) {
      run(List.of("chown", "postgres:postgres", dir.toString()), Duration.ofSeconds(10));
    }
    PostgresCluster c = new PostgresCluster(bin, dir, PayaraProcess.freePort(), root);
    c.pg(Duration.ofSeconds(120), "initdb", "-D", c.data(), "-A", "trust", "-U", "postgres", "--no-sync");
    c.startServer();
    return c;
  }

  public int port() {
    return port;
  }

  /** Starts the server (again) and waits until it accepts connections. */
  public void startServer() throws IOException, InterruptedException {
    pg(Duration.ofSeconds(60), "pg_ctl", "-D", data(), "-l", dir.resolve("server.log").toString(), "-w",
        "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off", "start");
  }

  /** Stops the server now (fast shutdown: open connections are cut). */
  public void stopServer() throws IOException, InterruptedException {
    pg(Duration.ofSeconds(60), "pg_ctl", "-D", data(), "-m", "fast", "-w", "stop");
  }

  @Override
  public void close() throws IOException, InterruptedException {
    try {
      if (Files.exists(Path.of(data(), "postmaster.pid"))) {
        stopServer();
      }
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private String data() {
    return dir.resolve("data").toString();
  }

  private void pg(Duration timeout, String tool, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    if (asPostgres) {
      cmd.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    cmd.add(bin.resolve(tool).toString());
    cmd.addAll(List.of(args));
    run(cmd, timeout);
  }

  private static void run(List<String> cmd, Duration timeout) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException(cmd + " did not finish within " + timeout);
    }
    if (p.exitValue() != 0) {
      throw new IllegalStateException(cmd + " exited " + p.exitValue() + ": " + new String(out));
    }
  }

  /** The newest /usr/lib/postgresql/<version>/bin that has initdb. */
  private static Path findBin() throws IOException {
    Path root = Path.of("/usr/lib/postgresql");
    if (Files.isDirectory(root)) {
      try (Stream<Path> versions = Files.list(root)) {
        var found = versions.map(v -> v.resolve("bin"))
            .filter(b -> Files.isExecutable(b.resolve("initdb")))
            .max(Comparator.comparingInt(b -> Integer.parseInt(b.getParent().getFileName().toString().replaceAll("\\D", "0"))));
        if (found.isPresent()) {
          return found.get();
        }
      }
    }
    throw new IllegalStateException("initdb not found under /usr/lib/postgresql/*/bin: install Debian's postgresql package");
  }
}
