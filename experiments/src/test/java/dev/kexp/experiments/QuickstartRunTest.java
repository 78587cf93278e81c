package dev.kexp.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The newcomer's first command, for real: {@code kexp run quickstart.kexp} serves factorial(500),
 * loads it for two repetitions, samples this machine, and writes a complete results directory.
 */
class QuickstartRunTest {
  @TempDir Path tmp;

  @Test
  void theQuickstartWritesACompleteResultsDirectory() throws Exception {
    Path out = tmp.resolve("quickstart");
    String[] r = ExperimentsTest.run("run", "quickstart.kexp", "-o", out.toString());
    assertEquals("0", r[0], r[2]);

    for (String f :
        List.of(
            "experiment.kexp",
            "plan.txt",
            "plan.json",
            "manifest.json",
            "report.html",
            "summary.csv",
            "summary.json")) {
      assertTrue(Files.exists(out.resolve(f)), f);
    }
    assertEquals(
        Files.readString(Path.of("quickstart.kexp")),
        Files.readString(out.resolve("experiment.kexp")));
    String planned = ExperimentsTest.run("plan", "quickstart.kexp")[1];
    assertEquals(
        planned,
        Files.readString(out.resolve("plan.txt")),
        "run executes exactly the plan that plan prints");

    JsonNode manifest = new ObjectMapper().readTree(out.resolve("manifest.json").toFile());
    assertEquals("complete", manifest.get("status").asText());
    assertTrue(manifest.get("java").asText().startsWith(System.getProperty("java.version")));
    assertTrue(manifest.get("os").asText().startsWith("Linux"));
    assertTrue(manifest.hasNonNull("ended"));
    assertEquals(2, manifest.get("runs").size());

    for (String rep : List.of("rep-01", "rep-02")) {
      Path run = out.resolve("runs/quickstart/" + rep);
      List<String> load = Files.readAllLines(run.resolve("load.csv"));
      assertTrue(
          load.get(0).startsWith("epoch_ms,second,phase,target,active,sent,completed,errors"),
          load.get(0));
      // 30 s of load, one row per second
      assertTrue(
          load.size() - 1 >= 28 && load.size() - 1 <= 32, rep + ": " + (load.size() - 1) + " rows");
      long completed = 0;
      long errors = 0;
      for (String row : load.subList(1, load.size())) {
        String[] c = row.split(",");
        completed += Long.parseLong(c[6]);
        errors += Long.parseLong(c[7]);
      }
      assertTrue(completed > 1000, rep + " completed " + completed);
      assertEquals(0, errors, rep);
      List<String> nodes = Files.readAllLines(run.resolve("nodes.csv"));
      assertTrue(
          nodes.size() - 1 >= 25, rep + ": one node sample a second, got " + (nodes.size() - 1));
      assertTrue(nodes.get(1).contains(",localhost,local,"), nodes.get(1));
      String events = Files.readString(run.resolve("events.jsonl"));
      assertTrue(
          events.contains("\"phase\":\"ramp\"") && events.contains("\"phase\":\"hold\""), events);
      assertTrue(Files.size(run.resolve("latency.hlog")) > 0);
    }
    String html = Files.readString(out.resolve("report.html"));
    assertTrue(html.contains("<svg"), "charts");
    assertTrue(!html.contains("PARTIAL RUN"));
  }
}
