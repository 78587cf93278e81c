package dev.kexp.runtime.report;

import static dev.kexp.runtime.report.Html.escape;

import dev.kexp.runtime.report.Aggregates.Summary;
import dev.kexp.runtime.report.Analysis.CellAnalysis;
import dev.kexp.runtime.report.Analysis.Point;
import dev.kexp.runtime.report.Analysis.ReportData;
import java.util.ArrayList;
import java.util.List;

/**
 * The first paper's figures 10 and 11 in report.html: successful requests/s and latency against the
 * load level, one line per cell, and whether the cells differ at each level.
 */
final class LevelsHtml {
  private LevelsHtml() {}

  static void section(StringBuilder h, ReportData data, int[] figure, InteractiveCharts charts) {
    List<Double> levels = LoadLevels.levels(data.cells());
    if (levels.isEmpty()) return;
    List<String> drawn = new ArrayList<>();
    List<Point> every = new ArrayList<>();
    for (String[] panel :
        new String[][] {
          {"ok_rps", "Successful requests/s", "req/s"},
          {"p50_ms", "Latency p50", "ms"},
          {"p99_ms", "Latency p99", "ms"}
        }) {
      List<InteractiveCharts.Line> lines = new ArrayList<>();
      for (CellAnalysis c : data.cells()) {
        List<Point> points = points(c, levels, panel[0]);
        if (points.isEmpty()) continue;
        every.addAll(points);
        lines.add(new InteractiveCharts.Line(c.cell(), Lifecycle.color(data, c), points));
      }
      if (!lines.isEmpty()) drawn.add(charts.levels(panel[1], "Load level", panel[2], lines));
    }
    if (drawn.isEmpty()) return;
    figure[0]++;
    String band = Band.describe(every.stream().map(Point::summary).toList());
    h.append("<figure id=\"figure-levels\">\n<div class=\"panels\">")
        .append(String.join("", drawn))
        .append("</div>\n<figcaption><span class=\"fig\">Figure ")
        .append(figure[0])
        .append(".</span> Successful requests per second and latency against the load level")
        .append(" (users, or requests/s for an open model), mean across repetitions of each cell; ")
        .append(escape(LoadLevels.CAPTION))
        .append(band == null ? "" : "; shaded: " + escape(band) + ", clamped at 0")
        .append(".</figcaption>\n</figure>\n");
    significance(h, data, levels);
  }

  /** The cell's mean per level; levels it did not hold are left out. */
  static List<Point> points(CellAnalysis c, List<Double> levels, String metric) {
    List<Point> out = new ArrayList<>();
    for (double level : levels) {
      Summary s = LoadLevels.at(c, level, metric);
      if (s.n() > 0) out.add(new Point(Math.round(level), s));
    }
    return out;
  }

  private static void significance(StringBuilder h, ReportData data, List<Double> levels) {
    List<CellAnalysis> cells = data.cells();
    if (cells.size() < 2) return;
    h.append("<div class=\"scroll\"><table class=\"data levels-significance\">\n")
        .append("<caption>Do the cells differ at each level? p-values of Welch&#39;s t-test and")
        .append(" the Mann-Whitney U test over the repetitions (successful req/s; latency p99),")
        .append(" for each pair of cells; bold where both are below 0.05 (significance.csv has")
        .append(" effect sizes)</caption>\n<thead><tr><th class=\"num\">Level</th>");
    for (int i = 0; i < cells.size(); i++) {
      for (int j = i + 1; j < cells.size(); j++) {
        h.append("<th>")
            .append(escape(cells.get(i).cell()))
            .append(" vs ")
            .append(escape(cells.get(j).cell()))
            .append("</th>");
      }
    }
    h.append("</tr></thead>\n<tbody>\n");
    for (double level : levels) {
      h.append("<tr><td class=\"num\">").append(escape(Numbers.human(level))).append("</td>");
      for (int i = 0; i < cells.size(); i++) {
        for (int j = i + 1; j < cells.size(); j++) {
          h.append("<td>")
              .append(test(cells.get(i), cells.get(j), level, "ok_rps", "req/s"))
              .append("<br>")
              .append(test(cells.get(i), cells.get(j), level, "p99_ms", "p99"))
              .append("</td>");
        }
      }
      h.append("</tr>\n");
    }
    h.append("</tbody></table></div>\n");
  }

  private static String test(
      CellAnalysis a, CellAnalysis b, double level, String metric, String what) {
    String key = LoadLevels.key(level, metric);
    Significance.Comparison c =
        Significance.compare(Analysis.values(a, key), Analysis.values(b, key));
    String text =
        what
            + ": Welch p "
            + Numbers.human(c.welchP())
            + ", MW p "
            + Numbers.human(c.mannWhitneyP());
    return c.significant(0.05) ? "<strong>" + escape(text) + "</strong>" : escape(text);
  }
}
