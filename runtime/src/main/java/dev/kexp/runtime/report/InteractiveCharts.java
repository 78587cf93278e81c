package dev.kexp.runtime.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kexp.runtime.report.Analysis.Point;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;

/**
 * The interactive charts of report.html, drawn by uPlot. uPlot's JS and CSS are read from its
 * webjar on the classpath and inlined with the chart data, so the report stays one file that works
 * offline and from a shared results directory years later.
 */
final class InteractiveCharts {

  /** A line of a time chart: a cell's per-second means and their band ({@link Band}). */
  record Line(String label, String color, List<Point> points) {}

  /** A vertical line in a cell's colour: a breakpoint of one of its runs. */
  record Mark(double second, String cell, String color) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private final ArrayNode specs = JSON.createArrayNode();

  /** Adds a time chart; returns the element it is drawn into. */
  String line(
      String title,
      String xLabel,
      String yLabel,
      List<Line> lines,
      List<Timeline.PhaseMark> phases,
      List<Mark> breakpoints) {
    ObjectNode c = chart("line", title, xLabel, yLabel, lines);
    ArrayNode ps = c.putArray("phases");
    for (Timeline.PhaseMark m : phases) {
      ps.addObject()
          .put("label", m.label())
          .put("mean", m.mean())
          .put("min", m.min())
          .put("max", m.max());
    }
    ArrayNode bs = c.putArray("breakpoints");
    for (Mark m : breakpoints) {
      bs.addObject().put("x", m.second()).put("cell", m.cell()).put("color", m.color());
    }
    return placeholder(c);
  }

  /**
   * Adds a chart of a metric against the load level (x: users or req/s), points joined by lines;
   * returns the element it is drawn into.
   */
  String levels(String title, String xLabel, String yLabel, List<Line> lines) {
    ObjectNode c = chart("levels", title, xLabel, yLabel, lines);
    c.putArray("phases");
    c.putArray("breakpoints");
    return placeholder(c);
  }

  private ObjectNode chart(
      String kind, String title, String xLabel, String yLabel, List<Line> lines) {
    ObjectNode c = spec(kind, title, yLabel);
    c.put("x", xLabel);
    ArrayNode ls = c.putArray("lines");
    boolean percent = Band.percent(yLabel);
    String band =
        Band.describe(
            lines.stream().flatMap(l -> l.points().stream()).map(Point::summary).toList());
    if (band != null) c.put("band", band);
    for (Line l : lines) {
      ObjectNode o = ls.addObject();
      o.put("label", l.label());
      o.put("color", l.color());
      ArrayNode x = o.putArray("x");
      ArrayNode mean = o.putArray("mean");
      ArrayNode lo = o.putArray("lo");
      ArrayNode hi = o.putArray("hi");
      int every = Thinning.every(l.points().size(), MAX_POINTS);
      if (every > 1) c.put("every", Math.max(every, c.path("every").asInt(1)));
      for (Point p : Thinning.thin(l.points(), percent, MAX_POINTS)) {
        Band b = Band.of(p.summary(), percent);
        x.add(p.second());
        number(mean, p.summary().mean());
        number(lo, b == null ? Double.NaN : b.low());
        number(hi, b == null ? Double.NaN : b.high());
      }
    }
    return c;
  }

  int size() {
    return specs.size();
  }

  private ObjectNode spec(String kind, String title, String yLabel) {
    ObjectNode c = JSON.createObjectNode();
    c.put("id", "chart-" + (specs.size() + 1));
    c.put("kind", kind);
    c.put("title", title);
    c.put("y", yLabel);
    return c;
  }

  private String placeholder(ObjectNode c) {
    specs.add(c);
    return "<div class=\"chart\" id=\"" + c.get("id").asText() + "\"></div>";
  }

  /**
   * Points a line of a chart holds at most; longer series are drawn a bucket of seconds a point.
   */
  static final int MAX_POINTS = 1000;

  /** Four significant digits: more than a chart can show, and a fifth of the page's size. */
  private static void number(ArrayNode a, Double v) {
    if (v != null && Double.isFinite(v)) a.add(significant(v));
    else a.addNull();
  }

  static double significant(double v) {
    if (v == 0) return 0;
    double scale = Math.pow(10, 3 - Math.floor(Math.log10(Math.abs(v))));
    return Math.round(v * scale) / scale;
  }

  /** The CSS to put in the head. */
  static String css() {
    return webjar("dist/uPlot.min.css");
  }

  /** The scripts to put at the end of the body: uPlot, the data, and kexp's renderer. */
  String scripts() {
    String data;
    try {
      data = JSON.writeValueAsString(specs);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    return "<pre id=\"kexp-errors\" class=\"errors\" hidden></pre>\n"
        + "<script type=\"application/json\" id=\"kexp-chart-data\">"
        // "</" inside a script element would end it; user text (cell names) may contain it.
        + data.replace("</", "<\\/")
        + "</script>\n<script>"
        + webjar("dist/uPlot.iife.min.js")
        + "</script>\n<script>"
        + resource("/dev/kexp/runtime/report/charts.js")
        + "</script>\n";
  }

  static String uplotVersion() {
    Properties p = new Properties();
    try (InputStream in =
        InteractiveCharts.class.getResourceAsStream(
            "/META-INF/maven/org.webjars.npm/uplot/pom.properties")) {
      if (in == null) throw new IllegalStateException("uPlot's webjar is not on the classpath");
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p.getProperty("version");
  }

  private static String webjar(String file) {
    return resource("/META-INF/resources/webjars/uplot/" + uplotVersion() + "/" + file);
  }

  private static String resource(String path) {
    try (InputStream in = InteractiveCharts.class.getResourceAsStream(path)) {
      if (in == null) throw new IllegalStateException(path + " is not on the classpath");
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
