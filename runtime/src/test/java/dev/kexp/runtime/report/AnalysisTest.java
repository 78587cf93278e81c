package dev.kexp.runtime.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kexp.runtime.report.Aggregates.Summary;
import dev.kexp.runtime.report.Analysis.CellAnalysis;
import dev.kexp.runtime.report.Analysis.Point;
import dev.kexp.runtime.report.Analysis.ReportData;
import dev.kexp.runtime.report.Analysis.SeriesDef;
import dev.kexp.runtime.results.EventsFile;
import dev.kexp.runtime.results.LoadSeriesFile;
import dev.kexp.runtime.results.Results;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Aggregation against values computed by hand from {@link ResultsFixture}. */
class AnalysisTest {
  @TempDir Path dir;
  ReportData data;

  @BeforeEach
  void load() throws Exception {
    ResultsFixture.write(dir, "fixture", "complete", ResultsFixture.DEFAULT_REPS);
    ResultsFixture.addClusterData(dir, ResultsFixture.DEFAULT_REPS);
    data = Analysis.analyse(Results.load(dir));
  }

  CellAnalysis cell(String name) {
    return data.cells().stream().filter(c -> c.cell().equals(name)).findFirst().orElseThrow();
  }

  static List<Point> series(CellAnalysis c, String key) {
    return c.series().entrySet().stream()
        .filter(e -> e.getKey().key().equals(key))
        .map(Map.Entry::getValue)
        .findFirst()
        .orElseThrow(() -> new AssertionError(key + " in " + c.series().keySet()));
  }

  static Summary at(List<Point> points, long second) {
    return points.stream().filter(p -> p.second() == second).findFirst().orElseThrow().summary();
  }

  @Test
  void perSecondMeanSdAndIntervalAcrossRepetitions() {
    // Time zero is the start of the ramp, the first load phase (10 s into each run).
    // second 2 of k3s_v1: rps 100 and 200 → mean 150, σ 70.7107, CI 150 ± 12.7062 · 70.7107 / √2
    Summary s = at(series(cell("k3s_v1"), "rps"), 2);
    assertEquals(2, s.n());
    assertEquals(150, s.mean(), 1e-9);
    assertEquals(70.7106781, s.sd(), 1e-6);
    assertEquals(150 + 635.310237, s.ciHigh(), 1e-5);
    // CPU of the master in k3s_v1 during deploy: 10 and 30 → 20 ± 14.1421
    Summary cpu = at(series(cell("k3s_v1"), "cpu_pct_master"), -7);
    assertEquals(20, cpu.mean(), 1e-9);
    assertEquals(14.1421356, cpu.sd(), 1e-6);
  }

  @Test
  void replicasPrometheusAndUsersAreSeries() {
    CellAnalysis k = cell("kubeadm");
    // ready replicas: repetition number (1 and 2) during deploy, 5 during the ramp
    // (seconds since the ramp's start, 10 s into the run)
    assertEquals(1.5, at(series(k, "replicas_openfaas-fn/factorial"), -6).mean(), 1e-9);
    assertEquals(5.0, at(series(k, "replicas_openfaas-fn/factorial"), 4).mean(), 1e-9);
    assertEquals(0.0, at(series(k, "replicas_openfaas-fn/factorial"), 4).sd(), 1e-9);
    // Prometheus value 10 × repetition
    assertEquals(15.0, at(series(k, "prom_rps"), -3).mean(), 1e-9);
    assertEquals(10.0, at(series(k, "users"), 2).mean(), 1e-9);
    assertTrue(k.series().keySet().stream().map(SeriesDef::group).anyMatch("replicas"::equals));
  }

  @Test
  void latencyPercentilesComeFromTheMergedHistogram() {
    // 1..1000 ms once each, in two intervals: p50 = 500 ms, p99 = 990 ms (HdrHistogram's
    // three significant digits allow 0.1 %)
    Map<String, Double> m = cell("k3s_v1").runs().get(0).metrics();
    assertEquals(500, m.get("p50_ms"), 0.5);
    assertEquals(900, m.get("p90_ms"), 1);
    assertEquals(990, m.get("p99_ms"), 1);
    assertEquals(999, m.get("p999_ms"), 1);
  }

  @Test
  void breakpointIsPlacedFromTheStartOfItsPhase() {
    CellAnalysis k = cell("k3s_v1");
    // the ramp, the first load phase, is time zero; the breakpoint is 5 s into the ramp, in
    // repetition 2 only
    assertEquals(List.of(5.0), k.breakpoints());
    Summary b = k.metrics().get("breakpoint_s");
    assertEquals(1, b.n());
    assertEquals(5.0, b.mean(), 1e-9);
    assertEquals(150.0, k.metrics().get("breakpoint_target").mean(), 1e-9);
    assertEquals(120.5, k.metrics().get("breakpoint_rps").mean(), 1e-9);
  }

  @Test
  void severalLoadPhasesGetTheirOwnPeakErrorsAndP99() {
    // one load phase in the fixture: its numbers are the run's, not repeated per phase
    assertTrue(cell("k3s_v1").metrics().keySet().stream().noneMatch(k -> k.startsWith("load:")));
    long t0 = 1_000_000L;
    List<EventsFile.Row> events =
        List.of(
            new EventsFile.Row(t0, "phase-start", "ramp", 1),
            new EventsFile.Row(t0 + 2000, "phase-end", "ramp", 1),
            new EventsFile.Row(t0 + 2000, "phase-start", "hold", 2),
            new EventsFile.Row(t0 + 4000, "phase-end", "hold", 2));
    List<LoadSeriesFile.Row> load =
        List.of(
            row(t0 + 500, "ramp", 10, 0, 5),
            row(t0 + 1500, "ramp", 30, 1, 7),
            row(t0 + 2500, "hold", 50, 2, 9),
            row(t0 + 3500, "hold", 40, 3, 11));
    Results.Run run =
        new Results.Run(
            new Results.RunRef("r", "c", 1, "complete", "runs/c/rep-01"),
            true,
            events,
            load,
            List.of());
    Map<String, Double> m = Analysis.analyseRun(run).metrics();
    assertEquals(30.0, m.get("load:ramp:peak_rps"));
    assertEquals(1.0, m.get("load:ramp:errors"));
    assertEquals(7.0, m.get("load:ramp:worst_p99_ms"));
    assertEquals(50.0, m.get("load:hold:peak_rps"));
    assertEquals(5.0, m.get("load:hold:errors"));
    assertEquals("Peak throughput in hold", Analysis.label("load:hold:peak_rps"));
    assertEquals("ms", Analysis.unit("load:ramp:worst_p99_ms"));
  }

  private static LoadSeriesFile.Row row(
      long ms, String phase, double rps, double errors, double p99) {
    return new LoadSeriesFile.Row(
        ms, 0, phase, 0, 0, rps, rps, errors, 0, rps, 1, 2, p99, p99, p99, java.util.Map.of());
  }

  @Test
  void timePerPhaseAndPhaseRoleTable() {
    CellAnalysis k = cell("kubeadm");
    assertEquals(10.0, k.metrics().get(Analysis.DURATION_PREFIX + "deploy").mean(), 1e-9);
    // master CPU during ramp: 50 + 10 and 70 + 10 → 70 ± 14.1421
    Summary ramp = k.phaseStats().get(new Analysis.PhaseRole("ramp", "master")).get("cpu_pct");
    assertEquals(70.0, ramp.mean(), 1e-9);
    assertEquals(14.1421356, ramp.sd(), 1e-6);
    // workers: w1 50 and w2 70 in every sample → each run's worker mean is 60, σ across runs 0
    Summary workers = k.phaseStats().get(new Analysis.PhaseRole("deploy", "worker")).get("cpu_pct");
    assertEquals(60.0, workers.mean(), 1e-9);
    assertEquals(0.0, workers.sd(), 1e-9);
  }
}
