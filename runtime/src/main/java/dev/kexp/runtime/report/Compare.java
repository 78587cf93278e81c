package dev.kexp.runtime.report;

import dev.kexp.runtime.report.Aggregates.Summary;
import dev.kexp.runtime.report.Analysis.CellAnalysis;
import dev.kexp.runtime.report.Analysis.PhaseRole;
import dev.kexp.runtime.results.Results;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code kexp compare DIR DIR...}: the report's tables for several results directories side by
 * side, one column per directory and cell, and whether each pair of columns differs (Welch's t,
 * Mann-Whitney U, effect sizes). For experiments run at different times, e.g. before and after an
 * upgrade, that were not cells of one matrix.
 */
public final class Compare {

  private final List<CellAnalysis> columns;

  private Compare(List<CellAnalysis> columns) {
    this.columns = columns;
  }

  /** Loads and analyses every directory; columns are named DIR/cell (DIR alone for one cell). */
  public static Compare of(List<Path> dirs) throws IOException {
    List<CellAnalysis> columns = new ArrayList<>();
    Set<String> names = new LinkedHashSet<>();
    for (Path dir : dirs) {
      Analysis.ReportData data = Analysis.analyse(Results.load(dir));
      String base = dir.toAbsolutePath().normalize().getFileName().toString();
      for (CellAnalysis c : data.cells()) {
        String name = data.cells().size() == 1 ? base : base + "/" + c.cell();
        // Two directories of the same name (results/a/x, results/b/x) stay apart.
        String unique = name;
        for (int i = 2; !names.add(unique); i++) unique = name + " (" + i + ")";
        columns.add(
            new CellAnalysis(
                unique,
                c.runs(),
                c.metrics(),
                c.phaseStats(),
                c.rps(),
                c.p99(),
                c.cpuByRole(),
                c.series(),
                c.breakpoints()));
      }
    }
    return new Compare(columns);
  }

  public List<String> columns() {
    return columns.stream().map(CellAnalysis::cell).toList();
  }

  /** Plain-text tables for the terminal. */
  public String text() {
    StringBuilder out = new StringBuilder();
    List<List<String>> rows = new ArrayList<>();
    List<String> header = new ArrayList<>(List.of("metric", "unit"));
    header.addAll(columns());
    rows.add(header);
    for (String key : metricKeys()) {
      List<String> row = new ArrayList<>(List.of(Analysis.label(key), Analysis.unit(key)));
      for (CellAnalysis c : columns) row.add(meanSd(c.metrics().get(key)));
      rows.add(row);
    }
    out.append("Per-run metrics: mean ± σ (n runs)\n");
    table(out, rows);

    Set<PhaseRole> phaseRoles = new LinkedHashSet<>();
    columns.forEach(c -> phaseRoles.addAll(c.phaseStats().keySet()));
    if (!phaseRoles.isEmpty()) {
      rows = new ArrayList<>();
      List<String> h = new ArrayList<>(List.of("phase", "role", "metric"));
      h.addAll(columns());
      rows.add(h);
      for (PhaseRole pr : phaseRoles) {
        for (Analysis.NodeMetric m : Analysis.NODE_METRICS) {
          List<String> row =
              new ArrayList<>(List.of(pr.phase(), pr.role(), m.label() + " (" + m.unit() + ")"));
          for (CellAnalysis c : columns) {
            Map<String, Summary> s = c.phaseStats().get(pr);
            row.add(s == null ? Numbers.ABSENT : meanSd(s.get(m.key())));
          }
          rows.add(row);
        }
      }
      out.append("\nResources per phase and role: mean ± σ across runs (n runs)\n");
      table(out, rows);
    }

    List<Analysis.CellComparison> tests = Analysis.significance(columns);
    if (!tests.isEmpty()) {
      rows = new ArrayList<>();
      rows.add(
          List.of(
              "metric",
              "a",
              "b",
              "n",
              "Welch p",
              "Mann-Whitney p",
              "Hedges g",
              "rank-biserial r",
              ""));
      for (Analysis.CellComparison c : tests) {
        Significance.Comparison t = c.test();
        rows.add(
            List.of(
                Analysis.label(c.metric()),
                c.first(),
                c.second(),
                t.n1() + "/" + t.n2(),
                p(t.welchP()),
                p(t.mannWhitneyP()),
                Numbers.human(t.hedgesG()),
                Numbers.human(t.rankBiserial()),
                t.significant(0.05) ? "differs (p < 0.05 by both)" : ""));
      }
      out.append("\nDifferences between columns over the repetitions\n");
      table(out, rows);
    }
    return out.toString();
  }

  /** compare.csv: metric, unit, then n, mean, sd and the 95 % CI of each column. */
  public String csv() {
    StringBuilder out = new StringBuilder("metric,unit");
    for (String c : columns()) {
      for (String f : List.of("n", "mean", "sd", "ci95_low", "ci95_high")) {
        out.append(',').append(SummaryCsv.field(c + " " + f));
      }
    }
    out.append('\n');
    for (String key : metricKeys()) {
      out.append(SummaryCsv.field(key)).append(',').append(SummaryCsv.field(Analysis.unit(key)));
      for (CellAnalysis c : columns) {
        Summary s = c.metrics().getOrDefault(key, Summary.EMPTY);
        out.append(',').append(s.n());
        for (double v : new double[] {s.mean(), s.sd(), s.ciLow(), s.ciHigh()}) {
          out.append(',').append(Numbers.machine(v));
        }
      }
      out.append('\n');
    }
    return out.toString();
  }

  /** compare-significance.csv: the same columns as significance.csv of a single report. */
  public String significanceCsv() {
    List<CellAnalysis> cells = columns;
    return SummaryCsv.significance(
        new Analysis.ReportData(
            new Results(Path.of("."), null, List.of(), List.of()),
            cells,
            List.of(),
            List.of(),
            "",
            ReportOptions.DEFAULTS));
  }

  private Set<String> metricKeys() {
    Set<String> keys = new LinkedHashSet<>();
    columns.forEach(c -> keys.addAll(c.metrics().keySet()));
    return keys;
  }

  private static String meanSd(Summary s) {
    if (s == null || s.n() == 0) return Numbers.ABSENT;
    return Numbers.human(s.mean())
        + " ± "
        + (s.hasSpread() ? Numbers.human(s.sd()) : Numbers.ABSENT)
        + " ("
        + s.n()
        + ")";
  }

  private static String p(double p) {
    if (!Double.isFinite(p)) return Numbers.ABSENT;
    return p < 0.001 ? "< 0.001" : String.format(Locale.ROOT, "%.3f", p);
  }

  /** Left-aligned text columns, two spaces apart. */
  private static void table(StringBuilder out, List<List<String>> rows) {
    int cols = rows.stream().mapToInt(List::size).max().orElse(0);
    int[] width = new int[cols];
    for (List<String> r : rows) {
      for (int i = 0; i < r.size(); i++) width[i] = Math.max(width[i], r.get(i).length());
    }
    for (List<String> r : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < r.size(); i++) {
        line.append(r.get(i));
        if (i < r.size() - 1) line.append(" ".repeat(width[i] - r.get(i).length() + 2));
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
  }
}
