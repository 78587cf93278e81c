package dev.kexp.runtime.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kexp.runtime.report.Analysis.ReportData;
import dev.kexp.runtime.results.Results;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Figure 2 in the LaTeX report and as SVG files: the box plots' numbers, by hand. */
class LatexBoxesTest {
  @TempDir Path tmp;

  private static final List<String> PLATFORMS = LifecycleReportTest.PLATFORMS;
  private static final List<String> METRICS = List.of("cpu_pct", "mem_pct", "disk_util_pct");

  /** 10 events × 2 roles × 3 platforms: every cell has samples of every event and role. */
  private static final int BOXES = 60;

  /** Idle windows take 5 s, every other step 3 + event s. */
  static int seconds(String cell, int rep, int event) {
    return LifecycleFixture.EVENTS.get(event).equals("idle") ? 5 : 3 + event;
  }

  /**
   * Six repetitions. K3s's workers during "idle #2" read 20, 21, 22, 24, 25 and 70 % CPU; the rest
   * is 10 + event + repetition (+ 20 on workers, + 5 per platform in {@link #PLATFORMS} order), 30
   * more for memory and 5 less for disk.
   */
  static double value(String cell, int rep, int event, String role, String metric) {
    if (cell.equals("k3s") && event == 2 && role.equals("worker") && metric.equals("cpu_pct")) {
      return new double[] {20, 21, 22, 24, 25, 70}[rep - 1];
    }
    double offset =
        switch (metric) {
          case "mem_pct" -> 30;
          case "disk_util_pct" -> -5;
          default -> 0;
        };
    int platform = Math.max(0, PLATFORMS.indexOf(cell));
    return 10 + event + rep + (role.equals("worker") ? 20 : 0) + 5 * platform + offset;
  }

  private Path report(List<String> cells) throws IOException {
    Path dir =
        LifecycleFixture.write(
            tmp.resolve("results"), cells, 6, LatexBoxesTest::seconds, LatexBoxesTest::value, true);
    Report.write(dir, Set.of("latex"));
    return dir;
  }

  @Test
  void figuresTexHasTheBoxesComputedByHand() throws IOException {
    Path dir = report(PLATFORMS);
    String tex = Files.readString(dir.resolve("figures.tex"));
    assertTrue(
        tex.contains("% \\usepgfplotslibrary{fillbetween} and \\usepgfplotslibrary{statistics}"));
    String cpu = figure(tex, "cpu-pct");
    // 20, 21, 22, 24, 25, 70: h = 5p → q1 = 21 + 0.25 · 1 = 21.25, median 22 + 0.5 · 2 = 23,
    // q3 = 24 + 0.75 · 1 = 24.75; IQR 3.5, so the fences are 16 and 30: 70 is an outlier and the
    // whiskers reach 20 and 25. Groups are 4 positions apart (3 boxes and a gap): idle #2 · worker
    // is the 6th group, K3s its 3rd box.
    assertEquals(
        "draw position=23, lower whisker=20, lower quartile=21.25, median=23,"
            + " upper quartile=24.75, upper whisker=25}] coordinates {(23,70)}",
        box(cpu, "idle #2, worker, k3s (n = 6)"));
    assertTrue(
        cpu.contains(
            "\\addplot[forget plot, kexpcellc, fill=kexpcellc!55, mark=o, boxplot prepared={draw"
                + " position=23,"),
        "K3s's box in K3s's colour");
    // kubeadm's master starting (the 3rd group): 12 … 17 → q1 = 12 + 1.25, median 14.5,
    // q3 = 12 + 3.75
    assertEquals(
        "draw position=9, lower whisker=12, lower quartile=13.25, median=14.5,"
            + " upper quartile=15.75, upper whisker=17}] coordinates {}",
        box(cpu, "startMaster, master, kubeadm (n = 6)"));
    // memory is 30 more: the same box 30 higher, MicroK8s 5 above kubeadm
    assertEquals(
        "draw position=10, lower whisker=47, lower quartile=48.25, median=49.5,"
            + " upper quartile=50.75, upper whisker=52}] coordinates {}",
        box(figure(tex, "mem-pct"), "startMaster, master, microk8s (n = 6)"));
    for (String key : List.of("cpu-pct", "mem-pct", "disk-util-pct")) {
      String f = figure(tex, key);
      assertEquals(BOXES, count(f, "boxplot prepared={"), key);
      assertTrue(f.contains("ymin=0, ymax=100,"), f);
      assertTrue(f.contains("xticklabels={{idle $\\cdot$ master},{idle $\\cdot$ worker},"), f);
      assertTrue(f.contains("{idle \\#2 $\\cdot$ worker}"), f);
      for (int c = 0; c < PLATFORMS.size(); c++) {
        String colour = LatexFigures.cellColor(c);
        assertTrue(
            f.contains(
                "\\addlegendimage{area legend, fill="
                    + colour
                    + "!55, draw="
                    + colour
                    + "}\n    \\addlegendentry{"
                    + PLATFORMS.get(c)
                    + "}"),
            f);
      }
      assertTrue(f.contains("box from the first to the third quartile"), f);
      assertTrue(f.contains("whiskers to the runs within 1.5 IQR, circles beyond."), f);
    }
    assertEquals(1, count(tex, "circles beyond.}\n  \\label{fig:kexp-boxes-cpu-pct}"));
    // figure 2 before figure 3
    assertTrue(tex.indexOf("fig:kexp-boxes-disk-util-pct") < tex.indexOf("fig:kexp-phases"));
    assertTrue(
        Files.readString(dir.resolve("report.tex")).contains("\\usepgfplotslibrary{statistics}"));
  }

  @Test
  void reportTexWithTheBoxPlotsCompiles() throws Exception {
    Path dir = report(PLATFORMS);
    String tex = Files.readString(dir.resolve("figures.tex"));
    CompareAndLatexTest.assertBalanced(tex + Files.readString(dir.resolve("report.tex")));
    assertEquals(3 * BOXES, count(tex, "boxplot prepared={"));
    boolean pdflatex = Files.isExecutable(Path.of("/usr/bin/pdflatex"));
    assertFalse(!pdflatex && "true".equals(System.getenv("CI")), "pdflatex is missing in CI");
    Assumptions.assumeTrue(pdflatex, "pdflatex is not installed: report.tex was not compiled");
    CompareAndLatexTest.compileIfTexIsInstalled(dir);
  }

  @Test
  void anSvgImagePerMetricWithARectPerBox() throws IOException {
    Path dir = report(PLATFORMS);
    ReportData data = Analysis.analyse(Results.load(dir));
    for (BoxPlots.Figure f : BoxPlots.figures(data)) {
      Path file = dir.resolve("figures/boxes-" + f.metric().key() + ".svg");
      assertTrue(Files.exists(file), file.toString());
      String svg = Files.readString(file);
      assertTrue(
          svg.startsWith("<?xml")
              && svg.contains("<style type=\"text/css\">")
              && svg.endsWith("</svg>"));
      int boxes = 0;
      for (BoxPlots.Box[] row : f.boxes()) {
        for (BoxPlots.Box b : row) boxes += b == null ? 0 : 1;
      }
      assertEquals(BOXES, boxes);
      assertEquals(boxes, count(svg, "<rect "), f.metric().key());
      assertEquals(boxes, count(svg, "<g class=\"box\""), f.metric().key());
      // a key names each cell's colour
      for (int c = 0; c < f.cells().size(); c++) {
        String cell = f.cells().get(c).cell();
        assertTrue(
            Pattern.compile("<text class=\"legend\"[^>]*>" + Pattern.quote(cell) + "</text>")
                .matcher(svg)
                .find(),
            cell);
        assertTrue(
            svg.contains("class=\"key\"")
                && svg.contains("stroke=\"" + Lifecycle.color(data, f.cells().get(c)) + "\""),
            cell);
      }
    }
    assertTrue(
        Files.readString(dir.resolve("figures/boxes-cpu_pct.svg"))
            .contains(
                "data-cell=\"k3s\" data-n=\"6\" data-low=\"20\" data-q1=\"21.25\""
                    + " data-median=\"23\" data-q3=\"24.75\" data-high=\"25\" data-outliers=\"1\""));
    try (Stream<Path> files = Files.list(dir.resolve("figures"))) {
      assertEquals(
          METRICS.size(),
          files.filter(p -> p.getFileName().toString().startsWith("boxes-")).count());
    }
  }

  /**
   * The standalone image draws as the page does: every class on a line or text has its rule inside
   * the file. The rest are groups, the box's rectangle and the key's swatches, whose colours are
   * set on the element.
   */
  @Test
  void theImagesCssCoversTheClassesTheBoxesUse() throws IOException {
    Path dir = report(PLATFORMS);
    Set<String> used = new TreeSet<>();
    Matcher m =
        Pattern.compile("class=\"([^\"]+)\"")
            .matcher(Files.readString(dir.resolve("figures/boxes-cpu_pct.svg")));
    while (m.find()) used.addAll(List.of(m.group(1).split(" ")));
    used.removeAll(Set.of("chart", "boxes", "box", "iqr", "key"));
    assertEquals(Set.of("axis", "cap", "grid", "label", "legend", "tick", "whisker"), used);
    for (String c : used) {
      assertTrue(
          Pattern.compile("(^|[},])\\." + c + "[,{]").matcher(LatexFigures.SVG_CSS).find(), c);
    }
  }

  @Test
  void oneCellHasNoBoxPlots() throws IOException {
    Path dir = report(List.of("k3s"));
    String tex = Files.readString(dir.resolve("figures.tex"));
    assertFalse(tex.contains("boxplot prepared"), tex);
    assertFalse(tex.contains("fig:kexp-boxes"), tex);
    try (Stream<Path> files = Files.list(dir.resolve("figures"))) {
      assertTrue(files.noneMatch(p -> p.getFileName().toString().startsWith("boxes-")));
    }
  }

  /** The figure environment with the label fig:kexp-boxes-{@code key}. */
  private static String figure(String tex, String key) {
    int end = tex.indexOf("\\label{fig:kexp-boxes-" + key + "}");
    assertTrue(end >= 0, "the " + key + " box plots in " + tex);
    return tex.substring(tex.lastIndexOf("\\begin{figure}", end), end);
  }

  /**
   * What follows "boxplot prepared={" in the box after the comment naming it, to the line's end.
   */
  private static String box(String figure, String name) {
    Matcher m =
        Pattern.compile(
                "    % "
                    + Pattern.quote(name)
                    + "\n    \\\\addplot\\[[^\\n]*?boxplot prepared=\\{([^\\n]*);\n")
            .matcher(figure);
    assertTrue(m.find(), name + " in " + figure);
    return m.group(1);
  }

  private static int count(String s, String what) {
    int n = 0;
    for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) n++;
    return n;
  }
}
