package dev.kexp.runtime.report;

import dev.kexp.runtime.report.Aggregates.Summary;
import dev.kexp.runtime.report.Analysis.CellAnalysis;
import dev.kexp.runtime.report.Analysis.ReportData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The load-level figures (the first paper's figures 10 and 11) as pgfplots: a metric against the
 * level, one line with marks per cell in its colour, error bars from the repetitions (the 95 % CI
 * with three or more, the runs' range with two, clamped at 0), over {@code figures/data/} CSVs.
 */
final class LatexLevels {
  private LatexLevels() {}

  private static final String[][] FIGURES = {
    {"ok_rps", "Successful requests per second against the load level", "Successful req/s"},
    {"p50_ms", "Latency p50 against the load level", "Latency p50 (ms)"},
    {"p99_ms", "Latency p99 against the load level", "Latency p99 (ms)"}
  };

  static List<Path> write(Path dir, ReportData data, StringBuilder tex, LatexFigures.Sink sink)
      throws IOException {
    List<Double> levels = LoadLevels.levels(data.cells());
    List<Path> written = new ArrayList<>();
    if (levels.isEmpty()) return written;
    for (String[] f : FIGURES) {
      List<String> plots = new ArrayList<>();
      List<Summary> all = new ArrayList<>();
      for (int c = 0; c < data.cells().size(); c++) {
        CellAnalysis cell = data.cells().get(c);
        StringBuilder csv = new StringBuilder("level,mean,minus,plus\n");
        boolean any = false;
        for (double level : levels) {
          Summary s = LoadLevels.at(cell, level, f[0]);
          if (s.n() == 0) continue;
          any = true;
          all.add(s);
          Band b = Band.of(s, false);
          csv.append(Numbers.machine(level))
              .append(',')
              .append(Numbers.machine(s.mean()))
              .append(',')
              .append(b == null ? "0" : Numbers.machine(Math.max(0, s.mean() - b.low())))
              .append(',')
              .append(b == null ? "0" : Numbers.machine(Math.max(0, b.high() - s.mean())))
              .append('\n');
        }
        if (!any) continue;
        String file = "level-" + LatexFigures.slug(f[0]) + "-" + (c + 1) + ".csv";
        written.add(
            sink.write(dir.resolve(LatexFigures.FIGURES_DIR + "data/" + file), csv.toString()));
        plots.add(
            "    \\addplot[thick, mark=*, color="
                + LatexFigures.cellColor(c)
                + ", error bars/.cd, y dir=both, y explicit] table[x=level, y=mean,"
                + " y error plus=plus, y error minus=minus, col sep=comma]"
                + " {\\kexpdir/figures/data/"
                + file
                + "};\n    \\addlegendentry{"
                + SummaryLatex.escape(cell.cell())
                + "}\n");
      }
      if (plots.isEmpty()) continue;
      String band = Band.describe(all);
      tex.append("\n\\begin{figure}[htbp]\n  \\centering\n  \\begin{tikzpicture}\n")
          .append("    \\begin{axis}[width=\\linewidth, height=6cm, xlabel={Load level},")
          .append(" ylabel={")
          .append(SummaryLatex.escape(f[2]))
          .append("}, ymin=0,\n      ")
          .append(LatexFigures.LEGEND)
          .append("]\n");
      plots.forEach(tex::append);
      tex.append("    \\end{axis}\n  \\end{tikzpicture}\n  \\caption{")
          .append(SummaryLatex.escape(f[1]))
          .append(", mean across repetitions of each cell")
          .append(
              band == null ? "" : "; error bars: " + SummaryLatex.escape(band) + ", clamped at 0")
          .append("; ")
          .append(SummaryLatex.escape(LoadLevels.CAPTION))
          .append(".}\n  \\label{fig:kexp-level-")
          .append(LatexFigures.slug(f[0]))
          .append("}\n\\end{figure}\n");
    }
    return written;
  }
}
