package dev.kexp.runtime.report;

import dev.kexp.runtime.report.Aggregates.Summary;
import dev.kexp.runtime.report.Analysis.CellAnalysis;
import dev.kexp.runtime.report.Analysis.PhaseRole;
import dev.kexp.runtime.report.Analysis.ReportData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The csv format: summary.csv (cell × metric across repetitions), phases.csv (cell × phase × role ×
 * metric), series.csv (every chart's series) and significance.csv (the cells compared).
 */
final class SummaryCsv implements ReportWriter {

  static final String SUMMARY = "summary.csv";
  static final String PHASES = "phases.csv";
  static final String SERIES = "series.csv";
  static final String SIGNIFICANCE = "significance.csv";

  /** Published values beside measured ones; written when the report has a reference. */
  static final String COMPARISON = "comparison.csv";

  SummaryCsv() {}

  @Override
  public String word() {
    return "csv";
  }

  @Override
  public List<String> files() {
    return List.of(SUMMARY, PHASES, SERIES, SIGNIFICANCE);
  }

  @Override
  public List<Path> write(Path dir, ReportData data, Set<String> formats) throws IOException {
    List<Path> written =
        new java.util.ArrayList<>(
            List.of(
                Report.writeFile(dir.resolve(SUMMARY), summary(data)),
                Report.writeFile(dir.resolve(PHASES), phases(data)),
                Report.writeFile(dir.resolve(SERIES), series(data)),
                Report.writeFile(dir.resolve(SIGNIFICANCE), significance(data))));
    Reference.View reference = Reference.of(data);
    if (reference != null) {
      written.add(Report.writeFile(dir.resolve(COMPARISON), Reference.csv(reference)));
    }
    return written;
  }

  static String summary(ReportData data) {
    StringBuilder out = new StringBuilder("cell,metric,n,mean,sd,ci95_low,ci95_high\n");
    for (CellAnalysis cell : data.cells()) {
      for (Map.Entry<String, Summary> e : cell.metrics().entrySet()) {
        Summary s = e.getValue();
        row(
            out,
            cell.cell(),
            e.getKey(),
            String.valueOf(s.n()),
            Numbers.machine(s.mean()),
            Numbers.machine(s.sd()),
            Numbers.machine(s.ciLow()),
            Numbers.machine(s.ciHigh()));
      }
    }
    BenchmarkReport.summaryCsv(out, data);
    return out.toString();
  }

  static String phases(ReportData data) {
    StringBuilder out = new StringBuilder("cell,phase,role,metric,n,mean,sd\n");
    for (CellAnalysis cell : data.cells()) {
      for (Map.Entry<PhaseRole, Map<String, Summary>> e : cell.phaseStats().entrySet()) {
        for (Map.Entry<String, Summary> m : e.getValue().entrySet()) {
          Summary s = m.getValue();
          row(
              out,
              cell.cell(),
              e.getKey().phase(),
              e.getKey().role(),
              m.getKey(),
              String.valueOf(s.n()),
              Numbers.machine(s.mean()),
              Numbers.machine(s.sd()));
        }
      }
    }
    return out.toString();
  }

  /**
   * series.csv: every per-second series of every cell across repetitions, long format (one row per
   * cell, series and second), which pandas pivots and R's ggplot draws with geom_ribbon directly.
   */
  static String series(ReportData data) {
    StringBuilder out =
        new StringBuilder("cell,series,title,unit,second,n,mean,sd,ci95_low,ci95_high\n");
    for (CellAnalysis cell : data.cells()) {
      for (Map.Entry<Analysis.SeriesDef, java.util.List<Analysis.Point>> e :
          cell.series().entrySet()) {
        // The four text fields are the same on every row of a series: quoted once (12 MB at
        // paper size).
        StringBuilder prefix = new StringBuilder();
        row(prefix, cell.cell(), e.getKey().key(), e.getKey().title(), e.getKey().yLabel(), "");
        String head = prefix.substring(0, prefix.length() - 1);
        for (Analysis.Point p : e.getValue()) {
          Summary s = p.summary();
          summaryFields(out.append(head).append(p.second()).append(','), s).append('\n');
        }
      }
    }
    return out.toString();
  }

  /** n,mean,sd,ci95_low,ci95_high of a summary, the last columns of summary and series rows. */
  static StringBuilder summaryFields(StringBuilder out, Summary s) {
    return out.append(s.n())
        .append(',')
        .append(Numbers.machine(s.mean()))
        .append(',')
        .append(Numbers.machine(s.sd()))
        .append(',')
        .append(Numbers.machine(s.ciLow()))
        .append(',')
        .append(Numbers.machine(s.ciHigh()));
  }

  /** significance.csv: every pair of cells × metric, with both tests and the effect sizes. */
  static String significance(ReportData data) {
    StringBuilder out =
        new StringBuilder(
            "cell_a,cell_b,metric,n_a,n_b,mean_a,mean_b,welch_t,welch_p,mann_whitney_u,"
                + "mann_whitney_p,cohens_d,hedges_g,rank_biserial\n");
    for (Analysis.CellComparison c : Analysis.significance(data.cells())) {
      significanceRow(out, c.first(), c.second(), c.metric(), c.test());
    }
    BenchmarkReport.significanceCsv(out, data);
    return out.toString();
  }

  /** One row of significance.csv: two cells, what they are compared in, and the tests. */
  static void significanceRow(
      StringBuilder out, String first, String second, String metric, Significance.Comparison t) {
    row(
        out,
        first,
        second,
        metric,
        String.valueOf(t.n1()),
        String.valueOf(t.n2()),
        Numbers.machine(t.mean1()),
        Numbers.machine(t.mean2()),
        Numbers.machine(t.welchT()),
        Numbers.machine(t.welchP()),
        Numbers.machine(t.mannWhitneyU()),
        Numbers.machine(t.mannWhitneyP()),
        Numbers.machine(t.cohensD()),
        Numbers.machine(t.hedgesG()),
        Numbers.machine(t.rankBiserial()));
  }

  private static void row(StringBuilder out, String... fields) {
    for (int i = 0; i < fields.length; i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append(field(fields[i]));
    }
    out.append('\n');
  }

  /** RFC 4180 quoting: cell and phase names come from user files and may contain commas. */
  static String field(String s) {
    if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
      return "\"" + s.replace("\"", "\"\"") + "\"";
    }
    return s;
  }
}
