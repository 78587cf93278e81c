package dev.kexp.runtime.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kexp.runtime.report.Aggregates.Summary;
import dev.kexp.runtime.report.Analysis.ReportData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The benchmarks in every format: the first paper's figures 8-9 (sysbench's transactions per second
 * and latency against threads, a line per cell) and 6-7 (IOzone's throughput per test, grouped bars
 * per cell), with {@link Band} error bars, as HTML and SVG, pgfplots figures and a booktabs table,
 * rows of summary.csv and significance.csv, and a {@code benchmarks} object in summary.json. Each
 * writer calls in with one line; nothing here when no run measured a benchmark.
 */
final class BenchmarkReport {
  private BenchmarkReport() {}

  private static final String BAND_NOTE =
      "error bars: 95 % CI across repetitions with three or more, the runs' range with two, none"
          + " with one";

  // ---- HTML ----

  static void html(StringBuilder h, ReportData data, int[] figure) {
    Benchmarks b = Benchmarks.of(data);
    if (b.isEmpty()) return;
    h.append("<section id=\"benchmarks\">\n<h2>Benchmarks</h2>\n");
    for (String test : b.sysbenchTests()) {
      figure(
          h,
          figure,
          "figure-sysbench-tps-" + Html.escape(test),
          tpsChart(b, test),
          "sysbench "
              + Html.escape(test)
              + ": transactions per second against threads, mean across the runs of each"
              + " cell, one line per cell; ");
      figure(
          h,
          figure,
          "figure-sysbench-latency-" + Html.escape(test),
          latencyChart(b, test),
          "sysbench "
              + Html.escape(test)
              + ": latency against threads, average (solid) and 95th percentile (dashed) of"
              + " each level as sysbench reports it, mean across the runs of each cell; ");
    }
    for (Map.Entry<String, List<Benchmarks.Key>> io : b.iozone().entrySet()) {
      figure(
          h,
          figure,
          "figure-iozone-" + Html.escape(io.getKey().replace('/', '-')),
          iozoneChart(b, io.getKey(), io.getValue()),
          "IOzone, "
              + Html.escape(io.getKey())
              + " (file/record): throughput per test, mean across the runs of each cell (and"
              + " across its nodes within a run), one bar per cell; write and rewrite include"
              + " fsync (iozone -e); ");
    }
    table(h, b);
    significance(h, b);
    h.append("</section>\n");
  }

  /** One numbered figure; its caption (HTML) ends with the band's note. */
  private static void figure(
      StringBuilder h, int[] figure, String id, String chart, String caption) {
    figure[0]++;
    h.append("<figure class=\"benchmark\" id=\"")
        .append(id)
        .append("\">\n")
        .append(chart)
        .append("\n<figcaption><span class=\"fig\">Figure ")
        .append(figure[0])
        .append(".</span> ")
        .append(caption)
        .append(Html.escape(BAND_NOTE))
        .append(".</figcaption>\n</figure>\n");
  }

  /** The metrics whose differences between cells the report tests, per level. */
  private static boolean tested(Benchmarks.Key k) {
    return k.tool().equals("iozone") || Benchmarks.SYSBENCH_TITLES.containsKey(k.metric());
  }

  private static void significance(StringBuilder h, Benchmarks b) {
    List<Benchmarks.Comparison> all =
        b.comparisons().stream().filter(c -> tested(c.key())).toList();
    if (all.isEmpty()) return;
    h.append("<div class=\"scroll\"><table class=\"data benchmark-significance\">\n<thead><tr>")
        .append("<th>metric, level</th><th>cells</th><th>means</th><th>Welch p</th>")
        .append("<th>Mann-Whitney p</th><th>Hedges g</th></tr></thead>\n<tbody>\n");
    for (Benchmarks.Comparison c : all) {
      Significance.Comparison t = c.test();
      h.append("<tr><td>")
          .append(Html.escape(c.key().name()))
          .append("</td><td>")
          .append(Html.escape(c.first() + " vs " + c.second()))
          .append("</td><td class=\"num\">")
          .append(Numbers.human(t.mean1()))
          .append(" vs ")
          .append(Numbers.human(t.mean2()))
          .append("</td><td class=\"num\">")
          .append(Numbers.human(t.welchP()))
          .append("</td><td class=\"num\">")
          .append(Numbers.human(t.mannWhitneyP()))
          .append("</td><td class=\"num\">")
          .append(Numbers.human(t.hedgesG()))
          .append("</td></tr>\n");
    }
    h.append("</tbody></table></div>\n<p class=\"note\">Differences between cells per level,")
        .append(" over the runs: Welch's t-test and the Mann-Whitney U test (both in")
        .append(" significance.csv, with Cohen's d and the rank-biserial correlation); a dash")
        .append(" where a side has fewer than two runs.</p>\n");
  }

  /** The same tests as rows of significance.tex's table. */
  static String latexSignificance(ReportData data) {
    List<Benchmarks.Comparison> all =
        Benchmarks.of(data).comparisons().stream().filter(c -> tested(c.key())).toList();
    if (all.isEmpty()) return "";
    StringBuilder out =
        new StringBuilder("\n\\begin{table}[htbp]\n  \\centering\n")
            .append("  \\caption{Benchmarks: differences between cells per level, over the")
            .append(" runs.}\n  \\label{tab:kexp-benchmark-significance}\n")
            .append("  \\resizebox{\\linewidth}{!}{%\n  \\begin{tabular}{llrrrrr}\n")
            .append("    \\toprule\n    Metric, level & Cells & Mean A & Mean B & Welch $p$ &")
            .append(" Mann-Whitney $p$ & Hedges $g$ \\\\\n    \\midrule\n");
    for (Benchmarks.Comparison c : all) {
      Significance.Comparison t = c.test();
      out.append("    ")
          .append(SummaryLatex.escape(c.key().name()))
          .append(" & ")
          .append(SummaryLatex.escape(c.first() + " vs " + c.second()))
          .append(" & ")
          .append(tex(t.mean1()))
          .append(" & ")
          .append(tex(t.mean2()))
          .append(" & ")
          .append(tex(t.welchP()))
          .append(" & ")
          .append(tex(t.mannWhitneyP()))
          .append(" & ")
          .append(tex(t.hedgesG()))
          .append(" \\\\\n");
    }
    return out.append("    \\bottomrule\n  \\end{tabular}}\n\\end{table}\n").toString();
  }

  private static void table(StringBuilder h, Benchmarks b) {
    h.append("<div class=\"scroll\"><table class=\"data benchmarks\">\n<thead><tr><th>tool</th>")
        .append("<th>test</th><th>level</th><th>metric</th>");
    for (String c : b.cells()) h.append("<th>").append(Html.escape(c)).append("</th>");
    h.append("</tr></thead>\n<tbody>\n");
    for (Benchmarks.Key k : b.keys()) {
      h.append("<tr><td>")
          .append(Html.escape(k.tool()))
          .append("</td><td>")
          .append(Html.escape(k.test()))
          .append("</td><td>")
          .append(Html.escape(level(k)))
          .append("</td><td>")
          .append(Html.escape(k.metric() + " (" + k.unit() + ")"))
          .append("</td>");
      for (String c : b.cells()) {
        Summary s = b.summary(c, k);
        h.append("<td class=\"num\">")
            .append(Numbers.human(s.mean()))
            .append(s.hasSpread() ? " &plusmn; " + Numbers.human(s.sd()) : "")
            .append("</td>");
      }
      h.append("</tr>\n");
    }
    h.append("</tbody></table></div>\n<p class=\"note\">Mean &plusmn; &sigma; across runs; the")
        .append(" raw output of every level is in runs/&lt;cell&gt;/rep-NN/benchmarks/, the")
        .append(" numbers in benchmarks.csv.</p>\n");
  }

  private static String level(Benchmarks.Key k) {
    return k.tool().equals("sysbench") ? k.threads() + " threads" : k.level();
  }

  static String tpsChart(Benchmarks b, String test) {
    List<SvgBenchmarks.Line> lines = new ArrayList<>();
    for (int i = 0; i < b.cells().size(); i++) {
      lines.add(line(b, test, "tps", b.cells().get(i), SvgChart.color(i), false, ""));
    }
    return SvgBenchmarks.levels(
        "sysbench " + test + ": transactions per second",
        "Threads",
        "Transactions/s",
        "tx/s",
        lines);
  }

  static String latencyChart(Benchmarks b, String test) {
    List<SvgBenchmarks.Line> lines = new ArrayList<>();
    for (int i = 0; i < b.cells().size(); i++) {
      String c = b.cells().get(i);
      lines.add(line(b, test, "lat_avg_ms", c, SvgChart.color(i), false, " avg"));
      lines.add(line(b, test, "lat_p95_ms", c, SvgChart.color(i), true, " p95"));
    }
    return SvgBenchmarks.levels(
        "sysbench " + test + ": latency", "Threads", "Latency (ms)", "ms", lines);
  }

  private static SvgBenchmarks.Line line(
      Benchmarks b,
      String test,
      String metric,
      String cell,
      String color,
      boolean dashed,
      String suffix) {
    List<double[]> xs = new ArrayList<>();
    List<Summary> ys = new ArrayList<>();
    for (Map.Entry<Integer, Benchmarks.Key> e : b.threads(test, metric).entrySet()) {
      xs.add(new double[] {e.getKey()});
      ys.add(b.summary(cell, e.getValue()));
    }
    return new SvgBenchmarks.Line(cell + suffix, color, dashed, xs, ys);
  }

  static String iozoneChart(Benchmarks b, String level, List<Benchmarks.Key> keys) {
    List<String> groups = keys.stream().map(Benchmarks.Key::test).toList();
    List<SvgBenchmarks.Bars> bars = new ArrayList<>();
    for (int i = 0; i < b.cells().size(); i++) {
      String c = b.cells().get(i);
      bars.add(
          new SvgBenchmarks.Bars(
              c, SvgChart.color(i), keys.stream().map(k -> mb(b.summary(c, k))).toList()));
    }
    return SvgBenchmarks.bars(
        "IOzone " + level + ": throughput", "Throughput (MB/s)", "MB/s", groups, bars);
  }

  /** kB/s as MB/s (MiB, as IOzone's kB are KiB). */
  private static Summary mb(Summary s) {
    double f = 1.0 / 1024;
    return new Summary(
        s.n(), s.mean() * f, s.sd() * f, s.ciLow() * f, s.ciHigh() * f, s.min() * f, s.max() * f);
  }

  // ---- CSV and JSON ----

  /** Rows of summary.csv: cell, metric, n, mean, sd, ci95_low, ci95_high. */
  static void summaryCsv(StringBuilder out, ReportData data) {
    Benchmarks b = Benchmarks.of(data);
    for (Benchmarks.Key k : b.keys()) {
      for (String c : b.cells()) {
        Summary s = b.summary(c, k);
        if (s.n() == 0) continue;
        out.append(SummaryCsv.field(c)).append(',').append(SummaryCsv.field(k.name())).append(',');
        SummaryCsv.summaryFields(out, s).append('\n');
      }
    }
  }

  /** Rows of significance.csv, per key (a level of a metric) and pair of cells. */
  static void significanceCsv(StringBuilder out, ReportData data) {
    for (Benchmarks.Comparison c : Benchmarks.of(data).comparisons()) {
      SummaryCsv.significanceRow(out, c.first(), c.second(), c.key().name(), c.test());
    }
  }

  /** summary.json's {@code benchmarks}: per key, each cell's runs and summary. */
  static void json(ObjectNode root, ReportData data) {
    Benchmarks b = Benchmarks.of(data);
    if (b.isEmpty()) return;
    ArrayNode all = root.putArray("benchmarks");
    for (Benchmarks.Key k : b.keys()) {
      ObjectNode o = all.addObject();
      o.put("tool", k.tool());
      o.put("test", k.test());
      if (k.tool().equals("sysbench")) o.put("threads", k.threads());
      else o.put("level", k.level());
      o.put("metric", k.metric());
      o.put("unit", k.unit());
      ObjectNode cells = o.putObject("cells");
      for (String c : b.cells()) {
        Summary s = b.summary(c, k);
        if (s.n() == 0) continue;
        ObjectNode x = cells.putObject(c);
        x.put("n", s.n());
        put(x, "mean", s.mean());
        put(x, "sd", s.sd());
        put(x, "ci95_low", s.ciLow());
        put(x, "ci95_high", s.ciHigh());
      }
    }
    ArrayNode tests = root.putArray("benchmark_significance");
    for (Benchmarks.Comparison c : b.comparisons()) {
      ObjectNode o = tests.addObject();
      o.put("cell_a", c.first());
      o.put("cell_b", c.second());
      o.put("metric", c.key().name());
      put(o, "welch_p", c.test().welchP());
      put(o, "mann_whitney_p", c.test().mannWhitneyP());
      put(o, "hedges_g", c.test().hedgesG());
    }
  }

  private static void put(ObjectNode o, String field, double v) {
    if (Double.isFinite(v)) o.put(field, v);
    else o.putNull(field);
  }

  // ---- LaTeX ----

  /** A booktabs table per sysbench test and per IOzone level, for summary.tex. */
  static void latexTables(StringBuilder out, ReportData data) {
    Benchmarks b = Benchmarks.of(data);
    if (b.isEmpty()) return;
    StringBuilder cols = new StringBuilder("ll");
    for (int i = 0; i < b.cells().size(); i++) cols.append('r');
    out.append("\n\\begin{table}[htbp]\n  \\centering\n")
        .append("  \\caption{Benchmarks: mean ($\\sigma$) across runs per cell.}\n")
        .append("  \\label{tab:kexp-benchmarks}\n  \\resizebox{\\linewidth}{!}{%\n")
        .append("  \\begin{tabular}{")
        .append(cols)
        .append("}\n    \\toprule\n    Test, level & Metric");
    for (String c : b.cells()) out.append(" & ").append(SummaryLatex.escape(c));
    out.append(" \\\\\n    \\midrule\n");
    for (Benchmarks.Key k : b.keys()) {
      out.append("    ")
          .append(SummaryLatex.escape(k.test() + ", " + level(k)))
          .append(" & ")
          .append(SummaryLatex.escape(k.metric() + " (" + k.unit() + ")"));
      for (String c : b.cells()) {
        Summary s = b.summary(c, k);
        out.append(" & ")
            .append(s.n() == 0 ? "--" : tex(s.mean()))
            .append(s.hasSpread() ? " (" + tex(s.sd()) + ")" : "");
      }
      out.append(" \\\\\n");
    }
    out.append("    \\bottomrule\n  \\end{tabular}}\n\\end{table}\n");
  }

  private static String tex(double v) {
    if (!Double.isFinite(v)) return "--";
    return Numbers.human(v).replace(",", "{,}");
  }

  /**
   * pgfplots figures for figures.tex, their data under figures/data/ and an SVG of each under
   * figures/; returns the files written.
   */
  static List<Path> latexFigures(
      StringBuilder tex, Path dir, ReportData data, LatexFigures.Sink sink) throws IOException {
    Benchmarks b = Benchmarks.of(data);
    List<Path> written = new ArrayList<>();
    if (b.isEmpty()) return written;
    for (int i = 0; i < b.cells().size(); i++) {
      tex.append("\\definecolor{kexpbench")
          .append(letters(i))
          .append("}{HTML}{")
          .append(SvgChart.color(i).substring(1))
          .append("}\n");
    }
    for (String test : b.sysbenchTests()) {
      String slug = LatexFigures.slug("sysbench-" + test);
      StringBuilder csv = new StringBuilder("threads");
      for (int i = 0; i < b.cells().size(); i++) {
        for (String m : List.of("tps", "lat_avg_ms", "lat_p95_ms")) {
          csv.append(",c")
              .append(i + 1)
              .append('_')
              .append(m.replace("_", ""))
              .append(",c")
              .append(i + 1)
              .append('_')
              .append(m.replace("_", ""))
              .append("_plus")
              .append(",c")
              .append(i + 1)
              .append('_')
              .append(m.replace("_", ""))
              .append("_minus");
        }
      }
      csv.append('\n');
      for (int threads : b.threads(test, "tps").keySet()) {
        csv.append(threads);
        for (String c : b.cells()) {
          for (String m : List.of("tps", "lat_avg_ms", "lat_p95_ms")) {
            Benchmarks.Key k = b.threads(test, m).get(threads);
            Summary s = k == null ? Summary.EMPTY : b.summary(c, k);
            Band band = Band.of(s, false);
            csv.append(',')
                .append(num(s.mean()))
                .append(',')
                .append(band == null ? "0" : num(band.high() - s.mean()))
                .append(',')
                .append(band == null ? "0" : num(s.mean() - band.low()));
          }
        }
        csv.append('\n');
      }
      written.add(sink.write(dir.resolve("figures/data/" + slug + ".csv"), csv.toString()));
      levelFigure(tex, b, slug, test, "tps", "Transactions/s", "transactions per second");
      levelFigure(tex, b, slug, test, "latavgms", "Latency, average (ms)", "average latency");
      levelFigure(
          tex,
          b,
          slug,
          test,
          "latp95ms",
          "Latency, 95th percentile (ms)",
          "95th percentile latency");
      written.add(
          sink.write(
              dir.resolve("figures/" + slug + "-tps.svg"),
              LatexFigures.standalone(tpsChart(b, test))));
      written.add(
          sink.write(
              dir.resolve("figures/" + slug + "-latency.svg"),
              LatexFigures.standalone(latencyChart(b, test))));
    }
    for (Map.Entry<String, List<Benchmarks.Key>> io : b.iozone().entrySet()) {
      String slug = LatexFigures.slug("iozone-" + io.getKey());
      StringBuilder csv = new StringBuilder("index,test");
      for (int i = 1; i <= b.cells().size(); i++)
        csv.append(",c")
            .append(i)
            .append("_mean,c")
            .append(i)
            .append("_plus,c")
            .append(i)
            .append("_minus");
      csv.append('\n');
      int index = 0;
      for (Benchmarks.Key k : io.getValue()) {
        csv.append(index++).append(',').append(k.test());
        for (String c : b.cells()) {
          Summary s = mb(b.summary(c, k));
          Band band = Band.of(s, false);
          csv.append(',')
              .append(num(s.mean()))
              .append(',')
              .append(band == null ? "0" : num(band.high() - s.mean()))
              .append(',')
              .append(band == null ? "0" : num(s.mean() - band.low()));
        }
        csv.append('\n');
      }
      written.add(sink.write(dir.resolve("figures/data/" + slug + ".csv"), csv.toString()));
      barsFigure(tex, b, slug, io.getKey(), io.getValue());
      written.add(
          sink.write(
              dir.resolve("figures/" + slug + ".svg"),
              LatexFigures.standalone(iozoneChart(b, io.getKey(), io.getValue()))));
    }
    return written;
  }

  private static void levelFigure(
      StringBuilder tex,
      Benchmarks b,
      String slug,
      String test,
      String column,
      String yLabel,
      String what) {
    tex.append("\n\\begin{figure}[htbp]\n  \\centering\n  \\begin{tikzpicture}\n")
        .append("    \\begin{axis}[width=\\linewidth, height=6cm, xlabel={Threads}, ylabel={")
        .append(SummaryLatex.escape(yLabel))
        .append("}, ymin=0, ")
        .append(LatexFigures.LEGEND)
        .append("]\n");
    for (int i = 0; i < b.cells().size(); i++) {
      String col = "c" + (i + 1) + "_" + column;
      tex.append("    \\addplot[color=kexpbench")
          .append(letters(i))
          .append(", mark=*, error bars/.cd, y dir=both, y explicit] table[x=threads, y=")
          .append(col)
          .append(", y error plus=")
          .append(col)
          .append("_plus, y error minus=")
          .append(col)
          .append("_minus, col sep=comma] {\\kexpdir/figures/data/")
          .append(slug)
          .append(".csv};\n    \\addlegendentry{")
          .append(SummaryLatex.escape(b.cells().get(i)))
          .append("}\n");
    }
    tex.append("    \\end{axis}\n  \\end{tikzpicture}\n  \\caption{sysbench ")
        .append(SummaryLatex.escape(test))
        .append(": ")
        .append(what)
        .append(" against threads, mean across runs per cell; ")
        .append(SummaryLatex.escape(BAND_NOTE))
        .append(".}\n  \\label{fig:kexp-")
        .append(slug)
        .append('-')
        .append(column)
        .append("}\n\\end{figure}\n");
  }

  private static void barsFigure(
      StringBuilder tex, Benchmarks b, String slug, String level, List<Benchmarks.Key> keys) {
    int cells = b.cells().size();
    double bar = Math.min(12, 0.7 * 400.0 / keys.size() / cells);
    tex.append("\n\\begin{figure}[htbp]\n  \\centering\n  \\begin{tikzpicture}\n")
        .append("    \\begin{axis}[ybar=0pt, bar width=")
        .append(String.format(Locale.ROOT, "%.1f", bar))
        .append("pt, width=\\linewidth, height=6.5cm, ymin=0, ylabel={Throughput (MB/s)},\n")
        .append("      xtick={0,...,")
        .append(keys.size() - 1)
        .append("}, enlarge x limits={abs=0.6}, xticklabels={");
    for (int i = 0; i < keys.size(); i++)
      tex.append(i == 0 ? "" : ",")
          .append('{')
          .append(SummaryLatex.escape(keys.get(i).test()))
          .append('}');
    tex.append("},\n      legend pos=north west, legend style={font=\\footnotesize}]\n");
    for (int c = 1; c <= cells; c++) {
      tex.append("    \\addplot[fill=kexpbench")
          .append(letters(c - 1))
          .append(", draw=kexpbench")
          .append(letters(c - 1))
          .append("!70!black, error bars/.cd, y dir=both, y explicit, error bar style={black}]")
          .append(" table[x=index, y=c")
          .append(c)
          .append("_mean, y error plus=c")
          .append(c)
          .append("_plus, y error minus=c")
          .append(c)
          .append("_minus, col sep=comma] {\\kexpdir/figures/data/")
          .append(slug)
          .append(".csv};\n    \\addlegendentry{")
          .append(SummaryLatex.escape(b.cells().get(c - 1)))
          .append("}\n");
    }
    tex.append("    \\end{axis}\n  \\end{tikzpicture}\n  \\caption{IOzone, ")
        .append(SummaryLatex.escape(level))
        .append(" (file/record): throughput per test, mean across runs per cell; write and")
        .append(" rewrite include fsync; ")
        .append(SummaryLatex.escape(BAND_NOTE))
        .append(".}\n  \\label{fig:kexp-")
        .append(slug)
        .append("}\n\\end{figure}\n");
  }

  private static String num(double v) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4f", v) : "nan";
  }

  private static String letters(int i) {
    StringBuilder s = new StringBuilder();
    int n = i + 1;
    while (n > 0) {
      n--;
      s.insert(0, (char) ('a' + n % 26));
      n /= 26;
    }
    return s.toString();
  }
}
