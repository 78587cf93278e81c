package dev.kexp.runtime.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kexp.runtime.report.Aggregates.Summary;
import dev.kexp.runtime.report.Analysis.PhaseRole;
import dev.kexp.runtime.report.Analysis.ReportData;
import dev.kexp.runtime.results.Results;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The second paper's shapes: Table 1 (events × roles, platforms as column groups) and Figure 3
 * (time per step, a bar per platform with ±σ whiskers), checked against numbers computed by hand.
 */
class LifecycleReportTest {
  private static final double EPS = 1e-6;
  @TempDir Path tmp;

  static final List<String> PLATFORMS = List.of("kubeadm", "microk8s", "k3s");

  /**
   * Idle windows take 5 s. Starting the master takes kubeadm 60, 80, 70 s; MicroK8s 90, 120, 96 s;
   * K3s 20, 26, 23 s over repetitions 1 to 3. Every other step takes 3 + event + repetition s.
   */
  static int seconds(String cell, int rep, int event) {
    if (LifecycleFixture.EVENTS.get(event).equals("idle")) return 5;
    if (event == 1) {
      int[] s =
          switch (cell) {
            case "kubeadm" -> new int[] {60, 80, 70};
            case "microk8s" -> new int[] {90, 120, 96};
            default -> new int[] {20, 26, 23};
          };
      return s[rep - 1];
    }
    return 3 + event + rep;
  }

  /**
   * K3s's workers during the third event (the second idle, "idle #2") read 12, 14 and 19 % CPU over
   * repetitions 1 to 3. Everything else is 10 + event + repetition, plus 20 for workers, 5 per
   * platform in {@link #PLATFORMS} order, 30 for memory and −5 for disk.
   */
  static double value(String cell, int rep, int event, String role, String metric) {
    if (cell.equals("k3s") && event == 2 && role.equals("worker") && metric.equals("cpu_pct")) {
      return new double[] {12, 14, 19}[rep - 1];
    }
    int platform = Math.max(0, PLATFORMS.indexOf(cell));
    double offset =
        switch (metric) {
          case "mem_pct" -> 30;
          case "disk_util_pct" -> -5;
          default -> 0;
        };
    return 10 + event + rep + (role.equals("worker") ? 20 : 0) + 5 * platform + offset;
  }

  private Path results(List<String> cells, boolean endLast) throws IOException {
    return LifecycleFixture.write(
        tmp.resolve("results"),
        cells,
        3,
        LifecycleReportTest::seconds,
        LifecycleReportTest::value,
        endLast);
  }

  @Test
  void table1HasEventTimesRoleRowsInFileOrderAndTheCellsAsColumnGroups() throws IOException {
    ReportData data = Analysis.analyse(Results.load(results(PLATFORMS, true)));
    Lifecycle.Table t = Lifecycle.table(data).orElseThrow();
    assertEquals(PLATFORMS, t.cells().stream().map(Analysis.CellAnalysis::cell).toList());
    List<String> rows = t.rows().stream().map(r -> r.phase() + "/" + r.role()).toList();
    List<String> expected = new ArrayList<>();
    for (String e :
        List.of(
            "idle",
            "startMaster",
            "idle #2",
            "addWorkers",
            "idle #3",
            "apply",
            "idle #4",
            "delete",
            "drainWorkers",
            "stopMaster")) {
      expected.add(e + "/master");
      expected.add(e + "/worker");
    }
    assertEquals(expected, rows);
    assertEquals(
        List.of("cpu_pct", "mem_pct", "disk_util_pct"),
        t.metrics().stream().map(Analysis.NodeMetric::key).toList());

    // K3s, idle #2, workers, CPU: run means 12, 14, 19 → mean 15, σ = √((9 + 1 + 16) / 2) = √13
    Analysis.CellAnalysis k3s = t.cells().get(2);
    Summary cpu = t.get(k3s, new PhaseRole("idle #2", "worker"), "cpu_pct");
    assertEquals(3, cpu.n());
    assertEquals(15.0, cpu.mean(), EPS);
    assertEquals(Math.sqrt(13), cpu.sd(), EPS);
    // kubeadm, same row, memory: 10 + 2 + r + 20 + 30 = 63, 64, 65 → mean 64, σ 1
    Summary mem = t.get(t.cells().get(0), new PhaseRole("idle #2", "worker"), "mem_pct");
    assertEquals(64.0, mem.mean(), EPS);
    assertEquals(1.0, mem.sd(), EPS);
    // MicroK8s, startMaster, master, disk: 10 + 1 + r + 5 − 5 = 12, 13, 14 → mean 13, σ 1
    Summary disk = t.get(t.cells().get(1), new PhaseRole("startMaster", "master"), "disk_util_pct");
    assertEquals(13.0, disk.mean(), EPS);
    assertEquals(1.0, disk.sd(), EPS);
  }

  @Test
  void table1InHtmlShowsTheHandComputedMeanAndSigmaInTheCellsColumnGroup() throws IOException {
    Path dir = results(PLATFORMS, true);
    Report.write(dir, Set.of("html", "csv"));
    String html = Files.readString(dir.resolve("report.html"));
    // three cells with short names fit the page as one table
    assertEquals(1, count(html, "<table class=\"data lifecycle\""), html);
    assertTrue(html.contains("data-metrics=\"cpu_pct mem_pct disk_util_pct\""));
    assertEquals(3, count(html, "class=\"cellgroup gs\" scope=\"colgroup\" colspan=\"6\""));
    assertTrue(html.contains("Table 1.</span> CPU, memory and disk"), html);
    assertTrue(html.contains("disk is utilisation"));
    String row = row(html, "idle #2", "worker");
    assertEquals(15.0, value(row, "k3s", "cpu_pct", "mean"), EPS);
    assertEquals(Math.sqrt(13), value(row, "k3s", "cpu_pct", "sd"), EPS);
    assertTrue(row.contains("data-stat=\"mean\" data-value=\"15\">15.00</td>"), row);
    assertTrue(row.contains("data-stat=\"sd\" data-value=\"3.605551\">3.61</td>"), row);
    // the group's columns are in cell order: kubeadm's CPU mean comes before k3s's
    assertTrue(row.indexOf("data-cell=\"kubeadm\"") < row.indexOf("data-cell=\"k3s\""));
    // each cell's header has its colour, the same as its bars
    assertTrue(html.contains("background:" + SvgChart.color(2) + "\"></span>k3s"));

    // phases.csv already holds Table 1's numbers, in long form: nothing new is written for it
    List<String> phases = Files.readAllLines(dir.resolve("phases.csv"));
    String line =
        phases.stream()
            .filter(l -> l.startsWith("k3s,idle #2,worker,cpu_pct,"))
            .findFirst()
            .orElseThrow();
    assertEquals("k3s,idle #2,worker,cpu_pct,3,15,3.605551", line);
  }

  @Test
  void figure3BarsAreTheMeanDurationsAndTheirWhiskersTwoSigmaLong() throws IOException {
    Path dir = results(PLATFORMS, true);
    Report.write(dir, Set.of("html", "csv", "json"));
    String html = Files.readString(dir.resolve("report.html"));
    String svg = between(html, "<svg class=\"chart bars\"", "</svg>");
    // 10 steps × 3 platforms
    assertEquals(30, count(svg, "<rect class=\"bar\""));
    // the tallest whisker top is MicroK8s's start: mean (90 + 120 + 96) / 3 = 102,
    // σ = √((144 + 324 + 36) / 2) = √252 = 15.87, so 117.87; ticks of 25 s give an axis to 125 s
    assertEquals("125", attr(svg, "data-y-max"));
    double plot = Double.parseDouble(attr(svg, "data-plot-height"));
    double perSecond = plot / 125;

    // kubeadm's start: 60, 80, 70 s → mean 70, σ 10
    String bar = bar(svg, "kubeadm", "startMaster");
    assertEquals(70.0, Double.parseDouble(attr(bar, "data-mean")), EPS);
    assertEquals(10.0, Double.parseDouble(attr(bar, "data-sd")), EPS);
    assertEquals(70 * perSecond, Double.parseDouble(attr(bar, "height")), 0.01);
    double[] w = whisker(svg, "kubeadm", "startMaster");
    assertEquals(2 * 10 * perSecond, w[0] - w[1], 0.01);
    assertEquals(Double.parseDouble(attr(bar, "y")) - 10 * perSecond, w[1], 0.01);

    String micro = bar(svg, "microk8s", "startMaster");
    assertEquals(102.0, Double.parseDouble(attr(micro, "data-mean")), EPS);
    assertEquals(Math.sqrt(252), Double.parseDouble(attr(micro, "data-sd")), EPS);
    // K3s adding workers: 3 + 3 + r = 7, 8, 9 s → mean 8, σ 1
    String add = bar(svg, "k3s", "addWorkers");
    assertEquals(8.0, Double.parseDouble(attr(add, "data-mean")), EPS);
    assertEquals(1.0, Double.parseDouble(attr(add, "data-sd")), EPS);
    assertEquals(8 * perSecond, Double.parseDouble(attr(add, "height")), 0.01);
    // one colour per cell
    assertEquals(SvgChart.color(1), attr(micro, "fill"));
    assertEquals(SvgChart.color(2), attr(add, "fill"));
    // the caption names the steps drawn, in file order
    assertTrue(
        html.contains(
            "Steps, in file order: idle, startMaster, idle #2, addWorkers, idle #3, apply, idle #4,"
                + " delete, drainWorkers, stopMaster"),
        html);

    // summary.csv and summary.json already hold the bars' numbers
    assertTrue(
        Files.readAllLines(dir.resolve("summary.csv")).stream()
            .anyMatch(l -> l.startsWith("kubeadm,phase_duration_s:startMaster,3,70,10,")),
        Files.readString(dir.resolve("summary.csv")));
    com.fasterxml.jackson.databind.JsonNode json =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(dir.resolve("summary.json").toFile())
            .at("/cells/1/metrics/phase_duration_s:startMaster");
    assertEquals(102.0, json.get("mean").asDouble(), EPS);
    assertEquals(Math.sqrt(252), json.get("sd").asDouble(), EPS);
  }

  @Test
  void table1IsOneTablePerMetricWithMoreThanThreeCells() throws IOException {
    List<String> four = List.of("kubeadm", "microk8s", "k3s", "k0s");
    Path dir = results(four, true);
    Report.write(dir, Set.of("html", "latex"));
    String html = Files.readString(dir.resolve("report.html"));
    assertEquals(3, count(html, "<table class=\"data lifecycle\""));
    assertTrue(html.contains("data-metrics=\"cpu_pct\""));
    assertTrue(html.contains("data-metrics=\"mem_pct\""));
    assertTrue(html.contains("data-metrics=\"disk_util_pct\""));
    assertEquals(12, count(html, "class=\"cellgroup gs\" scope=\"colgroup\" colspan=\"2\""));
    // Tables 1 to 3 are the split Table 1; the per-cell tables follow from 4
    assertTrue(html.contains("Table 3.</span> Disk (%) per lifecycle event"), html);
    assertTrue(html.contains("Table 4.</span> kubeadm"));
    String tex = Files.readString(dir.resolve("summary.tex"));
    assertTrue(tex.contains("\\label{tab:kexp-lifecycle-cpu-pct}"));
    assertTrue(tex.contains("\\label{tab:kexp-lifecycle-disk-util-pct}"));
    assertTrue(tex.contains("\\cmidrule(lr){9-10}"), tex);
  }

  @Test
  void aWideTableIsSplitEvenWithThreeCells() throws IOException {
    List<String> wide =
        List.of(
            "distro=kubeadm,cni=calico,runtime=containerd",
            "distro=microk8s,cni=calico,runtime=containerd",
            "distro=k3s,cni=flannel,runtime=containerd");
    Path dir = results(wide, true);
    ReportData data = Analysis.analyse(Results.load(dir));
    Lifecycle.Table t = Lifecycle.table(data).orElseThrow();
    assertTrue(HtmlReport.tableWidthPx(t, t.metrics()) > HtmlReport.PAGE_WIDTH_PX);
    assertFalse(HtmlReport.fitsOneTable(t));
    Report.write(dir, Set.of("html"));
    assertEquals(
        3, count(Files.readString(dir.resolve("report.html")), "<table class=\"data lifecycle\""));
  }

  @Test
  void oneCellHasNoTable1ButItsTimePerStep() throws IOException {
    Path dir = results(List.of("k3s"), true);
    ReportData data = Analysis.analyse(Results.load(dir));
    assertTrue(Lifecycle.table(data).isEmpty());
    Report.write(dir, Set.of("html", "latex"));
    String html = Files.readString(dir.resolve("report.html"));
    assertFalse(html.contains("class=\"data lifecycle\""));
    assertEquals(10, count(html, "<rect class=\"bar\""));
    assertFalse(Files.readString(dir.resolve("summary.tex")).contains("tab:kexp-lifecycle"));
  }

  @Test
  void aStepThatNeverEndedIsNamedInTheCaptionAndNotDrawn() throws IOException {
    Path dir = results(List.of("kubeadm", "k3s"), false);
    Report.write(dir, Set.of("html", "latex"));
    String html = Files.readString(dir.resolve("report.html"));
    assertEquals(18, count(html, "<rect class=\"bar\""));
    assertTrue(html.contains("Not drawn, as no run ended them: stopMaster."), html);
    String figures = Files.readString(dir.resolve("figures.tex"));
    assertTrue(figures.contains("not drawn, as no run ended them: stopMaster"), figures);
  }

  @Test
  void latexTable1HasCmidruledColumnGroupsAndCompilesWithFigure3() throws Exception {
    Path dir = results(PLATFORMS, true);
    Report.write(dir, Set.of("latex"));
    String summary = Files.readString(dir.resolve("summary.tex"));
    String figures = Files.readString(dir.resolve("figures.tex"));
    CompareAndLatexTest.assertBalanced(summary + figures);
    assertTrue(summary.contains("\\label{tab:kexp-lifecycle}"));
    // three groups of six columns after Event and Role, each metric a pair within them
    assertTrue(
        summary.contains("\\cmidrule(lr){3-8} \\cmidrule(lr){9-14} \\cmidrule(lr){15-20}"),
        summary);
    assertTrue(summary.contains("\\multicolumn{6}{c}{microk8s (3 runs)}"));
    assertTrue(summary.contains("\\begin{tabular}{ll*{18}{r}}"));
    // idle #2 / worker: kubeadm CPU 34 (1), memory 64 (1), disk 29 (1); … K3s CPU 15 (√13)
    Matcher m = Pattern.compile("\\n\\s+& worker( & [^\\\\]*)\\\\\\\\").matcher(summary);
    List<String> workerRows = new ArrayList<>();
    while (m.find()) workerRows.add(m.group(1));
    String idle2 = workerRows.get(2);
    assertTrue(idle2.startsWith(" & 34.00 & 1.00 & 64.00 & 1.00 & 29.00 & 1.00"), idle2);
    assertTrue(idle2.contains(" & 15.00 & 3.61 & "), idle2);
    assertTrue(summary.contains("    idle \\#2 & master"), summary);

    // Figure 3: a ybar axis, a bar series per cell in its colour, error bars from phases.csv
    assertTrue(figures.contains("\\begin{axis}[ybar=0pt"), figures);
    assertTrue(figures.contains("\\definecolor{kexpcella}{HTML}{0072B2}"));
    assertEquals(3, count(figures, "error bars/.cd, y dir=both, y explicit"));
    assertTrue(figures.contains("{idle},{startMaster},{idle \\#2},{addWorkers}"), figures);
    List<String> csv = Files.readAllLines(dir.resolve("figures/data/phases.csv"));
    assertEquals("index,phase,c1_mean,c1_sd,c2_mean,c2_sd,c3_mean,c3_sd", csv.get(0));
    assertTrue(csv.get(2).startsWith("1,startMaster,70,10,102,15.874508,23,3"), csv.get(2));
    CompareAndLatexTest.compileIfTexIsInstalled(dir);
  }

  /** The body row of Table 1 for an event and role. */
  static String row(String html, String event, String role) {
    Matcher m =
        Pattern.compile(
                "<tr[^>]*data-event=\""
                    + Pattern.quote(event)
                    + "\" data-role=\""
                    + Pattern.quote(role)
                    + "\">(.*?)</tr>")
            .matcher(html);
    assertTrue(m.find(), "a row for " + event + " × " + role);
    return m.group(1);
  }

  static double value(String row, String cell, String metric, String stat) {
    Matcher m =
        Pattern.compile(
                "data-cell=\""
                    + Pattern.quote(cell)
                    + "\" data-metric=\""
                    + metric
                    + "\" data-stat=\""
                    + stat
                    + "\" data-value=\"([^\"]*)\"")
            .matcher(row);
    assertTrue(m.find(), cell + " " + metric + " " + stat + " in " + row);
    return Double.parseDouble(m.group(1));
  }

  static String bar(String svg, String cell, String step) {
    Matcher m =
        Pattern.compile(
                "<rect class=\"bar\"[^>]*data-cell=\""
                    + Pattern.quote(cell)
                    + "\" data-step=\""
                    + Pattern.quote(step)
                    + "\"[^>]*>")
            .matcher(svg);
    assertTrue(m.find(), "a bar for " + cell + " " + step);
    return m.group();
  }

  /** The whisker's y pixels: {bottom, top}. */
  static double[] whisker(String svg, String cell, String step) {
    Matcher m =
        Pattern.compile(
                "<line class=\"whisker\"[^>]*data-cell=\""
                    + Pattern.quote(cell)
                    + "\" data-step=\""
                    + Pattern.quote(step)
                    + "\"/>")
            .matcher(svg);
    assertTrue(m.find(), "a whisker for " + cell + " " + step);
    return new double[] {
      Double.parseDouble(attr(m.group(), "y1")), Double.parseDouble(attr(m.group(), "y2"))
    };
  }

  static String attr(String element, String name) {
    Matcher m = Pattern.compile("\\s" + name + "=\"([^\"]*)\"").matcher(element);
    assertTrue(m.find(), name + " in " + element);
    return m.group(1);
  }

  static String between(String s, String from, String to) {
    int a = s.indexOf(from);
    assertTrue(a >= 0, from);
    int b = s.indexOf(to, a);
    assertNotNull(b >= 0 ? "" : null, to);
    return s.substring(a, b + to.length());
  }

  static int count(String s, String what) {
    int n = 0;
    for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) n++;
    return n;
  }
}
