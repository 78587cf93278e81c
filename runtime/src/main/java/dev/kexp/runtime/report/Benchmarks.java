package dev.kexp.runtime.report;

import dev.kexp.runtime.report.Aggregates.Summary;
import dev.kexp.runtime.report.Analysis.ReportData;
import dev.kexp.runtime.results.BenchmarksFile;
import dev.kexp.runtime.results.Results;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The benchmarks of a results directory (benchmarks.csv of every run), across repetitions: for each
 * cell and each measured number (tool, test, level, metric) the value of every run (the mean over
 * its nodes when IOzone ran on several) and their summary. What the first paper's figures 6-9 draw:
 * sysbench against threads, IOzone's throughput per test.
 */
final class Benchmarks {
  /** One measured number: sysbench's tps at 4 threads, IOzone's read of a 16 MB file. */
  record Key(String tool, String test, String level, int threads, String metric, String unit) {
    /** How summary.csv and significance.csv name it. */
    String name() {
      return tool
          + "/"
          + test
          + "/"
          + (tool.equals("sysbench") ? level + "-threads" : level)
          + "/"
          + metric;
    }
  }

  /** One cell's runs of one key. */
  record Measure(String cell, Key key, List<Double> perRun, Summary summary) {}

  /** Two cells at one key, as the other metrics' significance. */
  record Comparison(String first, String second, Key key, Significance.Comparison test) {}

  private final List<String> cells;
  private final Map<Key, Map<String, Measure>> measures;

  private Benchmarks(List<String> cells, Map<Key, Map<String, Measure>> measures) {
    this.cells = cells;
    this.measures = measures;
  }

  static Benchmarks of(ReportData data) {
    Results results = data.results();
    List<String> cells = new ArrayList<>();
    for (Analysis.CellAnalysis c : data.cells()) cells.add(c.cell());
    // key -> cell -> run id -> node values
    Map<Key, Map<String, Map<String, List<Double>>>> values = new LinkedHashMap<>();
    List<String> warnings = new ArrayList<>();
    for (Results.Run run : results.runs()) {
      if (!run.dirPresent()) continue;
      for (BenchmarksFile.Row r :
          BenchmarksFile.read(results.dir().resolve(run.ref().dir()), warnings)) {
        if (!Double.isFinite(r.value())) continue;
        Key k = new Key(r.tool(), r.test(), r.level(), r.threads(), r.metric(), r.unit());
        values
            .computeIfAbsent(k, x -> new LinkedHashMap<>())
            .computeIfAbsent(r.cell(), x -> new LinkedHashMap<>())
            .computeIfAbsent(run.ref().id(), x -> new ArrayList<>())
            .add(r.value());
        if (!cells.contains(r.cell())) cells.add(r.cell());
      }
    }
    Map<Key, Map<String, Measure>> measures = new LinkedHashMap<>();
    for (Map.Entry<Key, Map<String, Map<String, List<Double>>>> e : values.entrySet()) {
      Map<String, Measure> byCell = new LinkedHashMap<>();
      for (String cell : cells) {
        Map<String, List<Double>> runs = e.getValue().get(cell);
        if (runs == null) continue;
        List<Double> perRun =
            runs.values().stream()
                .map(v -> v.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN))
                .toList();
        byCell.put(cell, new Measure(cell, e.getKey(), perRun, Aggregates.of(perRun)));
      }
      measures.put(e.getKey(), byCell);
    }
    return new Benchmarks(List.copyOf(cells), measures);
  }

  boolean isEmpty() {
    return measures.isEmpty();
  }

  List<String> cells() {
    return cells;
  }

  /** Every key, sysbench by test, metric and threads, then IOzone by level and test. */
  List<Key> keys() {
    return measures.keySet().stream().sorted(ORDER).toList();
  }

  private static final Comparator<Key> ORDER =
      Comparator.comparing(Key::tool)
          .thenComparing(Key::test)
          .thenComparing(Key::level)
          .thenComparingInt(Key::threads)
          .thenComparing(Key::metric);

  /** The summary of {@code cell} at {@code key}, or {@link Summary#EMPTY}. */
  Summary summary(String cell, Key key) {
    Map<String, Measure> m = measures.get(key);
    Measure x = m == null ? null : m.get(cell);
    return x == null ? Summary.EMPTY : x.summary();
  }

  /** The sysbench tests measured, in the order of the file's phases (alphabetical). */
  Set<String> sysbenchTests() {
    Set<String> out = new LinkedHashSet<>();
    for (Key k : keys()) if (k.tool().equals("sysbench")) out.add(k.test());
    return out;
  }

  /** sysbench's thread counts of {@code test}, ascending, and the key of {@code metric} at each. */
  Map<Integer, Key> threads(String test, String metric) {
    Map<Integer, Key> out = new TreeMap<>();
    for (Key k : measures.keySet()) {
      if (k.tool().equals("sysbench") && k.test().equals(test) && k.metric().equals(metric)) {
        out.put(k.threads(), k);
      }
    }
    return out;
  }

  /** IOzone's levels (file/record), each with its tests in IOzone's order. */
  Map<String, List<Key>> iozone() {
    Map<String, List<Key>> out = new LinkedHashMap<>();
    for (Key k : measures.keySet()) {
      if (!k.tool().equals("iozone")) continue;
      out.computeIfAbsent(k.level(), x -> new ArrayList<>()).add(k);
    }
    for (List<Key> l : out.values()) {
      l.sort(
          Comparator.comparingInt(
              k -> dev.kexp.runtime.bench.IozoneOutput.TESTS.indexOf(k.test())));
    }
    return out;
  }

  /** Every pair of cells at every key both have, Welch and Mann-Whitney over the runs. */
  List<Comparison> comparisons() {
    List<Comparison> out = new ArrayList<>();
    for (Key k : keys()) {
      Map<String, Measure> m = measures.get(k);
      for (int i = 0; i < cells.size(); i++) {
        for (int j = i + 1; j < cells.size(); j++) {
          Measure a = m.get(cells.get(i));
          Measure b = m.get(cells.get(j));
          if (a == null || b == null) continue;
          out.add(
              new Comparison(a.cell(), b.cell(), k, Significance.compare(a.perRun(), b.perRun())));
        }
      }
    }
    return out;
  }

  /** The metrics the figures draw, with their titles. */
  static final Map<String, String> SYSBENCH_TITLES =
      Map.of(
          "tps", "Transactions per second",
          "lat_avg_ms", "Latency, average",
          "lat_p95_ms", "Latency, 95th percentile");
}
