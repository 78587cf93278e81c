package dev.kexp.runtime.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * report.html opened in a real headless Chromium, offline: every chart drawn (a canvas per chart),
 * no script error, and a screenshot. The page's own script records errors in the DOM, which
 * Chromium's --dump-dom shows, so no debugging protocol is needed.
 */
class HtmlInChromiumTest {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  @TempDir Path tmp;

  static void assumeChromium() {
    boolean present = Files.isExecutable(CHROMIUM);
    if (!present && "true".equals(System.getenv("CI"))) {
      fail("CI=true but " + CHROMIUM + " is missing; .ci/run installs it (apt package chromium)");
    }
    assumeTrue(present, "skipped: Chromium is not installed (apt-get install chromium)");
  }

  record Browser(String stdout, String stderr) {}

  Browser chromium(String... args) throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(
            List.of(
                CHROMIUM.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--hide-scrollbars",
                "--enable-logging=stderr",
                "--v=0",
                "--user-data-dir=" + Files.createTempDirectory(tmp, "profile")));
    command.addAll(List.of(args));
    Path out = Files.createTempFile(tmp, "out", ".txt");
    Path err = Files.createTempFile(tmp, "err", ".txt");
    Process p =
        new ProcessBuilder(command)
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail("Chromium did not finish within 60 s");
    }
    return new Browser(
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  static String attribute(String dom, String name) {
    Matcher m = Pattern.compile(name + "=\"([^\"]*)\"").matcher(dom);
    return m.find() ? m.group(1) : null;
  }

  static int count(String s, String what) {
    int n = 0;
    for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) n++;
    return n;
  }

  @Test
  void everyChartIsDrawnWithoutErrorsAndAScreenshotIsTaken() throws Exception {
    assumeChromium();
    Path dir = tmp.resolve("results");
    ResultsFixture.write(dir, "chromium", "complete", ResultsFixture.DEFAULT_REPS);
    ResultsFixture.addClusterData(dir, ResultsFixture.DEFAULT_REPS);
    Report.write(dir, Set.of("html"));
    Path html = dir.resolve("report.html").toAbsolutePath();
    String page = Files.readString(html);
    int charts = count(page, "<div class=\"chart\" id=\"chart-");
    // load (requests/s: successful, failed, all; latency p50, p90, p99; users), CPU/memory/disk
    // util./disk write × 2 roles (8), replicas, Prometheus; the time per step is an SVG
    assertEquals(17, charts);

    Browser b =
        chromium(
            "--virtual-time-budget=3000",
            "--window-size=1200,900",
            "--dump-dom",
            html.toUri().toString());
    String dom = b.stdout();
    assertEquals(String.valueOf(charts), attribute(dom, "data-charts-rendered"), b.stderr());
    assertEquals("0", attribute(dom, "data-chart-errors"), dom);
    assertTrue(count(dom, "<canvas") >= charts, "a canvas per chart");
    assertEquals(charts, count(dom, "data-rendered=\"true\""));
    assertFalse(b.stderr().contains("Uncaught"), b.stderr());

    Path shot = tmp.resolve("report.png").toAbsolutePath();
    chromium("--window-size=1200,2400", "--screenshot=" + shot, html.toUri().toString());
    assertTrue(Files.size(shot) > 20_000, "a screenshot with content, not a blank page");
    byte[] png = Files.readAllBytes(shot);
    assertEquals((byte) 0x89, png[0]);
    assertEquals('P', png[1]);
  }

  /**
   * Measures the page where it is drawn: a script added to a copy of the report records on {@code
   * <body>} how many lifecycle tables there are, whether each is no wider than its column, and how
   * many bars of the time per step the browser laid out with a height.
   */
  static final String MEASURE =
      "<script>(function () {\n"
          + "  var tables = [].slice.call(document.querySelectorAll('table.lifecycle'));\n"
          + "  document.body.setAttribute('data-lifecycle-tables', String(tables.length));\n"
          + "  document.body.setAttribute('data-tables-fit', String(tables.every(function (t) {\n"
          + "    return t.getBoundingClientRect().width <= t.parentElement.clientWidth + 0.5; })));\n"
          + "  document.body.setAttribute('data-table-widths', tables.map(function (t) {\n"
          + "    return Math.round(t.getBoundingClientRect().width) + ' of '"
          + " + t.parentElement.clientWidth; }).join(', '));\n"
          + "  var bars = [].slice.call(document.querySelectorAll('svg.bars rect.bar'));\n"
          + "  document.body.setAttribute('data-bars-drawn', String(bars.filter(function (b) {\n"
          + "    return b.getBoundingClientRect().height > 0; }).length));\n"
          + "})();</script>\n";

  @Test
  void lifecycleTableAndTimePerStepBarsShowWithoutScriptErrorsAndTheTableFitsThePage()
      throws Exception {
    assumeChromium();
    Path dir =
        LifecycleFixture.write(
            tmp.resolve("results"),
            LifecycleReportTest.PLATFORMS,
            3,
            LifecycleReportTest::seconds,
            LifecycleReportTest::value,
            true);
    Report.write(dir, Set.of("html"));
    String page = Files.readString(dir.resolve("report.html"));
    int charts = count(page, "<div class=\"chart\" id=\"chart-");
    Path measured = dir.resolve("measured.html").toAbsolutePath();
    Files.writeString(measured, page.replace("</body>", MEASURE + "</body>"));

    Browser b =
        chromium(
            "--virtual-time-budget=3000",
            "--window-size=1200,900",
            "--dump-dom",
            measured.toUri().toString());
    String dom = b.stdout();
    assertEquals("0", attribute(dom, "data-chart-errors"), dom);
    assertEquals(String.valueOf(charts), attribute(dom, "data-charts-rendered"), b.stderr());
    assertFalse(b.stderr().contains("Uncaught"), b.stderr());
    // Table 1: one table of three platforms, within the page's column
    assertEquals("1", attribute(dom, "data-lifecycle-tables"), dom);
    assertEquals("true", attribute(dom, "data-tables-fit"), attribute(dom, "data-table-widths"));
    String row = LifecycleReportTest.row(dom, "idle #2", "worker");
    assertTrue(row.contains("data-cell=\"k3s\" data-metric=\"cpu_pct\" data-stat=\"mean\""), row);
    assertEquals(15.0, LifecycleReportTest.value(row, "k3s", "cpu_pct", "mean"), 1e-9);
    // Figure 3: 10 steps × 3 platforms, every bar drawn with a height
    assertEquals("30", attribute(dom, "data-bars-drawn"), dom);
    String bar = LifecycleReportTest.bar(dom, "kubeadm", "startMaster");
    assertEquals("70", LifecycleReportTest.attr(bar, "data-mean"));

    Path shot = tmp.resolve("lifecycle.png").toAbsolutePath();
    chromium("--window-size=1200,3000", "--screenshot=" + shot, measured.toUri().toString());
    assertTrue(Files.size(shot) > 20_000, "a screenshot with content, not a blank page");
  }

  @Test
  void aScriptErrorIsSeenByTheCheck() throws Exception {
    // The check above must be able to fail: a page whose chart data is broken reports it.
    assumeChromium();
    Path dir = tmp.resolve("results");
    ResultsFixture.write(dir, "broken", "complete", ResultsFixture.DEFAULT_REPS);
    Report.write(dir, Set.of("html"));
    Path html = dir.resolve("report.html");
    String page = Files.readString(html).replace("\"lines\":[", "\"lines\":7,\"unused\":[");
    Path broken = tmp.resolve("broken.html").toAbsolutePath();
    Files.writeString(broken, page);
    String dom =
        chromium("--virtual-time-budget=3000", "--dump-dom", broken.toUri().toString()).stdout();
    assertFalse(
        "0".equals(attribute(dom, "data-chart-errors")),
        dom.length() > 500 ? dom.substring(dom.length() - 500) : dom);
  }
}
