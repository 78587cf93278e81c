package dev.kexp.runtime.report;

import dev.kexp.runtime.report.Aggregates.Summary;
import dev.kexp.runtime.results.Event;
import dev.kexp.runtime.results.EventsFile;
import dev.kexp.runtime.results.LoadSeriesFile;
import dev.kexp.runtime.results.NodeSamplesFile;
import dev.kexp.runtime.results.Results;
import dev.kexp.runtime.results.Results.Run;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/** Per-run metrics and their aggregation per cell; everything the report formats print. */
final class Analysis {

  /** A per-run scalar metric. */
  record Metric(String key, String label, String unit) {}

  static final List<Metric> LOAD_METRICS =
      List.of(
          new Metric("peak_rps", "Peak throughput", "req/s"),
          new Metric("mean_rps", "Mean throughput", "req/s"),
          new Metric("peak_ok_rps", "Peak successful throughput (2xx/3xx)", "req/s"),
          new Metric("mean_ok_rps", "Mean successful throughput (2xx/3xx)", "req/s"),
          new Metric("sent", "Requests sent", "requests"),
          new Metric("completed", "Requests completed", "requests"),
          new Metric("errors", "Errors", "requests"),
          new Metric("dropped", "Dropped", "requests"),
          new Metric("error_pct", "Error rate", "%"),
          new Metric("worst_p99_ms", "Worst-second p99", "ms"),
          new Metric("max_latency_ms", "Max latency", "ms"),
          new Metric("p50_ms", "Latency p50 (all requests)", "ms"),
          new Metric("p90_ms", "Latency p90 (all requests)", "ms"),
          new Metric("p99_ms", "Latency p99 (all requests)", "ms"),
          new Metric("p999_ms", "Latency p99.9 (all requests)", "ms"),
          new Metric("breakpoint_s", "Breakpoint time", "s"),
          new Metric("breakpoint_target", "Breakpoint load target", "users or req/s"),
          new Metric("breakpoint_rps", "Throughput at breakpoint", "req/s"));

  /**
   * A per-second series of a cell, charted and written to CSV: its key (file-safe), title, y-axis
   * label and the chart it belongs to (series of one group are drawn together).
   */
  record SeriesDef(String key, String group, String title, String yLabel) {}

  /** A node resource metric, averaged over the samples of one role inside a phase window. */
  record NodeMetric(
      String key, String label, String unit, ToDoubleFunction<NodeSamplesFile.Row> value) {}

  static final List<NodeMetric> NODE_METRICS =
      List.of(
          new NodeMetric("cpu_pct", "CPU", "%", NodeSamplesFile.Row::cpuPct),
          new NodeMetric("mem_pct", "Memory", "%", NodeSamplesFile.Row::memPct),
          new NodeMetric("disk_util_pct", "Disk util.", "%", NodeSamplesFile.Row::diskUtilPct),
          new NodeMetric("disk_write_bps", "Disk write", "B/s", NodeSamplesFile.Row::diskWriteBps));

  static final String DURATION_PREFIX = "phase_duration_s:";

  /** Per load phase: "load:PHASE:peak_rps" and so on, for experiments with several load phases. */
  static final String LOAD_PHASE_PREFIX = "load:";

  static final List<Metric> LOAD_PHASE_METRICS =
      List.of(
          new Metric("peak_rps", "Peak throughput", "req/s"),
          new Metric("errors", "Errors", "requests"),
          new Metric("worst_p99_ms", "Worst-second p99", "ms"));

  /** A phase window from events.jsonl; {@code endMs} is null if the phase never ended. */
  record Phase(String name, int index, long startMs, Long endMs) {
    double durationS() {
      return endMs == null ? Double.NaN : (endMs - startMs) / 1000.0;
    }

    boolean contains(long epochMs) {
      return epochMs >= startMs && (endMs == null || epochMs < endMs);
    }
  }

  record PhaseRole(String phase, String role) {}

  /** Metrics of one run. Maps keep report order. */
  record RunAnalysis(
      Run run,
      long startMs,
      List<Phase> phases,
      Map<String, Double> metrics,
      Map<PhaseRole, Map<String, Summary>> phaseStats) {}

  /** Per-second value across repetitions: x in seconds since run start. */
  record Point(long second, Summary summary) {}

  record Series(String name, List<Point> points) {}

  record CellAnalysis(
      String cell,
      List<RunAnalysis> runs,
      Map<String, Summary> metrics,
      Map<PhaseRole, Map<String, Summary>> phaseStats,
      List<Point> rps,
      List<Point> p99,
      Map<String, List<Point>> cpuByRole,
      Map<SeriesDef, List<Point>> series,
      List<Double> breakpoints) {}

  /**
   * Everything the report formats print. {@code timeZero} says what second 0 of the time charts is;
   * {@code phaseMarks} are the phases' starts on that axis, with their spread across runs.
   */
  record ReportData(
      Results results,
      List<CellAnalysis> cells,
      List<String> roles,
      List<Timeline.PhaseMark> phaseMarks,
      String timeZero,
      ReportOptions options) {

    /** The phases' mean starts, as vertical markers of a chart. */
    List<SvgChart.Marker> phaseMarkers() {
      return phaseMarks.stream().map(m -> new SvgChart.Marker(m.mean(), m.label())).toList();
    }
  }

  /** Whether two cells differ in a per-run metric, over their repetitions. */
  record CellComparison(String first, String second, String metric, Significance.Comparison test) {}

  private Analysis() {}

  /**
   * Every pair of cells × every per-run metric that both have: Welch's t, Mann-Whitney U and effect
   * sizes over the repetitions. Cells are compared in report order, each with every later one.
   */
  static List<CellComparison> significance(List<CellAnalysis> cells) {
    List<CellComparison> out = new ArrayList<>();
    for (int i = 0; i < cells.size(); i++) {
      for (int j = i + 1; j < cells.size(); j++) {
        CellAnalysis a = cells.get(i);
        CellAnalysis b = cells.get(j);
        for (String metric : a.metrics().keySet()) {
          if (!b.metrics().containsKey(metric)) continue;
          out.add(
              new CellComparison(
                  a.cell(),
                  b.cell(),
                  metric,
                  Significance.compare(values(a, metric), values(b, metric))));
        }
      }
    }
    return out;
  }

  /** The per-run values of a metric in a cell; runs without it are absent (NaN). */
  static List<Double> values(CellAnalysis c, String metric) {
    return c.runs().stream().map(r -> r.metrics().getOrDefault(metric, Double.NaN)).toList();
  }

  static ReportData analyse(Results results) {
    return analyse(results, ReportOptions.DEFAULTS);
  }

  static ReportData analyse(Results results, ReportOptions options) {
    Map<String, List<Run>> byCell = new LinkedHashMap<>();
    for (Run run : results.runs()) {
      byCell.computeIfAbsent(run.ref().cell(), c -> new ArrayList<>()).add(run);
    }
    // Runs, then cells, are independent: analysed in parallel (parallel streams keep the order).
    List<Map.Entry<String, List<Run>>> entries = List.copyOf(byCell.entrySet());
    List<CellAnalysis> cells =
        entries.parallelStream()
            .map(
                e ->
                    aggregate(
                        e.getKey(),
                        e.getValue().parallelStream()
                            .map(r -> analyseRun(r, options.align()))
                            .toList()))
            .toList();
    Set<String> roles = new LinkedHashSet<>();
    for (CellAnalysis cell : cells) {
      cell.phaseStats().keySet().forEach(pr -> roles.add(pr.role()));
      roles.addAll(cell.cpuByRole().keySet());
    }
    List<RunAnalysis> all = cells.stream().flatMap(c -> c.runs().stream()).toList();
    return new ReportData(
        results,
        cells,
        sortRoles(roles),
        Timeline.marks(all),
        Timeline.describe(all, options.align()),
        options);
  }

  private static final List<String> ROLE_ORDER = List.of("master", "worker", "loader", "local");

  static List<String> sortRoles(Set<String> roles) {
    return roles.stream()
        .sorted(
            Comparator.comparingInt(
                    (String r) ->
                        ROLE_ORDER.contains(r) ? ROLE_ORDER.indexOf(r) : ROLE_ORDER.size())
                .thenComparing(r -> r))
        .toList();
  }

  static RunAnalysis analyseRun(Run run) {
    return analyseRun(run, null);
  }

  static RunAnalysis analyseRun(Run run, String align) {
    List<Phase> phases = phases(run.events());
    long start = Timeline.zero(run, phases, align);
    Map<String, Double> metrics = new LinkedHashMap<>();
    if (!run.load().isEmpty()) {
      List<LoadSeriesFile.Row> load = run.load();
      metrics.put("peak_rps", max(load, LoadSeriesFile.Row::rps));
      metrics.put("mean_rps", mean(load, LoadSeriesFile.Row::rps));
      metrics.put("peak_ok_rps", max(load, Rates::successful));
      metrics.put("mean_ok_rps", mean(load, Rates::successful));
      // Each load.csv row counts the requests of one second, so totals are sums.
      double sent = sum(load, LoadSeriesFile.Row::sent);
      double errors = sum(load, LoadSeriesFile.Row::errors);
      metrics.put("sent", sent);
      metrics.put("completed", sum(load, LoadSeriesFile.Row::completed));
      metrics.put("errors", errors);
      metrics.put("dropped", sum(load, LoadSeriesFile.Row::dropped));
      metrics.put("error_pct", sent > 0 ? 100.0 * errors / sent : Double.NaN);
      metrics.put("worst_p99_ms", max(load, LoadSeriesFile.Row::p99Ms));
      metrics.put("max_latency_ms", max(load, LoadSeriesFile.Row::maxMs));
      metrics.putAll(LoadLevels.metrics(load));
    }
    if (run.latency() != null) {
      // latency.hlog is in microseconds
      metrics.put("p50_ms", run.latency().getValueAtPercentile(50) / 1000.0);
      metrics.put("p90_ms", run.latency().getValueAtPercentile(90) / 1000.0);
      metrics.put("p99_ms", run.latency().getValueAtPercentile(99) / 1000.0);
      metrics.put("p999_ms", run.latency().getValueAtPercentile(99.9) / 1000.0);
    }
    double breakpoint = breakpointSecond(run, phases, start);
    if (Double.isFinite(breakpoint)) {
      EventsFile.Row b = firstBreakpoint(run);
      metrics.put("breakpoint_s", breakpoint);
      metrics.put("breakpoint_target", b.number(EventsFile.TARGET));
      metrics.put("breakpoint_rps", b.number(EventsFile.RPS));
    }
    Map<String, Integer> seen = new HashMap<>();
    for (Phase p : phases) {
      metrics.put(DURATION_PREFIX + phaseLabel(p, seen), p.durationS());
    }
    seen.clear();
    // Only when a run has several load phases: with one, these equal the run's own load metrics.
    long loadPhases =
        phases.stream()
            .filter(p -> run.load().stream().anyMatch(l -> p.contains(l.epochMs())))
            .count();
    for (Phase p : phases) {
      String label = phaseLabel(p, seen);
      List<LoadSeriesFile.Row> rows =
          run.load().stream().filter(l -> p.contains(l.epochMs())).toList();
      if (loadPhases < 2 || rows.isEmpty()) continue;
      metrics.put(LOAD_PHASE_PREFIX + label + ":peak_rps", max(rows, LoadSeriesFile.Row::rps));
      metrics.put(LOAD_PHASE_PREFIX + label + ":errors", sum(rows, LoadSeriesFile.Row::errors));
      metrics.put(
          LOAD_PHASE_PREFIX + label + ":worst_p99_ms", max(rows, LoadSeriesFile.Row::p99Ms));
    }
    seen.clear();
    Map<PhaseRole, Map<String, Summary>> phaseStats = new LinkedHashMap<>();
    for (Phase p : phases) {
      String label = phaseLabel(p, seen);
      Map<String, List<NodeSamplesFile.Row>> byRole = new TreeMap<>();
      for (NodeSamplesFile.Row n : run.nodes()) {
        if (p.contains(n.epochMs())) {
          byRole.computeIfAbsent(n.role(), r -> new ArrayList<>()).add(n);
        }
      }
      for (String role : sortRoles(byRole.keySet())) {
        Map<String, Summary> stats = new LinkedHashMap<>();
        for (NodeMetric m : NODE_METRICS) {
          stats.put(
              m.key(),
              Aggregates.of(byRole.get(role).stream().map(m.value()::applyAsDouble).toList()));
        }
        phaseStats.put(new PhaseRole(label, role), stats);
      }
    }
    return new RunAnalysis(run, start, phases, metrics, phaseStats);
  }

  private static EventsFile.Row firstBreakpoint(Run run) {
    return run.events().stream()
        .filter(e -> e.is(Event.BREAKPOINT))
        .min(Comparator.comparingLong(EventsFile.Row::epochMs))
        .orElse(null);
  }

  /**
   * Seconds from the run's start to its first breakpoint. The event is logged when its load phase
   * ends and carries the second within that phase, so it is placed from the start of the latest
   * phase of that name that began before the event.
   */
  static double breakpointSecond(Run run, List<Phase> phases, long runStartMs) {
    EventsFile.Row b = firstBreakpoint(run);
    if (b == null || !Double.isFinite(b.number(EventsFile.SECOND))) return Double.NaN;
    Phase in = null;
    for (Phase p : phases) {
      if (p.name().equals(b.phase()) && p.startMs() <= b.epochMs()) in = p;
    }
    long base = in != null ? in.startMs() : runStartMs;
    return (base - runStartMs) / 1000.0 + b.number(EventsFile.SECOND);
  }

  /** The labels of a run's phases in order, as the phase keys of metrics and phase stats. */
  static List<String> phaseLabels(List<Phase> phases) {
    Map<String, Integer> seen = new HashMap<>();
    return phases.stream().map(p -> phaseLabel(p, seen)).toList();
  }

  /** A phase that occurs more than once in a run is told apart by its occurrence number. */
  private static String phaseLabel(Phase p, Map<String, Integer> seen) {
    int occurrence = seen.merge(p.name(), 1, Integer::sum);
    return occurrence == 1 ? p.name() : p.name() + " #" + occurrence;
  }

  /** Pairs phase-start with the next phase-end of the same phase and index. */
  static List<Phase> phases(List<EventsFile.Row> events) {
    List<Phase> phases = new ArrayList<>();
    List<EventsFile.Row> sorted =
        events.stream().sorted(Comparator.comparingLong(EventsFile.Row::epochMs)).toList();
    for (int i = 0; i < sorted.size(); i++) {
      EventsFile.Row s = sorted.get(i);
      if (!s.is(Event.PHASE_START) || s.phase() == null) {
        continue;
      }
      Long end = null;
      for (int j = i + 1; j < sorted.size(); j++) {
        EventsFile.Row e = sorted.get(j);
        if (e.is(Event.PHASE_END) && s.phase().equals(e.phase()) && s.index() == e.index()) {
          end = e.epochMs();
          break;
        }
      }
      phases.add(new Phase(s.phase(), s.index(), s.epochMs(), end));
    }
    return phases;
  }

  static CellAnalysis aggregate(String cell, List<RunAnalysis> runs) {
    Set<String> metricKeys = new LinkedHashSet<>();
    LOAD_METRICS.forEach(m -> metricKeys.add(m.key()));
    runs.forEach(r -> metricKeys.addAll(r.metrics().keySet()));
    Map<String, Summary> metrics = new LinkedHashMap<>();
    for (String key : metricKeys) {
      List<Double> values = new ArrayList<>();
      for (RunAnalysis r : runs) {
        values.add(r.metrics().getOrDefault(key, Double.NaN));
      }
      Summary s = Aggregates.of(values);
      if (s.n() > 0) {
        metrics.put(key, s);
      }
    }

    // Across runs, the observation is each run's mean for the phase and role.
    Set<PhaseRole> keys = new LinkedHashSet<>();
    runs.forEach(r -> keys.addAll(r.phaseStats().keySet()));
    Map<PhaseRole, Map<String, Summary>> phaseStats = new LinkedHashMap<>();
    for (PhaseRole key : orderPhaseRoles(keys)) {
      Map<String, Summary> stats = new LinkedHashMap<>();
      for (NodeMetric m : NODE_METRICS) {
        List<Double> values = new ArrayList<>();
        for (RunAnalysis r : runs) {
          Map<String, Summary> s = r.phaseStats().get(key);
          values.add(s == null ? Double.NaN : s.get(m.key()).mean());
        }
        stats.put(m.key(), Aggregates.of(values));
      }
      phaseStats.put(key, stats);
    }

    List<Point> rps =
        perSecond(runs, (r, out) -> r.run().load().forEach(l -> out.add(l.epochMs(), l.rps())));
    List<Point> p99 =
        perSecond(runs, (r, out) -> r.run().load().forEach(l -> out.add(l.epochMs(), l.p99Ms())));
    Set<String> roles = new LinkedHashSet<>();
    runs.forEach(r -> r.run().nodes().forEach(n -> roles.add(n.role())));
    Map<String, List<Point>> cpuByRole = new LinkedHashMap<>();
    for (String role : sortRoles(roles)) {
      cpuByRole.put(
          role,
          perSecond(
              runs,
              (r, out) ->
                  r.run().nodes().stream()
                      .filter(n -> role.equals(n.role()))
                      .forEach(n -> out.add(n.epochMs(), n.cpuPct()))));
    }
    Map<SeriesDef, List<Point>> series = new LinkedHashMap<>();
    if (!rps.isEmpty()) {
      series.put(new SeriesDef("rps", "rps", "Requests per second", "req/s"), rps);
      loadSeries(
          series,
          runs,
          "ok_rps",
          "Successful requests per second (2xx/3xx)",
          "req/s",
          Rates::successful);
      loadSeries(
          series, runs, "users", "Users (active) over time", "users", LoadSeriesFile.Row::active);
      loadSeries(series, runs, "errors", "Failed requests per second", "errors/s", Rates::failed);
      loadSeries(series, runs, "p50_ms", "Latency p50", "ms", LoadSeriesFile.Row::p50Ms);
      loadSeries(series, runs, "p90_ms", "Latency p90", "ms", LoadSeriesFile.Row::p90Ms);
      series.put(new SeriesDef("p99_ms", "latency", "Latency p99", "ms"), p99);
    }
    for (String role : sortRoles(roles)) {
      for (NodeMetric m : NODE_METRICS) {
        series.put(
            new SeriesDef(
                m.key() + "_" + role, m.key(), m.label() + " of " + role + " nodes", m.unit()),
            perSecond(
                runs,
                (r, out) ->
                    r.run().nodes().stream()
                        .filter(n -> role.equals(n.role()))
                        .forEach(n -> out.add(n.epochMs(), m.value().applyAsDouble(n)))));
      }
    }
    Set<String> deployments = new java.util.TreeSet<>();
    runs.forEach(
        r -> r.run().replicas().forEach(x -> deployments.add(x.namespace() + "/" + x.name())));
    for (String d : deployments) {
      series.put(
          new SeriesDef("replicas_" + d, "replicas", "Ready replicas of " + d, "replicas"),
          perSecond(
              runs,
              (r, out) ->
                  r.run().replicas().stream()
                      .filter(x -> d.equals(x.namespace() + "/" + x.name()))
                      .forEach(x -> out.add(x.epochMs(), x.ready()))));
    }
    Set<String> promKeys = new LinkedHashSet<>();
    runs.forEach(
        r -> r.run().prometheus().forEach(p -> promKeys.add(p.query() + "|" + p.labelText())));
    for (String k : promKeys) {
      String query = k.substring(0, k.indexOf('|'));
      String labels = k.substring(k.indexOf('|') + 1);
      series.put(
          new SeriesDef(
              "prom_" + query + (labels.isEmpty() ? "" : "_" + labels),
              "prom:" + query,
              "Prometheus " + query + (labels.isEmpty() ? "" : " {" + labels + "}"),
              query),
          perSecond(
              runs,
              (r, out) ->
                  r.run().prometheus().stream()
                      .filter(p -> p.query().equals(query) && p.labelText().equals(labels))
                      .forEach(
                          p -> {
                            for (int i = 0; i < p.times().size(); i++) {
                              out.add(p.times().get(i), p.values().get(i));
                            }
                          })));
    }
    List<Double> breakpoints = new ArrayList<>();
    for (RunAnalysis r : runs) {
      double b = r.metrics().getOrDefault("breakpoint_s", Double.NaN);
      if (Double.isFinite(b)) breakpoints.add(b);
    }
    return new CellAnalysis(
        cell, runs, metrics, phaseStats, rps, p99, cpuByRole, series, breakpoints);
  }

  private static void loadSeries(
      Map<SeriesDef, List<Point>> series,
      List<RunAnalysis> runs,
      String key,
      String title,
      String unit,
      ToDoubleFunction<LoadSeriesFile.Row> f) {
    String group = key.endsWith("_ms") ? "latency" : key;
    series.put(
        new SeriesDef(key, group, title, unit),
        perSecond(
            runs,
            (r, out) -> r.run().load().forEach(l -> out.add(l.epochMs(), f.applyAsDouble(l)))));
  }

  /** Phase order of first appearance is kept; roles within a phase follow the role order. */
  private static List<PhaseRole> orderPhaseRoles(Set<PhaseRole> keys) {
    List<String> phaseOrder = new ArrayList<>();
    keys.forEach(
        k -> {
          if (!phaseOrder.contains(k.phase())) {
            phaseOrder.add(k.phase());
          }
        });
    Set<String> roles = new LinkedHashSet<>();
    keys.forEach(k -> roles.add(k.role()));
    List<String> roleOrder = sortRoles(roles);
    return keys.stream()
        .sorted(
            Comparator.comparingInt((PhaseRole k) -> phaseOrder.indexOf(k.phase()))
                .thenComparingInt(k -> roleOrder.indexOf(k.role())))
        .toList();
  }

  interface Sampler {
    void collect(RunAnalysis run, Bucket out);
  }

  /**
   * Samples of one run bucketed by whole seconds since the run's start, as the mean per second.
   * Samples arrive in time order from the results files, so the buckets fill in order; out-of-order
   * samples (rows of several nodes interleaved) are sorted once at the end.
   */
  static final class Bucket {
    private final long startMs;
    private long[] seconds = new long[1024];
    private double[] values = new double[1024];
    private int size;
    private boolean ordered = true;

    Bucket(long startMs) {
      this.startMs = startMs;
    }

    void add(long epochMs, double value) {
      if (!Double.isFinite(value)) return;
      long second = Math.floorDiv(epochMs - startMs, 1000L);
      if (size == seconds.length) {
        seconds = java.util.Arrays.copyOf(seconds, size * 2);
        values = java.util.Arrays.copyOf(values, size * 2);
      }
      if (size > 0 && second < seconds[size - 1]) ordered = false;
      seconds[size] = second;
      values[size] = value;
      size++;
    }

    /** Distinct seconds in order, and the mean of each second's samples beside them. */
    int means(long[] secondsOut, double[] meansOut) {
      if (!ordered) sort();
      int n = 0;
      for (int i = 0; i < size; ) {
        int j = i;
        double sum = 0;
        while (j < size && seconds[j] == seconds[i]) sum += values[j++];
        secondsOut[n] = seconds[i];
        meansOut[n++] = sum / (j - i);
        i = j;
      }
      return n;
    }

    private void sort() {
      Integer[] order = new Integer[size];
      for (int i = 0; i < size; i++) order[i] = i;
      java.util.Arrays.sort(order, Comparator.comparingLong(i -> seconds[i]));
      long[] s = new long[size];
      double[] v = new double[size];
      for (int i = 0; i < size; i++) {
        s[i] = seconds[order[i]];
        v[i] = values[order[i]];
      }
      seconds = s;
      values = v;
      ordered = true;
    }
  }

  /**
   * Mean per second across runs. Within a run, several samples in the same second (several nodes of
   * a role) are averaged first so that each run weighs the same. Primitive arrays merged in order
   * rather than maps of boxed seconds: a paper-sized directory has a million run-seconds.
   */
  private static List<Point> perSecond(List<RunAnalysis> runs, Sampler sampler) {
    int r = runs.size();
    long[][] seconds = new long[r][];
    double[][] means = new double[r][];
    int[] sizes = new int[r];
    for (int i = 0; i < r; i++) {
      Bucket b = new Bucket(runs.get(i).startMs());
      sampler.collect(runs.get(i), b);
      seconds[i] = new long[b.size];
      means[i] = new double[b.size];
      sizes[i] = b.means(seconds[i], means[i]);
    }
    // A merge of the runs' ordered seconds: each step takes the smallest second any run has next.
    int[] at = new int[r];
    List<Point> points = new ArrayList<>();
    double[] across = new double[r];
    while (true) {
      long next = Long.MAX_VALUE;
      for (int i = 0; i < r; i++) {
        if (at[i] < sizes[i]) next = Math.min(next, seconds[i][at[i]]);
      }
      if (next == Long.MAX_VALUE) break;
      for (int i = 0; i < r; i++) {
        if (at[i] < sizes[i] && seconds[i][at[i]] == next) {
          across[i] = means[i][at[i]++];
        } else {
          across[i] = Double.NaN;
        }
      }
      points.add(new Point(next, Aggregates.of(across)));
    }
    return points;
  }

  private static <T> double sum(List<T> rows, ToDoubleFunction<T> f) {
    double s = 0;
    for (T r : rows) {
      double v = f.applyAsDouble(r);
      if (Double.isFinite(v)) {
        s += v;
      }
    }
    return s;
  }

  private static <T> double mean(List<T> rows, ToDoubleFunction<T> f) {
    return Aggregates.of(rows.stream().map(f::applyAsDouble).toList()).mean();
  }

  private static <T> double max(List<T> rows, ToDoubleFunction<T> f) {
    double m = Double.NaN;
    for (T r : rows) {
      double v = f.applyAsDouble(r);
      if (Double.isFinite(v) && (Double.isNaN(m) || v > m)) {
        m = v;
      }
    }
    return m;
  }

  /** Label for a metric key, including phase-duration keys. */
  static String label(String key) {
    for (Metric m : LOAD_METRICS) {
      if (m.key().equals(key)) {
        return m.label();
      }
    }
    if (key.startsWith(DURATION_PREFIX)) {
      return "Duration of " + key.substring(DURATION_PREFIX.length());
    }
    Metric level = LoadLevels.metric(key);
    if (level != null) {
      return level.label() + " at level " + Numbers.human(LoadLevels.level(key));
    }
    Metric m = loadPhaseMetric(key);
    if (m != null) {
      String phase = key.substring(LOAD_PHASE_PREFIX.length(), key.lastIndexOf(':'));
      return m.label() + " in " + phase;
    }
    return key;
  }

  static String unit(String key) {
    for (Metric m : LOAD_METRICS) {
      if (m.key().equals(key)) {
        return m.unit();
      }
    }
    Metric level = LoadLevels.metric(key);
    if (level != null) return level.unit();
    Metric m = loadPhaseMetric(key);
    if (m != null) return m.unit();
    return key.startsWith(DURATION_PREFIX) ? "s" : "";
  }

  private static Metric loadPhaseMetric(String key) {
    if (!key.startsWith(LOAD_PHASE_PREFIX)) return null;
    String metric = key.substring(key.lastIndexOf(':') + 1);
    return LOAD_PHASE_METRICS.stream().filter(x -> x.key().equals(metric)).findFirst().orElse(null);
  }
}
