package dev.kexp.runtime.report;

import dev.kexp.runtime.report.Analysis.CellAnalysis;
import dev.kexp.runtime.report.Analysis.PhaseRole;
import dev.kexp.runtime.report.Analysis.ReportData;
import dev.kexp.runtime.report.BoxPlots.Box;
import java.util.Locale;

/**
 * Box plots as SVG: a group per event × role, a box per cell in its colour. Every box carries its
 * numbers ({@code data-q1}, {@code data-median}, ...) so the page can be checked without the
 * picture.
 */
final class SvgBoxes {
  private static final int WIDTH = 900;
  private static final int PLOT_HEIGHT = 240;
  private static final int LEFT = 72;
  private static final int RIGHT = 24;
  private static final int TOP = 40;

  private SvgBoxes() {}

  static String render(ReportData data, BoxPlots.Figure f) {
    int groups = f.groups().size();
    int cells = f.cells().size();
    double groupWidth = (WIDTH - LEFT - RIGHT) / (double) groups;
    double boxWidth = groupWidth * 0.75 / cells;
    double maxY = 0;
    for (Box[] row : f.boxes()) {
      for (Box b : row) {
        if (b == null) continue;
        maxY = Math.max(maxY, b.high());
        for (double o : b.outliers()) maxY = Math.max(maxY, o);
      }
    }
    double yStep = SvgChart.niceStep((maxY <= 0 ? 1 : maxY) / 5);
    double yMax = Math.ceil((maxY <= 0 ? 1 : maxY) / yStep) * yStep;
    double axisY = TOP + PLOT_HEIGHT;
    double longest =
        f.groups().stream().mapToDouble(g -> SvgChart.approxWidth(label(g))).max().orElse(0);
    int height = (int) Math.ceil(axisY + longest * Math.sin(Math.toRadians(35)) + 50);
    StringBuilder svg = new StringBuilder();
    svg.append(
            String.format(
                Locale.ROOT,
                "<svg class=\"chart boxes\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\""
                    + " role=\"img\" aria-label=\"%s\">",
                WIDTH,
                height,
                Html.escape(f.metric().label() + " per event and role")))
        .append("<title>")
        .append(Html.escape(f.metric().label() + " per event and role across runs"))
        .append("</title>");
    key(svg, data, f);
    SvgChart.valueAxis(
        svg,
        LEFT,
        WIDTH - RIGHT,
        TOP,
        axisY,
        yMax,
        yStep,
        f.metric().label() + " (" + f.metric().unit() + ")");
    for (int g = 0; g < groups; g++) {
      double gx = LEFT + g * groupWidth;
      double cx = gx + groupWidth / 2;
      svg.append(
          String.format(
              Locale.ROOT,
              "<text class=\"tick\" text-anchor=\"end\" transform=\"translate(%.1f %.1f) rotate(-35)\">%s</text>",
              cx,
              axisY + 14,
              Html.escape(label(f.groups().get(g)))));
      for (int c = 0; c < cells; c++) {
        Box b = f.boxes()[g][c];
        if (b == null) continue;
        String colour = Lifecycle.color(data, f.cells().get(c));
        double x = gx + groupWidth * 0.125 + c * boxWidth;
        double mid = x + boxWidth / 2;
        double yq1 = axisY - b.q1() / yMax * PLOT_HEIGHT;
        double yq3 = axisY - b.q3() / yMax * PLOT_HEIGHT;
        svg.append(
            String.format(
                Locale.ROOT,
                "<g class=\"box\" data-event=\"%s\" data-role=\"%s\" data-cell=\"%s\" data-n=\"%d\""
                    + " data-low=\"%s\" data-q1=\"%s\" data-median=\"%s\" data-q3=\"%s\""
                    + " data-high=\"%s\" data-outliers=\"%d\"><title>%s</title>",
                Html.escape(f.groups().get(g).phase()),
                Html.escape(f.groups().get(g).role()),
                Html.escape(f.cells().get(c).cell()),
                b.n(),
                Numbers.machine(b.low()),
                Numbers.machine(b.q1()),
                Numbers.machine(b.median()),
                Numbers.machine(b.q3()),
                Numbers.machine(b.high()),
                b.outliers().size(),
                Html.escape(
                    f.cells().get(c).cell()
                        + ", "
                        + label(f.groups().get(g))
                        + ": median "
                        + Numbers.human(b.median())
                        + ", quartiles "
                        + Numbers.human(b.q1())
                        + "–"
                        + Numbers.human(b.q3())
                        + ", n = "
                        + b.n())));
        svg.append(SvgChart.line(mid, axisY - b.low() / yMax * PLOT_HEIGHT, mid, yq1, "whisker"));
        svg.append(SvgChart.line(mid, yq3, mid, axisY - b.high() / yMax * PLOT_HEIGHT, "whisker"));
        svg.append(
            String.format(
                Locale.ROOT,
                "<rect class=\"iqr\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\""
                    + " fill-opacity=\"0.55\" stroke=\"%s\"/>",
                x + 1,
                yq3,
                Math.max(1, boxWidth - 2),
                Math.max(0.5, yq1 - yq3),
                colour,
                colour));
        double ym = axisY - b.median() / yMax * PLOT_HEIGHT;
        svg.append(SvgChart.line(x + 1, ym, x + boxWidth - 1, ym, "cap"));
        for (double o : b.outliers()) {
          svg.append(
              String.format(
                  Locale.ROOT,
                  "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\" fill=\"none\" stroke=\"%s\"/>",
                  mid,
                  axisY - o / yMax * PLOT_HEIGHT,
                  colour));
        }
        svg.append("</g>");
      }
    }
    return svg.append("</svg>").toString();
  }

  /**
   * Which colour is which cell, in a row above the plot. The swatches are thick line segments, not
   * rects, so that every rect of the figure is a box.
   */
  private static void key(StringBuilder svg, ReportData data, BoxPlots.Figure f) {
    double x = LEFT;
    double y = 18;
    for (CellAnalysis cell : f.cells()) {
      String colour = Lifecycle.color(data, cell);
      svg.append(
          SvgChart.stroked(
              x,
              y - 4,
              x + 14,
              y - 4,
              "key",
              colour,
              "stroke-width=\"10\" stroke-opacity=\"0.55\""));
      svg.append(SvgChart.text(x + 20, y, "start", "legend", cell.cell()));
      x += 20 + SvgChart.approxWidth(cell.cell()) + 22;
    }
  }

  private static String label(PhaseRole g) {
    return g.phase() + " · " + g.role();
  }
}
