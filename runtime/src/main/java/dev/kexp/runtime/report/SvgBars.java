package dev.kexp.runtime.report;

import dev.kexp.runtime.report.Aggregates.Summary;
import dev.kexp.runtime.report.Lifecycle.CellBars;
import dev.kexp.runtime.report.Lifecycle.Steps;
import java.util.Locale;

/**
 * A hand-drawn SVG grouped bar chart: one group per lifecycle step, one bar per cell in the cell's
 * colour, a whisker of ±σ on each bar. Every bar carries its numbers ({@code data-mean}, {@code
 * data-sd}) and a tooltip, so the page can be read and checked without the picture.
 */
final class SvgBars {

  private static final int WIDTH = 900;
  private static final int PLOT_HEIGHT = 240;
  private static final int LEFT = 72;
  private static final int RIGHT = 24;
  private static final int TOP = 44;
  private static final double ROTATE_DEGREES = 35;

  private SvgBars() {}

  static String render(String title, String yLabel, String unit, Steps steps) {
    int groups = steps.steps().size();
    int n = steps.cells().size();
    double plotWidth = WIDTH - LEFT - RIGHT;
    double groupWidth = plotWidth / groups;
    double barWidth = groupWidth * 0.8 / n;

    double maxY = 0;
    for (CellBars c : steps.cells()) {
      for (Summary s : c.durations()) {
        if (s.n() == 0) continue;
        maxY = Math.max(maxY, s.mean() + (s.hasSpread() ? s.sd() : 0));
      }
    }
    double yStep = SvgChart.niceStep((maxY <= 0 ? 1 : maxY) / 5);
    double yMax = Math.ceil((maxY <= 0 ? 1 : maxY) / yStep) * yStep;

    // Step names that do not fit under their group are turned, and the chart grows to hold them.
    double longest = steps.steps().stream().mapToDouble(SvgChart::approxWidth).max().orElse(0);
    boolean rotate = longest > groupWidth - 6;
    double labelDepth = rotate ? longest * Math.sin(Math.toRadians(ROTATE_DEGREES)) + 12 : 14;
    double bottom = 10 + labelDepth + 30;
    double axisY = TOP + PLOT_HEIGHT;
    int height = (int) Math.ceil(axisY + bottom);

    StringBuilder svg = new StringBuilder();
    svg.append(
            String.format(
                Locale.ROOT,
                "<svg class=\"chart bars\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\""
                    + " role=\"img\" aria-label=\"%s\" data-y-max=\"%s\" data-plot-height=\"%d\">",
                WIDTH,
                height,
                Html.escape(title),
                Numbers.machine(yMax),
                PLOT_HEIGHT))
        .append("<title>")
        .append(Html.escape(title))
        .append("</title>");
    SvgChart.valueAxis(svg, LEFT, WIDTH - RIGHT, TOP, axisY, yMax, yStep, yLabel);

    for (int g = 0; g < groups; g++) {
      String step = steps.steps().get(g);
      double cx = LEFT + (g + 0.5) * groupWidth;
      if (rotate) {
        svg.append(
            String.format(
                Locale.ROOT,
                "<text class=\"tick\" text-anchor=\"end\" transform=\"translate(%.1f %.1f) rotate(-%.0f)\">%s</text>",
                cx + 4,
                axisY + 16,
                ROTATE_DEGREES,
                Html.escape(step)));
      } else {
        svg.append(SvgChart.text(cx, axisY + 19, "middle", "tick", step));
      }
      for (int i = 0; i < n; i++) {
        CellBars c = steps.cells().get(i);
        Summary s = c.durations().get(g);
        if (s.n() == 0) continue;
        double x = LEFT + g * groupWidth + groupWidth * 0.1 + i * barWidth;
        double top = y(s.mean(), yMax);
        String sd = s.hasSpread() ? Numbers.human(s.sd()) : Numbers.ABSENT;
        svg.append(
                String.format(
                    Locale.ROOT,
                    "<rect class=\"bar\" x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\""
                        + " fill=\"%s\" data-cell=\"%s\" data-step=\"%s\" data-mean=\"%s\""
                        + " data-sd=\"%s\" data-n=\"%d\">",
                    x,
                    top,
                    barWidth,
                    axisY - top,
                    c.color(),
                    Html.escape(c.cell()),
                    Html.escape(step),
                    Numbers.machine(s.mean()),
                    s.hasSpread() ? Numbers.machine(s.sd()) : "",
                    s.n()))
            .append("<title>")
            .append(
                Html.escape(
                    c.cell()
                        + ", "
                        + step
                        + ": "
                        + Numbers.human(s.mean())
                        + " ± "
                        + sd
                        + " "
                        + unit
                        + " ("
                        + s.n()
                        + (s.n() == 1 ? " run)" : " runs)")))
            .append("</title></rect>");
        if (s.hasSpread()) {
          double mid = x + barWidth / 2;
          double hi = y(s.mean() + s.sd(), yMax);
          // A whisker below zero would leave the plot; a duration is never negative.
          double lo = y(Math.max(0, s.mean() - s.sd()), yMax);
          double cap = Math.min(4, barWidth / 3);
          svg.append(
              String.format(
                  Locale.ROOT,
                  "<line class=\"whisker\" x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\""
                      + " data-cell=\"%s\" data-step=\"%s\"/>",
                  mid,
                  lo,
                  mid,
                  hi,
                  Html.escape(c.cell()),
                  Html.escape(step)));
          svg.append(SvgChart.line(mid - cap, hi, mid + cap, hi, "cap"));
          svg.append(SvgChart.line(mid - cap, lo, mid + cap, lo, "cap"));
        }
      }
    }

    double x = LEFT;
    for (CellBars c : steps.cells()) {
      svg.append(
          String.format(
              Locale.ROOT,
              "<rect x=\"%.1f\" y=\"9\" width=\"12\" height=\"12\" fill=\"%s\"/>",
              x,
              c.color()));
      svg.append(SvgChart.text(x + 18, 19, "start", "legend", c.cell()));
      x += 18 + SvgChart.approxWidth(c.cell()) + 22;
    }
    svg.append(SvgChart.line(x + 6, 8, x + 6, 22, "whisker"));
    svg.append(SvgChart.text(x + 18, 19, "start", "legend", "± σ across runs"));
    svg.append("</svg>");
    return svg.toString();
  }

  private static double y(double v, double yMax) {
    return TOP + PLOT_HEIGHT - v / yMax * PLOT_HEIGHT;
  }
}
