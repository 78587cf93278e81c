package dev.kexp.runtime.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kexp.runtime.load.SeriesWriter;
import dev.kexp.runtime.metrics.NodeSampleWriter;
import dev.kexp.runtime.prometheus.PrometheusClient;
import dev.kexp.runtime.prometheus.PrometheusSeriesWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What each writer writes, the reader reads back as the same row record. */
class ResultsRoundTripTest {

  private static final long T0 = 1_800_000_000_000L;

  private static Path runDir(Path results) throws Exception {
    return Files.createDirectories(results.resolve("runs/cell/rep-01"));
  }

  private static Results.Run readBack(Path results) throws Exception {
    Results r = Results.load(results);
    assertEquals(1, r.runs().size());
    // The only warning is the missing manifest: no line was skipped.
    assertEquals(1, r.warnings().size(), r.warnings().toString());
    return r.runs().get(0);
  }

  @Test
  void loadRowsWrittenBySeriesWriterReadBackAsTheSameRows(@TempDir Path results) throws Exception {
    Map<String, Long> errors = Map.of("http_5xx", 2L);
    List<LoadSeriesFile.Row> seconds =
        List.of(
            new LoadSeriesFile.Row(
                T0, 0, "warm,up", 4, 4, 10, 9, 2, 0, 9, 1.234, 2, 3.5, 4, 5, errors),
            new LoadSeriesFile.Row(
                T0 + 1000, 1, "say \"hi\"", 2.5, 3, 12, 12, 0, 1, 12, 1, 1, 1, 1, 1, errors));
    try (SeriesWriter w = new SeriesWriter(runDir(results))) {
      seconds.forEach(w::accept);
    }
    // load.csv holds every column, errors by class as one column per class (0 where none).
    assertEquals(
        seconds.stream().map(ResultsRoundTripTest::asInCsv).toList(), readBack(results).load());
    String jsonl = Files.readString(runDir(results).resolve(LoadSeriesFile.JSONL));
    assertTrue(jsonl.contains("\"errors_by_class\":{\"http_5xx\":2}"), jsonl);
  }

  static LoadSeriesFile.Row asInCsv(LoadSeriesFile.Row r) {
    return new LoadSeriesFile.Row(
        r.epochMs(),
        r.second(),
        r.phase(),
        r.target(),
        r.active(),
        r.sent(),
        r.completed(),
        r.errors(),
        r.dropped(),
        r.rps(),
        r.p50Ms(),
        r.p90Ms(),
        r.p99Ms(),
        r.p999Ms(),
        r.maxMs(),
        everyClass(r.errorsByClass()));
  }

  static Map<String, Long> everyClass(Map<String, Long> errors) {
    Map<String, Long> all = new java.util.LinkedHashMap<>();
    for (dev.kexp.runtime.load.ErrorClass c : dev.kexp.runtime.load.ErrorClass.values()) {
      all.put(c.label(), errors.getOrDefault(c.label(), 0L));
    }
    return all;
  }

  @Test
  void nodeSamplesWrittenByNodeSampleWriterReadBackAsTheSameRows(@TempDir Path results)
      throws Exception {
    List<NodeSamplesFile.Row> samples =
        List.of(
            new NodeSamplesFile.Row(T0, "w1", "worker", 12.346, 50, 1024, 0, 3.5, 1e6, 0.001),
            new NodeSamplesFile.Row(T0 + 1000, "cp,1", "control-plane", 0, 0, 0, 0, 0, 0, 0));
    try (NodeSampleWriter w = new NodeSampleWriter(runDir(results))) {
      samples.forEach(w);
    }
    assertEquals(samples, readBack(results).nodes());
  }

  @Test
  void eventsWrittenByEventLogReadBackWithTheirKindPhaseAndNumbers(@TempDir Path results)
      throws Exception {
    try (EventLog log = EventLog.in(runDir(results))) {
      log.event(Event.PHASE_START, "ramp", 1, Map.of());
      log.event(
          Event.BREAKPOINT,
          "ramp",
          0,
          Map.of(EventsFile.SECOND, 12, EventsFile.TARGET, 40.0, EventsFile.MESSAGE, "x"));
      log.event(Event.PHASE_END, "ramp", 1, Map.of());
    }
    List<EventsFile.Row> events = readBack(results).events();
    assertEquals(3, events.size());
    assertTrue(events.get(0).is(Event.PHASE_START));
    assertEquals("ramp", events.get(0).phase());
    assertEquals(1, events.get(0).index());
    assertTrue(events.get(1).is(Event.BREAKPOINT));
    assertEquals(12, events.get(1).number(EventsFile.SECOND));
    assertEquals(40, events.get(1).number(EventsFile.TARGET));
    assertTrue(events.get(2).is(Event.PHASE_END));
    assertTrue(events.get(0).epochMs() <= events.get(2).epochMs());
  }

  @Test
  void prometheusSeriesWrittenByTheWriterReadBackAsTheSameRows(@TempDir Path results)
      throws Exception {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("pod", "a,b");
    labels.put("instance", "10.0.0.1:9100");
    PrometheusClient.Series series =
        new PrometheusClient.Series(
            labels,
            List.of(
                new PrometheusClient.Point(T0, 1.5),
                new PrometheusClient.Point(T0 + 15_000, Double.NaN)));
    try (PrometheusSeriesWriter w = new PrometheusSeriesWriter(runDir(results))) {
      w.write("http://prom:9090", "cpu", "sum(rate(x[1m]))", series);
    }
    List<PrometheusFile.Row> rows = readBack(results).prometheus();
    assertEquals(
        List.of(PrometheusSeriesWriter.row("http://prom:9090", "cpu", "sum(rate(x[1m]))", series)),
        rows);
    assertEquals("pod=a,b,instance=10.0.0.1:9100", rows.get(0).labelText());
  }

  @Test
  void replicaRowsInTheirOwnFormatReadBackAsTheSameRows(@TempDir Path results) throws Exception {
    List<ReplicasFile.Row> rows =
        List.of(
            new ReplicasFile.Row(T0, "bench", "nginx", 4, 3),
            new ReplicasFile.Row(T0 + 500, "openfaas-fn", "factorial", 1, 1));
    StringBuilder csv = new StringBuilder(ReplicasFile.HEADER).append('\n');
    for (ReplicasFile.Row r : rows) csv.append(ReplicasFile.csvLine(r)).append('\n');
    Files.writeString(runDir(results).resolve(ReplicasFile.FILE), csv, StandardCharsets.UTF_8);
    assertEquals("bench,nginx,4,3", ReplicasFile.csvLine(rows.get(0)).substring(14));
    assertEquals(rows, readBack(results).replicas());
  }

  @Test
  void kubernetesEventsInTheirOwnFormatReadBackAsTheSameRows(@TempDir Path results)
      throws Exception {
    List<KubeEventsFile.Row> rows =
        List.of(
            new KubeEventsFile.Row(
                T0,
                "bench",
                "Pod",
                "nginx-1",
                "Evicted",
                "Warning",
                "The node was low on memory.",
                2,
                "2027-01-15T08:00:00Z",
                "2027-01-15T08:00:05Z",
                "kubelet",
                "w1"),
            new KubeEventsFile.Row(
                T0 + 1, null, null, null, null, null, null, null, null, null, null, null));
    ObjectMapper json = new ObjectMapper();
    StringBuilder lines = new StringBuilder();
    for (KubeEventsFile.Row r : rows) {
      lines.append(json.writeValueAsString(KubeEventsFile.json(r))).append('\n');
    }
    Files.writeString(runDir(results).resolve(KubeEventsFile.FILE), lines);
    assertEquals(rows, readBack(results).kubeEvents());
    assertEquals(KubeEventsFile.FIELDS, List.copyOf(KubeEventsFile.json(rows.get(0)).keySet()));
  }
}
