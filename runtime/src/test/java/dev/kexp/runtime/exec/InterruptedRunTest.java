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
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                "dev.kexp.runtime.cli.KexpCommand",
                "run",
                file.toString(),
                "-o",
                out.toString())
            .redirectErrorStream(true)
            .redirectOutput(tmp.resolve("kexp.log").toFile())
            .start();
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
    assertTrue(log.contains("stopping; keeping what was measured"), log);
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
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                "dev.kexp.runtime.cli.KexpCommand",
                "run",
                file.toString(),
                "-o",
                out.toString())
            .redirectErrorStream(true)
            .redirectOutput(tmp.resolve("killed.log").toFile())
            .start();
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
