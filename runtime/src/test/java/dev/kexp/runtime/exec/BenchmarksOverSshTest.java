package dev.kexp.runtime.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kexp.runtime.bench.LocalMysql;
import dev.kexp.runtime.cli.KexpCommand;
import dev.kexp.runtime.control.SshNodes;
import dev.kexp.runtime.results.BenchmarksFile;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * sysbench and IOzone for real: Debian's sysbench, driven by {@code kexp run} over a real SSH test
 * node, against a real MariaDB this test starts on loopback with a temporary data directory; and
 * Debian's IOzone on the same node. The password reaches kexp only as {@code env('VAR')}.
 */
class BenchmarksOverSshTest {
  static SshNodes nodes;
  static LocalMysql mysql;
  static final String PASSWORD_VAR = "KEXP_TEST_MYSQL_PASSWORD";
  @TempDir Path tmp;

  static void assumeInstalled(String tool, String pkg) {
    boolean present =
        Stream.of("/usr/bin", "/usr/sbin", "/usr/local/bin")
            .anyMatch(d -> Files.isExecutable(Path.of(d, tool)));
    if (!present && "true".equals(System.getenv("CI"))) {
      fail("CI=true but " + tool + " is missing; .ci/run installs it (apt package " + pkg + ")");
    }
    assumeTrue(present, "skipped: " + tool + " is not installed (apt-get install " + pkg + ")");
  }

  @BeforeAll
  static void start() throws Exception {
    assumeInstalled("sysbench", "sysbench");
    assumeInstalled("mariadbd", "mariadb-server");
    assumeInstalled("iozone", "iozone3");
    assumeTrue(
        System.getenv(PASSWORD_VAR) != null, "skipped: " + PASSWORD_VAR + " is set by the pom");
    nodes = SshNodes.get();
    mysql = LocalMysql.start(System.getenv(PASSWORD_VAR));
  }

  @AfterAll
  static void stop() {
    if (mysql != null) mysql.close();
  }

  record Result(int exit, String out, Path dir) {
    Path run() {
      return dir.resolve("runs/bench/rep-01");
    }
  }

  private Result run(String phases) throws Exception {
    String text =
        """
        experiment 'bench' {
            cluster {
                master '%s'
                ssh user: '%s', key: '%s', port: %d
            }
            phases {
        %s
            }
        }
        """
            .formatted(
                nodes.address(1), SshNodes.USER, nodes.key("ed25519"), SshNodes.PORT, phases);
    Path f = tmp.resolve("bench.kexp");
    Files.writeString(f, text);
    Path out = tmp.resolve("results-" + System.nanoTime());
    List<String> args =
        new ArrayList<>(
            List.of(
                "run",
                f.toString(),
                "-o",
                out.toString(),
                "--known-hosts",
                nodes.knownHosts.toString()));
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    PrintStream old = System.out;
    PrintStream oldErr = System.err;
    PrintStream both = new PrintStream(buf, true, StandardCharsets.UTF_8);
    System.setOut(both);
    System.setErr(both);
    int exit;
    try {
      exit = KexpCommand.commandLine().execute(args.toArray(String[]::new));
    } finally {
      System.setOut(old);
      System.setErr(oldErr);
    }
    return new Result(exit, buf.toString(StandardCharsets.UTF_8), out);
  }

  private String target(String passwordVar) {
    return "target: 'mysql://"
        + LocalMysql.USER
        + "@127.0.0.1:"
        + mysql.port()
        + "/sbtest', password: env('"
        + passwordVar
        + "')";
  }

  private static double value(
      List<BenchmarksFile.Row> rows, String tool, String test, int threads, String metric) {
    return rows.stream()
        .filter(
            r ->
                r.tool().equals(tool)
                    && r.test().equals(test)
                    && r.threads() == threads
                    && r.metric().equals(metric))
        .mapToDouble(BenchmarksFile.Row::value)
        .findFirst()
        .orElseThrow(
            () ->
                new AssertionError(
                    "no " + tool + " " + test + " " + threads + " " + metric + " in " + rows));
  }

  @Test
  void sysbenchAtEachThreadCountAndIozoneInAScratchDirectoryAreRecorded() throws Exception {
    // Outside the test's own (root-only) temporary directory, writable by the node's login.
    Path scratch = Files.createTempDirectory(Path.of("/tmp"), "kexp-iozone-test-");
    Files.setPosixFilePermissions(
        scratch, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
    Result r =
        run(
            "sysbench 'oltp_read_write', threads: [1, 4], duration: 3.s, tables: 2, tableSize: 1000, "
                + target(PASSWORD_VAR)
                + "\niozone file: 16.mb, record: 1.mb, dir: '"
                + scratch
                + "'");
    assertEquals(0, r.exit(), r.out());
    List<String> warnings = new ArrayList<>();
    List<BenchmarksFile.Row> rows = BenchmarksFile.read(r.run(), warnings);
    assertEquals(List.of(), warnings);
    for (int threads : List.of(1, 4)) {
      double tps = value(rows, "sysbench", "oltp_read_write", threads, "tps");
      assertTrue(tps > 0, threads + " threads: " + tps);
      double seconds = value(rows, "sysbench", "oltp_read_write", threads, "seconds");
      double transactions = value(rows, "sysbench", "oltp_read_write", threads, "transactions");
      assertEquals(transactions / seconds, tps, tps * 0.02, "tps is transactions over the time");
      assertTrue(value(rows, "sysbench", "oltp_read_write", threads, "lat_p95_ms") > 0);
      // The per-second lines add up to the summary.
      List<String> lines =
          Files.readAllLines(r.run().resolve(BenchmarksFile.SERIES)).stream()
              .filter(l -> l.contains(",oltp_read_write," + threads + ","))
              .toList();
      // One line a second; sysbench may end before its reporter prints the last second's line.
      assertTrue(lines.size() == 2 || lines.size() == 3, String.join("\n", lines));
      double mean =
          lines.stream().mapToDouble(l -> Double.parseDouble(l.split(",")[6])).average().orElse(0);
      assertEquals(tps, mean, tps * 0.35, "per-second lines " + lines + " against " + tps);
      assertTrue(
          Files.readString(
                  r.run()
                      .resolve("benchmarks/sysbench-oltp_read_write-" + threads + "-threads.txt"))
              .contains("transactions:"));
    }
    assertTrue(rows.stream().allMatch(x -> x.node().equals(nodes.address(1))), rows.toString());
    for (String test : List.of("write", "rewrite", "read", "reread")) {
      BenchmarksFile.Row io =
          rows.stream()
              .filter(x -> x.tool().equals("iozone") && x.test().equals(test))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no iozone " + test + " in " + rows));
      assertTrue(io.value() > 0, test);
      assertEquals(16384, io.fileKb());
      assertEquals(1024, io.recordKb());
      assertEquals("kB/s", io.unit());
    }
    try (Stream<Path> left = Files.list(scratch)) {
      assertEquals(List.of(), left.toList(), "the scratch directory is removed");
    }
    Files.delete(scratch);
    // The password is in no file of the results.
    String password = System.getenv(PASSWORD_VAR);
    try (Stream<Path> all = Files.walk(r.dir())) {
      for (Path p : all.filter(Files::isRegularFile).toList()) {
        assertFalse(Files.readString(p).contains(password), p + " holds the password");
      }
    }
    assertFalse(r.out().contains(password));
    String plan = Files.readString(r.dir().resolve("plan.txt"));
    assertTrue(plan.contains("--mysql-password={{mysql-password}}"), plan);
    assertTrue(plan.contains("(password env:" + PASSWORD_VAR + ")"), plan);
    String log = Files.readString(r.run().resolve("nodes/" + nodes.address(1) + ".log"));
    assertTrue(log.contains("cleanup"), "the tables are dropped: " + log);
  }

  @Test
  void aWrongPasswordFailsNamingTheStepAndTheFinishedLevelsAreKept() throws Exception {
    Result r =
        run(
            "sysbench 'oltp_read_write', threads: [1], duration: 2.s, tables: 1, tableSize: 500, "
                + target(PASSWORD_VAR)
                + "\nsysbench 'oltp_read_only', threads: [1], duration: 2.s, tables: 1, tableSize: 500, "
                + target("KEXP_TEST_MYSQL_WRONG_PASSWORD"));
    assertEquals(1, r.exit(), r.out());
    assertTrue(
        r.out()
            .contains(
                "sysbench oltp_read_only prepare on "
                    + nodes.address(1)
                    + ": sysbench exited with status 1"),
        r.out());
    assertTrue(r.out().contains("Access denied for user 'kexp'"), r.out());
    assertTrue(
        r.out().contains("check the user and the password in env:KEXP_TEST_MYSQL_WRONG_PASSWORD"),
        r.out());
    List<BenchmarksFile.Row> rows = BenchmarksFile.read(r.run(), new ArrayList<>());
    assertTrue(
        value(rows, "sysbench", "oltp_read_write", 1, "tps") > 0, "the finished level is kept");
    assertTrue(rows.stream().noneMatch(x -> x.test().equals("oltp_read_only")));
    assertEquals(
        "failed",
        new ObjectMapper()
            .readTree(r.dir().resolve("manifest.json").toFile())
            .get("status")
            .asText());
  }
}
