package dev.kexp.runtime.report;

import dev.kexp.runtime.report.Analysis.PhaseRole;
import dev.kexp.runtime.report.Analysis.ReportData;
import dev.kexp.runtime.report.BoxPlots.Box;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Figure 2 of a lifecycle comparison for the paper: the box plots of {@link BoxPlots} as pgfplots
 * {@code boxplot prepared} (the statistics library), a group per event × role and a box per cell in
 * its colour, and the same figures as SVG images beside the others. The numbers are those the HTML
 * report draws; pgfplots only lays them out, so the paper cannot disagree with the page.
 */
final class LatexBoxes {
  private LatexBoxes() {}

  static List<Path> write(Path dir, ReportData data, StringBuilder tex, LatexFigures.Sink sink)
      throws IOException {
    List<Path> written = new ArrayList<>();
    for (BoxPlots.Figure f : BoxPlots.figures(data)) {
      figure(tex, data, f);
      written.add(
          sink.write(
              dir.resolve(LatexFigures.FIGURES_DIR + "boxes-" + f.metric().key() + ".svg"),
              LatexFigures.standalone(SvgBoxes.render(data, f))));
    }
    return written;
  }

  private static void figure(StringBuilder tex, ReportData data, BoxPlots.Figure f) {
    int groups = f.groups().size();
    int cells = f.cells().size();
    // A group takes cells + 1 positions: a box per cell and a gap before the next group.
    int span = cells + 1;
    // Utilisation is a percentage, so the axis ends at 100; should a reading exceed it, the axis
    // grows rather than cut the box off at the frame.
    double yMax = 100;
    for (Box[] row : f.boxes()) {
      for (Box b : row) {
        if (b == null) continue;
        yMax = Math.max(yMax, b.high());
        for (double o : b.outliers()) yMax = Math.max(yMax, o);
      }
    }
    String label = f.metric().label() + " (" + f.metric().unit() + ")";
    tex.append("\n\\begin{figure}[htbp]\n  \\centering\n  \\begin{tikzpicture}\n")
        .append("    \\begin{axis}[width=\\linewidth, height=7cm, ymin=0, ymax=")
        .append(Numbers.machine(Math.ceil(yMax)))
        .append(", ylabel={")
        .append(SummaryLatex.escape(label))
        .append("},\n      xmin=0, xmax=")
        .append(groups * span)
        .append(", xtick={");
    for (int g = 0; g < groups; g++) {
      tex.append(g == 0 ? "" : ",").append(Numbers.machine(g * span + span / 2.0));
    }
    tex.append("}, xticklabels={");
    for (int g = 0; g < groups; g++) {
      tex.append(g == 0 ? "" : ",").append('{').append(groupLabel(f.groups().get(g))).append('}');
    }
    tex.append("},\n      x tick label style={rotate=35, anchor=north east, font=\\footnotesize},")
        .append(" xtick style={draw=none},\n")
        // the key in a row above the plot, where no box can be under it
        .append("      legend cell align=left, legend style={font=\\footnotesize, at={(0.5,1.02)},")
        .append(" anchor=south, legend columns=-1,")
        .append(" /tikz/every even column/.append style={column sep=0.8em}},")
        .append(" boxplot/box extend=0.7,\n")
        // pgfplots draws boxes horizontally unless told otherwise
        .append("      boxplot/draw direction=y, boxplot/every median/.style={black, thick}]\n");
    // The boxes themselves are left out of the legend (forget plot): pgfplots would draw a
    // box-shaped key per box; a swatch per cell names the colours once.
    for (int c = 0; c < cells; c++) {
      String colour = colour(data, f, c);
      tex.append("    \\addlegendimage{area legend, fill=")
          .append(colour)
          .append("!55, draw=")
          .append(colour)
          .append("}\n    \\addlegendentry{")
          .append(SummaryLatex.escape(f.cells().get(c).cell()))
          .append("}\n");
    }
    for (int g = 0; g < groups; g++) {
      for (int c = 0; c < cells; c++) {
        Box b = f.boxes()[g][c];
        if (b == null) continue;
        box(tex, f, g, c, g * span + c + 1, colour(data, f, c), b);
      }
    }
    tex.append("    \\end{axis}\n  \\end{tikzpicture}\n  \\caption{")
        .append(SummaryLatex.escape(label))
        .append(" per event and node role, a box per cell in its colour: each run's mean over the")
        .append(" event's window; box from the first to the third quartile (linear interpolation,")
        .append(" as R and NumPy), line at the median, whiskers to the runs within 1.5 IQR,")
        .append(" circles beyond.}\n  \\label{fig:kexp-boxes-")
        .append(LatexFigures.slug(f.metric().key()))
        .append("}\n\\end{figure}\n");
  }

  /**
   * One box; the comment before it names the group and cell, so a reader of figures.tex (or a test)
   * can find a box's numbers without counting positions.
   */
  private static void box(
      StringBuilder tex, BoxPlots.Figure f, int g, int c, int position, String colour, Box b) {
    PhaseRole group = f.groups().get(g);
    tex.append("    % ")
        .append(comment(group.phase() + ", " + group.role() + ", " + f.cells().get(c).cell()))
        .append(" (n = ")
        .append(b.n())
        .append(")\n    \\addplot[forget plot, ")
        .append(colour)
        .append(", fill=")
        .append(colour)
        .append("!55, mark=o, boxplot prepared={draw position=")
        .append(position)
        .append(", lower whisker=")
        .append(Numbers.machine(b.low()))
        .append(", lower quartile=")
        .append(Numbers.machine(b.q1()))
        .append(", median=")
        .append(Numbers.machine(b.median()))
        .append(", upper quartile=")
        .append(Numbers.machine(b.q3()))
        .append(", upper whisker=")
        .append(Numbers.machine(b.high()))
        .append("}] coordinates {");
    // With boxplot prepared, the plot's points are the outliers (their y; x is the box's place).
    for (int i = 0; i < b.outliers().size(); i++) {
      tex.append(i == 0 ? "" : " ")
          .append("(")
          .append(position)
          .append(",")
          .append(Numbers.machine(b.outliers().get(i)))
          .append(")");
    }
    tex.append("};\n");
  }

  /** The colour defined at the top of figures.tex for the cell, as the HTML report gives it. */
  private static String colour(ReportData data, BoxPlots.Figure f, int c) {
    return LatexFigures.cellColor(data.cells().indexOf(f.cells().get(c)));
  }

  private static String groupLabel(PhaseRole g) {
    return SummaryLatex.escape(g.phase()) + " $\\cdot$ " + SummaryLatex.escape(g.role());
  }

  /** A TeX comment ends at the line's end; names are kept to one line. */
  private static String comment(String s) {
    return s.replace('\n', ' ').replace('\r', ' ');
  }
}
