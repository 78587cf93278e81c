package dev.kexp.runtime.report;

import dev.kexp.runtime.report.Aggregates.Summary;
import java.util.List;
import java.util.Locale;

/**
 * The benchmarks' two SVG charts: a metric against a level (sysbench's threads), one line per cell
 * with error bars, and grouped bars (IOzone's tests, one bar per cell) with whiskers. Error bars
 * and whiskers are {@link Band}s: the 95 % CI from three runs, their range with two, none with one.
 * Static SVG, so they print and show without scripts.
 */
final class SvgBenchmarks {
  private static final int WIDTH = 720;
  private static final int HEIGHT = 320;
  private static final int LEFT = 76;
  private static final int RIGHT = 24;
  private static final int TOP = 44;
  private static final int BOTTOM = 52;

  /** One cell's line: a point per level (x), dashed for a second metric of the same cell. */
  record Line(String label, String color, boolean dashed, List<double[]> xs, List<Summary> ys) {}

  /** One cell's bars: a summary per group. */
  record Bars(String label, String color, List<Summary> values) {}

  private SvgBenchmarks() {}

  static String levels(String title, String xLabel, String yLabel, String unit, List<Line> lines) {
    double xMax = 1;
    double yTop = 0;
    for (Line l : lines) {
      for (int i = 0; i < l.xs().size(); i++) {
        xMax = Math.max(xMax, l.xs().get(i)[0]);
        Summary s = l.ys().get(i);
        Band b = Band.of(s, false);
        if (s.n() > 0) yTop = Math.max(yTop, b != null ? Math.max(b.high(), s.mean()) : s.mean());
      }
    }
    double yStep = SvgChart.niceStep((yTop <= 0 ? 1 : yTop) / 5);
    double yMax = Math.ceil((yTop <= 0 ? 1 : yTop) / yStep) * yStep;
    double xStep = SvgChart.niceStep(xMax / 6);
    double xEnd = Math.ceil(xMax / xStep) * xStep;
    StringBuilder svg = open("levels", title, yMax);
    axes(svg, yMax, yStep, yLabel);
    for (double x = 0; x <= xEnd + xStep / 2; x += xStep) {
      double px = px(x, xEnd);
      svg.append(
          SvgChart.text(
              px, TOP + plotHeight() + 18, "middle", "tick", SvgChart.tickLabel(x, xStep)));
    }
    svg.append(SvgChart.text(LEFT + plotWidth() / 2, HEIGHT - 10, "middle", "label", xLabel));
    for (Line l : lines) {
      StringBuilder path = new StringBuilder();
      for (int i = 0; i < l.xs().size(); i++) {
        Summary s = l.ys().get(i);
        if (s.n() == 0) continue;
        path.append(path.length() == 0 ? "M" : " L")
            .append(
                String.format(
                    Locale.ROOT, "%.1f,%.1f", px(l.xs().get(i)[0], xEnd), py(s.mean(), yMax)));
      }
      svg.append(
          String.format(
              Locale.ROOT,
              "<path class=\"series\" d=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"%s"
                  + " data-cell=\"%s\"/>",
              path,
              l.color(),
              l.dashed() ? " stroke-dasharray=\"6 4\"" : "",
              Html.escape(l.label())));
      for (int i = 0; i < l.xs().size(); i++) {
        Summary s = l.ys().get(i);
        if (s.n() == 0) continue;
        double x = px(l.xs().get(i)[0], xEnd);
        whisker(svg, x, Band.of(s, false), yMax, l.label());
        svg.append(
                String.format(
                    Locale.ROOT,
                    "<circle class=\"point\" cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"%s\""
                        + " data-cell=\"%s\" data-x=\"%s\" data-mean=\"%s\" data-n=\"%d\">",
                    x,
                    py(s.mean(), yMax),
                    l.color(),
                    Html.escape(l.label()),
                    Numbers.machine(l.xs().get(i)[0]),
                    Numbers.machine(s.mean()),
                    s.n()))
            .append("<title>")
            .append(
                Html.escape(
                    tip(
                        l.label(),
                        Numbers.machine(l.xs().get(i)[0]) + " " + xLabel.toLowerCase(Locale.ROOT),
                        s,
                        unit)))
            .append("</title></circle>");
      }
    }
    legend(
        svg,
        lines.stream()
            .map(l -> new String[] {l.label(), l.color(), l.dashed() ? "dash" : ""})
            .toList());
    return svg.append("</svg>").toString();
  }

  static String bars(
      String title, String yLabel, String unit, List<String> groups, List<Bars> cells) {
    double yTop = 0;
    for (Bars c : cells) {
      for (Summary s : c.values()) {
        if (s.n() == 0) continue;
        Band b = Band.of(s, false);
        yTop = Math.max(yTop, b != null ? Math.max(b.high(), s.mean()) : s.mean());
      }
    }
    double yStep = SvgChart.niceStep((yTop <= 0 ? 1 : yTop) / 5);
    double yMax = Math.ceil((yTop <= 0 ? 1 : yTop) / yStep) * yStep;
    StringBuilder svg = open("bars", title, yMax);
    axes(svg, yMax, yStep, yLabel);
    double groupWidth = plotWidth() / Math.max(1, groups.size());
    double barWidth = groupWidth * 0.8 / Math.max(1, cells.size());
    for (int g = 0; g < groups.size(); g++) {
      svg.append(
          SvgChart.text(
              LEFT + (g + 0.5) * groupWidth,
              TOP + plotHeight() + 18,
              "middle",
              "tick",
              groups.get(g)));
      for (int i = 0; i < cells.size(); i++) {
        Bars c = cells.get(i);
        Summary s = c.values().get(g);
        if (s.n() == 0) continue;
        double x = LEFT + g * groupWidth + groupWidth * 0.1 + i * barWidth;
        double top = py(s.mean(), yMax);
        svg.append(
                String.format(
                    Locale.ROOT,
                    "<rect class=\"bar\" x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\""
                        + " fill=\"%s\" data-cell=\"%s\" data-group=\"%s\" data-mean=\"%s\""
                        + " data-n=\"%d\">",
                    x,
                    top,
                    barWidth,
                    TOP + plotHeight() - top,
                    c.color(),
                    Html.escape(c.label()),
                    Html.escape(groups.get(g)),
                    Numbers.machine(s.mean()),
                    s.n()))
            .append("<title>")
            .append(Html.escape(tip(c.label(), groups.get(g), s, unit)))
            .append("</title></rect>");
        whisker(svg, x + barWidth / 2, Band.of(s, false), yMax, c.label());
      }
    }
    legend(svg, cells.stream().map(c -> new String[] {c.label(), c.color(), ""}).toList());
    return svg.append("</svg>").toString();
  }

  private static String tip(String cell, String where, Summary s, String unit) {
    Band b = Band.of(s, false);
    String band =
        b == null
            ? ""
            : (b.range() ? ", range " : ", 95 % CI ")
                + Numbers.human(b.low())
                + "–"
                + Numbers.human(b.high());
    return cell
        + ", "
        + where
        + ": "
        + Numbers.human(s.mean())
        + " "
        + unit
        + band
        + " ("
        + s.n()
        + (s.n() == 1 ? " run)" : " runs)");
  }

  private static void whisker(StringBuilder svg, double x, Band b, double yMax, String cell) {
    if (b == null) return;
    double hi = py(b.high(), yMax);
    double lo = py(b.low(), yMax);
    svg.append(
        String.format(
            Locale.ROOT,
            "<line class=\"whisker\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" data-cell=\"%s\"/>",
            x,
            lo,
            x,
            hi,
            Html.escape(cell)));
    svg.append(SvgChart.line(x - 4, hi, x + 4, hi, "cap"));
    svg.append(SvgChart.line(x - 4, lo, x + 4, lo, "cap"));
  }

  private static StringBuilder open(String kind, String title, double yMax) {
    StringBuilder svg = new StringBuilder();
    svg.append(
            String.format(
                Locale.ROOT,
                "<svg class=\"chart %s\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\""
                    + " role=\"img\" aria-label=\"%s\" data-y-max=\"%s\">",
                kind,
                WIDTH,
                HEIGHT,
                Html.escape(title),
                Numbers.machine(yMax)))
        .append("<title>")
        .append(Html.escape(title))
        .append("</title>");
    return svg;
  }

  private static void axes(StringBuilder svg, double yMax, double yStep, String yLabel) {
    SvgChart.valueAxis(svg, LEFT, WIDTH - RIGHT, TOP, TOP + plotHeight(), yMax, yStep, yLabel);
  }

  private static void legend(StringBuilder svg, List<String[]> entries) {
    double x = LEFT;
    for (String[] e : entries) {
      svg.append(
          e[2].equals("dash")
              ? String.format(
                  Locale.ROOT,
                  "<line x1=\"%.1f\" y1=\"15\" x2=\"%.1f\" y2=\"15\" stroke=\"%s\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/>",
                  x,
                  x + 14,
                  e[1])
              : String.format(
                  Locale.ROOT,
                  "<rect x=\"%.1f\" y=\"9\" width=\"12\" height=\"12\" fill=\"%s\"/>",
                  x,
                  e[1]));
      svg.append(SvgChart.text(x + 18, 19, "start", "legend", e[0]));
      x += 18 + SvgChart.approxWidth(e[0]) + 22;
    }
  }

  private static double plotWidth() {
    return WIDTH - LEFT - RIGHT;
  }

  private static double plotHeight() {
    return HEIGHT - TOP - BOTTOM;
  }

  private static double px(double x, double xEnd) {
    return LEFT + x / xEnd * plotWidth();
  }

  private static double py(double y, double yMax) {
    return TOP + plotHeight() - y / yMax * plotHeight();
  }
}
