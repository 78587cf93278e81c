package dev.kexp.runtime.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kexp.runtime.results.BenchmarksFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two cells with known benchmark results: the report's numbers are their means, CIs and tests, in
 * HTML, CSV, JSON and LaTeX alike.
 */
class BenchmarkReportTest {
  @TempDir Path tmp;

  // docker: tps 100, 110, 120 at 4 threads; containerd: 70, 75, 80; IOzone write 1024..3072 kB/s
  static final double[] DOCKER = {100, 110, 120};
  static final double[] CONTAINERD = {70, 75, 80};

  private Path results(int reps) throws Exception {
    List<ResultsFixture.Rep> all = new ArrayList<>();
    for (String cell : List.of("docker", "containerd")) {
      for (int r = 1; r <= reps; r++) all.add(new ResultsFixture.Rep(cell, r, 100, 0, 10));
    }
    Path dir = ResultsFixture.write(tmp.resolve("results"), "bench", "complete", all);
    for (ResultsFixture.Rep r : all) {
      double tps = (r.cell().equals("docker") ? DOCKER : CONTAINERD)[r.repetition() - 1];
      List<BenchmarksFile.Row> rows = new ArrayList<>();
      for (int threads : List.of(1, 4)) {
        double t = threads == 1 ? tps / 4 : tps;
        rows.add(row(r, "sysbench", "oltp_read_write", threads, 0, "tps", t, "1/s"));
        rows.add(
            row(
                r,
                "sysbench",
                "oltp_read_write",
                threads,
                0,
                "lat_avg_ms",
                1000 * threads / t,
                "ms"));
        rows.add(
            row(
                r,
                "sysbench",
                "oltp_read_write",
                threads,
                0,
                "lat_p95_ms",
                2000 * threads / t,
                "ms"));
      }
      // Two nodes: a run's value is their mean.
      rows.add(row(r, "iozone", "write", 0, 16384, "throughput", 1024.0 * r.repetition(), "kB/s"));
      rows.add(
          row(r, "iozone", "write", 0, 16384, "throughput", 3072.0 * r.repetition(), "kB/s", "n2"));
      rows.add(row(r, "iozone", "read", 0, 16384, "throughput", 10240.0, "kB/s"));
      BenchmarksFile.append(dir.resolve(r.dir()), rows);
    }
    return dir;
  }

  private static BenchmarksFile.Row row(
      ResultsFixture.Rep r,
      String tool,
      String test,
      int threads,
      long fileKb,
      String metric,
      double v,
      String unit) {
    return row(r, tool, test, threads, fileKb, metric, v, unit, "n1");
  }

  private static BenchmarksFile.Row row(
      ResultsFixture.Rep r,
      String tool,
      String test,
      int threads,
      long fileKb,
      String metric,
      double v,
      String unit,
      String node) {
    return new BenchmarksFile.Row(
        r.cell(),
        r.repetition(),
        node,
        tool,
        test,
        threads,
        fileKb,
        fileKb > 0 ? 1024 : 0,
        metric,
        v,
        unit,
        ResultsFixture.T0);
  }

  @Test
  void theFiguresTablesAndTestsHoldTheRunsNumbers() throws Exception {
    Path dir = results(3);
    Report.write(dir, Set.of("html", "csv", "json", "latex"));
    Aggregates.Summary docker = Aggregates.of(List.of(100.0, 110.0, 120.0));
    String summary = Files.readString(dir.resolve("summary.csv"));
    assertTrue(
        summary.contains(
            "docker,sysbench/oltp_read_write/4-threads/tps,3,110,10,"
                + Numbers.machine(docker.ciLow())
                + ","
                + Numbers.machine(docker.ciHigh())),
        summary);
    // IOzone: the mean of the two nodes per run (2048, 4096, 6144 kB/s), across runs.
    assertTrue(
        summary.contains("containerd,iozone/write/16MB/1MB/throughput,3,4096,2048,"), summary);

    Significance.Comparison expected =
        Significance.compare(List.of(100.0, 110.0, 120.0), List.of(70.0, 75.0, 80.0));
    String sig = Files.readString(dir.resolve("significance.csv"));
    assertTrue(
        sig.contains(
            "docker,containerd,sysbench/oltp_read_write/4-threads/tps,3,3,110,75,"
                + Numbers.machine(expected.welchT())
                + ","
                + Numbers.machine(expected.welchP())),
        sig);

    JsonNode json = new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
    JsonNode first = json.get("benchmarks").get(0);
    assertEquals("iozone", first.get("tool").asText());
    boolean found = false;
    for (JsonNode k : json.get("benchmarks")) {
      if (k.get("metric").asText().equals("tps") && k.get("threads").asInt() == 4) {
        assertEquals(110, k.get("cells").get("docker").get("mean").asDouble(), 1e-9);
        assertEquals(
            docker.ciHigh(), k.get("cells").get("docker").get("ci95_high").asDouble(), 1e-9);
        found = true;
      }
    }
    assertTrue(found, json.get("benchmarks").toString());

    String html = Files.readString(dir.resolve("report.html"));
    String section = html.substring(html.indexOf("<section id=\"benchmarks\">"));
    section = section.substring(0, section.indexOf("</section>"));
    assertTrue(
        section.contains("data-cell=\"docker\" data-x=\"4\" data-mean=\"110\" data-n=\"3\""),
        section);
    assertTrue(section.contains("95 % CI"), "three runs: the error bars are CIs");
    // IOzone in MB/s: containerd's write is 4096 kB/s = 4 MB/s
    assertTrue(
        section.contains("data-cell=\"containerd\" data-group=\"write\" data-mean=\"4\""), section);
    assertTrue(section.contains("benchmark-significance"), "a table of tests between the cells");

    String tex = Files.readString(dir.resolve("figures.tex"));
    assertTrue(tex.contains("xlabel={Threads}"), tex);
    String data = Files.readString(dir.resolve("figures/data/sysbench-oltp-read-write.csv"));
    assertTrue(data.lines().anyMatch(l -> l.startsWith("4,110.0000,")), data);
    assertTrue(Files.readString(dir.resolve("summary.tex")).contains("tab:kexp-benchmarks"));
    assertTrue(
        Files.readString(dir.resolve("significance.tex"))
            .contains("tab:kexp-benchmark-significance"));
    CompareAndLatexTest.compileIfTexIsInstalled(dir);
  }

  @Test
  void twoRunsDrawTheirRangeNotACi() throws Exception {
    Path dir = results(2);
    Report.write(dir, Set.of("html"));
    String html = Files.readString(dir.resolve("report.html"));
    assertTrue(html.contains("docker, 4 threads: 105.0 tx/s, range 100.0–110.0 (2 runs)"), html);
  }
}
