package dev.kexp.runtime.report;

import dev.kexp.runtime.report.Analysis.Point;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A hand-drawn SVG line chart: one line per series, mean with its shaded {@link Band}. */
final class SvgChart {

  record Line(String name, String color, List<Point> points) {}

  /**
   * A vertical line: labelled and grey (the start of a phase), or, with a colour, a run's
   * breakpoint in its cell's colour, unlabelled (40 labels of a paper-sized matrix only print over
   * each other; the legend says what the coloured lines are).
   */
  record Marker(double second, String label, String color) {
    Marker(double second, String label) {
      this(second, label, null);
    }

    static Marker breakpoint(double second, String color) {
      return new Marker(second, "", color);
    }
  }

  // One colour per cell: Okabe–Ito's colour-blind-safe palette (its yellow, too pale on white,
  // last), then Paul Tol's muted scheme; beyond those, hues spread by the golden angle, so every
  // cell of a large matrix still has a colour of its own.
  static final List<String> PALETTE =
      List.of(
          "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#882255",
          "#44AA99", "#999933", "#332288", "#AA4499", "#DDCC77", "#F0E442");

  private static final int WIDTH = 900;
  private static final int HEIGHT = 320;
  private static final int LEFT = 72;
  private static final int RIGHT = 24;
  private static final int TOP = 44;
  private static final int BOTTOM = 52;

  private SvgChart() {}

  static String color(int i) {
    if (i < PALETTE.size()) return PALETTE.get(i);
    double hue = ((i - PALETTE.size()) * 137.508) % 360;
    java.awt.Color c = java.awt.Color.getHSBColor((float) (hue / 360), 0.65f, 0.7f);
    return String.format(Locale.ROOT, "#%02X%02X%02X", c.getRed(), c.getGreen(), c.getBlue());
  }

  /**
   * @param id unique within the page; used for the clip path
   */
  static String render(
      String id,
      String title,
      String xLabel,
      String yLabel,
      List<Line> lines,
      List<Marker> markers) {
    double minX = Double.POSITIVE_INFINITY;
    double maxX = Double.NEGATIVE_INFINITY;
    double maxY = 0;
    boolean percent = Band.percent(yLabel);
    List<Aggregates.Summary> all = new ArrayList<>();
    for (Line l : lines) {
      for (Point p : l.points()) {
        minX = Math.min(minX, p.second());
        maxX = Math.max(maxX, p.second());
        Band b = Band.of(p.summary(), percent);
        double top = b != null ? Math.max(b.high(), p.summary().mean()) : p.summary().mean();
        if (Double.isFinite(top)) {
          maxY = Math.max(maxY, top);
        }
        all.add(p.summary());
      }
    }
    String bandText = Band.describe(all);
    // At most a point per pixel column of the plot (see Thinning); the extent above is the data's.
    lines =
        lines.stream()
            .map(
                l ->
                    new Line(
                        l.name(),
                        l.color(),
                        Thinning.thin(l.points(), percent, WIDTH - LEFT - RIGHT)))
            .toList();
    if (!Double.isFinite(minX)) {
      minX = 0;
      maxX = 1;
    }
    // Every chart starts at the run start, so charts of the same run line up in time.
    minX = Math.min(0, minX);
    for (Marker m : markers) {
      maxX = Math.max(maxX, m.second());
    }
    if (maxX <= minX) {
      maxX = minX + 1;
    }
    double yStep = niceStep((maxY <= 0 ? 1 : maxY) / 5);
    double yMax = Math.ceil((maxY <= 0 ? 1 : maxY) / yStep) * yStep;
    double xStep = niceStep((maxX - minX) / 8);
    Scale sx = new Scale(minX, maxX, LEFT, WIDTH - RIGHT);
    Scale sy = new Scale(0, yMax, HEIGHT - BOTTOM, TOP);

    StringBuilder svg = new StringBuilder();
    svg.append(
            String.format(
                Locale.ROOT,
                "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\""
                    + " role=\"img\" aria-label=\"%s\">",
                WIDTH,
                HEIGHT,
                Html.escape(title)))
        .append("<title>")
        .append(Html.escape(title))
        .append("</title>");
    svg.append(
        String.format(
            Locale.ROOT,
            "<defs><clipPath id=\"%s\"><rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\"/></clipPath></defs>",
            id,
            LEFT,
            TOP,
            WIDTH - LEFT - RIGHT,
            HEIGHT - TOP - BOTTOM));

    valueAxis(svg, LEFT, WIDTH - RIGHT, TOP, HEIGHT - BOTTOM, yMax, yStep, yLabel);
    for (double x = Math.ceil(minX / xStep) * xStep; x <= maxX + xStep / 1000; x += xStep) {
      double px = sx.map(x);
      svg.append(line(px, HEIGHT - BOTTOM, px, HEIGHT - BOTTOM + 5, "axis"));
      svg.append(text(px, HEIGHT - BOTTOM + 19, "middle", "tick", tickLabel(x, xStep)));
    }
    svg.append(text((LEFT + WIDTH - RIGHT) / 2.0, HEIGHT - 10, "middle", "label", xLabel));

    for (Marker m : markers) {
      double px = sx.map(m.second());
      if (m.color() != null) {
        svg.append(stroked(px, TOP, px, HEIGHT - BOTTOM, "breakpoint", m.color(), ""));
        continue;
      }
      svg.append(line(px, TOP, px, HEIGHT - BOTTOM, "marker"));
      // A label that would run past the plot's right edge goes on the left of its line.
      boolean fitsRight = px + 4 + approxWidth(m.label()) <= WIDTH - RIGHT;
      svg.append(
          text(
              fitsRight ? px + 4 : px - 4,
              TOP + 12,
              fitsRight ? "start" : "end",
              "marker-label",
              m.label()));
    }
    svg.append("<g clip-path=\"url(#").append(id).append(")\">");
    for (Line l : lines) {
      for (List<Point> segment : segments(l.points())) {
        band(svg, segment, sx, sy, l.color(), percent);
      }
    }
    for (Line l : lines) {
      for (List<Point> segment : segments(l.points())) {
        path(svg, segment, sx, sy, l.color());
      }
    }
    svg.append("</g>");

    legend(svg, lines, bandText, markers.stream().anyMatch(m -> m.color() != null));
    if (lines.stream().allMatch(l -> l.points().isEmpty())) {
      svg.append(
          text(
              (LEFT + WIDTH - RIGHT) / 2.0,
              (TOP + HEIGHT - BOTTOM) / 2.0,
              "middle",
              "label",
              "no data"));
    }
    svg.append("</svg>");
    return svg.toString();
  }

  private static void legend(
      StringBuilder svg, List<Line> lines, String bandText, boolean breakpoints) {
    double x = LEFT;
    double y = 18;
    for (Line l : lines) {
      svg.append(
          String.format(
              Locale.ROOT,
              "<rect x=\"%.1f\" y=\"%.1f\" width=\"18\" height=\"4\" fill=\"%s\"/>",
              x,
              y - 5,
              l.color()));
      svg.append(text(x + 24, y, "start", "legend", l.name()));
      x += 24 + approxWidth(l.name()) + 22;
    }
    if (bandText != null) {
      svg.append(
          String.format(
              Locale.ROOT,
              "<rect x=\"%.1f\" y=\"%.1f\" width=\"18\" height=\"10\" fill=\"#888\" fill-opacity=\"0.25\"/>",
              x,
              y - 8));
      svg.append(text(x + 24, y, "start", "legend", bandText));
      x += 24 + approxWidth(bandText) + 22;
    }
    if (breakpoints) {
      svg.append(stroked(x + 9, y - 11, x + 9, y + 1, "breakpoint", "#5b6475", ""))
          .append(text(x + 16, y, "start", "legend", "breakpoint of a run"));
    }
  }

  static double approxWidth(String s) {
    return s.length() * 7.2;
  }

  /**
   * Splits a series where samples are missing, so a gap in the data is not drawn as a straight
   * line. A gap is a step over three times the series' usual step.
   */
  static List<List<Point>> segments(List<Point> points) {
    List<List<Point>> segments = new ArrayList<>();
    List<Point> finite = points.stream().filter(p -> Double.isFinite(p.summary().mean())).toList();
    if (finite.isEmpty()) {
      return segments;
    }
    long[] steps = new long[Math.max(0, finite.size() - 1)];
    for (int i = 1; i < finite.size(); i++) {
      steps[i - 1] = finite.get(i).second() - finite.get(i - 1).second();
    }
    java.util.Arrays.sort(steps);
    long usual = steps.length == 0 ? 1 : Math.max(1, steps[steps.length / 2]);
    List<Point> current = new ArrayList<>();
    for (Point p : finite) {
      if (!current.isEmpty() && p.second() - current.get(current.size() - 1).second() > 3 * usual) {
        segments.add(current);
        current = new ArrayList<>();
      }
      current.add(p);
    }
    segments.add(current);
    return segments;
  }

  private static void band(
      StringBuilder svg, List<Point> segment, Scale sx, Scale sy, String color, boolean percent) {
    // Only the stretch where every point has a band can be drawn as one polygon.
    List<double[]> run = new ArrayList<>();
    for (Point p : segment) {
      Band b = Band.of(p.summary(), percent);
      if (b != null) {
        run.add(new double[] {p.second(), b.low(), b.high()});
      } else {
        polygon(svg, run, sx, sy, color);
        run.clear();
      }
    }
    polygon(svg, run, sx, sy, color);
  }

  /** A polygon through (second, low, high) triples: the highs forward, the lows back. */
  private static void polygon(
      StringBuilder svg, List<double[]> run, Scale sx, Scale sy, String color) {
    if (run.size() < 2) {
      return;
    }
    StringBuilder pts = new StringBuilder();
    for (double[] p : run) {
      pts.append(coord(sx.map(p[0]), sy.map(p[2]))).append(' ');
    }
    for (int i = run.size() - 1; i >= 0; i--) {
      double[] p = run.get(i);
      pts.append(coord(sx.map(p[0]), sy.map(p[1]))).append(' ');
    }
    svg.append("<polygon class=\"band\" fill=\"")
        .append(color)
        .append("\" points=\"")
        .append(pts.toString().trim())
        .append("\"/>");
  }

  private static void path(
      StringBuilder svg, List<Point> segment, Scale sx, Scale sy, String color) {
    if (segment.size() == 1) {
      Point p = segment.get(0);
      svg.append(
          String.format(
              Locale.ROOT,
              "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>",
              sx.map(p.second()),
              sy.map(p.summary().mean()),
              color));
      return;
    }
    StringBuilder d = new StringBuilder();
    for (Point p : segment) {
      d.append(d.length() == 0 ? "M" : " L")
          .append(coord(sx.map(p.second()), sy.map(p.summary().mean())));
    }
    svg.append("<path class=\"series\" stroke=\"")
        .append(color)
        .append("\" d=\"")
        .append(d)
        .append("\"/>");
  }

  private record Scale(double d0, double d1, double r0, double r1) {
    double map(double v) {
      return r0 + (v - d0) / (d1 - d0) * (r1 - r0);
    }
  }

  /** 1, 2, 2.5 or 5 times a power of ten: tick steps a reader can add up in their head. */
  static double niceStep(double raw) {
    if (!(raw > 0) || !Double.isFinite(raw)) {
      return 1;
    }
    double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
    double f = raw / magnitude;
    double nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10;
    return nice * magnitude;
  }

  static String tickLabel(double v, double step) {
    // As many decimals as the step needs, so 2.5-steps show 2.5 and whole steps show none.
    int decimals = 0;
    double scaled = step;
    while (decimals < 6 && Math.abs(scaled - Math.rint(scaled)) > 1e-9 * Math.max(1, scaled)) {
      scaled *= 10;
      decimals++;
    }
    return String.format(Locale.ROOT, "%,." + decimals + "f", v);
  }

  /**
   * x,y to a tenth of a pixel. Not String.format: a paper-sized report has half a million
   * coordinates, and Formatter spent seconds on them.
   */
  private static String coord(double x, double y) {
    return tenth(x) + "," + tenth(y);
  }

  private static String tenth(double v) {
    long t = Math.round(v * 10);
    String sign = t < 0 ? "-" : "";
    t = Math.abs(t);
    return sign + (t / 10) + "." + (t % 10);
  }

  /**
   * The value axis of a plot from {@code left} to {@code right} whose 0 is at {@code bottom} and
   * {@code yMax} at {@code top}: a grid line and a tick label every {@code yStep}, the two axis
   * lines, and the axis title turned along the left edge. Every chart of the report draws its y
   * axis so.
   */
  static void valueAxis(
      StringBuilder svg,
      double left,
      double right,
      double top,
      double bottom,
      double yMax,
      double yStep,
      String yLabel) {
    for (double y = 0; y <= yMax + yStep / 2; y += yStep) {
      double py = bottom - y / yMax * (bottom - top);
      svg.append(line(left, py, right, py, "grid"));
      svg.append(text(left - 8, py + 4, "end", "tick", tickLabel(y, yStep)));
    }
    svg.append(line(left, top, left, bottom, "axis"));
    svg.append(line(left, bottom, right, bottom, "axis"));
    svg.append(
        String.format(
            Locale.ROOT,
            "<text class=\"label\" text-anchor=\"middle\" transform=\"translate(18 %.1f) rotate(-90)\">%s</text>",
            (top + bottom) / 2.0,
            Html.escape(yLabel)));
  }

  /**
   * A line with its own stroke colour (a cell's), and any further attributes: on the element,
   * because its class's rule sets only the width and the dashes.
   */
  static String stroked(
      double x1, double y1, double x2, double y2, String cls, String color, String attributes) {
    String plain = line(x1, y1, x2, y2, cls);
    return plain.substring(0, plain.length() - 2)
        + " stroke=\""
        + color
        + "\""
        + (attributes.isEmpty() ? "" : " " + attributes)
        + "/>";
  }

  static String line(double x1, double y1, double x2, double y2, String cls) {
    return String.format(
        Locale.ROOT,
        "<line class=\"%s\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>",
        cls,
        x1,
        y1,
        x2,
        y2);
  }

  static String text(double x, double y, String anchor, String cls, String content) {
    return String.format(
        Locale.ROOT,
        "<text class=\"%s\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\">%s</text>",
        cls,
        x,
        y,
        anchor,
        Html.escape(content));
  }
}
