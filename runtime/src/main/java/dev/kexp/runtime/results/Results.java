package dev.kexp.runtime.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
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
public record Results(Path dir, ManifestInfo manifest, List<Run> runs, List<String> warnings) {

  public Results {
    runs = List.copyOf(runs);
    warnings = List.copyOf(warnings);
  }

  /** manifest.json. {@code present} is false when the file was missing or unreadable. */
  public record ManifestInfo(
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
    public ManifestInfo {
      runs = List.copyOf(runs);
    }

    public boolean complete() {
      return "complete".equals(status);
    }
  }

  /** One entry of the manifest's run list. */
  public record RunRef(String id, String cell, int repetition, String status, String dir) {}

  /**
   * One run's data. {@code dirPresent} is false when the manifest lists a run whose directory does
   * not exist (it never started).
   */
  public record Run(
      RunRef ref,
      boolean dirPresent,
      List<EventsFile.Row> events,
      List<LoadSeriesFile.Row> load,
      List<NodeSamplesFile.Row> nodes,
      List<ReplicasFile.Row> replicas,
      List<PrometheusFile.Row> prometheus,
      List<KubeEventsFile.Row> kubeEvents,
      Histogram latency) {
    public Run {
      events = List.copyOf(events);
      load = List.copyOf(load);
      nodes = List.copyOf(nodes);
      replicas = List.copyOf(replicas);
      prometheus = List.copyOf(prometheus);
      kubeEvents = List.copyOf(kubeEvents);
    }

    public Run(
        RunRef ref,
        boolean dirPresent,
        List<EventsFile.Row> events,
        List<LoadSeriesFile.Row> load,
        List<NodeSamplesFile.Row> nodes) {
      this(ref, dirPresent, events, load, nodes, List.of(), List.of(), List.of(), null);
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern REP_DIR = Pattern.compile("rep-(\\d+)");

  /** Loads {@code dir}; never throws for missing or damaged files inside it. */
  public static Results load(Path dir) throws IOException {
    List<String> warnings = new ArrayList<>();
    ManifestInfo manifest = loadManifest(dir, warnings);
    List<RunRef> refs = manifest.present() ? manifest.runs() : discoverRuns(dir);
    // Runs are independent files: read them in parallel (a paper-sized directory has 40 runs and
    // 14 MB of CSV), keeping the manifest's order of runs and of their warnings.
    List<List<String>> runWarnings = new ArrayList<>();
    refs.forEach(r -> runWarnings.add(new ArrayList<>()));
    Run[] runs = new Run[refs.size()];
    try {
      java.util.stream.IntStream.range(0, refs.size())
          .parallel()
          .forEach(
              i -> {
                try {
                  runs[i] = loadRun(dir, refs.get(i), runWarnings.get(i));
                } catch (IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              });
    } catch (java.io.UncheckedIOException e) {
      throw e.getCause();
    }
    runWarnings.forEach(warnings::addAll);
    return new Results(dir, manifest, List.of(runs), warnings);
  }

  private static ManifestInfo loadManifest(Path dir, List<String> warnings) {
    Path file = dir.resolve(Manifest.FILE);
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
    return new ManifestInfo(
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

  private static ManifestInfo absentManifest() {
    return new ManifestInfo(false, null, null, null, null, null, null, null, null, List.of(), null);
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
        readEvents(runDir.resolve(EventsFile.FILE), ref.id(), warnings),
        readCsv(runDir.resolve(LoadSeriesFile.CSV), LoadSeriesFile::parse, ref.id(), warnings),
        readCsv(runDir.resolve(NodeSamplesFile.FILE), NodeSamplesFile::parse, ref.id(), warnings),
        readCsv(runDir.resolve(ReplicasFile.FILE), ReplicasFile::parse, ref.id(), warnings),
        readPrometheus(runDir.resolve(PrometheusFile.FILE), ref.id(), warnings),
        readKubeEvents(runDir.resolve(KubeEventsFile.FILE), ref.id(), warnings),
        readLatency(runDir.resolve(LoadSeriesFile.HLOG), ref.id(), warnings));
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

  private static List<EventsFile.Row> readEvents(Path file, String runId, List<String> warnings)
      throws IOException {
    List<EventsFile.Row> events = new ArrayList<>();
    int bad = 0;
    for (String line : completeLines(file, runId, warnings)) {
      try {
        EventsFile.Row row = EventsFile.parse(JSON.readTree(line));
        if (row == null) {
          bad++;
        } else {
          events.add(row);
        }
      } catch (IOException e) {
        bad++;
      }
    }
    if (bad > 0) {
      warnings.add(runId + ": " + file.getFileName() + ": " + bad + " malformed line(s) skipped");
    }
    return events;
  }

  /** How a results file's row is made from a header-addressed CSV row. */
  private interface RowParser<R> {
    R parse(Csv.Rows table, int row);
  }

  /**
   * The rows of a CSV file with a header. Rows with the wrong number of fields, and rows whose
   * numbers cannot be read, are skipped and counted in a warning; so is a last line cut off
   * mid-write (as {@link #completeLines}).
   */
  private static <R> List<R> readCsv(
      Path file, RowParser<R> parser, String runId, List<String> warnings) throws IOException {
    if (!Files.isRegularFile(file)) {
      return List.of();
    }
    Csv.Rows table = new Csv.Rows(Files.readAllBytes(file));
    String name = file.getFileName().toString();
    if (table.cutOff) {
      warnings.add(runId + ": " + name + ": incomplete last line skipped");
    }
    if (table.malformed > 0) {
      warnings.add(runId + ": " + name + ": " + table.malformed + " malformed row(s) skipped");
    }
    List<R> rows = new ArrayList<>(table.size());
    int unreadable = 0;
    for (int r = 0; r < table.size(); r++) {
      try {
        rows.add(parser.parse(table, r));
      } catch (NumberFormatException e) {
        unreadable++;
      }
    }
    if (unreadable > 0) {
      warnings.add(
          runId + ": " + name + ": " + unreadable + " row(s) with unreadable numbers skipped");
    }
    return rows;
  }

  private static List<PrometheusFile.Row> readPrometheus(
      Path file, String runId, List<String> warnings) throws IOException {
    List<PrometheusFile.Row> out = new ArrayList<>();
    int bad = 0;
    for (String line : completeLines(file, runId, warnings)) {
      try {
        out.add(PrometheusFile.parse(JSON.readTree(line)));
      } catch (IOException | RuntimeException e) {
        bad++;
      }
    }
    if (bad > 0) {
      warnings.add(runId + ": " + file.getFileName() + ": " + bad + " malformed line(s) skipped");
    }
    return out;
  }

  private static List<KubeEventsFile.Row> readKubeEvents(
      Path file, String runId, List<String> warnings) throws IOException {
    List<KubeEventsFile.Row> out = new ArrayList<>();
    int bad = 0;
    for (String line : completeLines(file, runId, warnings)) {
      try {
        KubeEventsFile.Row row = KubeEventsFile.parse(JSON.readTree(line));
        if (row == null) {
          bad++;
        } else {
          out.add(row);
        }
      } catch (IOException | RuntimeException e) {
        bad++;
      }
    }
    if (bad > 0) {
      warnings.add(runId + ": " + file.getFileName() + ": " + bad + " malformed line(s) skipped");
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
      warnings.add(
          runId + ": " + file.getFileName() + ": read up to a damaged interval (" + e + ")");
    }
    return all.getTotalCount() == 0 ? null : all;
  }
}
