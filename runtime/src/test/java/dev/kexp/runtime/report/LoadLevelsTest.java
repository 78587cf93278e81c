package dev.kexp.runtime.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kexp.runtime.report.Analysis.CellAnalysis;
import dev.kexp.runtime.report.Analysis.ReportData;
import dev.kexp.runtime.results.LoadSeriesFile;
import dev.kexp.runtime.results.Results;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Throughput and latency against the load level, each level over its steady part. */
class LoadLevelsTest {
  @TempDir Path tmp;

  static final long T0 = 1_800_000_000_000L;

  /** A level of {@code seconds} rows; row i has {@code completed} 10 + i and p50 = i ms. */
  static List<LoadSeriesFile.Row> level(double target, int seconds, long fromSecond, long errors) {
    List<LoadSeriesFile.Row> rows = new ArrayList<>();
    for (int i = 0; i < seconds; i++) {
      double completed = target == 1 ? 10 + i : 100;
      rows.add(
          new LoadSeriesFile.Row(
              T0 + (fromSecond + i) * 1000,
              fromSecond + i,
              "steps",
              target,
              target,
              completed,
              completed,
              errors,
              0,
              completed,
              i,
              i,
              2 * i,
              2 * i,
              2 * i,
              Map.of("http_5xx", errors)));
    }
    return rows;
  }

  @Test
  void eachLevelIsMeasuredOverItsSteadyPartWithHandComputedValues() {
    List<LoadSeriesFile.Row> rows = new ArrayList<>(level(1, 10, 0, 0));
    rows.addAll(level(25, 10, 10, 5));
    Map<String, Double> m = LoadLevels.metrics(rows);
    // Level 1: 10 rows; the first ceil(20 % of 10) = 2 and the last are left out: rows 2..8,
    // completed 12..18 → 15 successful req/s; p50 weighted by completed:
    // (2·12 + 3·13 + 4·14 + 5·15 + 6·16 + 7·17 + 8·18) / 105 = 553 / 105
    assertEquals(15.0, m.get("level:1:ok_rps"), 1e-9);
    assertEquals(553.0 / 105, m.get("level:1:p50_ms"), 1e-9);
    assertEquals(2 * 553.0 / 105, m.get("level:1:p99_ms"), 1e-9);
    assertEquals(0.0, m.get("level:1:error_pct"), 1e-9);
    // Level 25: 100 responses a second, 5 of them 503s → 95 successful, 5 % errors
    assertEquals(95.0, m.get("level:25:ok_rps"), 1e-9);
    assertEquals(100.0, m.get("level:25:rps"), 1e-9);
    assertEquals(5.0, m.get("level:25:error_pct"), 1e-9);
  }

  @Test
  void aRampOrASingleLevelHasNoLevels() {
    List<LoadSeriesFile.Row> ramp = new ArrayList<>();
    for (int i = 0; i < 20; i++) ramp.addAll(level(i + 0.5, 1, i, 0));
    assertTrue(LoadLevels.metrics(ramp).isEmpty(), "a ramp's targets change every second");
    List<LoadSeriesFile.Row> hold = new ArrayList<>(ramp);
    hold.addAll(level(20, 15, 20, 0));
    assertTrue(LoadLevels.metrics(hold).isEmpty(), "one hold is not a sequence of levels");
  }

  /** Two cells × three runs of steps 1, 25, 50 each 10 s; cell b serves 10 % more at each level. */
  static Path write(Path dir) throws Exception {
    List<String> runs = new ArrayList<>();
    String[] cells = {"docker", "containerd"};
    for (int c = 0; c < cells.length; c++) {
      for (int r = 1; r <= 3; r++) {
        String rel = "runs/" + cells[c] + "/rep-0" + r;
        Path run = Files.createDirectories(dir.resolve(rel));
        long t0 = T0 + (c * 10 + r) * 3_600_000L;
        StringBuilder load = new StringBuilder(LoadSeriesFile.csvHeader()).append('\n');
        int s = 0;
        for (int level : new int[] {1, 25, 50}) {
          for (int i = 0; i < 10; i++, s++) {
            double rps = (c == 0 ? 10 : 11) * level + r;
            load.append(
                    LoadSeriesFile.csvLine(
                        new LoadSeriesFile.Row(
                            t0 + s * 1000L,
                            s,
                            "steps",
                            level,
                            level,
                            rps,
                            rps,
                            0,
                            0,
                            rps,
                            level / 10.0,
                            level / 5.0,
                            level / 2.0,
                            level,
                            level,
                            Map.of())))
                .append('\n');
          }
        }
        Files.writeString(run.resolve("load.csv"), load);
        Files.writeString(
            run.resolve("events.jsonl"),
            String.format(
                Locale.ROOT,
                "{\"epoch_ms\":%d,\"event\":\"phase-start\",\"phase\":\"steps\",\"index\":0}\n"
                    + "{\"epoch_ms\":%d,\"event\":\"phase-end\",\"phase\":\"steps\",\"index\":0}\n",
                t0,
                t0 + 30_000));
        runs.add(
            String.format(
                "{\"id\":\"%s/rep-0%d\",\"cell\":\"%s\",\"repetition\":%d,\"status\":\"complete\",\"dir\":\"%s\"}",
                cells[c], r, cells[c], r, rel));
      }
    }
    Files.writeString(
        dir.resolve("manifest.json"),
        "{\"experiment\":\"levels\",\"status\":\"complete\",\"runs\":["
            + String.join(",", runs)
            + "]}",
        StandardCharsets.UTF_8);
    return dir;
  }

  @Test
  void levelsAreFiguresInHtmlAndLatexAndRowsOfTheSummaryWithSignificancePerLevel()
      throws Exception {
    Path dir = write(tmp.resolve("results"));
    ReportData data = Analysis.analyse(Results.load(dir));
    assertEquals(List.of(1.0, 25.0, 50.0), LoadLevels.levels(data.cells()));
    CellAnalysis docker = data.cells().get(0);
    // level 25, runs r = 1..3 at 250 + r req/s → 252 ± 1
    assertEquals(252.0, LoadLevels.at(docker, 25, "ok_rps").mean(), 1e-9);
    assertEquals(1.0, LoadLevels.at(docker, 25, "ok_rps").sd(), 1e-9);
    assertEquals(12.5, LoadLevels.at(docker, 25, "p99_ms").mean(), 1e-9);

    Report.write(dir, Set.of("html", "csv", "json", "latex"));
    String html = Files.readString(dir.resolve("report.html"));
    assertTrue(html.contains("id=\"figure-levels\""), "the levels figure");
    assertTrue(html.contains("its first 20 % (at least 1 s) and its last second are left out"));
    // docker and containerd differ at every level (10 % apart, σ 1): both tests say so
    assertTrue(html.contains("class=\"data levels-significance\""));
    JsonNode charts = ReportTest.chartData(html);
    int levelCharts = 0;
    for (JsonNode c : charts) {
      if (!"levels".equals(c.get("kind").asText())) continue;
      levelCharts++;
      assertEquals(2, c.get("lines").size());
      assertEquals(3, c.get("lines").get(0).get("x").size(), "a point per level");
    }
    assertEquals(3, levelCharts, "successful req/s, p50, p99 against the level");
    String summary = Files.readString(dir.resolve("summary.csv"));
    assertTrue(summary.contains("docker,level:25:ok_rps,3,252,1,"), summary);
    String significance = Files.readString(dir.resolve("significance.csv"));
    assertTrue(significance.contains("level:50:ok_rps"), significance);
    JsonNode json = new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
    assertTrue(json.toString().contains("level:50:p99_ms"));
    String figures = Files.readString(dir.resolve("figures.tex"));
    assertTrue(figures.contains("Successful requests per second against the load level"));
    assertTrue(figures.contains("y error plus=plus, y error minus=minus"));
    assertTrue(Files.readString(dir.resolve("figures/data/level-ok-rps-2.csv")).contains("25,"));
    CompareAndLatexTest.compileIfTexIsInstalled(dir);
  }
}
