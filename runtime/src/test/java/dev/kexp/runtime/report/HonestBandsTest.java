package dev.kexp.runtime.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A chart never draws a quantity outside what it can take: bands are clamped at 0 (and 100 for a
 * percentage), and with two repetitions the band is the runs' range, not a t-interval with one
 * degree of freedom; the caption says which.
 */
class HonestBandsTest {
  @TempDir Path dir;

  static Aggregates.Summary of(Double... values) {
    return Aggregates.of(List.of(values));
  }

  @Test
  void twoRunsGiveTheirRangeAndThreeOrMoreTheClampedInterval() {
    Band two = Band.of(of(100.0, 200.0), false);
    assertTrue(two.range());
    assertEquals(100.0, two.low(), 1e-9);
    assertEquals(200.0, two.high(), 1e-9);
    // t(0.975, 2) = 4.3027; mean 10, σ 10 → 10 ± 24.84: the low end would be −14.84.
    Band three = Band.of(of(0.0, 10.0, 20.0), false);
    assertFalse(three.range());
    assertEquals(0.0, three.low(), 1e-9);
    assertEquals(10 + 4.302652730 * 10 / Math.sqrt(3), three.high(), 1e-6);
    Band cpu = Band.of(of(90.0, 99.0, 100.0), true);
    assertEquals(100.0, cpu.high(), 1e-9, "a percentage is at most 100");
    assertNull(Band.of(of(5.0), false), "one run has no spread");
    assertEquals("range of the 2 runs (too few for a CI)", Band.describe(List.of(of(1.0, 2.0))));
    assertEquals("95 % CI across repetitions", Band.describe(List.of(of(1.0, 2.0, 3.0))));
    assertNull(Band.describe(List.of(of(1.0))));
  }

  /** The fixture has two repetitions whose requests/s t-interval reaches −485. */
  @Test
  void noChartOfAReportDrawsBelowZeroOrAboveAHundredPercent() throws Exception {
    ResultsFixture.write(dir, "quickstart", "complete", ResultsFixture.DEFAULT_REPS);
    Report.write(dir, Set.of("html", "latex"));
    String html = Files.readString(dir.resolve("report.html"));
    Matcher m =
        Pattern.compile(
                "<script type=\"application/json\" id=\"kexp-chart-data\">(.*?)</script>",
                Pattern.DOTALL)
            .matcher(html);
    assertTrue(m.find(), "the charts' data is in the page");
    JsonNode charts = new ObjectMapper().readTree(m.group(1));
    int bands = 0;
    for (JsonNode c : charts) {
      if (!c.path("kind").asText().equals("line")) continue;
      boolean percent = c.path("y").asText().endsWith("%");
      for (JsonNode l : c.path("lines")) {
        for (JsonNode v : l.path("lo")) {
          if (v.isNull()) continue;
          bands++;
          assertTrue(v.asDouble() >= 0, c.path("title") + " draws " + v + " below zero");
        }
        for (JsonNode v : l.path("hi")) {
          if (v.isNull() || !percent) continue;
          assertTrue(v.asDouble() <= 100, c.path("title") + " draws " + v + " above 100 %");
        }
      }
      if (c.has("band")) {
        assertEquals("range of the 2 runs (too few for a CI)", c.path("band").asText());
      }
    }
    assertTrue(bands > 0, "the fixture draws bands");
    assertTrue(html.contains("shaded: range of the 2 runs (too few for a CI)"), "the caption says");
    String figures = Files.readString(dir.resolve("figures.tex"));
    assertTrue(figures.contains("shaded range of the 2 runs"), figures);
    assertFalse(figures.contains("95\\,\\% confidence"), figures);
  }
}
