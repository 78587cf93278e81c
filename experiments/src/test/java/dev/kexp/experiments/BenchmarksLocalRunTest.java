package dev.kexp.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kexp run benchmarks-local.kexp} for real: kexp starts MariaDB itself, sysbench runs at 1,
 * 2 and 4 threads and IOzone on this machine, three times; the report's threads charts and IOzone
 * bars are laid out by headless Chromium.
 */
class BenchmarksLocalRunTest {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
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

  /** Measures the benchmark charts where Chromium lays them out. */
  static final String MEASURE =
      "<script>(function () {\n"
          + "  function drawn(sel) { return [].slice.call(document.querySelectorAll(sel))"
          + ".filter(function (e) { var r = e.getBoundingClientRect();"
          + " return r.width > 0 || r.height > 0; }).length; }\n"
          + "  document.body.setAttribute('data-points-drawn', String(drawn('#benchmarks svg.levels"
          + " circle.point')));\n"
          + "  document.body.setAttribute('data-bars-drawn', String(drawn('#benchmarks svg.bars"
          + " rect.bar')));\n"
          + "  document.body.setAttribute('data-whiskers-drawn', String(drawn('#benchmarks"
          + " line.whisker')));\n"
          + "})();</script>\n";

  @Test
  void sysbenchAndIozoneRunLocallyAndTheReportDrawsThem() throws Exception {
    assumeInstalled("sysbench", "sysbench");
    assumeInstalled("mariadbd", "mariadb-server");
    assumeInstalled("iozone", "iozone3");
    assumeInstalled("chromium", "chromium");
    Path out = tmp.resolve("bench");
    String[] r = ExperimentsTest.run("run", "benchmarks-local.kexp", "-o", out.toString());
    assertEquals("0", r[0], r[1] + r[2]);

    JsonNode manifest = new ObjectMapper().readTree(out.resolve("manifest.json").toFile());
    assertEquals("complete", manifest.get("status").asText());
    for (JsonNode run : manifest.get("runs")) {
      JsonNode mysql = run.get("mysql");
      assertTrue(
          mysql != null && mysql.get("version").asText().contains("MariaDB"), run.toString());
      assertEquals("MySQL 8.0", mysql.get("asked_for").asText());
    }
    for (String rep : List.of("rep-01", "rep-02", "rep-03")) {
      Path run = out.resolve("runs/benchmarks-local/" + rep);
      List<String> rows = Files.readAllLines(run.resolve("benchmarks.csv"));
      for (int threads : List.of(1, 2, 4)) {
        double tps = value(rows, ",sysbench,oltp_read_write," + threads + ",,,tps,");
        assertTrue(tps > 0, rep + " " + threads + " threads: " + tps);
      }
      for (String test : List.of("write", "rewrite", "read", "reread")) {
        assertTrue(value(rows, ",iozone," + test + ",,65536,1024,throughput,") > 0, test);
      }
      assertTrue(Files.exists(run.resolve("benchmarks/iozone-localhost-65536k-1024k.txt")));
    }

    String summary = Files.readString(out.resolve("summary.csv"));
    assertTrue(
        summary.contains("benchmarks-local,sysbench/oltp_read_write/4-threads/tps,3,"), summary);
    assertTrue(summary.contains("benchmarks-local,iozone/write/64MB/1MB/throughput,3,"), summary);
    JsonNode json = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
    assertTrue(json.get("benchmarks").size() > 10, json.get("benchmarks").toString());
    String tex = Files.readString(out.resolve("figures.tex"));
    assertTrue(tex.contains("xlabel={Threads}"), tex);
    assertTrue(tex.contains("ylabel={Throughput (MB/s)}"), tex);
    assertTrue(Files.exists(out.resolve("figures/data/sysbench-oltp-read-write.csv")));

    String page = Files.readString(out.resolve("report.html"));
    String section = page.substring(page.indexOf("<section id=\"benchmarks\">"));
    section = section.substring(0, section.indexOf("</section>"));
    assertEquals(
        2, count(section, "<svg class=\"chart levels\""), "tps and latency against threads");
    assertEquals(1, count(section, "<svg class=\"chart bars\""), "IOzone's bars");
    Path measured = out.resolve("measured.html").toAbsolutePath();
    Files.writeString(measured, page.replace("</body>", MEASURE + "</body>"));
    String dom =
        chromium(
            "--virtual-time-budget=3000",
            "--window-size=1200,900",
            "--dump-dom",
            measured.toUri().toString());
    // 3 levels on the tps line; 3 levels x (avg, p95) on the latency chart
    assertEquals(
        "9", attribute(dom, "data-points-drawn"), dom.length() > 300 ? dom.substring(0, 300) : dom);
    // write, rewrite, read, reread for the one cell
    assertEquals("4", attribute(dom, "data-bars-drawn"));
    // three runs: a 95 % CI whisker on each point and bar
    assertEquals("13", attribute(dom, "data-whiskers-drawn"));
    assertEquals("0", attribute(dom, "data-chart-errors"));
  }

  private static double value(List<String> rows, String key) {
    return rows.stream()
        .filter(l -> l.contains(key))
        .mapToDouble(l -> Double.parseDouble(l.split(",")[9]))
        .findFirst()
        .orElseThrow(
            () -> new AssertionError("no row with " + key + " in\n" + String.join("\n", rows)));
  }

  private static int count(String s, String what) {
    int n = 0;
    for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) n++;
    return n;
  }

  private static String attribute(String dom, String name) {
    Matcher m = Pattern.compile(name + "=\"([^\"]*)\"").matcher(dom);
    return m.find() ? m.group(1) : null;
  }

  private String chromium(String... args) throws Exception {
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                CHROMIUM.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + Files.createTempDirectory(tmp, "profile")));
    command.addAll(List.of(args));
    Path stdout = Files.createTempFile(tmp, "out", ".txt");
    Process p =
        new ProcessBuilder(command)
            .redirectOutput(stdout.toFile())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail("Chromium did not finish within 60 s");
    }
    return Files.readString(stdout, StandardCharsets.UTF_8);
  }
}
