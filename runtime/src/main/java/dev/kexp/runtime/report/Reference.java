package dev.kexp.runtime.report;

import dev.kexp.runtime.report.Aggregates.Summary;
import dev.kexp.runtime.report.Analysis.CellAnalysis;
import dev.kexp.runtime.report.Analysis.PhaseRole;
import dev.kexp.runtime.report.Analysis.ReportData;
import dev.kexp.runtime.results.ReferenceFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The reproduction view: each published value beside the measured one, the difference, and whether
 * the published value lies inside the measured 95 % confidence interval. A reviewer sees at once
 * which of a paper's numbers the run reproduced.
 */
final class Reference {

  /**
   * One published value and what was measured for it; {@code measured} is empty when the results
   * have no such metric, cell, phase or role ({@code why} says which).
   */
  record Comparison(ReferenceFile.Row published, Summary measured, String why) {
    double difference() {
      return measured.mean() - published.value();
    }

    double relative() {
      return published.value() == 0 ? Double.NaN : difference() / Math.abs(published.value());
    }

    /** Whether the published value lies in the measured CI; null without a CI (n &lt; 2). */
    Boolean inside() {
      if (!measured.hasSpread()) return null;
      return published.value() >= measured.ciLow() && published.value() <= measured.ciHigh();
    }
  }

  record View(String file, List<Comparison> rows, List<String> problems) {}

  private Reference() {}

  /** The comparisons, or null when the report has no reference. */
  static View of(ReportData data) {
    if (data.options().reference() == null) return null;
    ReferenceFile.Read read;
    try {
      read = ReferenceFile.read(data.options().reference());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Comparison> rows = new ArrayList<>();
    for (ReferenceFile.Row r : read.rows()) rows.add(compare(data, r));
    return new View(data.options().reference().getFileName().toString(), rows, read.problems());
  }

  /** A published ratio of two cells ("70 % more requests/s"): metric {@code ratio:KEY}. */
  static final String RATIO = "ratio:";

  static Comparison compare(ReportData data, ReferenceFile.Row r) {
    if (r.metric().startsWith(RATIO) && r.cell().contains("/")) return ratio(data, r);
    CellAnalysis cell = null;
    for (CellAnalysis c : data.cells()) {
      if (c.cell().equals(r.cell()) || (r.cell().isEmpty() && data.cells().size() == 1)) cell = c;
    }
    if (cell == null) {
      return new Comparison(
          r,
          Summary.EMPTY,
          "no cell '"
              + r.cell()
              + "' (cells: "
              + String.join(", ", data.cells().stream().map(CellAnalysis::cell).toList())
              + ")");
    }
    boolean nodeMetric = Analysis.NODE_METRICS.stream().anyMatch(m -> m.key().equals(r.metric()));
    if (nodeMetric) {
      Map<String, Summary> stats = cell.phaseStats().get(new PhaseRole(r.phase(), r.role()));
      if (stats == null) {
        return new Comparison(
            r, Summary.EMPTY, "no samples of role '" + r.role() + "' in phase '" + r.phase() + "'");
      }
      return new Comparison(r, stats.get(r.metric()), null);
    }
    String key =
        r.metric().equals("phase_duration_s") ? Analysis.DURATION_PREFIX + r.phase() : r.metric();
    Summary s = cell.metrics().get(key);
    if (s == null) return new Comparison(r, Summary.EMPTY, "no metric '" + key + "' measured");
    return new Comparison(r, s, null);
  }

  /**
   * Cell a over cell b ({@code docker/containerd}) of a metric's means. Their runs are not paired,
   * so the ratio has no interval here: it is compared by its difference alone.
   */
  private static Comparison ratio(ReportData data, ReferenceFile.Row r) {
    String key = r.metric().substring(RATIO.length());
    String[] pair = r.cell().split("/", 2);
    Summary[] means = new Summary[2];
    for (int i = 0; i < 2; i++) {
      for (CellAnalysis c : data.cells()) {
        if (c.cell().equals(pair[i])) means[i] = c.metrics().get(key);
      }
      if (means[i] == null || means[i].n() == 0) {
        return new Comparison(
            r, Summary.EMPTY, "no metric '" + key + "' in cell '" + pair[i] + "'");
      }
    }
    double ratio = means[0].mean() / means[1].mean();
    return new Comparison(
        r,
        Aggregates.of(java.util.List.of(ratio)),
        "ratio of the cells' means (no interval: the runs are not paired)");
  }

  /** comparison.csv: the view as data. */
  static String csv(View v) {
    StringBuilder out =
        new StringBuilder(
            "metric,cell,phase,role,source,published,published_sd,measured_mean,measured_sd,"
                + "measured_n,ci_low,ci_high,difference,relative_difference,inside_ci,note\n");
    for (Comparison c : v.rows()) {
      ReferenceFile.Row r = c.published();
      Summary m = c.measured();
      out.append(
              String.join(
                  ",",
                  field(r.metric()),
                  field(r.cell()),
                  field(r.phase()),
                  field(r.role()),
                  field(r.source()),
                  Numbers.machine(r.value()),
                  Numbers.machine(r.sd()),
                  Numbers.machine(m.mean()),
                  Numbers.machine(m.sd()),
                  String.valueOf(m.n()),
                  Numbers.machine(m.ciLow()),
                  Numbers.machine(m.ciHigh()),
                  Numbers.machine(c.difference()),
                  Numbers.machine(c.relative()),
                  c.inside() == null ? "" : c.inside().toString(),
                  field(c.why() == null ? "" : c.why())))
          .append('\n');
    }
    return out.toString();
  }

  private static String field(String s) {
    return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
  }
}
