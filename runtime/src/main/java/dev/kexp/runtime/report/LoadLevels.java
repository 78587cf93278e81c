package dev.kexp.runtime.report;

import dev.kexp.runtime.report.Aggregates.Summary;
import dev.kexp.runtime.report.Analysis.CellAnalysis;
import dev.kexp.runtime.report.Analysis.Metric;
import dev.kexp.runtime.results.LoadSeriesFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Load levels: when a run holds a sequence of levels ({@code steps 1, 25, 50 each 1.min}, or
 * several {@code hold} phases), throughput and latency against the level, as the first paper's
 * figures 10 and 11 plot them against concurrency.
 *
 * <p>A level is a stretch of at least {@link #MIN_SECONDS} consecutive rows of one phase with the
 * same target. Each is measured over its steady part only: the first {@link #WARMUP_SHARE} of it
 * (at least a second: users still connecting, the previous level's requests still in flight) and
 * its last second (cut while draining or changing level) are left out. The per-run values are
 * metrics of their own ({@code level:25:rps}), so summary.csv, summary.json and the significance
 * tests across cells carry them like any other metric.
 */
final class LoadLevels {

  static final String PREFIX = "level:";
  static final int MIN_SECONDS = 3;
  static final double WARMUP_SHARE = 0.2;

  static final List<Metric> METRICS =
      List.of(
          new Metric("ok_rps", "Successful req/s", "req/s"),
          new Metric("rps", "Responses/s", "req/s"),
          new Metric("error_pct", "Error rate", "%"),
          new Metric("p50_ms", "Latency p50", "ms"),
          new Metric("p99_ms", "Latency p99", "ms"));

  static final String CAPTION =
      "each level measured over its steady part: its first 20 % (at least 1 s) and its last second"
          + " are left out; latency percentiles are the per-second percentiles averaged over those"
          + " seconds, weighted by completed requests";

  private LoadLevels() {}

  /** The per-run level metrics; none unless the run holds at least two different levels. */
  static Map<String, Double> metrics(List<LoadSeriesFile.Row> load) {
    Map<Double, List<LoadSeriesFile.Row>> steady = new LinkedHashMap<>();
    int start = 0;
    for (int i = 1; i <= load.size(); i++) {
      boolean same =
          i < load.size()
              && load.get(i).target() == load.get(start).target()
              && java.util.Objects.equals(load.get(i).phase(), load.get(start).phase());
      if (same) continue;
      int length = i - start;
      if (length >= MIN_SECONDS && Double.isFinite(load.get(start).target())) {
        int skip = Math.max(1, (int) Math.ceil(WARMUP_SHARE * length));
        steady
            .computeIfAbsent(load.get(start).target(), t -> new ArrayList<>())
            .addAll(load.subList(start + skip, i - 1));
      }
      start = i;
    }
    steady.values().removeIf(List::isEmpty);
    Map<String, Double> out = new LinkedHashMap<>();
    if (steady.size() < 2) return out;
    for (Map.Entry<Double, List<LoadSeriesFile.Row>> e : steady.entrySet()) {
      List<LoadSeriesFile.Row> rows = e.getValue();
      String key = PREFIX + Numbers.machine(e.getKey()) + ":";
      double completed = rows.stream().mapToDouble(LoadSeriesFile.Row::completed).sum();
      double sent = rows.stream().mapToDouble(LoadSeriesFile.Row::sent).sum();
      double errors = rows.stream().mapToDouble(LoadSeriesFile.Row::errors).sum();
      out.put(key + "ok_rps", rows.stream().mapToDouble(Rates::successful).average().orElseThrow());
      out.put(
          key + "rps", rows.stream().mapToDouble(LoadSeriesFile.Row::rps).average().orElseThrow());
      out.put(key + "error_pct", sent > 0 ? 100.0 * errors / sent : Double.NaN);
      out.put(key + "p50_ms", weighted(rows, LoadSeriesFile.Row::p50Ms, completed));
      out.put(key + "p99_ms", weighted(rows, LoadSeriesFile.Row::p99Ms, completed));
    }
    return out;
  }

  private static double weighted(
      List<LoadSeriesFile.Row> rows,
      java.util.function.ToDoubleFunction<LoadSeriesFile.Row> f,
      double completed) {
    if (completed <= 0) return Double.NaN;
    double sum = 0;
    for (LoadSeriesFile.Row r : rows) {
      double v = f.applyAsDouble(r);
      if (r.completed() > 0 && Double.isFinite(v)) sum += v * r.completed();
    }
    return sum / completed;
  }

  /** The levels any cell has, in increasing order. */
  static List<Double> levels(List<CellAnalysis> cells) {
    TreeSet<Double> levels = new TreeSet<>();
    for (CellAnalysis c : cells) {
      for (String key : c.metrics().keySet()) {
        if (key.startsWith(PREFIX)) levels.add(level(key));
      }
    }
    return List.copyOf(levels);
  }

  /** The level of a key such as {@code level:25:rps}. */
  static double level(String key) {
    return Double.parseDouble(key.substring(PREFIX.length(), key.lastIndexOf(':')));
  }

  static String key(double level, String metric) {
    return PREFIX + Numbers.machine(level) + ":" + metric;
  }

  /** A cell's summary of one metric at one level; absent when the cell did not hold it. */
  static Summary at(CellAnalysis c, double level, String metric) {
    return c.metrics().getOrDefault(key(level, metric), Summary.EMPTY);
  }

  static Metric metric(String key) {
    if (!key.startsWith(PREFIX)) return null;
    String m = key.substring(key.lastIndexOf(':') + 1);
    return METRICS.stream().filter(x -> x.key().equals(m)).findFirst().orElse(null);
  }
}
