package dev.kexp.runtime.prometheus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kexp.runtime.cli.KexpCommand;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** query_range against a real Prometheus scraping a real node_exporter on loopback. */
class PrometheusClientTest {
  static final String CPU =
      "100 * (1 - avg by (instance) (rate(node_cpu_seconds_total{mode=\"idle\"}[5s])))";

  @TempDir static Path tmp;
  static LocalPrometheus prometheus;
  static Vertx vertx;
  static Instant started;

  @BeforeAll
  static void start() throws Exception {
    prometheus = LocalPrometheus.start(tmp);
    started = Instant.now();
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() throws Exception {
    if (vertx != null) vertx.close().toCompletionStage().toCompletableFuture().join();
    if (prometheus != null) prometheus.close();
  }

  /** A rate over 5 s needs a few scrapes at 1 s before it has values. */
  static void awaitScrapes() throws InterruptedException {
    long wait = Duration.between(Instant.now(), started.plusSeconds(8)).toMillis();
    if (wait > 0) Thread.sleep(wait);
  }

  @Test
  void cpuSeriesOverTheWindow() throws Exception {
    awaitScrapes();
    Instant end = Instant.now();
    Instant start = end.minusSeconds(6);
    try (PrometheusClient client = new PrometheusClient(vertx, Duration.ofSeconds(10))) {
      List<PrometheusClient.Series> series =
          client.queryRange(prometheus.url, CPU, start, end, Duration.ofSeconds(1));
      assertEquals(1, series.size(), "one node_exporter instance: " + series);
      PrometheusClient.Series s = series.get(0);
      assertTrue(s.labels().get("instance").startsWith("127.0.0.1:"), s.labels().toString());
      // Seven steps from start to end inclusive, minus any before the rate had two scrapes.
      assertTrue(s.points().size() >= 3 && s.points().size() <= 7, s.points().toString());
      for (PrometheusClient.Point p : s.points()) {
        // The whole host's CPU: assert the shape, never the level.
        assertTrue(p.value() >= 0 && p.value() <= 100, "a percentage: " + p);
        assertTrue(
            p.epochMs() >= start.toEpochMilli() - 1 && p.epochMs() <= end.toEpochMilli() + 1,
            "inside the window: " + p);
      }
    }
  }

  @Test
  void aBadQueryAndAnUnreachableServerAreReportedNotThrownAsSomethingElse() throws Exception {
    Instant end = Instant.now();
    try (PrometheusClient client = new PrometheusClient(vertx, Duration.ofSeconds(5))) {
      PrometheusClient.QueryFailed bad =
          assertThrows(
              PrometheusClient.QueryFailed.class,
              () ->
                  client.queryRange(
                      prometheus.url, "rate(", end.minusSeconds(5), end, Duration.ofSeconds(1)));
      assertTrue(bad.getMessage().contains("bad_data"), bad.getMessage());
      String closed = "http://127.0.0.1:" + LocalPrometheus.freePort();
      PrometheusClient.QueryFailed down =
          assertThrows(
              PrometheusClient.QueryFailed.class,
              () ->
                  client.queryRange(closed, CPU, end.minusSeconds(5), end, Duration.ofSeconds(1)));
      assertTrue(down.getMessage().startsWith("cannot reach " + closed), down.getMessage());
    }
  }

  @Test
  void aRunSavesTheSeriesOfEveryQueryAndRecordsAnUnreachableSource() throws Exception {
    awaitScrapes();
    String closed = "http://127.0.0.1:" + LocalPrometheus.freePort();
    Path file = tmp.resolve("prom.kexp");
    Files.writeString(
        file,
        """
        experiment 'prom' {
            cluster { local }
            workload function('factorial', arg: 50)
            metrics {
                nodes every: 1.s
                prometheus '%s', queries: [cpu: '%s', up: 'up']
                prometheus '%s', queries: [gone: 'up']
            }
            phases { hold 2 over 3.s }
        }
        """
            .formatted(prometheus.url, CPU.replace("\"", "\\\""), closed));
    Path out = tmp.resolve("results");
    int exit = KexpCommand.commandLine().execute("run", file.toString(), "-o", out.toString());
    assertEquals(0, exit, "an unreachable Prometheus does not fail the run");
    Path run = out.resolve("runs/prom/rep-01");
    ObjectMapper json = new ObjectMapper();
    List<JsonNode> lines =
        Files.readAllLines(run.resolve("prometheus.jsonl")).stream()
            .map(
                l -> {
                  try {
                    return json.readTree(l);
                  } catch (Exception e) {
                    throw new AssertionError(l, e);
                  }
                })
            .toList();
    assertTrue(lines.stream().anyMatch(l -> l.get("query").asText().equals("cpu")));
    JsonNode up =
        lines.stream().filter(l -> l.get("query").asText().equals("up")).findFirst().orElseThrow();
    assertEquals("node", up.get("labels").get("job").asText());
    assertTrue(up.get("values").size() >= 3, up.toString());
    assertEquals(1.0, up.get("values").get(0).get(1).asDouble());
    assertFalse(lines.stream().anyMatch(l -> l.get("query").asText().equals("gone")));
    String events = Files.readString(run.resolve("events.jsonl"));
    assertTrue(events.contains("\"prometheus-error\"") && events.contains("\"gone\""), events);
    JsonNode manifest = json.readTree(out.resolve("manifest.json").toFile());
    assertEquals("complete", manifest.get("status").asText());
    assertTrue(
        manifest.get("files_sha256").has("runs/prom/rep-01/prometheus.jsonl"), manifest.toString());
  }
}
