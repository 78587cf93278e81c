package dev.kexp.runtime.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report of the fixture and of a paper-sized directory (bench/paper-sized.py: 4 cells × 10
 * repetitions × 32 minutes) in a real headless Chromium: every chart drawn, no script error, no
 * band below zero and one distinct colour per cell (read from the charts' data), every table within
 * the page's column; screenshots are kept in target/report-screenshots/.
 */
class PaperSizedReportInChromiumTest {
  @TempDir Path tmp;

  static final Path SHOTS = Path.of("target/report-screenshots");

  /** Measures tables where they are drawn, as {@link HtmlInChromiumTest#MEASURE} does. */
  static final String MEASURE =
      "<script>(function () {\n"
          + "  var main = document.querySelector('main');\n"
          + "  var room = main.clientWidth - 56;\n"
          + "  var tables = [].slice.call(document.querySelectorAll('table.data'));\n"
          + "  var wide = tables.filter(function (t) {\n"
          + "    return t.getBoundingClientRect().width > room + 0.5; });\n"
          + "  document.body.setAttribute('data-tables', String(tables.length));\n"
          + "  document.body.setAttribute('data-wide-tables', wide.map(function (t) {\n"
          + "    return (t.className + ' ' + Math.round(t.getBoundingClientRect().width) + '/' + room);"
          + " }).join('; '));\n"
          + "})();</script>\n";

  /** The checks on the page and its chart data; returns the number of charts. */
  int check(Path dir, String name, int cells) throws Exception {
    String page = Files.readString(dir.resolve("report.html"));
    JsonNode charts = ReportTest.chartData(page);
    Map<String, String> colourOfCell = new HashMap<>();
    for (JsonNode c : charts) {
      Set<String> colours = new HashSet<>();
      for (JsonNode l : c.get("lines")) {
        String cell = l.get("label").asText();
        String colour = l.get("color").asText();
        assertTrue(colours.add(colour), c.get("title") + ": a colour used twice");
        String before = colourOfCell.putIfAbsent(cell, colour);
        assertEquals(before == null ? colour : before, colour, cell + " keeps its colour");
        for (JsonNode lo : l.get("lo")) {
          assertTrue(lo.isNull() || lo.asDouble() >= 0, c.get("title") + ": band below zero");
        }
      }
    }
    assertEquals(cells, colourOfCell.size());
    assertEquals(cells, new HashSet<>(colourOfCell.values()).size(), "a colour per cell");

    Path measured = dir.resolve("measured.html").toAbsolutePath();
    Files.writeString(measured, page.replace("</body>", MEASURE + "</body>"));
    HtmlInChromiumTest browser = new HtmlInChromiumTest();
    browser.tmp = tmp;
    HtmlInChromiumTest.Browser b =
        browser.chromium(
            "--virtual-time-budget=10000",
            "--window-size=1200,900",
            "--dump-dom",
            measured.toUri().toString());
    String dom = b.stdout();
    assertEquals("0", HtmlInChromiumTest.attribute(dom, "data-chart-errors"), b.stderr());
    assertEquals(
        String.valueOf(charts.size()),
        HtmlInChromiumTest.attribute(dom, "data-charts-rendered"),
        b.stderr());
    assertFalse(b.stderr().contains("Uncaught"), b.stderr());
    assertEquals(
        "", HtmlInChromiumTest.attribute(dom, "data-wide-tables"), "tables wider than the page");

    Files.createDirectories(SHOTS);
    Path shot = SHOTS.resolve(name + ".png").toAbsolutePath();
    browser.chromium(
        "--window-size=1200,6000", "--screenshot=" + shot, measured.toUri().toString());
    assertTrue(Files.size(shot) > 50_000, "a screenshot with content");
    return charts.size();
  }

  @Test
  void theFixturesReportDrawsEveryChartInItsCellsColours() throws Exception {
    HtmlInChromiumTest.assumeChromium();
    Path dir = tmp.resolve("results");
    ResultsFixture.write(dir, "chromium", "complete", ResultsFixture.DEFAULT_REPS);
    ResultsFixture.addClusterData(dir, ResultsFixture.DEFAULT_REPS);
    Report.write(dir, Set.of("html"));
    assertEquals(17, check(dir, "fixture", 2));
  }

  @Test
  void aPaperSizedReportIsSmallAndDrawsEveryChart() throws Exception {
    HtmlInChromiumTest.assumeChromium();
    Path script = Path.of("../bench/paper-sized.py").toAbsolutePath().normalize();
    boolean python = Files.isExecutable(Path.of("/usr/bin/python3"));
    if (!python && "true".equals(System.getenv("CI"))) fail("CI=true but python3 is missing");
    assumeTrue(python, "skipped: python3 is not installed");
    Path dir = tmp.resolve("paper");
    Process p =
        new ProcessBuilder("python3", script.toString(), dir.toString()).inheritIO().start();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue());
    Report.write(dir, Set.of("html", "json", "latex"));
    long html = Files.size(dir.resolve("report.html"));
    assertTrue(html < 3_000_000, "report.html " + html + " bytes");
    String json = Files.readString(dir.resolve("summary.json"));
    assertFalse(json.contains("\n  "), "summary.json is compact");
    // Aggregates only: the million per-second points are series.csv's.
    assertTrue(json.length() < 1_000_000, "summary.json " + json.length() + " bytes");
    String page = Files.readString(dir.resolve("report.html"));
    // 40 breakpoints: a table per cell, no label per run
    assertTrue(page.contains("id=\"breakpoints\""));
    assertTrue(page.contains("drawn a point per 3 s"), "the caption says the series are thinned");
    check(dir, "paper-sized", 4);
    // TeX keeps a float's paths in memory until its page ships: a thousand points a line ran out
    // of it after ten figures.
    CompareAndLatexTest.compileIfTexIsInstalled(dir, 300);
  }
}
