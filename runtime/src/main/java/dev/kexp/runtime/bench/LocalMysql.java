package dev.kexp.runtime.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A MySQL-compatible server kexp starts on this machine for {@code cluster { local }}: MariaDB's
 * {@code mariadbd} (or a MySQL {@code mysqld}) on a free loopback port, with a throwaway data
 * directory and a user with a random password that owns the {@code sbtest} database. Closing it
 * stops the server and deletes the directory.
 */
public final class LocalMysql implements AutoCloseable {
  /** The database sysbench fills. */
  public static final String DATABASE = "sbtest";

  public static final String USER = "kexp";

  private static final Duration START = Duration.ofSeconds(90);
  private static final List<String> SEARCH =
      List.of("/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin", "/usr/local/mysql/bin");

  private final Process process;
  private final Path dir;
  private final int port;
  private final String password;
  private final String server;
  private final String version;
  // Stops the server when the JVM ends without closing it (an uncaught error, SIGTERM, Ctrl-C),
  // so no server outlives kexp; only a kill -9 of kexp leaves it running.
  private final Thread onExit;

  private LocalMysql(
      Process process, Path dir, int port, String password, String server, String version) {
    this.process = process;
    this.dir = dir;
    this.port = port;
    this.password = password;
    this.server = server;
    this.version = version;
    this.onExit = new Thread(this::stop, "kexp-mysql-stop");
    Runtime.getRuntime().addShutdownHook(onExit);
  }

  /** The server could not be found or did not start; the message says what to do. */
  public static final class Unavailable extends Exception {
    Unavailable(String message) {
      super(message);
    }
  }

  /** Where this machine's server binary is, or null: {@code mariadbd}, then {@code mysqld}. */
  public static Path findServer() {
    return find("mariadbd", "mysqld");
  }

  /**
   * Starts a server and waits until it accepts connections.
   *
   * @param password the password of {@link #USER}, or null for a random one
   */
  public static LocalMysql start(String password) throws Unavailable, IOException {
    Path server = findServer();
    Path installDb = find("mariadb-install-db", "mysql_install_db");
    if (server == null || installDb == null) {
      throw new Unavailable(
          "no MySQL-compatible server on this machine (looked for mariadbd and mysqld, and"
              + " mariadb-install-db, in PATH and "
              + String.join(", ", SEARCH)
              + "): install one, e.g. apt-get install mariadb-server, or give sysbench a"
              + " target: 'mysql://user@host:port/db'");
    }
    String pw = password != null ? password : randomPassword();
    String version = versionOf(server);
    Path dir = Files.createTempDirectory("kexp-mysql-");
    String user = System.getProperty("user.name");
    Path data = dir.resolve("data");
    Path log = dir.resolve("server.log");
    run(
        List.of(
            installDb.toString(),
            "--no-defaults",
            "--user=" + user,
            "--datadir=" + data,
            "--auth-root-authentication-method=normal",
            "--skip-test-db"),
        dir.resolve("install.log"),
        Duration.ofMinutes(2),
        dir);
    Path init = dir.resolve("init.sql");
    Files.writeString(
        init,
        "CREATE DATABASE IF NOT EXISTS "
            + DATABASE
            + ";\nCREATE USER IF NOT EXISTS '"
            + USER
            + "'@'127.0.0.1' IDENTIFIED BY '"
            + pw.replace("'", "''")
            + "';\nGRANT ALL ON "
            + DATABASE
            + ".* TO '"
            + USER
            + "'@'127.0.0.1';\n",
        StandardCharsets.UTF_8);
    int port = freePort();
    Process p =
        new ProcessBuilder(
                server.toString(),
                "--no-defaults",
                "--user=" + user,
                "--datadir=" + data,
                "--socket=" + dir.resolve("mysql.sock"),
                "--pid-file=" + dir.resolve("mysql.pid"),
                "--port=" + port,
                "--bind-address=127.0.0.1",
                "--skip-name-resolve",
                "--init-file=" + init,
                "--log-error=" + log)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("server.out").toFile())
            .start();
    LocalMysql m = new LocalMysql(p, dir, port, pw, server.getFileName().toString(), version);
    try {
      m.awaitReady(log);
    } catch (Unavailable | IOException e) {
      m.close();
      throw e;
    }
    return m;
  }

  private void awaitReady(Path log) throws Unavailable, IOException {
    long end = System.nanoTime() + START.toNanos();
    while (System.nanoTime() < end) {
      if (!process.isAlive()) {
        throw new Unavailable(
            server + " exited with status " + process.exitValue() + " at start" + tail(log));
      }
      if (Files.exists(log) && Files.readString(log).contains("ready for connections")) return;
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new Unavailable("interrupted while " + server + " started");
      }
    }
    throw new Unavailable(
        server + " did not accept connections within " + START.toSeconds() + " s" + tail(log));
  }

  public int port() {
    return port;
  }

  public String host() {
    return "127.0.0.1";
  }

  /** The password of {@link #USER}: a secret, redacted in every log. */
  public String password() {
    return password;
  }

  /** The server's binary name, e.g. mariadbd. */
  public String server() {
    return server;
  }

  /** What {@code --version} says, e.g. "mariadbd Ver 10.11.6-MariaDB-0+deb12u1 ...". */
  public String version() {
    return version;
  }

  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(onExit);
    } catch (IllegalStateException e) {
      // The JVM is already shutting down: the hook runs stop() itself.
    }
    stop();
  }

  private void stop() {
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path f : all.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(f);
    } catch (IOException e) {
      // A file the server still held: the directory is in the system's temporary directory.
    }
  }

  private static Path find(String... names) {
    List<Path> dirs = new ArrayList<>();
    String path = System.getenv("PATH");
    if (path != null) for (String d : path.split(":")) if (!d.isEmpty()) dirs.add(Path.of(d));
    for (String d : SEARCH) dirs.add(Path.of(d));
    for (String name : names) {
      for (Path d : dirs) {
        Path f = d.resolve(name);
        if (Files.isExecutable(f)) return f;
      }
    }
    return null;
  }

  private static String versionOf(Path server) throws IOException, Unavailable {
    Path out = Files.createTempFile("kexp-mysql-version", ".txt");
    try {
      run(List.of(server.toString(), "--version"), out, Duration.ofSeconds(30), null);
      return Files.readString(out).strip();
    } finally {
      Files.deleteIfExists(out);
    }
  }

  private static void run(List<String> argv, Path output, Duration limit, Path dir)
      throws IOException, Unavailable {
    Process p =
        new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(output.toFile()).start();
    try {
      if (!p.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new Unavailable(argv.get(0) + " did not finish within " + limit.toSeconds() + " s");
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new Unavailable("interrupted: " + argv.get(0));
    }
    if (p.exitValue() != 0) {
      throw new Unavailable(
          String.join(" ", argv) + " exited with status " + p.exitValue() + tail(output));
    }
  }

  private static String tail(Path log) throws IOException {
    if (!Files.exists(log)) return "";
    List<String> lines = Files.readAllLines(log).stream().filter(l -> !l.isBlank()).toList();
    return "; it last said:\n    "
        + String.join("\n    ", lines.subList(Math.max(0, lines.size() - 4), lines.size()));
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static String randomPassword() {
    String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    SecureRandom r = new SecureRandom();
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < 24; i++) s.append(alphabet.charAt(r.nextInt(alphabet.length())));
    return s.toString();
  }
}
