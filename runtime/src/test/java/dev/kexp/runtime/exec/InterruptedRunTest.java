package dev.kexp.runtime.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real kexp process stopped mid-run, the way Ctrl-C or a kill does: everything measured so far is
 * on disk, complete line by line, and a report marked partial is written.
 */
class InterruptedRunTest {
  @TempDir Path tmp;

  @Test
  void aRunStoppedMidwayKeepsItsDataAndReportsPartial() throws Exception {
    Path file = tmp.resolve("partial.kexp");
    Files.writeString(
        file,
        """
        experiment 'partial' {
            cluster { local }
            workload function('factorial')
            metrics { nodes every: 1.s }
            phases { hold 4 over 60.s }
            repeat 2
        }
        """);
    Path out = tmp.resolve("results");
    Process p = kexp(file, out, tmp.resolve("kexp.log"));
    Path load = out.resolve("runs/partial/rep-01/load.csv");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
    while (lines(load).size() < 5 && System.nanoTime() < deadline && p.isAlive()) Thread.sleep(200);
    assertTrue(
        lines(load).size() >= 5,
        "the run should have measured a few seconds: " + Files.readString(tmp.resolve("kexp.log")));

    p.destroy(); // SIGTERM: the JVM runs kexp's stop hook, as on Ctrl-C
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "kexp should stop promptly");
    String log = Files.readString(tmp.resolve("kexp.log"));

    JsonNode manifest = new ObjectMapper().readTree(out.resolve("manifest.json").toFile());
    assertEquals("partial", manifest.get("status").asText(), log);
    assertEquals(1, manifest.get("runs").size(), "the second repetition never started");
    assertEquals("partial", manifest.get("runs").get(0).get("status").asText());
    // Provenance and cost, also for a stopped run: the data files' SHA-256 as they were left, and
    // what the node sampler cost.
    assertEquals(
        dev.kexp.runtime.results.Checksums.sha256(load),
        manifest.get("files_sha256").get("runs/partial/rep-01/load.csv").asText());
    assertTrue(manifest.get("files_sha256").has("experiment.kexp"));
    JsonNode sampler = manifest.get("runs").get(0).get("sampler_overhead");
    assertTrue(sampler.get("rounds").asInt() >= 3, sampler.toString());
    assertTrue(sampler.get("cpu_share_of_one_core_pct").asDouble() > 0, sampler.toString());

    List<String> rows = lines(load);
    assertTrue(rows.size() >= 5, rows.toString());
    int columns = rows.get(0).split(",").length;
    for (String row : rows)
      assertEquals(columns, row.split(",", -1).length, "every row is whole: " + row);
    assertTrue(Files.readString(load).endsWith("\n"));
    assertTrue(lines(out.resolve("runs/partial/rep-01/nodes.csv")).size() >= 3);
    String events = Files.readString(out.resolve("runs/partial/rep-01/events.jsonl"));
    assertTrue(events.contains("\"phase-start\"") && events.contains("\"phase-end\""), events);
    String html = Files.readString(out.resolve("report.html"));
    assertTrue(html.contains("PARTIAL RUN"), "the report says partial");
    assertTrue(html.contains("Node sampling cost"), "the report states the sampler's overhead");
    assertTrue(log.contains("stopping; keeping what was measured"), log);
  }

  @Test
  void aRunKilledWithSignal9LeavesDataThatKexpReportReads() throws Exception {
    // SIGKILL runs no shutdown hook: no final manifest, no report, maybe a half-written line.
    // Everything flushed before it must still be readable by a later 'kexp report'.
    Path file = tmp.resolve("killed.kexp");
    Files.writeString(
        file,
        """
        experiment 'killed' {
            cluster { local }
            workload function('factorial', arg: 500)
            metrics { nodes every: 1.s }
            phases {
                ramp 0..8 over 4.s
                hold 8 over 60.s
            }
            repeat 2, pause: 1.s
            report 'html', 'csv', 'json', 'latex'
        }
        """);
    Path out = tmp.resolve("killed");
    Process p = kexp(file, out, tmp.resolve("killed.log"));
    Path load = out.resolve("runs/killed/rep-01/load.csv");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
    while (lines(load).size() < 6 && System.nanoTime() < deadline && p.isAlive()) Thread.sleep(200);
    assertTrue(lines(load).size() >= 6, Files.readString(tmp.resolve("killed.log")));
    new ProcessBuilder("kill", "-9", String.valueOf(p.pid())).start().waitFor();
    assertTrue(p.waitFor(10, TimeUnit.SECONDS));
    assertEquals(137, p.exitValue(), "killed by signal 9");
    assertTrue(Files.notExists(out.resolve("report.html")), "a killed run writes no report");
    JsonNode manifest = new ObjectMapper().readTree(out.resolve("manifest.json").toFile());
    assertEquals("running", manifest.get("status").asText(), "the manifest as of the kill");

    // Run as a researcher would, from inside the results directory.
    Process report =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "dev.kexp.runtime.cli.KexpCommand",
                "report",
                ".")
            .directory(out.toFile())
            .redirectErrorStream(true)
            .redirectOutput(tmp.resolve("report.log").toFile())
            .start();
    assertTrue(report.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, report.exitValue(), Files.readString(tmp.resolve("report.log")));
    String html = Files.readString(out.resolve("report.html"));
    assertTrue(html.contains("PARTIAL RUN") && html.contains("still running"), "marked partial");
    assertTrue(html.contains("Requests per second over time"), "the load that was measured");
    List<String> summary = Files.readAllLines(out.resolve("summary.csv"));
    String peak =
        summary.stream().filter(l -> l.startsWith("killed,peak_rps,1,")).findFirst().orElseThrow();
    assertTrue(Double.parseDouble(peak.split(",")[3]) > 0, peak);
    List<String> series = Files.readAllLines(out.resolve("series.csv"));
    assertTrue(series.stream().filter(l -> l.startsWith("killed,rps,")).count() >= 5, "per second");
    assertTrue(series.stream().anyMatch(l -> l.startsWith("killed,cpu_pct_local,")));
    assertTrue(Files.exists(out.resolve("figures/rps.svg")), "the figure for slides");
  }

  private static Process kexp(Path file, Path out, Path log) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(
            java,
            "-cp",
            System.getProperty("java.class.path"),
            "dev.kexp.runtime.cli.KexpCommand",
            "run",
            file.toString(),
            "-o",
            out.toString())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
  }

  /**
   * kill -9: no hook runs, so nothing can be tidied; what was written must still be readable line
   * by line, with at most the current second lost, and the manifest still says the run never ended.
   */
  @Test
  void aKilledProcessLosesAtMostTheCurrentSecond() throws Exception {
    Path file = tmp.resolve("killed.kexp");
    Files.writeString(
        file,
        """
        experiment 'killed' {
            cluster { local }
            workload function('factorial')
            metrics { nodes every: 1.s }
            phases { hold 4 over 60.s }
        }
        """);
    Path out = tmp.resolve("killed-results");
    Process p = kexp(file, out, tmp.resolve("killed.log"));
    Path load = out.resolve("runs/killed/rep-01/load.csv");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
    while (lines(load).size() < 5 && System.nanoTime() < deadline && p.isAlive()) Thread.sleep(200);
    long killedAt = System.currentTimeMillis();
    p.destroyForcibly(); // SIGKILL
    assertTrue(p.waitFor(10, TimeUnit.SECONDS));
    List<String> rows = lines(load);
    assertTrue(rows.size() >= 5, rows.toString());
    int columns = rows.get(0).split(",").length;
    for (String row : rows)
      assertEquals(columns, row.split(",", -1).length, "every row is whole: " + row);
    long lastRowStart = Long.parseLong(rows.get(rows.size() - 1).split(",")[0]);
    assertTrue(killedAt - lastRowStart < 2_500, "at most the current second is lost");
    JsonNode manifest = new ObjectMapper().readTree(out.resolve("manifest.json").toFile());
    assertEquals(
        "running", manifest.get("status").asText(), "a killed run cannot say more than this");
  }

  private static List<String> lines(Path f) throws Exception {
    return Files.exists(f) ? Files.readAllLines(f) : List.of();
  }
}
