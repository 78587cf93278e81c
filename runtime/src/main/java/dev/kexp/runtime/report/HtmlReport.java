package dev.kexp.runtime.report;

import static dev.kexp.runtime.report.Html.escape;

import dev.kexp.runtime.report.Aggregates.Summary;
import dev.kexp.runtime.report.Analysis.CellAnalysis;
import dev.kexp.runtime.report.Analysis.NodeMetric;
import dev.kexp.runtime.report.Analysis.PhaseRole;
import dev.kexp.runtime.report.Analysis.Point;
import dev.kexp.runtime.report.Analysis.ReportData;
import dev.kexp.runtime.report.Analysis.RunAnalysis;
import dev.kexp.runtime.results.Results.ManifestInfo;
import dev.kexp.runtime.results.Results.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * report.html: one self-contained page. Charts are drawn by uPlot, inlined from its webjar, from
 * their data (the latex format writes an SVG of each figure); no external resources, so it works
 * offline.
 */
final class HtmlReport implements ReportWriter {
  static final String FILE = "report.html";

  HtmlReport() {}

  @Override
  public String word() {
    return "html";
  }

  @Override
  public List<String> files() {
    return List.of(FILE);
  }

  @Override
  public List<Path> write(Path dir, ReportData data, Set<String> formats) throws IOException {
    return List.of(Report.writeFile(dir.resolve(FILE), render(data, formats)));
  }

  static String render(ReportData data, Set<String> formats) {
    ManifestInfo m = data.results().manifest();
    String experiment = m.experiment() != null ? m.experiment() : "(unnamed experiment)";
    StringBuilder h = new StringBuilder(64 * 1024);
    h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>kexp report: ")
        .append(escape(experiment))
        .append("</title>\n<style>")
        .append(CSS)
        .append(InteractiveCharts.css())
        .append("</style>\n</head>\n<body>\n<main>\n");
    h.append(
        "<noscript><p class=\"banner\">The charts of this report are drawn by its scripts; the"
            + " tables below need none, and the latex format writes every figure as SVG.</p>"
            + "</noscript>\n");
    header(h, data, experiment);
    banner(h, data);
    int[] figure = {0};
    InteractiveCharts charts = new InteractiveCharts();
    throughputSection(h, data, figure, charts);
    generatorSection(h, data);
    cpuSection(h, data, figure, charts);
    replicasSection(h, data, figure, charts);
    int[] table = {0};
    ReferenceHtml.section(h, data);
    lifecycleTableSection(h, data, table);
    boxSection(h, data, figure);
    lifecycleSection(h, data, figure);
    BenchmarkReport.html(h, data, figure);
    summarySection(h, data);
    phaseSection(h, data, table);
    runsSection(h, data);
    notesSection(h, data, formats);
    h.append("</main>\n").append(charts.scripts()).append("</body>\n</html>\n");
    return h.toString();
  }

  private static void header(StringBuilder h, ReportData data, String experiment) {
    ManifestInfo m = data.results().manifest();
    h.append("<header>\n<p class=\"eyebrow\">kexp experiment report</p>\n<h1>")
        .append(escape(experiment))
        .append("</h1>\n<dl class=\"meta\">\n");
    String file = m.file() != null ? m.file() : "experiment.kexp";
    meta(h, "Experiment file", link("experiment.kexp", file, data));
    meta(h, "Plan", link("plan.txt", "plan.txt", data));
    meta(
        h,
        "Status",
        "<span class=\"status " + statusClass(status(m)) + "\">" + escape(status(m)) + "</span>");
    long complete =
        data.results().runs().stream().filter(r -> "complete".equals(r.ref().status())).count();
    meta(
        h,
        "Runs",
        complete
            + " of "
            + data.results().runs().size()
            + " complete, "
            + data.cells().size()
            + (data.cells().size() == 1 ? " cell" : " cells"));
    meta(h, "Started", escape(orDash(m.started())));
    meta(h, "Ended", escape(orDash(m.ended())));
    meta(h, "Wall time", escape(wallTime(m.started(), m.ended())));
    meta(h, "kexp", escape(orDash(m.kexp())));
    meta(h, "Java", escape(orDash(m.java())));
    meta(h, "OS", escape(orDash(m.os())));
    h.append("</dl>\n</header>\n");
  }

  private static String status(ManifestInfo m) {
    return m.present() && m.status() != null ? m.status() : "unknown";
  }

  private static String statusClass(String status) {
    return switch (status) {
      case "complete" -> "ok";
      case "running" -> "running";
      default -> "bad";
    };
  }

  private static String link(String target, String text, ReportData data) {
    if (Files.isRegularFile(data.results().dir().resolve(target))) {
      return "<a href=\"" + escape(target) + "\">" + escape(text) + "</a>";
    }
    return escape(text) + " <span class=\"muted\">(not in results)</span>";
  }

  private static void meta(StringBuilder h, String term, String html) {
    h.append("<div><dt>")
        .append(escape(term))
        .append("</dt><dd>")
        .append(html)
        .append("</dd></div>\n");
  }

  private static String orDash(String s) {
    return s == null || s.isBlank() ? Numbers.ABSENT : s;
  }

  private static String wallTime(String started, String ended) {
    if (started == null || ended == null) {
      return Numbers.ABSENT;
    }
    try {
      Duration d = Duration.between(Instant.parse(started), Instant.parse(ended));
      long s = d.getSeconds();
      return s >= 3600
          ? String.format("%d h %02d min %02d s", s / 3600, (s % 3600) / 60, s % 60)
          : s >= 60 ? String.format("%d min %02d s", s / 60, s % 60) : s + " s";
    } catch (DateTimeParseException e) {
      return Numbers.ABSENT;
    }
  }

  /** Runs that did not complete, so the reader knows what the numbers below are missing. */
  static List<String> incompleteRuns(ReportData data) {
    List<String> out = new ArrayList<>();
    for (Run r : data.results().runs()) {
      if (!r.dirPresent()) {
        out.add(r.ref().id() + " (not started)");
      } else if (!"complete".equals(r.ref().status())) {
        out.add(
            r.ref().id()
                + " ("
                + (r.ref().status() == null ? "status unknown" : r.ref().status())
                + ")");
      }
    }
    return out;
  }

  private static void banner(StringBuilder h, ReportData data) {
    ManifestInfo m = data.results().manifest();
    if (m.present() && m.complete()) {
      return;
    }
    String what =
        !m.present()
            ? "manifest.json is missing or unreadable, so the experiment status is unknown."
            : "running".equals(m.status())
                ? "the experiment is still running; this report is a snapshot."
                : "the experiment ended with status \u201c" + m.status() + "\u201d.";
    h.append("<div class=\"banner\" role=\"alert\"><strong>PARTIAL RUN:</strong> ")
        .append(escape(what));
    List<String> incomplete = incompleteRuns(data);
    if (!incomplete.isEmpty()) {
      h.append(" Missing or partial runs: ")
          .append(escape(String.join(", ", incomplete)))
          .append('.');
    }
    h.append(" Aggregates cover only the data that was written.</div>\n");
  }

  /**
   * The seconds where a load generator was saturated (generator.csv, events.jsonl): they measure
   * the loader, not the system, and a breakpoint found in them is doubtful. Nothing when there are
   * none.
   */
  private static void generatorSection(StringBuilder h, ReportData data) {
    List<String> items = new ArrayList<>();
    for (Run r : data.results().runs()) {
      for (dev.kexp.runtime.results.EventsFile.Row e : r.events()) {
        if (e.event().equals(dev.kexp.runtime.results.Event.GENERATOR_BOUND.wire())) {
          items.add(
              r.ref().id()
                  + ", "
                  + e.phase()
                  + ": "
                  + e.numbers().getOrDefault("seconds", 0.0).longValue()
                  + " seconds from second "
                  + e.numbers().getOrDefault("first", 0.0).longValue());
        } else if (e.event().equals(dev.kexp.runtime.results.Event.BREAKPOINT.wire())
            && e.numbers().getOrDefault("doubtful", 0.0) > 0) {
          items.add(
              r.ref().id()
                  + ", "
                  + e.phase()
                  + ": the breakpoint at second "
                  + e.numbers().getOrDefault("second", 0.0).longValue()
                  + " is doubtful (the generator was saturated in its window)");
        }
      }
    }
    if (items.isEmpty()) return;
    h.append("<section>\n<h2>Load generator</h2>\n<div class=\"banner\" role=\"note\">")
        .append("<strong>")
        .append(escape(dev.kexp.runtime.results.GeneratorFile.BOUND_TEXT))
        .append("</strong> (CPU above ")
        .append((int) dev.kexp.runtime.results.GeneratorFile.CPU_BOUND_PERCENT)
        .append(" % of the loader's cores, event-loop lag or open-model lateness above ")
        .append((int) dev.kexp.runtime.results.GeneratorFile.LAG_BOUND_MS)
        .append(" ms; per second in generator.csv).<ul>\n");
    for (String item : items) h.append("<li>").append(escape(item)).append("</li>\n");
    h.append("</ul></div>\n</section>\n");
  }

  private static void throughputSection(
      StringBuilder h, ReportData data, int[] figure, InteractiveCharts charts) {
    boolean anyLoad = data.cells().stream().anyMatch(c -> !c.rps().isEmpty());
    h.append("<section>\n<h2>Throughput and latency</h2>\n");
    if (!anyLoad) {
      h.append(
          "<p class=\"muted\">No load data: none of the runs has a load.csv.</p>\n</section>\n");
      return;
    }
    figure(
        h,
        figure,
        charts,
        data,
        "Requests per second over time",
        "Requests per second, mean across repetitions of each cell: successful (answered with 2xx"
            + " or 3xx, as a function's invocation rate counts them), failed (error responses,"
            + " resets, refusals, timeouts) and all responses (series.csv: ok_rps, errors, rps)",
        "req/s",
        List.of(
            new Panel("Successful (2xx/3xx)", d -> d.key().equals("ok_rps")),
            new Panel("Failed", d -> d.key().equals("errors")),
            new Panel("All responses", d -> d.key().equals("rps"))));
    figure(
        h,
        figure,
        charts,
        data,
        "Latency percentiles over time",
        "Per-second latency percentiles, one panel each, mean across repetitions of each cell",
        "Latency (ms)",
        List.of(
            new Panel("p50", d -> d.key().equals("p50_ms")),
            new Panel("p90", d -> d.key().equals("p90_ms")),
            new Panel("p99", d -> d.key().equals("p99_ms"))));
    figure(
        h,
        figure,
        charts,
        data,
        "Users over time",
        "Active virtual users (closed model) or in-flight requests (open model), mean across"
            + " repetitions",
        "Users",
        List.of(new Panel(null, d -> d.group().equals("users"))));
    BreakpointTable.html(h, data);
    LevelsHtml.section(h, data, figure, charts);
    h.append("</section>\n");
  }

  private static void cpuSection(
      StringBuilder h, ReportData data, int[] figure, InteractiveCharts charts) {
    Set<String> roles = new LinkedHashSet<>();
    data.cells().forEach(c -> roles.addAll(c.cpuByRole().keySet()));
    if (roles.isEmpty()) {
      return;
    }
    h.append("<section>\n<h2>CPU, memory and disk by node role</h2>\n");
    for (String role : Analysis.sortRoles(roles)) {
      for (NodeMetric m : Analysis.NODE_METRICS) {
        String key = m.key() + "_" + role;
        figure(
            h,
            figure,
            charts,
            data,
            m.label() + " of " + role + " nodes",
            m.label()
                + " of "
                + role
                + " nodes (mean over the role's nodes, then across repetitions)",
            m.label() + " (" + m.unit() + ")",
            List.of(new Panel(null, d -> d.key().equals(key))));
      }
    }
    h.append("</section>\n");
  }

  private static void replicasSection(
      StringBuilder h, ReportData data, int[] figure, InteractiveCharts charts) {
    Set<String> deployments = new LinkedHashSet<>();
    data.cells()
        .forEach(
            c ->
                c.series().keySet().stream()
                    .filter(d -> d.group().equals("replicas"))
                    .forEach(d -> deployments.add(d.key())));
    Set<String> queries = new LinkedHashSet<>();
    data.cells()
        .forEach(
            c ->
                c.series().keySet().stream()
                    .filter(d -> d.group().startsWith("prom:"))
                    .forEach(d -> queries.add(d.group())));
    if (deployments.isEmpty() && queries.isEmpty()) {
      return;
    }
    h.append("<section>\n<h2>Replicas and Prometheus series</h2>\n");
    for (String key : deployments) {
      String name = key.substring("replicas_".length());
      figure(
          h,
          figure,
          charts,
          data,
          "Ready replicas of " + name,
          "Ready replicas of " + name + " (replicas.csv), mean across repetitions",
          "Replicas",
          List.of(new Panel(null, d -> d.key().equals(key))));
    }
    for (String q : queries) {
      String name = q.substring("prom:".length());
      figure(
          h,
          figure,
          charts,
          data,
          "Prometheus: " + name,
          "Prometheus query " + name + " over each run's window, mean across repetitions",
          name,
          List.of(new Panel(null, d -> d.group().equals(q))));
    }
    h.append("</section>\n");
  }

  /**
   * Table 1 of a lifecycle comparison: event × role rows, the cells side by side as column groups,
   * mean and σ of CPU, memory and disk. One table when it fits the page, else one per metric.
   */
  private static void lifecycleTableSection(StringBuilder h, ReportData data, int[] table) {
    Lifecycle.Table t = Lifecycle.table(data).orElse(null);
    if (t == null) {
      return;
    }
    h.append("<section>\n<h2>Resource usage per event, cells side by side</h2>\n");
    if (fitsOneTable(t)) {
      table[0]++;
      lifecycleTable(h, data, t, t.metrics(), table[0]);
    } else {
      for (NodeMetric m : t.metrics()) {
        table[0]++;
        lifecycleTable(h, data, t, List.of(m), table[0]);
      }
    }
    h.append("</section>\n");
  }

  /** Room for a table in the page's column: main's width less its padding. */
  static final double PAGE_WIDTH_PX = 1040 - 2 * 28;

  /**
   * Whether Table 1 fits the page as one table: at most {@link Lifecycle#MAX_CELLS_IN_ONE_TABLE}
   * cells, and an estimate of its width (characters of the widest entry per column, as the SVG
   * charts estimate text) within the page.
   */
  static boolean fitsOneTable(Lifecycle.Table t) {
    if (t.cells().size() > Lifecycle.MAX_CELLS_IN_ONE_TABLE) {
      return false;
    }
    return tableWidthPx(t, t.metrics()) <= PAGE_WIDTH_PX;
  }

  static double tableWidthPx(Lifecycle.Table t, List<NodeMetric> metrics) {
    double padding = 10;
    double event = bold("Event");
    double role = SvgChart.approxWidth("Role");
    for (PhaseRole r : t.rows()) {
      event = Math.max(event, bold(r.phase()));
      role = Math.max(role, SvgChart.approxWidth(r.role()));
    }
    double width = event + role + 2 * padding;
    for (CellAnalysis c : t.cells()) {
      double numbers = 0;
      for (NodeMetric m : metrics) {
        double column = bold(metricHeading(m)) + padding;
        double means = SvgChart.approxWidth("mean");
        double sds = SvgChart.approxWidth("σ");
        for (PhaseRole r : t.rows()) {
          Summary s = t.get(c, r, m.key());
          means = Math.max(means, SvgChart.approxWidth(Numbers.human(s.mean())));
          sds = Math.max(sds, SvgChart.approxWidth(Numbers.human(s.sd())));
        }
        numbers += Math.max(column, means + sds + 2 * padding);
      }
      width += Math.max(numbers, bold(groupHeading(c)) + 16 + padding);
    }
    return width;
  }

  /** Headings are bold: a little wider than the charts' text estimate. */
  private static double bold(String s) {
    return 1.12 * SvgChart.approxWidth(s);
  }

  /** Table 1's metrics are all percentages, which its caption says: the headings stay short. */
  private static String metricHeading(NodeMetric m) {
    return m.key().startsWith("disk") ? "Disk" : m.label();
  }

  private static String groupHeading(CellAnalysis c) {
    return c.cell() + " (" + c.runs().size() + (c.runs().size() == 1 ? " run)" : " runs)");
  }

  private static void lifecycleTable(
      StringBuilder h, ReportData data, Lifecycle.Table t, List<NodeMetric> metrics, int number) {
    boolean all = metrics.size() > 1;
    h.append("<div class=\"scroll\"><table class=\"data lifecycle\" id=\"table-")
        .append(number)
        .append("\" data-metrics=\"")
        .append(escape(String.join(" ", metrics.stream().map(NodeMetric::key).toList())))
        .append("\">\n<caption><span class=\"fig\">Table ")
        .append(number)
        .append(".</span> ")
        .append(escape(all ? "CPU, memory and disk" : metricHeading(metrics.get(0))))
        .append(
            " (%) per lifecycle event (phase, in file order) and node role, the cells side by side:"
                + " mean and &sigma; across runs of each run&#39;s mean over the phase window; ")
        .append(escape(Lifecycle.DISK_NOTE))
        .append('.');
    if (!t.eventsWithoutSamples().isEmpty()) {
      h.append(" No node samples in: ")
          .append(escape(String.join(", ", t.eventsWithoutSamples())))
          .append('.');
    }
    h.append("</caption>\n<thead>\n<tr><th rowspan=\"")
        .append(all ? 3 : 2)
        .append("\">Event</th><th rowspan=\"")
        .append(all ? 3 : 2)
        .append("\">Role</th>");
    for (CellAnalysis c : t.cells()) {
      h.append("<th class=\"cellgroup gs\" scope=\"colgroup\" colspan=\"")
          .append(2 * metrics.size())
          .append("\"><span class=\"swatch\" style=\"background:")
          .append(Lifecycle.color(data, c))
          .append("\"></span>")
          .append(escape(c.cell()))
          .append(" <span class=\"unit\">(")
          .append(c.runs().size())
          .append(c.runs().size() == 1 ? " run" : " runs")
          .append(")</span></th>");
    }
    h.append("</tr>\n");
    if (all) {
      h.append("<tr>");
      for (CellAnalysis c : t.cells()) {
        boolean first = true;
        for (NodeMetric m : metrics) {
          h.append("<th class=\"metric")
              .append(first ? " gs" : "")
              .append("\" scope=\"colgroup\" colspan=\"2\">")
              .append(escape(metricHeading(m)))
              .append("</th>");
          first = false;
        }
      }
      h.append("</tr>\n");
    }
    h.append("<tr>");
    for (CellAnalysis c : t.cells()) {
      boolean first = true;
      for (NodeMetric m : metrics) {
        h.append("<th class=\"num")
            .append(first ? " gs" : "")
            .append("\">mean</th><th class=\"num\">&sigma;</th>");
        first = false;
      }
    }
    h.append("</tr>\n</thead>\n<tbody>\n");
    Map<String, List<PhaseRole>> byEvent = new LinkedHashMap<>();
    t.rows().forEach(r -> byEvent.computeIfAbsent(r.phase(), p -> new ArrayList<>()).add(r));
    for (Map.Entry<String, List<PhaseRole>> e : byEvent.entrySet()) {
      boolean firstRow = true;
      for (PhaseRole r : e.getValue()) {
        h.append(firstRow ? "<tr class=\"group\"" : "<tr")
            .append(" data-event=\"")
            .append(escape(r.phase()))
            .append("\" data-role=\"")
            .append(escape(r.role()))
            .append("\">");
        if (firstRow) {
          h.append("<th scope=\"rowgroup\" rowspan=\"")
              .append(e.getValue().size())
              .append("\">")
              .append(escape(r.phase()))
              .append("</th>");
        }
        h.append("<td>").append(escape(r.role())).append("</td>");
        for (CellAnalysis c : t.cells()) {
          boolean first = true;
          for (NodeMetric m : metrics) {
            Summary s = t.get(c, r, m.key());
            lifecycleValue(h, c, m, "mean", s.mean(), first ? "num gs" : "num");
            lifecycleValue(h, c, m, "sd", s.hasSpread() ? s.sd() : Double.NaN, "num sd");
            first = false;
          }
        }
        h.append("</tr>\n");
        firstRow = false;
      }
    }
    h.append("</tbody></table></div>\n");
  }

  private static void lifecycleValue(
      StringBuilder h, CellAnalysis c, NodeMetric m, String stat, double v, String cls) {
    h.append("<td class=\"")
        .append(cls)
        .append("\" data-cell=\"")
        .append(escape(c.cell()))
        .append("\" data-metric=\"")
        .append(m.key())
        .append("\" data-stat=\"")
        .append(stat)
        .append("\" data-value=\"")
        .append(Numbers.machine(v))
        .append("\">")
        .append(escape(Numbers.human(v)))
        .append("</td>");
  }

  /** Figure 2 of a lifecycle comparison: box plots per event × role across runs, per metric. */
  private static void boxSection(StringBuilder h, ReportData data, int[] figure) {
    List<BoxPlots.Figure> figures = BoxPlots.figures(data);
    if (figures.isEmpty()) return;
    h.append("<section>\n<h2>Utilisation per event across runs</h2>\n");
    for (BoxPlots.Figure f : figures) {
      figure[0]++;
      h.append("<figure class=\"boxes\" data-metric=\"")
          .append(f.metric().key())
          .append("\">\n")
          .append(SvgBoxes.render(data, f))
          .append("\n<figcaption><span class=\"fig\">Figure ")
          .append(figure[0])
          .append(".</span> ")
          .append(escape(f.metric().label()))
          .append(" (%) per event and node role, a box per cell in its colour: each run's mean")
          .append(" over the event's window; box from the first to the third quartile (linear")
          .append(" interpolation, as R and NumPy), line at the median, whiskers to the runs")
          .append(" within 1.5 IQR, circles beyond.</figcaption>\n</figure>\n");
    }
    h.append("</section>\n");
  }

  /**
   * Figure 3 of a lifecycle comparison: time per step as grouped bars, one per cell in its colour,
   * whiskers of ±σ across runs. An SVG, so the bars are there in print and without scripts.
   */
  private static void lifecycleSection(StringBuilder h, ReportData data, int[] figure) {
    Lifecycle.Steps steps = Lifecycle.steps(data).orElse(null);
    if (steps == null) {
      return;
    }
    figure[0]++;
    h.append("<section>\n<h2>Time per step</h2>\n<figure id=\"figure-steps\">\n")
        .append(SvgBars.render("Time per step", "Duration (s)", "s", steps))
        .append("\n<figcaption><span class=\"fig\">Figure ")
        .append(figure[0])
        .append(".</span> Time per lifecycle step: the duration of each phase (phase-start to")
        .append(" phase-end in events.jsonl), mean across the runs of each cell, one bar per")
        .append(" cell; whiskers are &plusmn;&sigma; across runs. Steps, in file order: ")
        .append(escape(String.join(", ", steps.steps())))
        .append(" (every phase with a duration; a phase that occurs again is numbered).");
    if (!steps.withoutDuration().isEmpty()) {
      h.append(" Not drawn, as no run ended them: ")
          .append(escape(String.join(", ", steps.withoutDuration())))
          .append('.');
    }
    h.append("</figcaption>\n</figure>\n</section>\n");
  }

  /** One panel of a figure: its title (null for a figure of one panel) and its series. */
  record Panel(String title, java.util.function.Predicate<Analysis.SeriesDef> which) {}

  /**
   * A time figure: one chart per panel (small multiples), one line per cell in the cell's colour in
   * every panel, so a colour always means the same cell. Breakpoints are marked in their cell's
   * colour and summarised in the breakpoint table, not labelled one by one.
   */
  private static void figure(
      StringBuilder h,
      int[] figure,
      InteractiveCharts charts,
      ReportData data,
      String title,
      String caption,
      String yLabel,
      List<Panel> panels) {
    List<String> drawn = new ArrayList<>();
    List<Point> everyPoint = new ArrayList<>();
    boolean anyBreakpoint = false;
    int longest = 0;
    String x = "Time since " + shortZero(data) + " (s)";
    for (Panel panel : panels) {
      List<InteractiveCharts.Line> lines = new ArrayList<>();
      List<InteractiveCharts.Mark> breakpoints = new ArrayList<>();
      for (CellAnalysis c : data.cells()) {
        String color = Lifecycle.color(data, c);
        for (Map.Entry<Analysis.SeriesDef, List<Point>> e : c.series().entrySet()) {
          if (!panel.which().test(e.getKey()) || e.getValue().isEmpty()) continue;
          lines.add(new InteractiveCharts.Line(c.cell(), color, e.getValue()));
          everyPoint.addAll(e.getValue());
          longest = Math.max(longest, e.getValue().size());
          for (double b : c.breakpoints()) {
            breakpoints.add(new InteractiveCharts.Mark(b, c.cell(), color));
          }
        }
      }
      if (lines.isEmpty()) continue;
      anyBreakpoint |= !breakpoints.isEmpty();
      String chartTitle = panel.title() == null ? title : panel.title();
      drawn.add(charts.line(chartTitle, x, yLabel, lines, data.phaseMarks(), breakpoints));
    }
    if (drawn.isEmpty()) {
      return;
    }
    figure[0]++;
    String band = Band.describe(everyPoint.stream().map(Point::summary).toList());
    h.append("<figure>\n");
    if (drawn.size() > 1) {
      // The panels carry their own titles (p50, p90, ...); the figure's is above them.
      h.append("<h3 class=\"figtitle\">").append(escape(title)).append("</h3>\n");
    }
    h.append("<div class=\"")
        .append(drawn.size() > 1 ? "panels" : "single")
        .append("\">")
        .append(String.join("", drawn))
        .append("</div>\n<figcaption><span class=\"fig\">Figure ")
        .append(figure[0])
        .append(".</span> ")
        .append(escape(caption))
        .append(
            band == null
                ? ""
                : "; shaded: "
                    + escape(band)
                    + ", clamped to what the quantity can take (never below 0, percentages at most"
                    + " 100)")
        .append("; time zero is ")
        .append(escape(data.timeZero()))
        .append(
            longest > InteractiveCharts.MAX_POINTS
                ? "; drawn a point per "
                    + (int) Math.ceil(longest / (double) InteractiveCharts.MAX_POINTS)
                    + " s (the mean of those seconds' means, the band's outer edges); series.csv"
                    + " has every second"
                : "")
        .append(
            data.phaseMarks().isEmpty()
                ? ""
                : "; dashed lines mark each phase's mean start across runs, a grey span the range"
                    + " of its starts where they differ")
        .append(
            anyBreakpoint
                ? "; solid lines in a cell's colour mark its runs' breakpoints (see the breakpoint"
                    + " table)"
                : "")
        .append(".</figcaption>\n</figure>\n");
  }

  /** "the start of the first load phase" → "load start", for an axis title that stays short. */
  private static String shortZero(ReportData data) {
    String z = data.timeZero();
    if (z.startsWith("the start of phase ")) {
      return z.substring("the start of phase ".length())
          .replace("\u201c", "")
          .replace("\u201d", "");
    }
    return z.startsWith("the start of the first load phase") ? "load start" : "run start";
  }

  /** Cells per summary table; a matrix of more cells gets several tables. */
  static final int CELLS_PER_TABLE = 4;

  private static void summarySection(StringBuilder h, ReportData data) {
    Set<String> keys = new LinkedHashSet<>();
    data.cells().forEach(c -> keys.addAll(c.metrics().keySet()));
    if (keys.isEmpty()) {
      return;
    }
    h.append("<section>\n<h2>Summary per cell</h2>\n")
        .append(
            "<p class=\"note\">Per-run metrics aggregated across repetitions: mean &plusmn; sample standard deviation &sigma;, ")
        .append(
            "with the 95 % confidence interval of the mean below. n is the number of runs with data; ")
        .append(Numbers.ABSENT)
        .append(" means not computable (e.g. &sigma; of a single run).</p>\n");
    // At most CELLS_PER_TABLE cells side by side: more would be wider than the page.
    for (int from = 0; from < data.cells().size(); from += CELLS_PER_TABLE) {
      List<CellAnalysis> cells =
          data.cells().subList(from, Math.min(data.cells().size(), from + CELLS_PER_TABLE));
      h.append(
          "<div class=\"scroll\"><table class=\"data\">\n<thead><tr><th>Metric</th><th>Unit</th>");
      for (CellAnalysis c : cells) {
        h.append("<th class=\"num\">").append(escape(c.cell())).append("</th>");
      }
      h.append("</tr></thead>\n<tbody>\n");
      for (String key : keys) {
        h.append("<tr><td>")
            .append(escape(Analysis.label(key)))
            .append("</td><td class=\"unit\">")
            .append(escape(Analysis.unit(key)))
            .append("</td>");
        for (CellAnalysis c : cells) {
          Summary s = c.metrics().get(key);
          h.append("<td class=\"num\">");
          if (s == null) {
            h.append(Numbers.ABSENT);
          } else {
            h.append(meanSd(s, Numbers::human))
                .append("<span class=\"ci\">")
                .append(ci(s))
                .append(" &middot; n = ")
                .append(s.n())
                .append("</span>");
          }
          h.append("</td>");
        }
        h.append("</tr>\n");
      }
      h.append("</tbody></table></div>\n");
    }
    h.append("</section>\n");
  }

  private static String meanSd(Summary s, Function<Double, String> fmt) {
    if (s.n() == 0) {
      return Numbers.ABSENT;
    }
    return escape(fmt.apply(s.mean()))
        + " &plusmn; "
        + escape(s.hasSpread() ? fmt.apply(s.sd()) : Numbers.ABSENT);
  }

  private static String ci(Summary s) {
    if (!s.hasSpread()) {
      return "CI " + Numbers.ABSENT;
    }
    return "CI ["
        + escape(Numbers.human(s.ciLow()))
        + ", "
        + escape(Numbers.human(s.ciHigh()))
        + "]";
  }

  private static void phaseSection(StringBuilder h, ReportData data, int[] table) {
    if (data.cells().stream().allMatch(c -> c.phaseStats().isEmpty())) {
      return;
    }
    h.append("<section>\n<h2>Resource usage per phase and node role</h2>\n")
        .append(
            "<p class=\"note\">For each run, node samples inside the phase window (events.jsonl) are averaged per role; ")
        .append(
            "the table shows the mean (&sigma;) of those run means across repetitions, and the phase duration")
        .append(
            Lifecycle.table(data).isPresent()
                ? "; each cell on its own, with the number of runs with samples (n) and disk writes besides the columns of the table above.</p>\n"
                : ".</p>\n");
    for (CellAnalysis c : data.cells()) {
      if (c.phaseStats().isEmpty()) {
        continue;
      }
      table[0]++;
      h.append(
              "<div class=\"scroll\"><table class=\"data phases\">\n<caption><span class=\"fig\">Table ")
          .append(table[0])
          .append(".</span> ")
          .append(escape(c.cell()))
          .append(": mean (&sigma;) over ")
          .append(c.runs().size())
          .append(c.runs().size() == 1 ? " run" : " runs")
          .append("</caption>\n")
          .append(
              "<thead><tr><th>Phase</th><th class=\"num\">Duration (s)</th><th>Role</th><th class=\"num\">n</th>");
      for (NodeMetric nm : Analysis.NODE_METRICS) {
        h.append("<th class=\"num\">")
            .append(escape(nm.label()))
            .append(" (")
            .append(escape(nm.key().equals("disk_write_bps") ? "B/s" : nm.unit()))
            .append(")</th>");
      }
      h.append("</tr></thead>\n<tbody>\n");
      Map<String, List<PhaseRole>> byPhase = new LinkedHashMap<>();
      c.phaseStats()
          .keySet()
          .forEach(k -> byPhase.computeIfAbsent(k.phase(), p -> new ArrayList<>()).add(k));
      for (Map.Entry<String, List<PhaseRole>> e : byPhase.entrySet()) {
        boolean first = true;
        for (PhaseRole k : e.getValue()) {
          h.append(first ? "<tr class=\"group\">" : "<tr>");
          if (first) {
            int span = e.getValue().size();
            Summary dur = c.metrics().get(Analysis.DURATION_PREFIX + e.getKey());
            h.append("<th scope=\"rowgroup\" rowspan=\"")
                .append(span)
                .append("\">")
                .append(escape(e.getKey()))
                .append("</th><td class=\"num\" rowspan=\"")
                .append(span)
                .append("\">")
                .append(dur == null ? Numbers.ABSENT : meanParen(dur, Numbers::human))
                .append("</td>");
          }
          Map<String, Summary> s = c.phaseStats().get(k);
          h.append("<td>")
              .append(escape(k.role()))
              .append("</td><td class=\"num\">")
              .append(s.get("cpu_pct").n())
              .append("</td>");
          for (NodeMetric nm : Analysis.NODE_METRICS) {
            Function<Double, String> fmt =
                nm.key().equals("disk_write_bps") ? Numbers::bytesPerSecond : Numbers::human;
            h.append("<td class=\"num\">").append(meanParen(s.get(nm.key()), fmt)).append("</td>");
          }
          h.append("</tr>\n");
          first = false;
        }
      }
      h.append("</tbody></table></div>\n");
    }
    h.append("</section>\n");
  }

  private static String meanParen(Summary s, Function<Double, String> fmt) {
    if (s.n() == 0) {
      return Numbers.ABSENT;
    }
    return escape(fmt.apply(s.mean()))
        + " <span class=\"sd\">("
        + escape(s.hasSpread() ? fmt.apply(s.sd()) : Numbers.ABSENT)
        + ")</span>";
  }

  /** Runs per table: the runs are its columns, so a table of ten repetitions fits the page. */
  static final int RUNS_PER_TABLE = 5;

  /**
   * Every run's own numbers, a table per cell with the metrics as rows and the runs as columns
   * (eighteen metrics as columns were wider than the page and hid the last ones).
   */
  private static void runsSection(StringBuilder h, ReportData data) {
    h.append("<section>\n<h2>Runs</h2>\n");
    for (CellAnalysis c : data.cells()) {
      for (int from = 0; from < c.runs().size(); from += RUNS_PER_TABLE) {
        List<RunAnalysis> runs =
            c.runs().subList(from, Math.min(c.runs().size(), from + RUNS_PER_TABLE));
        h.append("<div class=\"scroll\"><table class=\"data runs\">\n<caption>")
            .append(escape(c.cell()))
            .append(
                c.runs().size() > RUNS_PER_TABLE
                    ? ", runs " + (from + 1) + " to " + (from + runs.size())
                    : "")
            .append("</caption>\n<thead><tr><th>Metric</th>");
        for (RunAnalysis r : runs) {
          String id = r.run().ref().id();
          h.append("<th class=\"num\" title=\"")
              .append(escape(id))
              .append("\">")
              .append(escape(id.substring(id.lastIndexOf('/') + 1)))
              .append("</th>");
        }
        h.append("</tr></thead>\n<tbody>\n<tr><td>Status</td>");
        for (RunAnalysis r : runs) {
          String status = r.run().dirPresent() ? orDash(r.run().ref().status()) : "not started";
          h.append("<td class=\"num\"><span class=\"status ")
              .append(statusClass(status))
              .append("\">")
              .append(escape(status))
              .append("</span></td>");
        }
        h.append("</tr>\n");
        for (Analysis.Metric m : Analysis.LOAD_METRICS) {
          h.append("<tr><td>")
              .append(escape(m.label()))
              .append(" <span class=\"unit\">(")
              .append(escape(m.unit()))
              .append(")</span></td>");
          for (RunAnalysis r : runs) {
            h.append("<td class=\"num\">")
                .append(escape(runValue(m, r.metrics().getOrDefault(m.key(), Double.NaN))))
                .append("</td>");
          }
          h.append("</tr>\n");
        }
        h.append("</tbody></table></div>\n");
      }
    }
    h.append("</section>\n");
  }

  /** A single run's request counts are whole numbers; decimals would suggest otherwise. */
  private static String runValue(Analysis.Metric m, double v) {
    if ("requests".equals(m.unit()) && Double.isFinite(v)) {
      return String.format(java.util.Locale.ROOT, "%,.0f", v);
    }
    return Numbers.human(v);
  }

  private static void notesSection(StringBuilder h, ReportData data, Set<String> formats) {
    h.append("<section class=\"notes\">\n<h2>Notes</h2>\n");
    List<String> warnings = data.results().warnings();
    if (!warnings.isEmpty()) {
      h.append("<p>Data that was skipped while reading the results:</p>\n<ul>\n");
      for (String w : warnings) {
        h.append("<li>").append(escape(w)).append("</li>\n");
      }
      h.append("</ul>\n");
    } else {
      h.append("<p>All result files were read without skipping any line.</p>\n");
    }
    // Every file the other formats of this report write, as their writers declare them.
    List<String> files = new ArrayList<>();
    for (String f : ReportWriters.files(formats)) {
      if (!f.equals(FILE)) files.add("<a href=\"" + escape(f) + "\">" + escape(f) + "</a>");
    }
    if (!files.isEmpty()) {
      h.append("<p>Report files: ").append(String.join(", ", files)).append(".</p>\n");
    }
    String sampler = data.results().manifest().samplerOverhead();
    if (sampler != null) {
      h.append("<p>").append(escape(sampler)).append("</p>\n");
    }
    h.append(
            "<p class=\"muted\">Totals (sent, completed, errors, dropped) sum the per-second rows of load.csv; ")
        .append(
            "error rate is errors / sent. Successful requests are responses with a 2xx or 3xx status. Time zero of each run is ")
        .append(escape(data.timeZero()))
        .append(" (<code>report 'html', align: 'PHASE'</code> chooses another).</p>\n</section>\n");
  }

  private static final String CSS =
      """
      :root{--fg:#1d2433;--muted:#5b6475;--rule:#d5d9e0;--accent:#0b5cad;--bad:#a4161a;--badbg:#fdecea}
      *{box-sizing:border-box}
      body{margin:0;color:var(--fg);background:#fff;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Liberation Sans",sans-serif}
      main{max-width:1040px;margin:0 auto;padding:32px 28px 64px}
      header{border-bottom:2px solid var(--fg);padding-bottom:14px;margin-bottom:22px}
      .eyebrow{margin:0;text-transform:uppercase;letter-spacing:.08em;font-size:12px;color:var(--muted)}
      h1{margin:2px 0 14px;font-size:28px;line-height:1.2;font-weight:650;overflow-wrap:anywhere}
      h2{font-size:19px;margin:34px 0 10px;padding-bottom:4px;border-bottom:1px solid var(--rule)}
      dl.meta{display:grid;grid-template-columns:repeat(auto-fill,minmax(220px,1fr));gap:6px 24px;margin:0}
      dl.meta div{min-width:0}
      dt{font-size:11.5px;text-transform:uppercase;letter-spacing:.06em;color:var(--muted)}
      dd{margin:0;overflow-wrap:anywhere}
      a{color:var(--accent)}
      .muted{color:var(--muted)}
      .note{color:var(--muted);font-size:13.5px;margin:4px 0 12px}
      .status{display:inline-block;padding:0 8px;border-radius:10px;font-size:13px;font-weight:600}
      .status.ok{background:#e3f4ea;color:#126b34}.status.bad{background:var(--badbg);color:var(--bad)}.status.running{background:#fff4d6;color:#7a5300}
      .banner{border:2px solid var(--bad);background:var(--badbg);color:var(--bad);padding:12px 16px;border-radius:6px;margin:0 0 20px;font-size:15px;overflow-wrap:anywhere}
      figure{margin:18px 0 26px}
      svg.chart{width:100%;height:auto;display:block}
      svg .grid{stroke:#e6e9ee;stroke-width:1}
      svg .axis{stroke:#444;stroke-width:1}
      svg .tick{font-size:12px;fill:#444;font-variant-numeric:tabular-nums}
      svg .label{font-size:13px;fill:#222}
      svg .legend{font-size:13px;fill:#222}
      svg .series{fill:none;stroke-width:2;stroke-linejoin:round}
      svg .band{fill-opacity:.18;stroke:none}
      svg .marker{stroke:#9aa1ad;stroke-width:1;stroke-dasharray:3 3}
      svg .marker-label{font-size:11.5px;fill:#5b6475}
      figcaption{font-size:13.5px;color:var(--muted);margin-top:4px}
      .fig{font-weight:650;color:var(--fg)}
      .scroll{overflow-x:auto}
      table.data{border-collapse:collapse;margin:8px 0 22px;font-size:13.5px;border-top:2px solid var(--fg);border-bottom:2px solid var(--fg);font-variant-numeric:tabular-nums}
      table.data caption{caption-side:top;text-align:left;font-size:13.5px;color:var(--muted);padding-bottom:6px}
      table.data th,table.data td{padding:5px 12px;text-align:left;vertical-align:top}
      table.data thead th{border-bottom:1px solid var(--fg);font-weight:600;white-space:nowrap}
      table.data tbody th{font-weight:600}
      table.data tr.group>*{border-top:1px solid var(--rule)}
      table.data tbody tr:first-child>*{border-top:none}
      .num{text-align:right!important;white-space:nowrap}
      table.runs{font-size:12.5px}
      table.runs thead th{white-space:normal;vertical-align:bottom}
      table.runs th,table.runs td{padding:5px 7px}
      table.runs td:first-child{min-width:180px;max-width:260px}
      .unit{color:var(--muted)}
      .ci{display:block;font-size:12px;color:var(--muted);white-space:normal}
      .sd{color:var(--muted)}
      .notes ul{margin:4px 0 10px;padding-left:22px;font-size:13.5px}
      .notes p{font-size:13.5px}
      .chart{min-height:280px;width:100%;min-width:0}
      .panels{display:grid;grid-template-columns:repeat(auto-fit,minmax(440px,1fr));gap:6px 14px}
      .panels .u-title{font-size:14px}
      h3.figtitle{font-size:16px;margin:0 0 4px;text-align:center;font-weight:650}
      .errors{color:var(--bad);background:var(--badbg);padding:8px;white-space:pre-wrap}
      table.lifecycle{font-size:13px}
      table.lifecycle th,table.lifecycle td{padding:4px 5px}
      table.lifecycle thead th{text-align:center}
      table.lifecycle .gs{border-left:1px solid var(--rule)}
      table.lifecycle th.cellgroup,table.lifecycle th.metric{border-bottom:1px solid var(--rule)}
      .swatch{display:inline-block;width:10px;height:10px;margin-right:6px;border-radius:2px;vertical-align:baseline}
      svg .bar{stroke:none}
      svg .whisker,svg .cap{stroke:#222;stroke-width:1.5}
      @media print{main{max-width:none;padding:0}figure,table{break-inside:avoid}.scroll{overflow:visible}table.data{font-size:11px}table.data th,table.data td{padding:3px 5px}}
      """;
}
