package dev.kexp.runtime.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kexp.runtime.report.Analysis.ReportData;
import dev.kexp.runtime.results.ReferenceFile;
import dev.kexp.runtime.results.Results;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Published values beside the measured ones, with the difference and the CI check. */
class ReferenceViewTest {
  @TempDir Path tmp;

  @Test
  void publishedValuesAreComparedWithTheMeasuredMeanAndItsInterval() throws Exception {
    Path dir = LoadLevelsTest.write(tmp.resolve("results"));
    Path published = tmp.resolve("published.csv");
    Files.writeString(
        published,
        "# level 25 of the first paper's figure 10, made up for the test\n"
            + "metric,cell,phase,role,value,sd,source\n"
            // measured 252 ± 1 over 3 runs: CI 252 ± 4.303 · 1 / √3 = [249.52, 254.48]
            + "level:25:ok_rps,docker,,,250,,Fig. 10\n"
            + "level:25:ok_rps,containerd,,,250,3,Fig. 10\n"
            + "mean_rps,podman,,,1,,\n"
            + "level:25:ok_rps,docker,,,lots,,\n");
    ReportData data = Analysis.analyse(Results.load(dir), new ReportOptions(null, published));
    Reference.View v = Reference.of(data);
    assertEquals(3, v.rows().size());
    Reference.Comparison docker = v.rows().get(0);
    assertEquals(252.0, docker.measured().mean(), 1e-9);
    assertEquals(2.0, docker.difference(), 1e-9);
    assertEquals(0.008, docker.relative(), 1e-9);
    assertEquals(Boolean.TRUE, docker.inside());
    // containerd serves 11 · 25 + r: 277 ± 1, so 250 lies outside its interval
    Reference.Comparison containerd = v.rows().get(1);
    assertEquals(27.0, containerd.difference(), 1e-9);
    assertEquals(Boolean.FALSE, containerd.inside());
    Reference.Comparison missing = v.rows().get(2);
    assertEquals(0, missing.measured().n());
    assertNull(missing.inside());
    assertTrue(missing.why().contains("no cell 'podman'"), missing.why());
    // the unreadable value is a problem at its line and column, not an exception
    assertEquals(
        List.of(
            "published.csv:6:26: value 'lots' is not a number (write it as 12.5, without units)"),
        v.problems());

    Report.write(dir, Set.of("html", "csv"), new ReportOptions(null, published));
    assertTrue(Files.isRegularFile(dir.resolve(ReferenceFile.FILE)), "the directory keeps a copy");
    String html = Files.readString(dir.resolve("report.html"));
    assertTrue(html.contains("<h2>Published and measured</h2>"));
    assertTrue(html.contains("1 of 2 published values with a measured interval lie inside it"));
    String csv = Files.readString(dir.resolve("comparison.csv"));
    assertTrue(csv.contains("level:25:ok_rps,docker,,,Fig. 10,250,,252,1,3,"), csv);
    assertTrue(csv.contains(",true,"), csv);
    // `kexp report DIR` later finds the copy by itself
    assertEquals(dir.resolve("reference.csv"), ReportOptions.of(dir).reference());
  }

  @Test
  void theSecondPapersTable1MeetsTheLifecycleReportsEventsRolesAndCells() throws Exception {
    Path dir =
        LifecycleFixture.write(
            tmp.resolve("lifecycle"),
            LifecycleReportTest.PLATFORMS,
            3,
            LifecycleReportTest::seconds,
            LifecycleReportTest::value,
            true);
    Path table1 = Path.of("../experiments/profiling-lightweight/published.csv");
    ReportData data = Analysis.analyse(Results.load(dir), new ReportOptions(null, table1));
    Reference.View v = Reference.of(data);
    assertEquals(List.of(), v.problems());
    // 10 events × 2 roles × 3 platforms × CPU, memory, disk
    assertEquals(180, v.rows().size());
    for (Reference.Comparison c : v.rows()) {
      assertEquals(3, c.measured().n(), c.published() + ": " + c.why());
    }
    // "Master idle", K3s workers' CPU: published 0.57 (σ 0.16); the fixture's 12, 14, 19 have
    // mean 15 and CI 15 ± 4.303 · 3.606 / √3 = [6.04, 23.96], which 0.57 is not inside
    Reference.Comparison k3s =
        v.rows().stream()
            .filter(
                c ->
                    c.published().cell().equals("k3s")
                        && c.published().phase().equals("idle #2")
                        && c.published().role().equals("worker")
                        && c.published().metric().equals("cpu_pct"))
            .findFirst()
            .orElseThrow();
    assertEquals(0.57, k3s.published().value(), 1e-9);
    assertEquals(0.16, k3s.published().sd(), 1e-9);
    assertEquals(15 - 0.57, k3s.difference(), 1e-9);
    assertEquals(Boolean.FALSE, k3s.inside());
  }

  @Test
  void aPublishedRatioOfTwoCellsIsComparedWithTheRatioOfTheirMeans() throws Exception {
    Path dir = LoadLevelsTest.write(tmp.resolve("results"));
    Path published = tmp.resolve("ratio.csv");
    // containerd over docker at level 50: (550 + 2) / (500 + 2)
    Files.writeString(
        published,
        "metric,cell,phase,role,value,sd,source\nratio:level:50:ok_rps,containerd/docker,,,1.1,,\n");
    Reference.View v =
        Reference.of(Analysis.analyse(Results.load(dir), new ReportOptions(null, published)));
    Reference.Comparison c = v.rows().get(0);
    assertEquals(552.0 / 502, c.measured().mean(), 1e-9);
    assertNull(c.inside(), "a ratio of unpaired runs has no interval");
  }

  @Test
  void aHeaderWithoutValueSaysWhatToWrite() throws Exception {
    Path f = tmp.resolve("bad.csv");
    Files.writeString(f, "metric,cell,published\nx,y,1\n");
    assertEquals(
        List.of(
            "bad.csv:1:1: the header has no column 'value' (write: metric,cell,phase,role,value,sd,source)"),
        ReferenceFile.read(f).problems());
  }
}
