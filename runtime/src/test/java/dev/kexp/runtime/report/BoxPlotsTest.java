package dev.kexp.runtime.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kexp.runtime.report.Analysis.ReportData;
import dev.kexp.runtime.results.Results;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The second paper's figure 2: box plots per event × role across runs, against hand values. */
class BoxPlotsTest {
  @TempDir Path tmp;

  @Test
  void quartilesWhiskersAndOutliersByHand() {
    // 1, 2, 3, 4, 100: h = 4p → q1 = 2, median 3, q3 = 4; IQR 2, so 100 lies beyond 4 + 3
    BoxPlots.Box b = BoxPlots.of(List.of(100.0, 3.0, 1.0, 4.0, 2.0));
    assertEquals(2, b.q1(), 1e-12);
    assertEquals(3, b.median(), 1e-12);
    assertEquals(4, b.q3(), 1e-12);
    assertEquals(1, b.low(), 1e-12);
    assertEquals(4, b.high(), 1e-12);
    assertEquals(List.of(100.0), b.outliers());
    // 12, 14, 19: h = 2p → q1 = 12 + 0.5 · 2 = 13, median 14, q3 = 14 + 0.5 · 5 = 16.5
    BoxPlots.Box c = BoxPlots.of(List.of(19.0, 12.0, 14.0, Double.NaN));
    assertEquals(13, c.q1(), 1e-12);
    assertEquals(14, c.median(), 1e-12);
    assertEquals(16.5, c.q3(), 1e-12);
    assertEquals(12, c.low(), 1e-12);
    assertEquals(19, c.high(), 1e-12);
    assertEquals(3, c.n());
  }

  @Test
  void aLifecycleReportDrawsABoxPerCellEventAndRole() throws Exception {
    Path dir =
        LifecycleFixture.write(
            tmp.resolve("results"),
            LifecycleReportTest.PLATFORMS,
            3,
            LifecycleReportTest::seconds,
            LifecycleReportTest::value,
            true);
    ReportData data = Analysis.analyse(Results.load(dir));
    List<BoxPlots.Figure> figures = BoxPlots.figures(data);
    assertEquals(3, figures.size(), "CPU, memory, disk");
    Report.write(dir, Set.of("html"));
    String html = Files.readString(dir.resolve("report.html"));
    Matcher m =
        Pattern.compile(
                "<g class=\"box\" data-event=\"idle #2\" data-role=\"worker\" data-cell=\"k3s\""
                    + " data-n=\"3\" data-low=\"([^\"]*)\" data-q1=\"([^\"]*)\""
                    + " data-median=\"([^\"]*)\" data-q3=\"([^\"]*)\" data-high=\"([^\"]*)\"")
            .matcher(html);
    assertTrue(m.find(), "the box of K3s's workers in idle #2");
    assertEquals(
        List.of("12", "13", "14", "16.5", "19"),
        List.of(m.group(1), m.group(2), m.group(3), m.group(4), m.group(5)));
    // 10 events × 2 roles × 3 platforms, in each of the 3 figures
    int boxes = 0;
    for (int i = html.indexOf("<g class=\"box\"");
        i >= 0;
        i = html.indexOf("<g class=\"box\"", i + 1)) {
      boxes++;
    }
    assertEquals(3 * 60, boxes);
  }
}
