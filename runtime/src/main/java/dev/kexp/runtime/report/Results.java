package dev.kexp.runtime.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;

/**
 * A kexp results directory as loaded from disk. Loading never fails on missing or damaged data
 * files, because a killed or still-running experiment leaves them that way; what was skipped is
 * recorded in {@link #warnings()} so the report can say so.
 */
public record Results(Path dir, Manifest manifest, List<Run> runs, List<String> warnings) {

  public Results {
    runs = List.copyOf(runs);
    warnings = List.copyOf(warnings);
  }

  /** manifest.json. {@code present} is false when the file was missing or unreadable. */
  public record Manifest(
      boolean present,
      String kexp,
      String java,
      String os,
      String experiment,
      String file,
      String started,
      String ended,
      String status,
      List<RunRef> runs,
      String samplerOverhead) {
    public Manifest {
      runs = List.copyOf(runs);
    }

    public boolean complete() {
      return "complete".equals(status);
    }
  }

  /** One entry of the manifest's run list. */
  public record RunRef(String id, String cell, int repetition, String status, String dir) {}

  /**
   * One line of events.jsonl; {@code numbers} holds its other numeric fields (a breakpoint's
   * second, target and rps).
   */
  public record Event(
      long epochMs, String event, String phase, int index, Map<String, Double> numbers) {
    public Event {
      numbers = Map.copyOf(numbers);
    }

    public Event(long epochMs, String event, String phase, int index) {
      this(epochMs, event, phase, index, Map.of());
    }

    public double number(String field) {
      return numbers.getOrDefault(field, Double.NaN);
    }
  }

  /** One line of replicas.csv, written by the Kubernetes steps: a deployment's replica counts. */
  public record ReplicaRow(
      long epochMs, String namespace, String name, double desired, double ready) {}

  /** One series of prometheus.jsonl: a named query's labels and its points. */
  public record PromSeries(String query, String labels, List<Long> times, List<Double> values) {
    public PromSeries {
      times = List.copyOf(times);
      values = List.copyOf(values);
    }
  }

  /** One line (one second of load) of load.csv. */
  public record LoadRow(
      long epochMs,
      long second,
      String phase,
      double target,
      double active,
      double sent,
      double completed,
      double errors,
      double dropped,
      double rps,
      double p50Ms,
      double p90Ms,
      double p99Ms,
      double p999Ms,
      double maxMs) {}

  /** One sample of one node from nodes.csv. */
  public record NodeRow(
      long epochMs,
      String node,
      String role,
      double cpuPct,
      double memPct,
      double diskReadBps,
      double diskWriteBps,
      double diskUtilPct,
      double netRxBps,
      double netTxBps) {}

  /**
   * One run's data. {@code dirPresent} is false when the manifest lists a run whose directory does
   * not exist (it never started).
   */
  public record Run(
      RunRef ref,
      boolean dirPresent,
      List<Event> events,
      List<LoadRow> load,
      List<NodeRow> nodes,
      List<ReplicaRow> replicas,
      List<PromSeries> prometheus,
      Histogram latency) {
    public Run {
      events = List.copyOf(events);
      load = List.copyOf(load);
      nodes = List.copyOf(nodes);
      replicas = List.copyOf(replicas);
      prometheus = List.copyOf(prometheus);
    }

    public Run(
        RunRef ref,
        boolean dirPresent,
        List<Event> events,
        List<LoadRow> load,
        List<NodeRow> nodes) {
      this(ref, dirPresent, events, load, nodes, List.of(), List.of(), null);
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern REP_DIR = Pattern.compile("rep-(\\d+)");

  /** Loads {@code dir}; never throws for missing or damaged files inside it. */
  public static Results load(Path dir) throws IOException {
    List<String> warnings = new ArrayList<>();
    Manifest manifest = loadManifest(dir, warnings);
    List<RunRef> refs = manifest.present() ? manifest.runs() : discoverRuns(dir);
    List<Run> runs = new ArrayList<>();
    for (RunRef ref : refs) {
      runs.add(loadRun(dir, ref, warnings));
    }
    return new Results(dir, manifest, runs, warnings);
  }

  private static Manifest loadManifest(Path dir, List<String> warnings) {
    Path file = dir.resolve("manifest.json");
    if (!Files.isRegularFile(file)) {
      warnings.add("manifest.json is missing; runs were found by scanning runs/");
      return absentManifest();
    }
    JsonNode root;
    try {
      root = JSON.readTree(file.toFile());
    } catch (IOException e) {
      warnings.add(
          "manifest.json could not be parsed ("
              + e.getMessage()
              + "); runs were found by scanning runs/");
      return absentManifest();
    }
    if (root == null || !root.isObject()) {
      warnings.add("manifest.json is not a JSON object; runs were found by scanning runs/");
      return absentManifest();
    }
    List<RunRef> runs = new ArrayList<>();
    for (JsonNode r : root.path("runs")) {
      String id = text(r, "id");
      String cell = text(r, "cell");
      String runDir = text(r, "dir");
      if (runDir == null && cell != null) {
        runDir = "runs/" + cell + "/rep-" + String.format("%02d", r.path("repetition").asInt());
      }
      runs.add(
          new RunRef(
              id != null ? id : runDir,
              cell != null ? cell : "default",
              r.path("repetition").asInt(runs.size() + 1),
              text(r, "status"),
              runDir));
    }
    return new Manifest(
        true,
        text(root, "kexp"),
        text(root, "java"),
        text(root, "os"),
        text(root, "experiment"),
        text(root, "file"),
        text(root, "started"),
        text(root, "ended"),
        text(root, "status"),
        runs,
        samplerOverhead(root));
  }

  /**
   * The node sampler's cost as the runs measured it, in one sentence for the report; null when no
   * run recorded it (sampling off, or results of an older kexp).
   */
  static String samplerOverhead(JsonNode root) {
    int runs = 0;
    double maxShare = 0;
    double roundMs = 0;
    for (JsonNode r : root.path("runs")) {
      JsonNode o = r.get("sampler_overhead");
      if (o == null || !o.has("cpu_share_of_one_core_pct")) continue;
      runs++;
      maxShare = Math.max(maxShare, o.path("cpu_share_of_one_core_pct").asDouble());
      roundMs += o.path("mean_round_ms").asDouble();
    }
    if (runs == 0) return null;
    return String.format(
        java.util.Locale.ROOT,
        "Node sampling cost %.2f ms per round on average and at most %.3f %% of one CPU core"
            + " (measured in %d run%s).",
        roundMs / runs,
        maxShare,
        runs,
        runs == 1 ? "" : "s");
  }

  private static Manifest absentManifest() {
    return new Manifest(false, null, null, null, null, null, null, null, null, List.of(), null);
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static List<RunRef> discoverRuns(Path dir) throws IOException {
    Path runsDir = dir.resolve("runs");
    List<RunRef> refs = new ArrayList<>();
    if (!Files.isDirectory(runsDir)) {
      return refs;
    }
    try (Stream<Path> cells = Files.list(runsDir)) {
      for (Path cellDir : cells.filter(Files::isDirectory).sorted().toList()) {
        String cell = cellDir.getFileName().toString();
        try (Stream<Path> reps = Files.list(cellDir)) {
          for (Path repDir : reps.filter(Files::isDirectory).sorted().toList()) {
            String name = repDir.getFileName().toString();
            Matcher m = REP_DIR.matcher(name);
            int repetition = m.matches() ? Integer.parseInt(m.group(1)) : 0;
            refs.add(
                new RunRef(cell + "/" + name, cell, repetition, null, "runs/" + cell + "/" + name));
          }
        }
      }
    }
    refs.sort(Comparator.comparing(RunRef::cell).thenComparingInt(RunRef::repetition));
    return refs;
  }

  private static Run loadRun(Path dir, RunRef ref, List<String> warnings) throws IOException {
    // Absolute on both sides: "kexp report ." normalises "." to the empty path, which no run
    // directory starts with.
    Path base = dir.toAbsolutePath().normalize();
    Path runDir = ref.dir() == null ? null : base.resolve(ref.dir()).normalize();
    // A manifest entry pointing outside the results directory is not read: the report only
    // describes this directory.
    if (runDir == null || !runDir.startsWith(base) || !Files.isDirectory(runDir)) {
      warnings.add(ref.id() + ": run directory is missing");
      return new Run(ref, false, List.of(), List.of(), List.of());
    }
    return new Run(
        ref,
        true,
        readEvents(runDir.resolve("events.jsonl"), ref.id(), warnings),
        readLoad(runDir.resolve("load.csv"), ref.id(), warnings),
        readNodes(runDir.resolve("nodes.csv"), ref.id(), warnings),
        readReplicas(runDir.resolve("replicas.csv"), ref.id(), warnings),
        readPrometheus(runDir.resolve("prometheus.jsonl"), ref.id(), warnings),
        readLatency(runDir.resolve("latency.hlog"), ref.id(), warnings));
  }

  /**
   * Complete lines of a file that may still be being appended to. A last line without its newline
   * was cut off mid-write, so it is dropped rather than parsed into a wrong value.
   */
  static List<String> completeLines(Path file, String runId, List<String> warnings)
      throws IOException {
    if (!Files.isRegularFile(file)) {
      return List.of();
    }
    String content = Files.readString(file, StandardCharsets.UTF_8);
    List<String> lines = new ArrayList<>(List.of(content.split("\n", -1)));
    String last = lines.remove(lines.size() - 1);
    if (!last.isBlank()) {
      warnings.add(runId + ": " + file.getFileName() + ": incomplete last line skipped");
    }
    List<String> result = new ArrayList<>(lines.size());
    for (String line : lines) {
      String trimmed = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
      if (!trimmed.isBlank()) {
        result.add(trimmed);
      }
    }
    return result;
  }

  private static List<Event> readEvents(Path file, String runId, List<String> warnings)
      throws IOException {
    List<Event> events = new ArrayList<>();
    int bad = 0;
    for (String line : completeLines(file, runId, warnings)) {
      try {
        JsonNode n = JSON.readTree(line);
        if (n == null || !n.has("epoch_ms") || !n.has("event")) {
          bad++;
          continue;
        }
        Map<String, Double> numbers = new HashMap<>();
        n.fields()
            .forEachRemaining(
                f -> {
                  if (f.getValue().isNumber()) numbers.put(f.getKey(), f.getValue().asDouble());
                });
        events.add(
            new Event(
                n.get("epoch_ms").asLong(),
                n.get("event").asText(),
                text(n, "phase"),
                n.path("index").asInt(-1),
                numbers));
      } catch (IOException e) {
        bad++;
      }
    }
    if (bad > 0) {
      warnings.add(runId + ": events.jsonl: " + bad + " malformed line(s) skipped");
    }
    return events;
  }

  /** Header-addressed CSV rows; rows with the wrong number of fields are skipped and counted. */
  private record CsvTable(Map<String, Integer> columns, List<String[]> rows) {
    String str(String[] row, String column) {
      Integer i = columns.get(column);
      return i == null ? "" : row[i].trim();
    }

    double num(String[] row, String column) {
      String s = str(row, column);
      return s.isEmpty() ? Double.NaN : Double.parseDouble(s);
    }

    long integer(String[] row, String column) {
      double v = num(row, column);
      if (Double.isNaN(v)) {
        throw new NumberFormatException("empty " + column);
      }
      return (long) v;
    }
  }

  private static CsvTable readCsv(Path file, String runId, List<String> warnings)
      throws IOException {
    List<String> lines = completeLines(file, runId, warnings);
    if (lines.isEmpty()) {
      return new CsvTable(Map.of(), List.of());
    }
    String[] header = lines.get(0).split(",", -1);
    Map<String, Integer> columns = new HashMap<>();
    for (int i = 0; i < header.length; i++) {
      columns.put(header[i].trim(), i);
    }
    List<String[]> rows = new ArrayList<>();
    int bad = 0;
    for (String line : lines.subList(1, lines.size())) {
      String[] fields = line.split(",", -1);
      if (fields.length != header.length) {
        bad++;
      } else {
        rows.add(fields);
      }
    }
    if (bad > 0) {
      warnings.add(runId + ": " + file.getFileName() + ": " + bad + " malformed row(s) skipped");
    }
    return new CsvTable(columns, rows);
  }

  private static List<LoadRow> readLoad(Path file, String runId, List<String> warnings)
      throws IOException {
    CsvTable t = readCsv(file, runId, warnings);
    List<LoadRow> rows = new ArrayList<>();
    int bad = 0;
    for (String[] r : t.rows()) {
      try {
        rows.add(
            new LoadRow(
                t.integer(r, "epoch_ms"),
                t.integer(r, "second"),
                t.str(r, "phase"),
                t.num(r, "target"),
                t.num(r, "active"),
                t.num(r, "sent"),
                t.num(r, "completed"),
                t.num(r, "errors"),
                t.num(r, "dropped"),
                t.num(r, "rps"),
                t.num(r, "p50_ms"),
                t.num(r, "p90_ms"),
                t.num(r, "p99_ms"),
                t.num(r, "p999_ms"),
                t.num(r, "max_ms")));
      } catch (NumberFormatException e) {
        bad++;
      }
    }
    if (bad > 0) {
      warnings.add(runId + ": load.csv: " + bad + " row(s) with unreadable numbers skipped");
    }
    return rows;
  }

  private static List<ReplicaRow> readReplicas(Path file, String runId, List<String> warnings)
      throws IOException {
    CsvTable t = readCsv(file, runId, warnings);
    List<ReplicaRow> rows = new ArrayList<>();
    int bad = 0;
    for (String[] r : t.rows()) {
      try {
        rows.add(
            new ReplicaRow(
                t.integer(r, "epoch_ms"),
                t.str(r, "namespace"),
                t.str(r, "name"),
                t.num(r, "desired"),
                t.num(r, "ready")));
      } catch (NumberFormatException e) {
        bad++;
      }
    }
    if (bad > 0) {
      warnings.add(runId + ": replicas.csv: " + bad + " row(s) with unreadable numbers skipped");
    }
    return rows;
  }

  private static List<PromSeries> readPrometheus(Path file, String runId, List<String> warnings)
      throws IOException {
    List<PromSeries> out = new ArrayList<>();
    int bad = 0;
    for (String line : completeLines(file, runId, warnings)) {
      try {
        JsonNode n = JSON.readTree(line);
        List<String> labels = new ArrayList<>();
        n.path("labels")
            .fields()
            .forEachRemaining(f -> labels.add(f.getKey() + "=" + f.getValue().asText()));
        List<Long> times = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        for (JsonNode v : n.path("values")) {
          times.add(v.get(0).asLong());
          // NaN and infinities were written as strings; they are not plotted.
          values.add(v.get(1).isNumber() ? v.get(1).asDouble() : Double.NaN);
        }
        out.add(new PromSeries(n.path("query").asText(), String.join(",", labels), times, values));
      } catch (IOException | RuntimeException e) {
        bad++;
      }
    }
    if (bad > 0) {
      warnings.add(runId + ": prometheus.jsonl: " + bad + " malformed line(s) skipped");
    }
    return out;
  }

  /**
   * All intervals of latency.hlog merged into one histogram (microseconds), so percentiles are over
   * every request rather than an average of per-second percentiles. A log cut off by a kill keeps
   * the intervals before the cut.
   */
  private static Histogram readLatency(Path file, String runId, List<String> warnings) {
    if (!Files.isRegularFile(file)) {
      return null;
    }
    Histogram all = new Histogram(3);
    try (HistogramLogReader reader = new HistogramLogReader(file.toFile())) {
      EncodableHistogram h;
      while ((h = reader.nextIntervalHistogram()) != null) {
        if (h instanceof Histogram interval) all.add(interval);
      }
    } catch (IOException | RuntimeException e) {
      warnings.add(runId + ": latency.hlog: read up to a damaged interval (" + e + ")");
    }
    return all.getTotalCount() == 0 ? null : all;
  }

  private static List<NodeRow> readNodes(Path file, String runId, List<String> warnings)
      throws IOException {
    CsvTable t = readCsv(file, runId, warnings);
    List<NodeRow> rows = new ArrayList<>();
    int bad = 0;
    for (String[] r : t.rows()) {
      try {
        rows.add(
            new NodeRow(
                t.integer(r, "epoch_ms"),
                t.str(r, "node"),
                t.str(r, "role"),
                t.num(r, "cpu_pct"),
                t.num(r, "mem_pct"),
                t.num(r, "disk_read_bps"),
                t.num(r, "disk_write_bps"),
                t.num(r, "disk_util_pct"),
                t.num(r, "net_rx_bps"),
                t.num(r, "net_tx_bps")));
      } catch (NumberFormatException e) {
        bad++;
      }
    }
    if (bad > 0) {
      warnings.add(runId + ": nodes.csv: " + bad + " row(s) with unreadable numbers skipped");
    }
    return rows;
  }
}
